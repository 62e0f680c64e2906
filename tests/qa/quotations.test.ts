import {readFile} from 'node:fs/promises'
import {describe, expect, it} from 'vitest'
import {directQuotations} from '../../src/qa/checks.js'
import {makeProject, put, tandem} from '../helpers/project.js'
import {dictionaryProvider, recordingProvider} from '../helpers/providers.js'

describe('direct quotations in German', () => {
  it('are found between „…“, »…« and «…», when they hold three words or more', () => {
    expect(directQuotations('„Wir werden die besten Köpfe anwerben“, sagte Altman.')).toEqual(['Wir werden die besten Köpfe anwerben'])
    expect(directQuotations('Er sagte: »Das ist erst der Anfang.« Dann ging er.')).toEqual(['Das ist erst der Anfang.'])
    expect(directQuotations('Sie sagte: «Wir bleiben in Zürich.»')).toEqual(['Wir bleiben in Zürich.'])
    expect(directQuotations('„Eins“, sagte er, „und noch etwas mehr dazu“.')).toEqual(['und noch etwas mehr dazu'])
  })

  it('leave terms and irony in quotes alone: one or two words are no quotation', () => {
    expect(directQuotations('Die sogenannte „Abwerbung“ geht weiter.')).toEqual([])
    expect(directQuotations('Das „große Spiel“ beginnt.')).toEqual([])
    expect(directQuotations('Ein Satz ohne Anführungszeichen.')).toEqual([])
  })

  it('run over sentences: an open mark to the end, a close mark from the start', () => {
    expect(directQuotations('„Das ist der erste Satz des Zitats.')).toEqual(['Das ist der erste Satz des Zitats.'])
    expect(directQuotations('Und das ist sein Ende“, sagte sie.')).toEqual(['Und das ist sein Ende'])
    expect(directQuotations('Das Zitat endet hier« und dann kam nichts mehr.')).toEqual(['Das Zitat endet hier'])
  })
})

describe('a translated quotation', () => {
  const ARTICLE = '# Titel\n\n„Wir werden die besten Köpfe der Welt anwerben“, sagte Altman am Montag.\n\nDie sogenannte „Abwerbung“ geht weiter.\n'

  it('is flagged until a reviewer approves it, with its place, and qa.quotes switches it off', async () => {
    const root = await makeProject({'input/a.md': ARTICLE})
    const first = await tandem(root, ['build', '--provider', 'r'], {providers: {r: recordingProvider()}})
    expect(first.code, first.stderr).toBe(0)
    const flagged = first.stderr.split('\n').filter((line) => line.includes('qa-quotation'))
    expect(flagged).toEqual([expect.stringContaining('input/a.md:3:1  warning  qa-quotation  quotation translated: check the speaker’s original words (“Wir werden die besten Köpfe der Welt anwerben”)')])

    // The reviewer puts the original English in: the sentence is reviewed, and the flag goes.
    const text = await readFile(`${root}/output/a.en.md`, 'utf8')
    const line = text.split('\n')[2] ?? ''
    await put(root, 'output/a.en.md', text.replace(line, '“We will hire the best minds in the world,” Altman said on Monday.'))
    const second = await tandem(root, ['build', '--provider', 'r'], {providers: {r: recordingProvider()}, env: {LANG: 'en_US.UTF-8', TANDEM_REVIEWER: 'Eva'}})
    expect(second.code, second.stderr).toBe(0)
    expect(second.stderr).not.toContain('qa-quotation')

    const other = await makeProject({'input/a.md': ARTICLE, 'tandem.config.json': '{"qa": {"quotes": false}}'})
    const off = await tandem(other, ['build', '--provider', 'r'], {providers: {r: recordingProvider()}})
    expect(off.code).toBe(0)
    expect(off.stderr).not.toContain('qa-quotation')
  })
})

describe('original quotations (quotes: in the glossary)', () => {
  const ARTICLE = [
    '# Altman über Talente',
    '',
    '„Wir werden die besten Köpfe der Welt anwerben“, sagte Altman am Montag.',
    '',
    '„Wir haben keinen Plan B.“',
    '',
    'Später sagte er: »Das ist erst der Anfang von allem.«',
    ''
  ].join('\n')
  const QUOTES = [
    'quotes:',
    '  - de: Wir werden die besten Köpfe der Welt anwerben',
    '    en: We will hire the best minds in the world.',
    '    source: Sam Altman, Bloomberg interview, 12 May 2025',
    '  - de: Wir haben keinen Plan B.',
    '    en: We have no plan B.',
    '    source: Sam Altman on X, 3 June 2025',
    ''
  ].join('\n')
  const ANSWERS = {
    'Altman über Talente': 'Altman on talent',
    '<g1/>, sagte Altman am Montag.': '<g1/>, Altman said on Monday.',
    '„Wir werden die besten Köpfe der Welt anwerben“, sagte Altman am Montag.': '“We will recruit the world’s best brains,” Altman said on Monday.',
    'Später sagte er: »Das ist erst der Anfang von allem.«': 'Later he said: “This is only the beginning of everything.”'
  }
  const memoryOf = async (root: string): Promise<Array<Record<string, unknown>>> =>
    (await readFile(`${root}/output/.tandem/memory.de-en.jsonl`, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)

  it('are written verbatim whatever the provider says: the quotation never reaches it, a sentence that is only a quotation is not sent and counts as reviewed', async () => {
    const root = await makeProject({'input/a.md': ARTICLE, 'glossary/quotes.yaml': QUOTES})
    const provider = dictionaryProvider(ANSWERS)
    const run = await tandem(root, ['build', '--provider', 'd'], {providers: {d: provider}})
    expect(run.code, run.stderr).toBe(0)
    expect(provider.received.sort()).toEqual(['<g1/>, sagte Altman am Montag.', 'Altman über Talente', 'Später sagte er: »Das ist erst der Anfang von allem.«'])
    const english = (await readFile(`${root}/output/a.en.md`, 'utf8')).split('\n')
    expect(english[2]).toBe('“We will hire the best minds in the world”, Altman said on Monday.')
    expect(english[4]).toBe('“We have no plan B.”')
    // Only the quotation the project has no original of is flagged.
    expect(run.stderr.split('\n').filter((line) => line.includes('qa-quot'))).toEqual([expect.stringContaining('input/a.md:7:1  warning  qa-quotation  quotation translated: check the speaker’s original words (“Das ist erst der Anfang von allem.”)')])
    const memory = await memoryOf(root)
    expect(memory.find((entry) => entry.source === '„Wir haben keinen Plan B.“')).toMatchObject({target: '“We have no plan B.”', status: 'reviewed', provider: 'quotes'})
    // The sentence around a quotation is still the machine's: recorded as such.
    expect(memory.find((entry) => entry.source === '„Wir werden die besten Köpfe der Welt anwerben“, sagte Altman am Montag.')).toMatchObject({status: 'machine', provider: 'recording'})
    const status = await tandem(root, ['status'])
    expect(status.stdout).toMatch(/input\/a\.md +4 +1 +3 /)
  })

  it('replace what the memory had before the original was entered, and follow a corrected original', async () => {
    const root = await makeProject({'input/a.md': ARTICLE})
    const first = await tandem(root, ['build', '--provider', 'd'], {providers: {d: dictionaryProvider(ANSWERS)}})
    expect(first.code, first.stderr).toBe(0)
    expect((await readFile(`${root}/output/a.en.md`, 'utf8')).split('\n')[2]).toBe('“We will recruit the world’s best brains,” Altman said on Monday.')

    // Without a provider, what the memory has stays, and the build says it lacks the original (the sentence that is only a quotation takes it).
    await put(root, 'glossary/quotes.yaml', QUOTES)
    const offline = await tandem(root, ['build'])
    expect(offline.code, offline.stderr).toBe(0)
    expect(offline.stderr).toContain('input/a.md:3:1  warning  qa-quote-original  the English lacks the original words of „Wir werden die besten Köpfe der Welt anwerben“ (glossary/quotes.yaml:2): “We will hire the best minds in the world.”')
    expect((await readFile(`${root}/output/a.en.md`, 'utf8')).split('\n')[4]).toBe('“We have no plan B.”')

    // With a provider, the sentence is translated again around the original.
    const provider = dictionaryProvider(ANSWERS)
    const second = await tandem(root, ['build', '--provider', 'd'], {providers: {d: provider}})
    expect(second.code, second.stderr).toBe(0)
    expect(provider.received).toEqual(['<g1/>, sagte Altman am Montag.'])
    expect(second.stderr).not.toContain('qa-quote-original')
    expect((await readFile(`${root}/output/a.en.md`, 'utf8')).split('\n')[2]).toBe('“We will hire the best minds in the world”, Altman said on Monday.')

    // A corrected original: the quotation sentence follows it, no provider needed.
    await put(root, 'glossary/quotes.yaml', QUOTES.replace('We have no plan B.', 'We don’t have a plan B.'))
    const third = await tandem(root, ['build'])
    expect(third.code, third.stderr).toBe(0)
    expect((await readFile(`${root}/output/a.en.md`, 'utf8')).split('\n')[4]).toBe('“We don’t have a plan B.”')
  })

  it('taken out of quotes.yaml, leave no English that nobody stands behind: the sentence is translated again, and without a provider the build says so', async () => {
    const root = await makeProject({'input/a.md': ARTICLE, 'glossary/quotes.yaml': QUOTES})
    expect((await tandem(root, ['build', '--provider', 'd'], {providers: {d: dictionaryProvider(ANSWERS)}})).code).toBe(0)
    await put(root, 'glossary/quotes.yaml', 'quotes:\n')
    const offline = await tandem(root, ['build'])
    expect(offline.code).toBe(2)
    expect(offline.stderr).toContain('input/a.md:5:1  error  needs-provider')
    const provider = dictionaryProvider(ANSWERS)
    const again = await tandem(root, ['build', '--provider', 'd'], {providers: {d: provider}})
    expect(again.code, again.stderr).toBe(0)
    expect(provider.received).toContain('„Wir haben keinen Plan B.“')
    expect((await memoryOf(root)).find((entry) => entry.source === '„Wir haben keinen Plan B.“')).toMatchObject({status: 'machine', provider: 'recording'})
  })

  it('are not applied for the identity provider, which must see the German untouched', async () => {
    const root = await makeProject({'input/a.md': ARTICLE, 'glossary/quotes.yaml': QUOTES})
    const run = await tandem(root, ['build', '--provider', 'identity'])
    expect(run.code, run.stderr).toBe(0)
    expect((await readFile(`${root}/output/a.en.md`, 'utf8')).split('\n')[2]).toBe(ARTICLE.split('\n')[2])
  })

  it('never replace a reviewer\'s translation: one without the original words is flagged', async () => {
    const root = await makeProject({'input/a.md': ARTICLE, 'glossary/quotes.yaml': QUOTES})
    expect((await tandem(root, ['build', '--provider', 'd'], {providers: {d: dictionaryProvider(ANSWERS)}})).code).toBe(0)
    const text = await readFile(`${root}/output/a.en.md`, 'utf8')
    await put(root, 'output/a.en.md', text.replace('“We have no plan B.”', '“There is no plan B.”'))
    const edited = await tandem(root, ['build'], {env: {LANG: 'en_US.UTF-8', TANDEM_REVIEWER: 'Eva'}})
    expect(edited.code, edited.stderr).toBe(0)
    expect((await readFile(`${root}/output/a.en.md`, 'utf8')).split('\n')[4]).toBe('“There is no plan B.”')
    expect(edited.stderr).toContain('input/a.md:5:1  warning  qa-quote-original  the English lacks the original words of „Wir haben keinen Plan B.“ (glossary/quotes.yaml:5): “We have no plan B.”')
    expect((await memoryOf(root)).find((entry) => entry.source === '„Wir haben keinen Plan B.“')).toMatchObject({status: 'reviewed', provider: 'human', by: 'Eva'})
    // Only the reviewer can put that right: a build with a provider skips the article and repeats the warning.
    const provider = dictionaryProvider(ANSWERS)
    const later = await tandem(root, ['build', '--provider', 'd'], {providers: {d: provider}})
    expect(later.code, later.stderr).toBe(0)
    expect(later.stdout).toContain('1 built (1 unchanged, skipped)')
    expect(later.stderr).toContain('input/a.md:5:1  warning  qa-quote-original')
    expect(provider.received).toEqual([])
  })
})
