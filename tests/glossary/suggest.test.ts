import {describe, expect, it} from 'vitest'
import {parseGlossaryFile} from '../../src/glossary/parse-file.js'
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

  it.each([
    ['an English source title', 'Quelle: These Tesla, X, and xAI Engineers Were Just Poached by OpenAI', ['xAI', 'OpenAI']],
    ['the base form after "das"', 'Laut dem Bericht meldet das Statistische Bundesamt neue Zahlen.', ['Statistisches Bundesamt']],
    ['the base form after "der"', 'Gestern tagte der Deutsche Bundestag lange.', ['Deutscher Bundestag']],
    ['the genitive after "des"', 'Sie bauten an der Entwicklung des Colossus Supercomputers mit.', ['Colossus Supercomputer']],
    ['a title with the name', 'Gestern sprach Dr. Anna Müller im Ausschuss. Prof. Jan Berg nickte.', ['Dr. Anna Müller', 'Prof. Jan Berg']],
    ['no fragment before an abbreviation', 'Das steht in der Ausgabe Nr. 5 des Hefts.', []],
    ['the name before a generic noun', 'Das Unternehmen arbeitet am Stargate Programm weiter.', ['Stargate']],
    ['no plural of a common noun', 'Die Herausforderungen wachsen, die Herausforderungen bleiben.', []],
    ['no formal pronoun before a generic noun', 'Wir danken Ihnen für Ihr Interesse an Ihrem Projekt.', []],
    ['no Roman numeral, no emphasis in capitals, no unit', 'Siehe Anhang VIII, Teil XII: Text UND/ODER Bild bei 80 dB.', []],
    ['no file name in a name', 'Öffne die Datei Cargo.toml und dann die Datei Main.rs im Editor.', []],
    ['a plural counted as its singular', 'Ein Open-Source-Projekt braucht Hilfe. Viele Open-Source-Projekte sind klein. Kein Pull Request, zwei Pull Requests.', ['Open-Source-Projekt', 'Pull Request']]
  ])('suggests %s', (_name, text, expected) => {
    const found = suggestTerms([{text, place: 'a.md:1'}], new GlossaryMatcher([]))
    expect(found.map((item) => item.text).sort()).toEqual([...expected].sort())
  })

  it('measures its precision on the seed article: suggestions a reviewer would accept ÷ all suggestions', async () => {
    const {readFile} = await import('node:fs/promises')
    const {join} = await import('node:path')
    const {parseWhole} = await import('../../src/markdown/processor.js')
    const {extractSegments} = await import('../../src/segment/extract.js')
    const {taggedToPlain} = await import('../../src/segment/tags.js')
    const markdown = await readFile(join(import.meta.dirname, '../../input/openai-abwerbung.md'), 'utf8')
    const segments = extractSegments(parseWhole(markdown), {frontmatterFields: []}).segments
    const sources = segments.map((segment) => ({text: taggedToPlain(segment.source), place: `a.md:${segment.place.line}`}))
    const found = suggestTerms(sources, new GlossaryMatcher([])).map((item) => item.text)
    // What a reviewer of this article would put in the glossary (judged by hand, names and terms of the article).
    const accepted = new Set(['OpenAI', 'xAI', 'KI', 'GPU', 'SpaceX', 'Tesla', 'Colossus Supercomputer', 'Stargate', 'David Lau', 'Elon Musk', 'Mike Dalton', 'Sam Altman', 'Uday Ruddarraju'])
    const good = found.filter((text) => accepted.has(text))
    const precision = good.length / found.length
    console.log(`glossary suggest precision on the seed: ${good.length} of ${found.length} = ${precision.toFixed(2)}; not accepted: ${found.filter((text) => !accepted.has(text)).join(', ')}`)
    expect(found.length).toBeGreaterThanOrEqual(10)
    expect(precision).toBeGreaterThanOrEqual(0.85)
  })

  it('measures its precision on the corpus: the first 30 (what the command shows) and the first 60', async () => {
    const {corpusArticles} = await import('../helpers/corpus.js')
    const {parseWhole} = await import('../../src/markdown/processor.js')
    const {extractSegments} = await import('../../src/segment/extract.js')
    const {taggedToPlain} = await import('../../src/segment/tags.js')
    const sources = corpusArticles().flatMap(([name, markdown]) =>
      extractSegments(parseWhole(markdown), {frontmatterFields: []}).segments.map((segment) => ({text: taggedToPlain(segment.source), place: `${name}:${segment.place.line}`}))
    )
    expect(sources.length).toBeGreaterThan(1000)
    const found = suggestTerms(sources, new GlossaryMatcher([]), 60).map((item) => item.text)
    // Judged by hand: names, acronyms and terms of their fields that a translator of these articles would fix
    // in a glossary. Not accepted: common vocabulary with one obvious English word (Betriebssystem), fragments
    // (CoV of SARS-CoV-2), a genitive before a term (Bettys Begegnungsmenge). A candidate judged by nobody counts as not accepted.
    const accepted = new Set([
      'JavaScript', 'GitHub', 'Pull Request', 'API', 'ID', 'Open-Source-Projekt', 'CWA', 'README', 'EG', 'KI', 'Diensteanbieter', 'Fake News',
      'HTML', 'Gültigkeitsbereich', 'Open-Source', 'Open-Source-Lizenz', 'DSFA', 'EU', 'JSON', 'MIT', 'RKI', 'TAN', 'Call Stack',
      'Dokumentationskommentar', 'Videosharingplattform-Anbieter', 'OpenStreetMap', 'Corona-Warn-App', 'Eigentümerschaft', 'HERRN', 'Begegnungsmenge',
      'Google Maps', 'PR', 'Open-Source-Software', 'Active Admin', 'CPU', 'CRAP', 'MacOS', 'Mediendiensteanbieter', 'SAP', 'Akzeptanzkriterien',
      'Barrierefreiheit', 'Beschwerdeführer', 'CSS', 'EWG', 'Kontributionsvereinbarung', 'Positivkennung', 'RAG', 'Risikobegegnung', 'SARS',
      'Standardbibliothek', 'String-Literal'
    ])
    const precision = (count: number): number => found.slice(0, count).filter((text) => accepted.has(text)).length / found.slice(0, count).length
    const rejected = found.filter((text) => !accepted.has(text))
    console.log(`glossary suggest precision on the corpus: first 30 ${precision(30).toFixed(2)}, first 60 ${precision(60).toFixed(2)}; not accepted: ${rejected.join(', ')}`)
    expect(found).toHaveLength(60)
    expect(precision(30)).toBeGreaterThanOrEqual(0.9)
    expect(precision(60)).toBeGreaterThanOrEqual(0.8)
  })
})
