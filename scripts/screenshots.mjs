// Screenshots of the review app and the static review page for the README (npm run screenshots).
// They are made from a copy of the repository's own example (input/, glossary/, output/), offline,
// in Debian's headless Chromium, and written to docs/. The test run never calls this, so tests leave the tree clean.
import {cp, mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {chromium} from 'playwright-core'
import {startReviewServer} from '../dist/app/server.js'
import {ReviewStore} from '../dist/app/store.js'
import {runCli} from '../dist/cli/program.js'
import {createTranslator} from '../dist/cli/i18n.js'
import {appLabels} from '../dist/cli/serve-command.js'

const root = new URL('..', import.meta.url).pathname
const docs = join(root, 'docs')
const work = await mkdtemp(join(tmpdir(), 'tandem-shots-'))
for (const folder of ['input', 'glossary', 'output']) await cp(join(root, folder), join(work, folder), {recursive: true})
const io = {stdout: process.stdout, stderr: process.stderr, cwd: work, env: {LANG: 'C'}, signal: new AbortController().signal}
if ((await runCli(['build', '--quiet'], io)) !== 0) throw new Error('the example did not build')

const t = await createTranslator('en')
const labels = appLabels(t)
const stop = new AbortController()
const server = await startReviewServer(new ReviewStore(work, {}, labels, labels, () => ({by: 'Screenshot', at: new Date(0).toISOString()}), stop.signal), {
  labels,
  lang: 'en',
  describe: (item) => t(`rule.${item.rule}`, item.params)
})
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
})
try {
  const page = await browser.newPage({viewport: {width: 1280, height: 720}, deviceScaleFactor: 1})
  await page.goto(server.url)
  await page.waitForSelector('tbody tr')
  await page.screenshot({path: join(docs, 'review-app-index.png')})
  await page.click('tbody tr a')
  await page.waitForSelector('tbody tr td[lang=en] .text')
  // A sentence open for editing, its placeholders as chips.
  const marked = page.locator('tbody tr', {has: page.locator('td[lang=en] strong, td[lang=en] em, td[lang=en] .link, td[lang=en] code')})
  const row = (await marked.count()) > 0 ? marked.first() : page.locator('tbody tr').nth(3)
  await row.locator('td[lang=en] .text').click()
  await page.waitForSelector('.editor')
  await page.screenshot({path: join(docs, 'review-app-article.png')})
  const still = await browser.newPage({viewport: {width: 1280, height: 720}, deviceScaleFactor: 1})
  await still.goto(pathToFileURL(join(work, 'output/openai-abwerbung.review.html')).href)
  await still.screenshot({path: join(docs, 'review-page.png')})
  console.log(`wrote docs/review-app-index.png, docs/review-app-article.png, docs/review-page.png`)
} finally {
  await browser.close()
  await server.close()
  await rm(work, {recursive: true, force: true})
}
