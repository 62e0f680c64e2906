import {describe, expect, it} from 'vitest'
import {findInconsistencies, type PlacedSentence} from '../../src/qa/consistency.js'

const at = (path: string, line: number, german: string, english: string): PlacedSentence => ({path, line, german, english})

/** Four sentences with "Abwerbung": two say "poaching", two "recruitment"; everything else differs. */
const ABWERBUNG = [
  at('input/a.md', 3, 'Die Abwerbung von Ingenieuren geht weiter.', 'The poaching of engineers continues.'),
  at('input/a.md', 5, 'Musk kritisierte die Abwerbung scharf.', 'Musk sharply criticised the poaching.'),
  at('input/b.md', 2, 'Die Abwerbung kostet die Firma Millionen.', 'The recruitment costs the firm millions.'),
  at('input/b.md', 9, 'Nach der Abwerbung kam der Streit vor Gericht.', 'After the recruitment came the dispute in court.')
]

describe('consistency', () => {
  it('finds the same German sentence with different English, with every place, the commoner rendering first', () => {
    const found = findInconsistencies([
      at('input/a.md', 1, 'Der Vorstand trat zurück.', 'The board resigned.'),
      at('input/b.md', 4, 'Der  Vorstand trat zurück.', 'The executive board stepped down.'),
      at('input/c.md', 7, 'Der Vorstand trat zurück.', 'The board resigned.'),
      at('input/c.md', 8, 'Ein anderer Satz.', 'Another sentence.')
    ])
    expect(found).toEqual([
      {
        kind: 'sentence',
        german: 'Der Vorstand trat zurück.',
        renderings: [
          {english: 'The board resigned.', places: [{path: 'input/a.md', line: 1}, {path: 'input/c.md', line: 7}]},
          {english: 'The executive board stepped down.', places: [{path: 'input/b.md', line: 4}]}
        ]
      }
    ])
  })

  it('finds a noun rendered two ways, each way in two sentences or more', () => {
    expect(findInconsistencies(ABWERBUNG)).toEqual([
      {
        kind: 'noun',
        german: 'Abwerbung',
        renderings: [
          {english: 'poaching', places: [{path: 'input/a.md', line: 3}, {path: 'input/a.md', line: 5}]},
          {english: 'recruitment', places: [{path: 'input/b.md', line: 2}, {path: 'input/b.md', line: 9}]}
        ]
      }
    ])
  })

  it('leaves alone a noun rendered one way, a glossary term, a name kept in the English, and a single odd sentence', () => {
    const government = ['Die Regierung plant Steuern.', 'Die Regierung senkt Zinsen.', 'Die Regierung baut Straßen.', 'Die Regierung schließt Schulen.'].map((german, index) =>
      at('input/c.md', index + 1, german, ['The government plans taxes.', 'The government lowers rates.', 'The government builds roads.', 'The government closes schools.'][index] ?? '')
    )
    expect(findInconsistencies(government)).toEqual([])
    expect(findInconsistencies(ABWERBUNG, (german) => german === 'Abwerbung')).toEqual([])
    const names = ['Altman sprach in Berlin.', 'Altman sprach in Paris.', 'Altman lachte in Berlin.', 'Altman lachte in Paris.'].map((german, index) => at('input/d.md', index + 1, german, german.replace('sprach', 'spoke').replace('lachte', 'laughed')))
    expect(findInconsistencies(names)).toEqual([])
    // Two against one: the one sentence may say it differently for a reason.
    expect(findInconsistencies(ABWERBUNG.slice(0, 3))).toEqual([])
  })

  it('stays silent when the split is ambiguous (two words divide the sentences the same way)', () => {
    const ambiguous = ABWERBUNG.map((sentence, index) => (index < 2 ? {...sentence, english: `${sentence.english} Engineers again.`} : sentence))
    expect(findInconsistencies(ambiguous)).toEqual([])
  })

  it('takes a plural for the same word, and leaves a word alone that another noun of the sentences explains', () => {
    const company = [
      at('input/e.md', 1, 'Das Unternehmen wächst.', 'The company is growing.'),
      at('input/e.md', 2, 'Das Unternehmen zahlt gut.', 'The company pays well.'),
      at('input/e.md', 3, 'Beide Unternehmen streiten.', 'Both companies are fighting.'),
      at('input/e.md', 4, 'Viele Unternehmen klagen.', 'Many companies complain.')
    ]
    expect(findInconsistencies(company)).toEqual([])
    // "development" comes with Entwicklung, "position" with Führungsposition: Bereich itself is dropped or rendered "field" and "areas".
    const area = [
      at('input/f.md', 1, 'Er arbeitet im Bereich der Entwicklung.', 'He works in development.'),
      at('input/f.md', 2, 'Sie kennt den Bereich der Infrastrukturentwicklung.', 'She knows infrastructure development.'),
      at('input/f.md', 3, 'Seine Position im Bereich ist stark.', 'His position in the field is strong.'),
      at('input/f.md', 4, 'Die Führungsposition im Bereich KI bleibt.', 'The leading position in AI remains.')
    ]
    expect(findInconsistencies(area)).toEqual([])
  })

  it('names a noun in the form it first stands in, and lists the places in the order they stand', () => {
    const line = (german: string, english: string, number: number): PlacedSentence => ({path: 'input/a.md', line: number, german, english})
    const found = findInconsistencies([
      // The English keeps the word here: this sentence says nothing of how it is rendered.
      line('Der Kunde zahlt heute bar.', 'The Kunde pays cash today.', 1),
      line('Die Kunden warten lange.', 'The clients wait long.', 2),
      line('Der Kunde zahlt heute bar.', 'The customer pays cash today.', 3),
      line('Unsere Kunden sind treu.', 'Our clients are loyal.', 4),
      line('Jeder Kunde zählt hier.', 'Every customer counts here.', 5)
    ])
    expect(found.map((item) => [item.kind, item.german, item.renderings.map((rendering) => [rendering.english, rendering.places.map((place) => place.line)])])).toEqual([
      ['sentence', 'Der Kunde zahlt heute bar.', [['The Kunde pays cash today.', [1]], ['The customer pays cash today.', [3]]]],
      ['noun', 'Kunden', [['clients', [2, 4]], ['customer', [3, 5]]]]
    ])
  })
})
