import {mkdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {GlossaryContext} from '../../src/glossary/context.js'
import {GlossaryError, loadGlossary} from '../../src/glossary/load.js'
import {parseGlossaryDocument} from '../../src/glossary/parse-file.js'
import {tempDir} from '../helpers/temp.js'

const QUOTES = [
  'quotes:',
  '  - de: Wir werden die besten Köpfe der Welt anwerben',
  '    en: We will hire the best minds in the world.',
  '    source: Sam Altman, Bloomberg interview, 12 May 2025',
  '  - de: „Wir haben keinen Plan B.“',
  '    en: We have no plan B.',
  '    source: Sam Altman on X, 3 June 2025'
].join('\n')

const errorOf = (text: string): string => {
  try {
    parseGlossaryDocument(text, 'glossary/quotes.yaml')
  } catch (error) {
    if (error instanceof GlossaryError) return error.message
    throw error
  }
  return 'no error'
}

describe('quotations in the glossary', () => {
  it('are read with their source and line, the German without its marks', () => {
    const {entries, quotes} = parseGlossaryDocument(`names:\n  - Altman\n${QUOTES}\n`, 'glossary/quotes.yaml')
    expect(entries.map((entry) => entry.de)).toEqual(['Altman'])
    expect(quotes.map((quote) => `${quote.de} → ${quote.en} [${quote.source}] @${quote.origin.line}`)).toEqual([
      'Wir werden die besten Köpfe der Welt anwerben → We will hire the best minds in the world. [Sam Altman, Bloomberg interview, 12 May 2025] @4',
      'Wir haben keinen Plan B. → We have no plan B. [Sam Altman on X, 3 June 2025] @7'
    ])
  })

  it.each([
    ['no source', 'quotes:\n  - de: Wir haben keinen Plan B\n    en: We have no plan B\n', 'glossary/quotes.yaml:2: "source" must be a non-empty text'],
    ['no English', 'quotes:\n  - de: Wir haben keinen Plan B\n    source: X\n', 'glossary/quotes.yaml:2: "en" must be a non-empty text'],
    ['only marks', 'quotes:\n  - de: „“\n    en: x\n    source: X\n', 'glossary/quotes.yaml:2: "de" must be a non-empty text'],
    ['a string', 'quotes:\n  - Wir haben keinen Plan B\n', 'glossary/quotes.yaml:2: a quotation is a map with "de", "en" and "source"'],
    ['an unknown field', 'quotes:\n  - de: a b c\n    en: a b c\n    source: X\n    speaker: Y\n', 'glossary/quotes.yaml:5: unknown field "speaker" (known: de, en, source)']
  ])('are refused with file and line: %s', (_what, text, message) => {
    expect(errorOf(text)).toBe(message)
  })

  it('are one per German wording across files: the same wording with other English is an error naming both places', async () => {
    const root = await tempDir()
    await mkdir(join(root, 'glossary'))
    await writeFile(join(root, 'glossary/a.yaml'), QUOTES)
    await writeFile(join(root, 'glossary/b.yaml'), 'quotes:\n  - de: Wir haben keinen Plan B\n    en: There is no plan B.\n    source: someone else\n')
    await expect(loadGlossary(join(root, 'glossary'), root)).rejects.toThrow('glossary/b.yaml:2: the quotation „Wir haben keinen Plan B“ is already at glossary/a.yaml:5 with other English words')
    await writeFile(join(root, 'glossary/b.yaml'), 'quotes:\n  - de: Wir haben keinen Plan B.\n    en: We have no plan B.\n    source: again\n')
    await expect(loadGlossary(join(root, 'glossary'), root)).rejects.toThrow('glossary/b.yaml:2: duplicate of "Wir haben keinen Plan B." at glossary/a.yaml:5')
    await writeFile(join(root, 'glossary/b.yaml'), 'terms:\n  - de: Köpfe\n    en: heads\n')
    const glossary = await loadGlossary(join(root, 'glossary'), root)
    expect(glossary.quotes?.length).toBe(2)
  })
})

describe('a sentence with a known quotation', () => {
  const context = (extra = ''): GlossaryContext => new GlossaryContext({...parseGlossaryDocument(`${QUOTES}\n${extra}`, 'glossary/quotes.yaml'), files: []})

  it('is sent with the quotation as one placeholder, marks and all, restored as the original, ending as the German ends', () => {
    const masked = context().mask('„Wir werden die besten  Köpfe der Welt anwerben“, sagte <i1>Altman</i1>.', new Set())
    expect(masked.text).toBe('<g2/>, sagte <i1>Altman</i1>.')
    expect(masked.restore('<g2/>, said <i1>Altman</i1>.')).toBe('“We will hire the best minds in the world”, said <i1>Altman</i1>.')
    // »…« and «…» are quotations too; a closing mark inside keeps its punctuation.
    expect(context().mask('Er schrieb: »Wir haben keinen Plan B.«', new Set()).restore('He wrote: <g1/>')).toBe('He wrote: “We have no plan B.”')
    expect(context().mask('Er schrieb: «Wir haben keinen Plan B!»', new Set()).restore('<g1/>')).toBe('“We have no plan B.”')
  })

  it('leaves other quotations, and a quotation that only begins like a known one, to the provider', () => {
    const masked = context().mask('„Wir werden die besten Köpfe der Welt anwerben und halten“, sagte er. „Ganz anders“', new Set())
    expect(masked.text).toBe('„Wir werden die besten Köpfe der Welt anwerben und halten“, sagte er. „Ganz anders“')
  })

  it('takes no glossary term inside the quotation, and protects the terms around it', () => {
    const withTerm = context('terms:\n  - de: Köpfe\n    en: talent\n')
    const source = '„Wir werden die besten Köpfe der Welt anwerben“, sagte er über Köpfe.'
    expect(withTerm.matches(source).map((match) => match.text)).toEqual(['Köpfe'])
    expect(withTerm.mask(source).text).toBe('<g1/>, sagte er über <g2/>.')
    expect(withTerm.keys(source)).toHaveLength(2)
  })

  it('is all quotation or not: only one that is nothing but known quotations needs no provider', () => {
    expect(context().quoteOnly('„Wir haben keinen Plan B.“')).toBe('“We have no plan B.”')
    expect(context().quoteOnly('<s1>„Wir haben keinen Plan B“</s1>.')).toBe('<s1>“We have no plan B”</s1>.')
    expect(context().quoteOnly('„Wir haben keinen Plan B“, sagte er.')).toBeUndefined()
    expect(context().quoteOnly('Kein Zitat.')).toBeUndefined()
  })

  it('tells a translation that lacks the original words, whatever its spacing and ending', () => {
    const source = '„Wir haben keinen Plan B“, sagte er.'
    expect(context().missingQuotes(source, '“We have  no plan B,” he said.')).toEqual([])
    expect(context().missingQuotes(source, '“We don’t have a plan B,” he said.').map((quote) => quote.en)).toEqual(['We have no plan B.'])
    expect(context().missingQuotes('Kein Zitat.', 'No quotation.')).toEqual([])
  })
})
