import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import type {Browser} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {launchChromium} from '../helpers/browser.js'
import {makeProject, put, tandem} from '../helpers/project.js'
import {hostileProvider, recordingProvider} from '../helpers/providers.js'

/** Debian's Chromium; .ci/run installs it. */

const ARTICLE = [
  '# Testartikel',
  '',
  'Die Abwerbung von Ingenieuren ist ein Thema. Ein Satz mit \\<script\\>window.pwned = 1\\</script\\> als Text.',
  '',
  'Ein [Link](javascript:window.pwned=2) und ein Bild ![Alt"><img src=x onerror="window.pwned=3">](bild.png).',
  '',
  'Ein letzter Satz steht hier.',
  ''
].join('\n')

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
}, 60_000)
afterAll(async () => {
  await browser?.close()
})

describe('the review page in headless Chromium', () => {
  it('shows German and English side by side, filters rows, and runs no injected script', async () => {
    const root = await makeProject({'input/a.md': ARTICLE, 'glossary/g.yaml': 'terms:\n  - de: Abwerbung\n    en: poaching\n'})
    // A provider whose answer carries script and an event handler.
    expect((await tandem(root, ['build', '--provider', 'h', '--quiet'], {providers: {h: hostileProvider()}})).code).toBe(0)
    // Change one sentence so the page has a changed row.
    await put(root, 'input/a.md', ARTICLE.replace('Ein letzter Satz steht hier.', 'Ein allerletzter Satz steht hier.'))
    expect((await tandem(root, ['build', '--provider', 'h', '--quiet'], {providers: {h: hostileProvider()}})).code).toBe(0)
    const html = await readFile(join(root, 'output/a.review.html'), 'utf8')
    expect(html).not.toMatch(/https?:\/\//)

    const page = await browser.newPage()
    const dialogs: string[] = []
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    const requests: string[] = []
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url())
    })
    await page.goto(pathToFileURL(join(root, 'output/a.review.html')).href)

    const rows = page.locator('tbody tr')
    const visible = async (): Promise<number> => rows.evaluateAll((all) => all.filter((row) => (row as HTMLElement).offsetParent !== null).length)
    const total = await rows.count()
    expect(total).toBeGreaterThanOrEqual(6)
    expect(await page.locator('th').allTextContents()).toEqual(['#', 'German', 'English'])
    // The glossary term is marked with its required English.
    expect(await page.locator('mark').first().getAttribute('title')).toBe('required English: poaching')
    expect(await page.locator('mark').first().textContent()).toBe('Abwerbung')
    // Hostile text is shown as text.
    await expect(page.locator('td[lang=de]', {hasText: '<script>window.pwned = 1</script>'}).count()).resolves.toBe(1)
    await expect(page.locator('td[lang=en]', {hasText: 'onerror="window.pwned=4"'}).count()).resolves.toBeGreaterThan(0)

    await page.click('button[data-filter=changed]')
    expect(await visible()).toBe(1)
    expect(await page.locator('tbody tr.changed td[lang=de]').textContent()).toContain('Ein allerletzter Satz steht hier.')
    await page.click('button[data-filter=flagged]')
    const flagged = await visible()
    expect(flagged).toBeGreaterThan(0)
    expect(flagged).toBeLessThan(total)
    await page.click('button[data-filter=unreviewed]')
    expect(await visible()).toBe(total)
    await page.click('button[data-filter=all]')
    expect(await visible()).toBe(total)
    expect(await page.locator('button[aria-pressed=true]').evaluate((button) => button.firstChild?.textContent)).toBe('All')
    // Each filter shows its count.
    expect(await page.locator('button .count').allTextContents()).toEqual([String(total), '1', String(flagged), String(total)])

    // Nothing injected ran, nothing was fetched, no dialog opened.
    expect(await page.evaluate(() => (window as unknown as {pwned?: number}).pwned)).toBeUndefined()
    expect(await page.locator('tbody script, tbody img, tbody a').count()).toBe(0)
    expect(dialogs).toEqual([])
    expect(requests).toEqual([])
    await page.close()
  })

  it('has German labels when reviewLanguage is de', async () => {
    const root = await makeProject({'input/a.md': 'Ein Satz.\n', 'tandem.config.json': '{"reviewLanguage": "de"}'})
    expect((await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}})).code).toBe(0)
    const page = await browser.newPage()
    await page.goto(pathToFileURL(join(root, 'output/a.review.html')).href)
    expect(await page.locator('th').allTextContents()).toEqual(['#', 'Deutsch', 'Englisch'])
    expect(await page.locator('button').evaluateAll((buttons) => buttons.map((button) => button.firstChild?.textContent))).toEqual(['Alle', 'Geändert', 'Markiert', 'Ungeprüft'])
    // A filter that shows nothing says so.
    await page.click('button[data-filter=changed]')
    expect(await page.locator('p.empty:visible').textContent()).toBe('Kein Satz in dieser Ansicht.')
    await page.close()
  })

  it('renders inline markup, styles headings, marks terms on both sides, shows word differences, and keeps the line column narrow', async () => {
    const article = '# Die Abwerbung\n\nDie **Abwerbung** im `Kern` unserer [Ausgabe](https://example.org/a "Titel") geht weiter.\n\nEin zweiter Satz steht hier.\n\n- Ein Punkt der Liste.\n\n| Spalte |\n| --- |\n| Eine Zelle |\n\n> Ein Zitat steht hier.\n'
    const root = await makeProject({'input/a.md': article, 'glossary/g.yaml': 'terms:\n  - de: Abwerbung\n    en: poaching\n'})
    const english = () => {
      const inner = recordingProvider()
      return {...inner, translate: async (request: Parameters<typeof inner.translate>[0]) => request.segments.map((segment) => ({id: segment.id, text: segment.text.replace(/Abwerbung/g, 'poaching').replace('Ein zweiter', 'A second')}))}
    }
    expect((await tandem(root, ['build', '--provider', 'e', '--quiet'], {providers: {e: english()}})).code).toBe(0)
    await put(root, 'input/a.md', article.replace('Ein zweiter Satz', 'Ein anderer zweiter Satz'))
    expect((await tandem(root, ['build', '--provider', 'e', '--quiet'], {providers: {e: english()}})).code).toBe(0)
    const page = await browser.newPage({viewport: {width: 1200, height: 800}})
    await page.goto(pathToFileURL(join(root, 'output/a.review.html')).href)
    // Note: the link's title is a row of its own on the same line.
    const row = page.locator('tbody tr[data-line="3"]').first()
    // Inline code is shown (it used to vanish: "im  unserer"), bold is bold, the link shows its target on hover.
    expect(await row.locator('td[lang=de]').textContent()).toContain('Die Abwerbungpoaching im Kern unserer Ausgabe geht weiter.')
    expect(await row.locator('td[lang=de] code').textContent()).toBe('Kern')
    expect(await row.locator('td[lang=de] strong').textContent()).toContain('Abwerbung')
    expect(await row.locator('td[lang=de] .link').getAttribute('title')).toBe('https://example.org/a')
    // The term is marked on both sides, its required English next to the German term.
    expect(await row.locator('td[lang=de] .required').textContent()).toBe('poaching')
    expect(await row.locator('td[lang=en] mark').textContent()).toBe('poaching')
    // A heading looks like one.
    const weight = await page.locator('tbody tr.heading td[lang=de]').evaluate((cell) => getComputedStyle(cell).fontWeight)
    expect(Number(weight)).toBeGreaterThanOrEqual(600)
    // The changed row shows what changed, word by word.
    expect((await page.locator('tr.changed .before ins').first().textContent())?.trim()).toBe('anderer')
    // List items, table cells and quotations are recognisable by their marker.
    expect(await page.locator('tbody tr', {hasText: 'Ein Punkt'}).locator('td[lang=de] .block').first().textContent()).toBe('•')
    expect(await page.locator('tbody tr', {hasText: 'Eine Zelle'}).locator('td[lang=de] .block').first().textContent()).toBe('▦')
    expect(await page.locator('tbody tr', {hasText: 'Ein Zitat'}).locator('td[lang=de] .block').first().textContent()).toBe('❝')
    expect(await page.locator('tbody tr[data-line="1"] td[lang=de] .block').count()).toBe(0)
    // The line column takes a sliver of the width, not a third.
    const widths = await page.locator('thead th').evaluateAll((cells) => cells.map((cell) => cell.getBoundingClientRect().width))
    expect(widths[0]).toBeLessThan(80)
    expect(widths[1]).toBeGreaterThan(400)
    await page.close()
  })
})
