import {describe, expect, it} from 'vitest'
import {parseGlossaryFile} from '../../src/glossary/load.js'
import {GlossaryMatcher} from '../../src/glossary/matcher.js'
import {suggestTerms} from '../../src/glossary/suggest.js'

describe('suggestTerms', () => {
  const sources = [
    {text: 'OpenAI hat Ingenieure von xAI geholt, sagte Elon Musk am Montag.', place: 'a.md:1'},
    {text: 'Laut Elon Musk ist die KI-Infrastruktur entscheidend für die GPU-Cluster.', place: 'a.md:3'},
    {text: 'Die Wettbewerbsintensität steigt, die Wettbewerbsintensität bleibt.', place: 'b.md:1'},
    {text: 'In der Vergangenheit Bedenken geäußert.', place: 'b.md:2'}
  ]

  it('ranks proper names, acronyms and recurring compounds the glossary lacks', () => {
    const matcher = new GlossaryMatcher(parseGlossaryFile('names:\n  - OpenAI\n', 'g.yaml'))
    const found = suggestTerms(sources, matcher)
    expect(found.map((item) => `${item.text} ${item.kind} ${item.count}`)).toEqual([
      'Elon Musk proper-name 2',
      'GPU acronym 1',
      'KI acronym 1',
      'Wettbewerbsintensität compound 2',
      'xAI acronym 1'
    ])
    expect(found[0]?.places).toEqual(['a.md:1', 'a.md:3'])
  })

  it('leaves out what the glossary already covers', () => {
    const matcher = new GlossaryMatcher(parseGlossaryFile('names:\n  - Elon Musk\n  - xAI\nterms:\n  - de: KI\n    en: AI\n', 'g.yaml'))
    expect(suggestTerms(sources, matcher).map((item) => item.text)).not.toContain('Elon Musk')
    expect(suggestTerms(sources, matcher).map((item) => item.text)).not.toContain('KI')
  })
})
