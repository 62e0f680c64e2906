import {describe, expect, it} from 'vitest'
import {FuzzyIndex, fuzzyTokens, scanMatches, similarity, tokenDistance} from '../../src/memory/fuzzy.js'
import {matchHtml, ENGLISH_LABELS} from '../../src/review/html.js'
import {makeProject, put, tandem} from '../helpers/project.js'
import {recordingProvider} from '../helpers/providers.js'

describe('the fuzzy score', () => {
  it('tokenizes words, numbers, placeholders and punctuation as a CAT tool does', () => {
    expect(fuzzyTokens('Die <b1>Abwerbung</b1> kostet 1.234,5 Euro, sagt <c2/>.')).toEqual(['Die', '<b1>', 'Abwerbung', '</b1>', 'kostet', '1.234,5', 'Euro', ',', 'sagt', '<c2/>', '.'])
  })

  it('is OmegaT\'s 100 · (max(len) − distance) / max(len), rounded down, computed by hand', () => {
    // 6 tokens each, one word replaced: (6 − 1) / 6 = 83.3.
    expect(similarity('Die Abwerbung geht weiter heute.', 'Die Abwerbung geht weiter morgen.')).toBe(83)
    // 5 against 6 tokens, one word added: (6 − 1) / 6.
    expect(similarity('Die Abwerbung geht weiter.', 'Die Abwerbung geht jetzt weiter.')).toBe(83)
    expect(similarity('Ein Satz.', 'Ein Satz.')).toBe(100)
    expect(similarity('Ganz anders.', 'Völlig neu hier')).toBe(0)
    expect(tokenDistance(['a', 'b', 'c'], ['a', 'c'])).toBe(1)
  })

  it('counts a different number or placeholder as a difference', () => {
    // 7 tokens: the number differs.
    expect(similarity('Es ging um 50 Millionen Euro.', 'Es ging um 60 Millionen Euro.')).toBe(85)
    // Inline code instead of bold: 7 tokens against 6, <b1> replaced by <c1/> and </b1> gone: (7 − 2) / 7.
    expect(similarity('Die <b1>Abwerbung</b1> geht weiter.', 'Die <c1/> Abwerbung geht weiter.')).toBe(71)
    expect(similarity('Sie nutzt <c1/>.', 'Sie nutzt <c1/>.')).toBe(100)
  })
})

describe('FuzzyIndex', () => {
  const memory = [
    {source: 'Die Abwerbung von Ingenieuren durch OpenAI geht weiter.', reviewed: true},
    {source: 'Die Abwerbung von Forschern durch OpenAI geht weiter.', reviewed: false},
    {source: 'Musk kritisiert die Strategie von OpenAI scharf.', reviewed: true},
    {source: 'Ein völlig anderer Satz über das Wetter.', reviewed: true}
  ]

  it('finds the best matches at or above the minimum, reviewed first at the same score, never the sentence itself', () => {
    const index = new FuzzyIndex(memory)
    const matches = index.find('Die Abwerbung von Managern durch OpenAI geht weiter.', 75)
    expect(matches.map((match) => [match.source, match.score, match.reviewed])).toEqual([
      ['Die Abwerbung von Ingenieuren durch OpenAI geht weiter.', 88, true],
      ['Die Abwerbung von Forschern durch OpenAI geht weiter.', 88, false]
    ])
    expect(index.find('Die Abwerbung von Ingenieuren durch OpenAI geht weiter.', 75).map((match) => match.source)).toEqual(['Die Abwerbung von Forschern durch OpenAI geht weiter.'])
    expect(index.find('Heute regnet es in Berlin.', 50)).toEqual([])
    expect(index.find('Die Abwerbung von Managern durch OpenAI geht weiter.', 90)).toEqual([])
  })

  it('finds what comparing with every entry finds, over a memory of similar sentences', () => {
    const entries = Array.from({length: 2000}, (_, i) => ({source: `Der Bericht ${i % 7 === 0 ? 'der Regierung' : 'des Vereins'} nennt ${i} Fälle aus dem Jahr ${2000 + (i % 25)}.`, reviewed: i % 3 === 0}))
    const index = new FuzzyIndex(entries)
    for (const query of ['Der Bericht des Vereins nennt 17 Fälle aus dem Jahr 2011.', 'Der Bericht der Regierung nennt 14 Fälle aus dem Jahr 2014 und mehr.']) {
      const best = Math.max(...entries.filter((entry) => entry.source !== query).map((entry) => similarity(query, entry.source)))
      expect(index.find(query, 50, 1)[0]?.score, query).toBe(best)
      // The scan, for a few queries, gives the exact best as well.
      expect(scanMatches([query], entries, 50).get(query)?.[0]?.score, query).toBe(best)
    }
  })

  it('scans like the index finds: same order, the sentence itself never, nothing below the minimum', () => {
    const query = 'Die Abwerbung von Managern durch OpenAI geht weiter.'
    expect(scanMatches([query, memory[0]?.source ?? ''], memory, 75)).toEqual(
      new Map([
        [query, [{source: 'Die Abwerbung von Ingenieuren durch OpenAI geht weiter.', reviewed: true, score: 88}]],
        ['Die Abwerbung von Ingenieuren durch OpenAI geht weiter.', [{source: 'Die Abwerbung von Forschern durch OpenAI geht weiter.', reviewed: false, score: 88}]]
      ])
    )
    expect(scanMatches([query], memory, 75, 3).get(query)).toEqual(new FuzzyIndex(memory).find(query, 75, 3))
    expect(scanMatches([query], memory, 90).get(query)).toEqual([])
  })
})

describe('a fuzzy match on a review page', () => {
  it('is text: markup in a remembered sentence never becomes HTML', () => {
    const html = matchHtml({de: 'Ein <b>Satz</b> mit <script>x()</script>.', en: '<img src=x onerror=alert(1)>', score: 80, reviewed: false}, 'Ein Satz mit Text.', ENGLISH_LABELS)
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).toContain('Similar in the memory · 80 · machine')
  })
})

describe('fuzzy matches in a dry run', () => {
  it('counts the sentences to send that the memory has something similar for, at "fuzzy.show"', async () => {
    const root = await makeProject({'input/a.md': 'Die Abwerbung von Ingenieuren durch OpenAI geht weiter.\n\nEin ganz anderer Satz steht hier.\n'})
    expect((await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}})).code).toBe(0)
    await put(root, 'input/a.md', 'Die Abwerbung von Managern durch OpenAI geht weiter.\n\nHeute regnet es in der ganzen Stadt.\n')
    const run = await tandem(root, ['build', '--dry-run', '--provider', 'r'], {providers: {r: recordingProvider()}})
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Total to send: 2 unique sentence(s)')
    expect(run.stdout).toContain('Of these, 1 have a fuzzy match of 75 or more in the memory')
    await put(root, 'tandem.config.json', '{\n  "fuzzy": {"show": 95}\n}\n')
    expect((await tandem(root, ['build', '--dry-run', '--provider', 'r'], {providers: {r: recordingProvider()}})).stdout).toContain('Of these, 0 have a fuzzy match of 95 or more in the memory')
    await put(root, 'tandem.config.json', '{\n  "fuzzy": {"show": 101}\n}\n')
    const bad = await tandem(root, ['build', '--dry-run', '--provider', 'r'], {providers: {r: recordingProvider()}})
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('tandem.config.json:2: option "fuzzy.show" must be a whole number from 0 to 100')
  })
})
