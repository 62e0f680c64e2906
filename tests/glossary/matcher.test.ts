import {describe, expect, it} from 'vitest'
import {hasRequired, forbiddenFound, englishForm} from '../../src/glossary/english.js'
import {parseGlossaryFile} from '../../src/glossary/parse-file.js'
import {GlossaryMatcher} from '../../src/glossary/matcher.js'

const entries = parseGlossaryFile(
  `
names:
  - X
  - xAI
  - Musk
  - Elon Musk
  - Lau
  - Tesla
  - OpenAI
terms:
  - de: Ingenieur
    en: engineer
  - de: künstliche allgemeine Intelligenz
    en: artificial general intelligence
  - de: künstliche Intelligenz
    en: artificial intelligence
  - de: KI
    en: AI
    forbidden: [KI]
  - de: Abwerbung
    en: poaching
    forbidden: [headhunting]
  - de: Infrastruktur
    en: infrastructure
  - de: abwerben
    en: poach
    forms: [abgeworben]
  - de: Supercomputer
    en: supercomputer
`,
  'g.yaml'
)
const matcher = new GlossaryMatcher(entries)
const found = (text: string): string[] => matcher.match(text).map((match) => `${match.text}=${match.entry.de}`)

/** [German text, the occurrences expected as "text=entry", or [] for a false friend]. */
const GERMAN: Array<[string, string[]]> = [
  ['der Ingenieur', ['Ingenieur=Ingenieur']],
  ['die Ingenieure', ['Ingenieure=Ingenieur']],
  ['den Ingenieuren', ['Ingenieuren=Ingenieur']],
  ['des Ingenieurs', ['Ingenieurs=Ingenieur']],
  ['des Ingenieures', ['Ingenieures=Ingenieur']],
  ['Ingenieur-Team', ['Ingenieur=Ingenieur']],
  ['die Ingenieursarbeit', ['Ingenieur=Ingenieur']],
  ['künstliche Intelligenz', ['künstliche Intelligenz=künstliche Intelligenz']],
  ['der künstlichen Intelligenz', ['künstlichen Intelligenz=künstliche Intelligenz']],
  ['Künstliche Intelligenz ist', ['Künstliche Intelligenz=künstliche Intelligenz']],
  ['künstliche allgemeine Intelligenz', ['künstliche allgemeine Intelligenz=künstliche allgemeine Intelligenz']],
  ['einer künstlichen allgemeinen Intelligenz', ['künstlichen allgemeinen Intelligenz=künstliche allgemeine Intelligenz']],
  ['künstlicher allgemeiner Intelligenz', ['künstlicher allgemeiner Intelligenz=künstliche allgemeine Intelligenz']],
  ['die KI', ['KI=KI']],
  ['KI-Infrastruktur', ['KI=KI', 'Infrastruktur=Infrastruktur']],
  ['KI-Lösungen', ['KI=KI']],
  ['ethischer KI.', ['KI=KI']],
  ['der KIs', ['KIs=KI']],
  ['die Abwerbung', ['Abwerbung=Abwerbung']],
  ['die Abwerbungen', ['Abwerbungen=Abwerbung']],
  ['Abwerbungsversuch', ['Abwerbung=Abwerbung']],
  ['die Talentabwerbung', ['abwerbung=Abwerbung']],
  ['Infrastrukturentwicklung', ['Infrastruktur=Infrastruktur']],
  ['Infrastruktur-Moonshot', ['Infrastruktur=Infrastruktur']],
  ['die Infrastrukturen', ['Infrastrukturen=Infrastruktur']],
  ['abwerben', ['abwerben=abwerben']],
  ['wer abwirbt', []],
  ['hat abgeworben', ['abgeworben=abwerben']],
  ['des Colossus Supercomputers', ['Supercomputers=Supercomputer']],
  ['den Supercomputern', ['Supercomputern=Supercomputer']],
  ['Musks Firma', ['Musks=Musk']],
  ['Elon Musk sagt', ['Elon Musk=Elon Musk']],
  ['Elon Musks Plan', ['Elon Musks=Elon Musk']],
  ['Tesla, X und xAI', ['Tesla=Tesla', 'X=X', 'xAI=xAI']],
  ['bei X.', ['X=X']],
  ['Teslas Chef', ['Teslas=Tesla']],
  ['OpenAIs Strategie', ['OpenAIs=OpenAI']],
  ['Lau sagte', ['Lau=Lau']],
  // False friends: must not match.
  ['die X-Achse', []],
  ['ein x-beliebiger Satz', []],
  ['der Muskel', []],
  ['das Laub', []],
  ['lau warm', []],
  ['Kiel', []],
  ['ki', []],
  ['die Teslaspule', []],
  ['Ingenieurin', []],
  ['Xavier', []],
  ['Intelligenz allein', []],
  ['künstlich', []],
  ['Abwerb', []],
  ['Struktur', []]
]

describe('German matching: inflection, compounds, case, false friends', () => {
  it(`has a table of at least 40 occurrences (${GERMAN.length})`, () => {
    expect(GERMAN.length).toBeGreaterThanOrEqual(40)
  })

  it.each(GERMAN)('%s', (text, expected) => {
    expect(found(text)).toEqual(expected)
  })

  it('takes the longest match where terms overlap', () => {
    expect(found('die künstliche allgemeine Intelligenz und die künstliche Intelligenz')).toEqual([
      'künstliche allgemeine Intelligenz=künstliche allgemeine Intelligenz',
      'künstliche Intelligenz=künstliche Intelligenz'
    ])
  })

  it('knows plural and genitive for restoring the English', () => {
    const [engineers] = matcher.match('den Ingenieuren')
    expect(engineers && englishForm(engineers.entry, engineers.plural, engineers.genitive)).toBe('engineers')
    const [musk] = matcher.match('Musks')
    expect(musk && englishForm(musk.entry, musk.plural, musk.genitive)).toBe('Musk’s')
  })
})

const term = (de: string) => entries.find((entry) => entry.de === de) as (typeof entries)[number]

/** [English text, the entry's German, whether its required English is there]. */
const ENGLISH: Array<[string, string, boolean]> = [
  ['an engineer', 'Ingenieur', true],
  ['the engineers', 'Ingenieur', true],
  ["the engineer's desk", 'Ingenieur', true],
  ['the engineers’ union', 'Ingenieur', true],
  ['Engineers agree', 'Ingenieur', true],
  ['engineering', 'Ingenieur', true],
  ['an engine', 'Ingenieur', false],
  ['reengineer', 'Ingenieur', false],
  ['artificial general intelligence', 'künstliche allgemeine Intelligenz', true],
  ['Artificial General Intelligence', 'künstliche allgemeine Intelligenz', true],
  ['general artificial intelligence', 'künstliche allgemeine Intelligenz', false],
  ['AI infrastructure', 'KI', true],
  ['AI-driven', 'KI', true],
  ['the AIs', 'KI', true],
  ['said', 'KI', false],
  ['ai', 'KI', false],
  ['poaching', 'Abwerbung', true],
  ['Poaching engineers', 'Abwerbung', true],
  ['poached', 'abwerben', true],
  ['poaches', 'abwerben', true],
  ['poach', 'abwerben', true],
  ['approach', 'abwerben', false],
  ['Musk’s plan', 'Musk', true],
  ['musk', 'Musk', false],
  ['the X platform', 'X', true],
  ['x-ray', 'X', false],
  ['supercomputers', 'Supercomputer', true]
]

describe('English verification: plural, possessive, verb forms', () => {
  it(`has a table of at least 20 variants (${ENGLISH.length})`, () => {
    expect(ENGLISH.length).toBeGreaterThanOrEqual(20)
  })

  it.each(ENGLISH)('%s — %s', (text, de, expected) => {
    expect(hasRequired(text, term(de))).toBe(expected)
  })

  it('finds forbidden renderings', () => {
    expect(forbiddenFound('the headhunting of staff', term('Abwerbung'))).toEqual(['headhunting'])
    expect(forbiddenFound('KI and AI', term('KI'))).toEqual(['KI'])
    expect(forbiddenFound('the poaching', term('Abwerbung'))).toEqual([])
  })
})
