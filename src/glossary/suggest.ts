import {GERMAN_ABBREVIATIONS} from '../segment/abbreviations.js'
import type {GlossaryMatcher} from './matcher.js'

/** A sentence of an article, in plain text, with where it is. */
export interface SuggestSource {
  readonly text: string
  readonly place: string
}

/** A candidate for the glossary. */
export interface Suggestion {
  readonly text: string
  readonly kind: 'proper-name' | 'acronym' | 'compound'
  readonly count: number
  readonly score: number
  readonly places: readonly string[]
}

const FUNCTION_WORDS = new Set(
  'Der Die Das Den Dem Des Ein Eine Einer Eines Einem Einen Und Oder Aber In Im Am An Auf Aus Bei Mit Nach Von Vom Zu Zum Zur Für Über Unter Vor Durch Gegen Ohne Um Es Er Sie Wir Ihr Ich Ihnen Ihrem Ihrer Ihres Ihre Ihren Seinem Seinen Seiner Seines Unsere Unserem Unseren Unserer Mein Meine Meinem Meinen Dein Deine Euer Eure Jeder Jede Jedes Jeden Jedem Kein Keine Keinen Keinem Keiner Welche Welcher Welches Solche Manche Beide Andere Dieser Diese Dieses Diesen Diesem Wenn Als Wie Auch Nicht Noch Schon Mehr Während Seit Bis Dass Was Wer Wo Hier Dort Damit Dabei Jedoch Doch So Man Sein Seine Unser Alle Viele Einige'.split(
    ' '
  )
)
const WEIGHT = {'proper-name': 3, acronym: 2, compound: 1} as const

/** Words of English sentences (quoted source titles): a sentence with more of these than German ones gives no name runs. */
const ENGLISH_WORDS = new Set('the of and to in for on with by were was is are just new from at as this that its their how why what'.split(' '))
const GERMAN_WORDS = new Set('der die das des dem den und ist sind war hat haben ein eine einer nicht mit von zu für auf im am bei auch sich als wie'.split(' '))
/** German words that texts set in capitals for emphasis ("UND/ODER"): no acronyms. */
const CAPITALS = new Set(['UND', 'ODER', 'NICHT', 'ABER', 'NUR', 'KEIN', 'KEINE', 'ALLE', 'IST', 'SIND', 'AUCH', 'NIE', 'IMMER'])
/** Titles that belong to the name after them ("Dr. Anna Müller"). */
const TITLES = new Set(['Dr', 'Prof', 'Dipl', 'Ing'])
/** Nouns that name the kind of thing after a name ("das Stargate Programm"): the name is what comes before. */
const GENERIC = new Set(['Programm', 'Projekt', 'Konzern', 'Team', 'Gruppe', 'Unternehmen', 'Plattform', 'Modell', 'System', 'Initiative', 'Studie', 'Zentrum'])
/** Plurals of common nouns: long, but no terms ("Herausforderungen"). */
const COMMON_PLURAL = /(?:ungen|heiten|keiten|schaften|ionen|täten|nisse)$/

/** Whether a sentence is English rather than German (a source title, a quotation). */
function isEnglish(text: string): boolean {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? []
  const english = words.filter((word) => ENGLISH_WORDS.has(word)).length
  return english >= 2 && english > words.filter((word) => GERMAN_WORDS.has(word)).length
}

/**
 * The base form of a name in the text: its adjective as after "das"/"der" in
 * the nominative ("das Statistische Bundesamt" → "Statistisches Bundesamt",
 * "der Deutsche Bundestag" → "Deutscher Bundestag"), its noun without the
 * genitive ending after "des" ("des Colossus Supercomputers" → "Colossus
 * Supercomputer"). Other forms stay as they are.
 */
function baseForm(run: readonly string[], article: string | undefined): string[] {
  const out = [...run]
  const first = out[0] ?? ''
  const adjective = out.length >= 2 && /(?:isch|lich|ig|al|ell|iv|sch)e$/.test(first)
  if (adjective && article === 'das') out[0] = `${first}s`
  if (adjective && article === 'der') out[0] = `${first}r`
  const last = out.at(-1) ?? ''
  if (article === 'des' && last.length > 4 && /[^s]s$/.test(last) && !adjective) out[out.length - 1] = /[tdzg]es$/.test(last) ? last.slice(0, -2) : last.slice(0, -1)
  return out
}

/**
 * Candidates for names and terms that the glossary does not cover yet:
 * multi-word proper names (Elon Musk), acronyms and mixed-case names (KI, xAI,
 * OpenAI), and recurring long or hyphenated compounds. Ranked by how often they
 * occur, weighted by kind.
 */
export function suggestTerms(sources: readonly SuggestSource[], matcher: GlossaryMatcher, limit = 30): Suggestion[] {
  const found = new Map<string, {kind: Suggestion['kind']; count: number; places: string[]}>()
  const add = (text: string, kind: Suggestion['kind'], place: string): void => {
    // Covered when the glossary matches every word of it (Colossus Supercomputers).
    const matches = matcher.match(text)
    const covered = text.split(/\s+/).every((word) => matches.some((match) => match.text.includes(word) || word.startsWith(match.text)))
    if (covered) return
    const item = found.get(text) ?? {kind, count: 0, places: []}
    item.count++
    if (item.places.length < 3 && !item.places.includes(place)) item.places.push(place)
    found.set(text, item)
  }
  for (const {text, place} of sources) {
    const words = [...text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}-]*/gu)].map((match) => ({word: match[0], index: match.index}))
    const english = isEnglish(text)
    // An abbreviation ("Nr.", "Abs.") ends a run: "Ausgabe Nr. 5" holds no name.
    const abbreviated = (position: number): boolean => {
      const item = words[position]
      return item !== undefined && text[item.index + item.word.length] === '.' && GERMAN_ABBREVIATIONS.has(item.word)
    }
    // A word that goes on with a dot and a letter is part of a file or host name (Cargo.toml, example.org).
    const dotted = (position: number): boolean => {
      const item = words[position]
      return item !== undefined && /^\.\p{L}/u.test(text.slice(item.index + item.word.length))
    }
    words.forEach(({word, index}, position) => {
      // Note: a Roman numeral (VIII) is a number, a German word in capitals (ODER) emphasis, a unit (dB) no name.
      const acronym = (part: string): boolean =>
        /^(?:\p{Lu}{2,6}s?|\p{Ll}+\p{Lu}[\p{L}]*|\p{Lu}\p{Ll}+\p{Lu}[\p{L}]*)$/u.test(part) && !/^X{0,3}(?:IX|IV|V?I{0,3})$/.test(part) && !CAPITALS.has(part) && !/^\p{Ll}\p{Lu}$/u.test(part)
      for (const part of word.includes('-') ? word.split('-') : []) if (acronym(part)) add(part.replace(/(?<=\p{Lu})s$/u, ''), 'acronym', place)
      if (acronym(word)) add(word.replace(/(?<=\p{Lu})s$/u, ''), 'acronym', place)
      else if (/^\p{Lu}/u.test(word) && (word.length >= 14 || (/-/.test(word) && word.length >= 8)) && (/-/.test(word) || !COMMON_PLURAL.test(word)) && !/weise$/.test(word)) add(word, 'compound', place)
      if (english || abbreviated(position) || dotted(position)) return
      // Two or three capitalized words in a row, not a function word, not right after a sentence start (a title before them counts).
      const previousWord = words[position - 1]
      const title = previousWord !== undefined && TITLES.has(previousWord.word) && abbreviated(position - 1)
      const sentenceStart = position === 0 || (!title && /[.!?:]\s*$/.test(text.slice(0, index)))
      if (sentenceStart || !isCapitalized(word)) return
      const run = [word]
      for (let next = position + 1; next < words.length && run.length < 3; next++) {
        const candidate = words[next]
        if (candidate === undefined || !isCapitalized(candidate.word) || abbreviated(next) || dotted(next) || !/^\s+$/.test(text.slice((words[next - 1]?.index ?? 0) + (words[next - 1]?.word.length ?? 0), candidate.index))) break
        run.push(candidate.word)
      }
      // German common nouns (Vergangenheit, Entwicklung) make noun pairs, not names.
      const commonNoun = run.some((item) => /(?:ung|heit|keit|schaft|ion|tät|nis|ismus|ment|en)$/.test(item))
      // Not the tail of a longer run, unless that run began the sentence ("Laut Elon Musk").
      const previous = words[position - 1]
      const previousStartsSentence = previous !== undefined && (position === 1 || /[.!?:]\s*$/.test(text.slice(0, previous.index)))
      const insideRun = previous !== undefined && !title && isCapitalized(previous.word) && !previousStartsSentence
      if (run.length >= 2 && GENERIC.has(run.at(-1) ?? '')) run.pop()
      else if (run.length < 2) return
      if (commonNoun || insideRun) return
      const article = previous !== undefined && /^(?:der|die|das|des|dem|den)$/.test(previous.word) ? previous.word : undefined
      add(`${title ? `${previousWord?.word}. ` : ''}${baseForm(run, article).join(' ')}`, 'proper-name', place)
    })
  }
  mergePlurals(found)
  return [...found]
    .filter(([, item]) => item.count >= (item.kind === 'compound' ? 2 : 1))
    .map(([text, item]) => ({text, kind: item.kind, count: item.count, score: item.count * WEIGHT[item.kind], places: item.places}))
    .sort((a, b) => b.score - a.score || (a.text < b.text ? -1 : 1))
    .slice(0, limit)
}

/** A compound or name found in the plural too (Open-Source-Projekte, Pull Requests) counts as its singular. */
function mergePlurals(found: Map<string, {kind: Suggestion['kind']; count: number; places: string[]}>): void {
  for (const [text, item] of [...found]) {
    if (item.kind === 'acronym') continue
    const endings = item.kind === 'compound' ? ['en', 'er', 'e', 'n', 's'] : ['s']
    const singular = endings.map((ending) => (text.endsWith(ending) ? found.get(text.slice(0, -ending.length)) : undefined)).find((other) => other?.kind === item.kind)
    if (singular === undefined) continue
    singular.count += item.count
    for (const place of item.places) if (singular.places.length < 3 && !singular.places.includes(place)) singular.places.push(place)
    found.delete(text)
  }
}

function isCapitalized(word: string): boolean {
  return /^\p{Lu}\p{Ll}+$/u.test(word) && !FUNCTION_WORDS.has(word)
}
