import {spawn} from 'node:child_process'
import type {AppLabels} from '../app/page.js'
import {startReviewServer} from '../app/server.js'
import {ReviewStore} from '../app/store.js'
import {ConfigError} from '../errors.js'
import {openProject, type FolderFlags} from '../project/open.js'
import {reviewerNow} from '../review/human.js'
import {createTranslator, reviewLabelsOf, type Translate, type UiLanguage} from './i18n.js'
import {EXIT, type CliIo} from './io.js'
import {faultText} from './faults.js'

/** The app's labels in the user's language. */
export function appLabels(t: Translate): AppLabels {
  const review = reviewLabelsOf(t)
  const keys = ['articles', 'article', 'sentences', 'machine', 'reviewed', 'stale', 'flaggedCount', 'changedCount', 'needsReview', 'notBuilt', 'back', 'approve', 'keys', 'saving', 'saved', 'busy', 'failed', 'noArticles', 'missing', 'storedNotWritten', 'inconsistent', 'inconsistentHint', 'makeRule', 'addedRule'] as const
  return {...review, ...Object.fromEntries(keys.map((key) => [key, t(`app.${key}`)]))} as unknown as AppLabels
}

/**
 * `tandem review --serve [--port N] [--open]`: the review app on 127.0.0.1
 * until Ctrl-C; a save in flight is let finish, nothing is left half written.
 */
export async function serveCommand(io: CliIo, flags: FolderFlags & {port?: string; open?: boolean}, t: Translate, language: UiLanguage): Promise<number> {
  // Note: folders and configuration are checked before the server starts.
  const project = await openProject(io.cwd, flags)
  const port = flags.port === undefined ? 0 : Number(flags.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('option --port must be a port number from 0 to 65535', {option: 'port'}, 'portRange')
  const labels = appLabels(t)
  const page = await createTranslator(project.config.reviewLanguage)
  const pageLabels = reviewLabelsOf(page)
  const store = new ReviewStore(io.cwd, flags, labels, pageLabels, () => reviewerNow(io.env, io.cwd), io.signal)
  const server = await startReviewServer(store, {labels, lang: language, port, describe: (item) => t(`rule.${item.rule}`, item.params), fault: (error) => faultText(error, t)}).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') throw new ConfigError(`port ${port} is in use; choose another with --port, or leave it out for a free one`, {port}, 'portInUse')
    throw error
  })
  io.stdout.write(`${t('app.listening', {url: server.url})}\n`)
  if (flags.open === true) openBrowser(server.url)
  await new Promise<void>((resolve) => {
    if (io.signal.aborted) resolve()
    else io.signal.addEventListener('abort', () => resolve(), {once: true})
  })
  await server.close()
  io.stderr.write(`${t('app.stopped')}\n`)
  return EXIT.ok
}

/** The system's browser at `url`; a machine without one just goes on. */
function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open'
  try {
    spawn(command, [url], {detached: true, stdio: 'ignore'}).on('error', () => undefined).unref()
  } catch {
    // Note: the URL is printed; opening it by hand is the fallback.
  }
}
