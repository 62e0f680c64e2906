import type {Translate} from './i18n.js'
import type {CliIo} from './io.js'

/**
 * Progress of a translation run on stderr: a bar with rate and time left on a
 * terminal, a plain line at most every `intervalMs` elsewhere.
 */
export function progressReporter(io: CliIo, t: Translate, now: () => number = Date.now, intervalMs = 2000): (done: number, total: number) => void {
  const started = now()
  let last = -Infinity
  const tty = io.stderr.isTTY === true
  return (done, total) => {
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
      io.stderr.write(`\r${bar} ${t('build.progressBar', {done, total, rate: rate.toFixed(1), left})}${finished ? '\n' : ''}`)
    } else {
      io.stderr.write(`${t('build.progress', {done, total, rate: rate.toFixed(1), left})}\n`)
    }
  }
}
