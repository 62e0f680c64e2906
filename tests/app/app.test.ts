import {readFile, writeFile} from 'node:fs/promises'
import {request as httpRequest} from 'node:http'
import {networkInterfaces} from 'node:os'
import {join} from 'node:path'
import type {Browser, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {ReviewServer} from '../../src/app/server.js'
import {launchChromium, startApp} from '../helpers/browser.js'
import {makeProject, tandem} from '../helpers/project.js'
import {hostileProvider} from '../helpers/providers.js'

const WHO = {by: 'Erika Muster', at: '2026-12-02T10:00:00.000Z'}
/** A save rebuilds the article: on a loaded machine that takes seconds. */
const SAVE = {timeout: 20_000}

const ARTICLE = [
  '# Die Abwerbung',
  '',
  'Die **Abwerbung** von Ingenieuren geht weiter. Mehr steht [im Bericht](https://example.org/bericht) und in `report()`.',
  '',
  'Ein Satz mit \\<script\\>window.pwned = 1\\</script\\> als Text.',
  '',
  'Ein letzter Satz steht hier.',
  ''
].join('\n')

let browser: Browser
let root: string
let server: ReviewServer
const stop = new AbortController()

beforeAll(async () => {
  browser = await launchChromium()
  root = await makeProject({'input/a.md': ARTICLE, 'input/b.md': 'Ein anderer Artikel.\n', 'glossary/g.yaml': 'terms:\n  - de: Abwerbung\n    en: poaching\n'})
  expect((await tandem(root, ['build', '--provider', 'h', '--quiet'], {providers: {h: hostileProvider()}})).code).toBe(0)
  server = await startApp(root, {lang: 'en', who: WHO, signal: stop.signal})
}, 60_000)

afterAll(async () => {
  await server?.close()
  await browser?.close()
})

const memoryLine = async (german: string): Promise<Record<string, string> | undefined> =>
  (await readFile(join(root, 'output/.tandem/memory.de-en.jsonl'), 'utf8'))
    .split('\n')
    .filter((line) => line.includes(`"source":${JSON.stringify(german)}`))
    .map((line) => JSON.parse(line) as Record<string, string>)[0]

/** A page that records what it asks for outside the app, dialogs, and errors. */
async function openApp(): Promise<{page: Page; outside: string[]; dialogs: string[]}> {
  const page = await browser.newPage({viewport: {width: 1300, height: 900}})
  const outside: string[] = []
  const dialogs: string[] = []
  page.on('request', (request) => {
    if (!request.url().startsWith(server.url)) outside.push(request.url())
  })
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  await page.goto(server.url)
  return {page, outside, dialogs}
}

describe('tandem review --serve, driven as a reviewer would', () => {
  it('lists the articles with their counts, sorts them and filters those that need review', async () => {
    const {page} = await openApp()
    const rows = page.locator('tbody tr')
    // The first page of the run starts the browser: a hang guard, not a timing target.
    await expect.poll(() => rows.count(), {timeout: 15_000}).toBe(2)
    expect(await page.locator('tbody tr[data-name="a.md"] td.count').allTextContents()).toEqual(['5', '5', '0', '0', '4', '0', '0'])
    await page.click('th[data-key=sentences]')
    expect(await rows.evaluateAll((all) => all.map((row) => (row as HTMLElement).dataset['name']))).toEqual(['b.md', 'a.md'])
    await page.click('th[data-key=sentences]')
    expect(await rows.evaluateAll((all) => all.map((row) => (row as HTMLElement).dataset['name']))).toEqual(['a.md', 'b.md'])
    await page.check('#needs')
    expect(await rows.count()).toBe(2)
    await page.close()
  })

  it('edits a sentence with the keyboard, saves it into the memory and the article, and keeps it after a reload', async () => {
    const {page, outside, dialogs} = await openApp()
    await page.click('a[href="#/a/a.md"]')
    await expect.poll(() => page.locator('tbody tr').count()).toBe(5)
    // j moves to the second row (the first sentence), Enter edits it.
    await page.locator('tbody tr').first().focus()
    await page.keyboard.press('j')
    await page.keyboard.press('Enter')
    const editor = page.locator('.editor')
    await expect.poll(() => editor.count()).toBe(1)
    // The bold word is a pair of chips around editable text.
    expect(await editor.locator('.tag').allTextContents()).toEqual(['bold›', '‹bold'])
    await page.keyboard.press('End')
    await page.keyboard.type(' Edited.')
    await page.keyboard.press('Control+Enter')
    await expect.poll(() => page.locator('#status').textContent(), SAVE).toContain('Saved')
    const entry = await memoryLine('Die <b1>Abwerbung</b1> von Ingenieuren geht weiter.')
    expect(entry).toEqual({source: 'Die <b1>Abwerbung</b1> von Ingenieuren geht weiter.', target: 'EN Die <b1>poaching</b1> von Ingenieuren geht weiter. Edited.', status: 'reviewed', provider: 'human', ...WHO})
    const en = await readFile(join(root, 'output/a.en.md'), 'utf8')
    expect(en).toContain('EN Die **poaching** von Ingenieuren geht weiter. Edited.')
    expect(await readFile(join(root, 'output/a.de-en.md'), 'utf8')).toContain('Edited.')
    await page.reload()
    await expect.poll(() => page.locator('tbody tr.reviewed td[lang=en] .text').first().textContent(), SAVE).toContain('Edited.')
    expect(outside).toEqual([])
    expect(dialogs).toEqual([])
    await page.close()
  })

  it('says so while a build holds the output folder, and saves once it is free', async () => {
    const {acquireOutputLock} = await import('../../src/builder/lock.js')
    const lock = await acquireOutputLock(join(root, 'output'), 'build')
    const {page} = await openApp()
    try {
      await page.click('a[href="#/a/b.md"]')
      const row = page.locator('tbody tr', {hasText: 'Ein anderer Artikel.'})
      await expect.poll(() => row.count()).toBe(1)
      await row.locator('td[lang=en] .text').click()
      await page.keyboard.press('Control+a')
      await page.keyboard.type('Another article, reviewed.')
      await page.keyboard.press('Control+Enter')
      await expect.poll(() => page.locator('#status').textContent()).toContain('A build is writing to the output folder')
      expect((await memoryLine('Ein anderer Artikel.'))?.status).toBe('machine')
    } finally {
      await lock.release()
    }
    await expect.poll(() => page.locator('#status').textContent(), SAVE).toContain('Saved')
    expect(await memoryLine('Ein anderer Artikel.')).toMatchObject({target: 'Another article, reviewed.', status: 'reviewed'})
    expect(await readFile(join(root, 'output/b.en.md'), 'utf8')).toBe('Another article, reviewed.\n')
    await page.close()
  })

  it('approves a machine translation unchanged', async () => {
    const {page} = await openApp()
    await page.click('a[href="#/a/a.md"]')
    const row = page.locator('tbody tr[data-line="1"]')
    await expect.poll(() => row.count()).toBe(1)
    const machine = await memoryLine('Die Abwerbung')
    expect(machine?.status).toBe('machine')
    await row.locator('button.approve').click()
    await expect.poll(() => page.locator('tbody tr[data-line="1"]').getAttribute('class'), SAVE).toContain('reviewed')
    expect(await memoryLine('Die Abwerbung')).toEqual({source: 'Die Abwerbung', target: machine?.target, status: 'reviewed', provider: 'human', ...WHO})
    await page.close()
  })

  it('refuses an edit that drops a link or code, in place, with the reason, and stores nothing', async () => {
    const {page} = await openApp()
    await page.click('a[href="#/a/a.md"]')
    const source = 'Mehr steht <a1>im Bericht</a1> und in <c2/>.'
    const before = await memoryLine(source)
    const row = page.locator('tbody tr', {hasText: 'im Bericht'}).first()
    await expect.poll(() => row.count()).toBe(1)
    await row.locator('td[lang=en] .text').click()
    await page.keyboard.press('Control+a')
    await page.keyboard.type('Only words now.')
    await page.keyboard.press('Control+Enter')
    await expect.poll(() => row.locator('.refusal').textContent(), SAVE).toContain('the translation breaks the markup (missing <a1>, missing <c2/>)')
    expect(await memoryLine(source)).toEqual(before)
    await page.keyboard.press('Escape')
    expect(await row.locator('.editor').count()).toBe(0)
    await page.close()
  })

  it('shows hostile text as text: nothing runs, nothing is fetched from outside', async () => {
    const {page, outside, dialogs} = await openApp()
    await page.click('a[href="#/a/a.md"]')
    await expect.poll(() => page.locator('td[lang=de]', {hasText: '<script>window.pwned = 1</script>'}).count()).toBe(1)
    await expect(page.locator('td[lang=en]', {hasText: 'onerror="window.pwned=4"'}).count()).resolves.toBe(1)
    // Editing the hostile row shows it as text too.
    await page.locator('td[lang=en] .text', {hasText: 'A last sentence'}).click()
    expect(await page.locator('.editor').textContent()).toContain('<script>window.pwned=5</script>')
    expect(await page.evaluate(() => (window as unknown as {pwned?: number}).pwned)).toBeUndefined()
    expect(await page.locator('tbody script, tbody img, tbody a').count()).toBe(0)
    expect(dialogs).toEqual([])
    expect(outside).toEqual([])
    await page.close()
  })
})

describe('the review app and other human versions it does not show', () => {
  it('refuses to approve over a reviewed translation in the memory that no build has written yet', async () => {
    const {TranslationMemory} = await import('../../src/memory/store.js')
    const memory = await TranslationMemory.open(join(root, 'output/.tandem'), 'memory.de-en.jsonl')
    const source = 'Mehr steht <a1>im Bericht</a1> und in <c2/>.'
    await memory.record([{source, target: 'More is in <a1>the report</a1> and in <c2/>.', status: 'reviewed', provider: 'human', by: 'A translator', at: '2026-12-01T09:00:00.000Z'}])
    await memory.save()
    const {page} = await openApp()
    try {
      await page.click('a[href="#/a/a.md"]')
      const found = page.locator('tbody tr', {hasText: 'im Bericht'}).first()
      await expect.poll(() => found.count()).toBe(1)
      const row = page.locator(`tbody tr[data-id="${await found.getAttribute('data-id')}"]`)
      await row.locator('button.approve').click()
      await expect.poll(() => page.locator('#status').textContent(), SAVE).toContain('two reviewed versions of one sentence wait: output/.tandem/memory.de-en.jsonl has "More is in the report and in report()."')
      expect((await memoryLine(source))?.by).toBe('A translator')
    } finally {
      await page.close()
    }
  })

  it('shows every article again on the index after a filter in an article', async () => {
    const {page} = await openApp()
    await page.click('a[href="#/a/a.md"]')
    await page.click('button[data-filter=changed]')
    await page.click('header a[href="#/"]')
    await expect.poll(() => page.locator('tbody tr:visible').count()).toBe(2)
    await page.close()
  })
})

describe('the review app and an .en.md edit no build has taken', () => {
  it('refuses a save that disagrees with it, naming both, and stores nothing', async () => {
    const path = join(root, 'output/a.en.md')
    const original = await readFile(path, 'utf8')
    const lines = original.split('\n')
    const at = lines.findIndex((line) => line.startsWith('EN Ein Satz mit'))
    expect(at).toBeGreaterThan(0)
    lines[at] = 'A sentence with script as text, as the editor wrote it.'
    await writeFile(path, lines.join('\n'))
    const {page} = await openApp()
    try {
      await page.click('a[href="#/a/a.md"]')
      const found = page.locator('tbody tr', {hasText: 'EN Ein Satz mit'})
      await expect.poll(() => found.count()).toBe(1)
      // Note: found by its id from now on: the editor replaces the text it was found by.
      const row = page.locator(`tbody tr[data-id="${await found.getAttribute('data-id')}"]`)
      await row.locator('td[lang=en] .text').click()
      await page.keyboard.press('Control+a')
      await page.keyboard.type('A sentence with script as text, as the app has it.')
      await page.keyboard.press('Control+Enter')
      await expect.poll(() => row.locator('.refusal').textContent(), SAVE).toContain(`two reviewed versions of one sentence wait: output/a.en.md:${at + 1} has "A sentence with script as text, as the editor wrote it."`)
      expect((await memoryLine('Ein Satz mit &lt;script&gt;window.pwned = 1&lt;/script&gt; als Text.'))?.status).toBe('machine')
    } finally {
      await page.close()
      await writeFile(path, original)
    }
  })
})

describe('the review app in German', () => {
  it('has German labels and says a refusal in German', async () => {
    const german = await startApp(root, {lang: 'de', who: WHO, signal: stop.signal})
    const page = await browser.newPage()
    try {
      await page.goto(german.url)
      await expect.poll(() => page.locator('h1').textContent()).toBe('Artikel')
      expect(await page.locator('label.filter').textContent()).toBe('Zu prüfen')
      expect(await page.locator('thead th').allTextContents()).toEqual(['Artikel', 'Sätze', 'Maschinell', 'Geprüft', 'Veraltet', 'Markiert', 'Geändert', 'Fehlt'])
      await page.click('a[href="#/a/a.md"]')
      const found = page.locator('tbody tr', {hasText: 'im Bericht'}).first()
      await expect.poll(() => found.count()).toBe(1)
      const row = page.locator(`tbody tr[data-id="${await found.getAttribute('data-id')}"]`)
      expect(await page.locator('button[data-filter]').evaluateAll((buttons) => buttons.map((button) => button.firstChild?.textContent))).toEqual(['Alle', 'Geändert', 'Markiert', 'Ungeprüft', 'Veraltet'])
      await row.locator('td[lang=en] .text').click()
      await page.keyboard.press('Control+a')
      await page.keyboard.type('Nur noch Wörter.')
      await page.keyboard.press('Control+Enter')
      await expect.poll(() => row.locator('.refusal').textContent(), SAVE).toContain('die Übersetzung zerstört das Markup')
    } finally {
      await page.close()
      await german.close()
    }
  })
})

/** A raw request to the app, with the headers given (fetch would set Host and Origin itself). */
function raw(options: {host?: string; path: string; method?: string; headers?: Record<string, string>; body?: string; address?: string}): Promise<{status: number; body: string}> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({host: options.address ?? '127.0.0.1', port: server.port, path: options.path, method: options.method ?? 'GET', headers: {host: options.host ?? `127.0.0.1:${server.port}`, ...options.headers}}, (response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
      response.on('end', () => resolve({status: response.statusCode ?? 0, body}))
    })
    request.on('error', reject)
    request.end(options.body)
  })
}

describe('the review app refuses what does not come from its own page', () => {
  const save = JSON.stringify({name: 'a.md', id: 'x', target: 'y'})
  const json = {'content-type': 'application/json'}

  it('refuses a change without the session token, and one with a wrong token', async () => {
    expect((await raw({path: '/api/save', method: 'POST', headers: json, body: save})).status).toBe(403)
    expect((await raw({path: '/api/save', method: 'POST', headers: {...json, 'x-tandem-token': 'guess'}, body: save})).status).toBe(403)
    // Adding to the glossary is a change like any other.
    const term = JSON.stringify({de: 'Abwerbung', en: 'headhunting', forbid: ['poaching']})
    expect((await raw({path: '/api/glossary', method: 'POST', headers: json, body: term})).status).toBe(403)
    expect((await raw({path: '/api/glossary', method: 'POST', headers: {...json, 'x-tandem-token': 'guess'}, body: term})).status).toBe(403)
    const page = await raw({path: '/'})
    const token = /name="tandem-token" content="([^"]+)"/.exec(page.body)?.[1] ?? ''
    expect((await raw({path: '/api/glossary', method: 'POST', headers: {...json, 'x-tandem-token': token}, body: JSON.stringify({de: '', en: 'x'})})).status).toBe(400)
    expect((await raw({path: '/api/glossary', method: 'POST', headers: {...json, 'x-tandem-token': token}, body: JSON.stringify({de: 'a', en: 'b', forbid: 'c'})})).status).toBe(400)
    expect(await readFile(join(root, 'glossary/g.yaml'), 'utf8')).toBe('terms:\n  - de: Abwerbung\n    en: poaching\n')
  })

  it('refuses a request from another origin and one for another host name (DNS rebinding)', async () => {
    const page = await raw({path: '/'})
    const token = /name="tandem-token" content="([^"]+)"/.exec(page.body)?.[1] ?? ''
    expect(token).not.toBe('')
    const foreign = await raw({path: '/api/save', method: 'POST', headers: {...json, 'x-tandem-token': token, origin: 'https://evil.example'}, body: save})
    expect(foreign.status).toBe(403)
    expect((await raw({path: '/api/articles', host: `evil.example:${server.port}`})).status).toBe(421)
    // With its own origin and the token, the same request reaches the store (no such sentence).
    expect((await raw({path: '/api/save', method: 'POST', headers: {...json, 'x-tandem-token': token, origin: `http://127.0.0.1:${server.port}`}, body: save})).status).toBe(404)
  })

  it('listens on loopback only', async () => {
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((item) => item !== undefined && !item.internal && item.family === 'IPv4')
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    // Note: a machine without another interface has nothing to try; loopback binding is asserted above.
    if (outside !== undefined) await expect(raw({path: '/', address: outside.address})).rejects.toThrow(/ECONNREFUSED/)
  })

  it('sends a Content-Security-Policy that allows only its own script', async () => {
    const page = await new Promise<Record<string, string | string[] | undefined>>((resolve, reject) => {
      httpRequest({host: '127.0.0.1', port: server.port, path: '/'}, (response) => {
        response.resume()
        resolve(response.headers)
      })
        .on('error', reject)
        .end()
    })
    expect(page['content-security-policy']).toBe("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
  })
})
