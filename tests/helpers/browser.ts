import {chromium, type Browser} from 'playwright-core'
import {startReviewServer, type ReviewServer} from '../../src/app/server.js'
import {ReviewStore} from '../../src/app/store.js'
import {createTranslator, type UiLanguage} from '../../src/cli/i18n.js'
import {appLabels} from '../../src/cli/serve-command.js'

/** Debian's Chromium, or the one `CHROMIUM_PATH` names. */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'

/** Headless Chromium as the tests drive it: no sandbox, no GPU, nothing fetched in the background. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']})
}

/** Who saves, in which language, until when. */
export interface AppOptions {
  readonly lang: UiLanguage
  readonly who: {readonly by: string; readonly at: string}
  readonly signal: AbortSignal
}

/** The review app's store of a project, as `tandem review --serve` makes it. */
export async function appStore(root: string, options: AppOptions): Promise<ReviewStore> {
  const labels = appLabels(await createTranslator(options.lang))
  return new ReviewStore(root, {}, labels, labels, () => options.who, options.signal)
}

/** The review app of a project, as `tandem review --serve` starts it. */
export async function startApp(root: string, options: AppOptions): Promise<ReviewServer> {
  const t = await createTranslator(options.lang)
  const labels = appLabels(t)
  return startReviewServer(await appStore(root, options), {labels, lang: options.lang, describe: (item) => t(`rule.${item.rule}`, item.params)})
}
