import {describe, expect, it} from 'vitest'
import {GlossaryContext} from '../../src/glossary/context.js'
import {parseGlossaryFile} from '../../src/glossary/parse-file.js'

describe('GlossaryContext', () => {
  const context = (): GlossaryContext => new GlossaryContext({entries: parseGlossaryFile('terms:\n  - de: Zelle\n    en: cell\n', 'glossary.yaml'), files: ['glossary.yaml']})

  it('keeps the matches of the latest sentences only, so that a long build does not hold every sentence to its end', () => {
    const glossary = context()
    const first = 'Die Zelle Nummer 0 teilt sich.'
    const before = glossary.matches(first).map((match) => match.entry.de)
    expect(before).toEqual(['Zelle'])
    for (let index = 1; index < 10_000; index++) expect(glossary.matches(`Die Zelle Nummer ${index} teilt sich.`)).toHaveLength(1)
    expect(glossary.cachedSentences).toBeGreaterThan(0)
    expect(glossary.cachedSentences).toBeLessThanOrEqual(4096)
    // A sentence that left the cache is matched again, with the same result.
    expect(glossary.matches(first).map((match) => match.entry.de)).toEqual(before)
    expect(glossary.matches('Kein Begriff hier.')).toEqual([])
  })
})
