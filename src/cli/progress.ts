import type {RetryEvent} from '../providers/retry.js'
import type {Translate} from './i18n.js'
import type {CliIo} from './io.js'

/** Told of the sentences done, and of every wait before a retry. */
export type ProgressReporter = ((done: number, total: number) => void) & {readonly retrying: (event: RetryEvent) => void}

/** Clears the rest of a terminal line, so that a shorter line leaves nothing of a longer one. */
const CLEAR_LINE = '\u001b[K'

/**
 * Progress of a translation run on stderr: a bar with rate and time left on a
 * terminal, a plain line at most every `intervalMs` elsewhere. While the
 * provider is retried, the line says so: "retrying in 4 s (attempt 3 of 10:
 * 503 from api-free.deepl.com)", so that a waiting build is never silent.
 */
export function progressReporter(io: CliIo, t: Translate, now: () => number = Date.now, intervalMs = 2000): ProgressReporter {
  const started = now()
  let last = -Infinity
  let lastRetry = -Infinity
  const tty = io.stderr.isTTY === true
  const update = (done: number, total: number): void => {
    const at = now()
    const finished = done >= total
    if (!finished && at - last < (tty ? 100 : intervalMs)) return
    last = at
    const seconds = Math.max(0.001, (at - started) / 1000)
    const rate = done / seconds
    const left = rate > 0 ? Math.ceil((total - done) / rate) : 0
    if (tty) {
      const width = 24
      const filled = Math.round((done / Math.max(1, total)) * width)
      const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`
      io.stderr.write(`\r${bar} ${t('build.progressBar', {done, total, rate: rate.toFixed(1), left})}${CLEAR_LINE}${finished ? '\n' : ''}`)
    } else {
      io.stderr.write(`${t('build.progress', {done, total, rate: rate.toFixed(1), left})}\n`)
    }
  }
  const retrying = (event: RetryEvent): void => {
    const at = now()
    // Note: several requests may wait at once; one line per interval says enough.
    if (at - lastRetry < (tty ? 100 : intervalMs)) return
    lastRetry = at
    const line = t('build.retrying', {seconds: Math.max(1, Math.ceil(event.delayMs / 1000)), attempt: event.attempt + 1, attempts: event.attempts, reason: retryReason(event, t)})
    io.stderr.write(tty ? `\r${line}${CLEAR_LINE}` : `${line}\n`)
  }
  return Object.assign(update, {retrying})
}

/** What failed before a retry, in the user's language: `503 from host`, `no answer in time from host`. */
function retryReason(event: RetryEvent, t: Translate): string {
  if (event.what === undefined || event.what.kind === 'other') return event.reason
  const what = event.what.kind === 'timeout' || event.what.kind === 'connection' ? t(`build.retryWhat.${event.what.kind}`) : event.what.detail
  return event.what.host === undefined ? what : t('build.retryFrom', {what, host: event.what.host})
}
