import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import type {Browser} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {appStore, launchChromium, startApp} from '../helpers/browser.js'
import {makeProject, put, tandem} from '../helpers/project.js'
import {dictionaryProvider} from '../helpers/providers.js'

const WHO = {by: 'Erika Muster', at: '2026-12-02T10:00:00.000Z'}
/** A save rebuilds the article: on a loaded machine that takes seconds. */
const SAVE = {timeout: 20_000}

let browser: Browser
const stop = new AbortController()

beforeAll(async () => {
  browser = await launchChromium()
}, 60_000)

afterAll(async () => {
  await browser?.close()
})

describe('the review app and what the project says two ways', () => {
  // Two articles with known answers: "Abwerbung" is poaching in one, recruitment in the other.
  const FILES = {
    'input/a.md': '# Abwerbung im Silicon Valley\n\nDie Abwerbung von Ingenieuren geht weiter.\n\nMusk kritisierte die Abwerbung scharf.\n',
    'input/b.md': '# Streit um Talente\n\nDie Abwerbung kostet die Firma Millionen.\n\nNach der Abwerbung kam der Streit vor Gericht.\n'
  }
  const ANSWERS = {
    'Abwerbung im Silicon Valley': 'Poaching in Silicon Valley',
    'Die Abwerbung von Ingenieuren geht weiter.': 'The poaching of engineers continues.',
    'Musk kritisierte die Abwerbung scharf.': 'Musk sharply criticised the poaching.',
    'Streit um Talente': 'Fight over talent',
    'Die Abwerbung kostet die Firma Millionen.': 'The recruitment costs the firm millions.',
    'Nach der Abwerbung kam der Streit vor Gericht.': 'After the recruitment came the dispute in court.'
  }

  it('lists each finding with every place on the index, and one click makes a rendering the glossary’s rule', async () => {
    const project = await makeProject({...FILES, 'glossary/g.yaml': '# the house glossary\nterms:\n  - de: KI\n    en: AI\n'})
    expect((await tandem(project, ['build', '--provider', 'd', '--quiet'], {providers: {d: dictionaryProvider(ANSWERS)}})).code).toBe(0)
    const own = await startApp(project, {lang: 'en', who: WHO, signal: stop.signal})
    const page = await browser.newPage()
    try {
      await page.goto(own.url)
      const section = page.locator('section.inconsistent')
      await expect.poll(() => section.locator('h2').textContent(), {timeout: 15_000}).toBe('Said two ways')
      const items = section.locator(':scope > ul > li')
      expect(await items.count()).toBe(1)
      expect(await items.first().locator('b').textContent()).toBe('„Abwerbung“')
      const renderings = items.first().locator('ul > li')
      expect(await renderings.allTextContents()).toEqual(['“poaching” a.md:1, a.md:3, a.md:5Make the rule', '“recruitment” b.md:3, b.md:5Make the rule'].map((text) => text.replace(/(\w)\.md/g, 'input/$1.md')))
      // A place is a link to its article.
      expect(await renderings.first().locator('a').first().getAttribute('href')).toBe('#/a/a.md')
      await renderings.first().locator('button.rule').click()
      await expect.poll(() => page.locator('#status').textContent(), SAVE).toBe('Added to glossary/g.yaml: the next build with a provider translates the other renderings again')
      expect(await readFile(join(project, 'glossary/g.yaml'), 'utf8')).toBe('# the house glossary\nterms:\n  - de: KI\n    en: AI\n  - de: Abwerbung\n    en: poaching\n    forbidden: ["recruitment"]\n')
      // The rule holds from now on: the next build with a provider puts the other article right, and nothing is left to list.
      expect((await tandem(project, ['build', '--provider', 'd', '--quiet'], {providers: {d: dictionaryProvider({...ANSWERS, 'Die <g1/> kostet die Firma Millionen.': 'The <g1/> costs the firm millions.', 'Nach der <g1/> kam der Streit vor Gericht.': 'After the <g1/> came the dispute in court.'})}})).code).toBe(0)
      expect(await readFile(join(project, 'output/b.en.md'), 'utf8')).toContain('The poaching costs the firm millions.')
      await page.reload()
      await expect.poll(() => page.locator('tbody tr').count(), {timeout: 15_000}).toBe(2)
      expect(await page.locator('section.inconsistent h2').count()).toBe(0)
    } finally {
      await page.close()
      await own.close()
    }
  })

  it('says why when the rule cannot be made (the term is in the glossary by now, with other English), and writes nothing', async () => {
    const project = await makeProject(FILES)
    expect((await tandem(project, ['build', '--provider', 'd', '--quiet'], {providers: {d: dictionaryProvider(ANSWERS)}})).code).toBe(0)
    const store = await appStore(project, {lang: 'en', who: WHO, signal: stop.signal})
    expect((await store.consistency()).map((found) => [found.kind, found.german, found.renderings.map((rendering) => rendering.english)])).toEqual([['noun', 'Abwerbung', ['poaching', 'recruitment']]])
    await put(project, 'glossary/g.yaml', 'terms:\n  - de: Abwerbung\n    en: talent raid\n')
    const refused = await store.addTerm('Abwerbung', 'poaching', ['recruitment'])
    expect(refused.ok).toBe(false)
    expect(refused.ok ? '' : refused.error.message).toContain('"Abwerbung" conflicts with glossary/g.yaml:2, which renders it as "talent raid" (term); nothing was written')
    expect(await readFile(join(project, 'glossary/g.yaml'), 'utf8')).toBe('terms:\n  - de: Abwerbung\n    en: talent raid\n')
  })
})
