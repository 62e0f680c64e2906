import {readFile} from 'node:fs/promises'
import {describe, expect, it} from 'vitest'
import {directQuotations} from '../../src/qa/checks.js'
import {makeProject, put, tandem} from '../helpers/project.js'
import {recordingProvider} from '../helpers/providers.js'

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
