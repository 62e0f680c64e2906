import type {Glossary} from '../glossary/model.js'
import {taggedToPlain} from '../segment/tags.js'

/**
 * Consistency across a project: the same German rendered two ways. Two
 * kinds are found, both from the English the articles have now:
 *
 * - a sentence: the same German (whitespace aside) with different English;
 * - a noun: a German noun or compound (not in the glossary, not left as it
 *   is in the English) whose sentences fall into two groups, each with an
 *   English word that occurs in all of that group's sentences and in none of
 *   the other's, and mostly where the noun is. That is a guess from
 *   co-occurrence, so it is kept strict: each group needs two sentences at
 *   least, and each word must be the only one that fits; one odd sentence
 *   proves nothing.
 *
 * Pure; the check command reports each finding once, with every place.
 */

/** A sentence where it stands, in plain text. */
export interface PlacedSentence {
  readonly path: string
  readonly line: number
  readonly german: string
  readonly english: string
}

/** One way the German was rendered, and where. */
export interface Rendering {
  readonly english: string
  readonly places: ReadonlyArray<{readonly path: string; readonly line: number}>
}

export interface Inconsistency {
  readonly kind: 'sentence' | 'noun'
  readonly german: string
  /** The most frequent rendering first. */
  readonly renderings: readonly Rendering[]
}

/** English words that carry no term. */
const STOP = new Set(
  'that this with from have been were which their there they them will would could should about into than then when where what also more most other some such only over after before under while these those said says very just like your ours been being does done much many each both same well back even still here made make takes taken'.split(' ')
)

/** Fewest sentences each rendering of a noun needs before the noun is reported. */
const GROUP = 2

/** The sentences of one article's build record as the finder takes them: plain text, words only, with English. */
export function placedSentences(path: string, units: ReadonlyArray<{readonly line: number; readonly source: string; readonly target: string}>): PlacedSentence[] {
  const out: PlacedSentence[] = []
  for (const unit of units) {
    const german = taggedToPlain(unit.source)
    if (!/\p{L}/u.test(german) || unit.target === '') continue
    out.push({path, line: unit.line, german, english: taggedToPlain(unit.target)})
  }
  return out
}

/** What the project says two ways, from every article's build record (`path` names the article in the findings); glossary entries are not reported. */
export function projectInconsistencies(articles: ReadonlyArray<{readonly path: string; readonly units: Parameters<typeof placedSentences>[1]}>, glossary: Glossary): Inconsistency[] {
  const sentences = articles.flatMap((article) => placedSentences(article.path, article.units))
  return findInconsistencies(sentences, glossaryMatcher(glossary.entries.flatMap((entry) => [entry.de, ...entry.forms])))
}

/** Find the sentences and nouns rendered more than one way; `inGlossary` says whether a German word is a glossary entry's. */
export function findInconsistencies(sentences: readonly PlacedSentence[], inGlossary: (german: string) => boolean = () => false): Inconsistency[] {
  // Note: whitespace aside, once for both finders.
  const flattened = sentences.map((sentence) => ({...sentence, german: flat(sentence.german), english: flat(sentence.english)}))
  return [...sentenceFindings(flattened), ...nounFindings(flattened, inGlossary)]
}

/** The text with each run of whitespace one space, trimmed; most texts have nothing to change, and are only looked at. */
const flat = (text: string): string => (/[^\S ]| {2}/.test(text) ? text.replace(/\s+/g, ' ') : text).trim()

/** Sentences with whitespace flattened (see `findInconsistencies`). */
function sentenceFindings(sentences: readonly PlacedSentence[]): Inconsistency[] {
  const byGerman = new Map<string, Map<string, Array<{path: string; line: number}>>>()
  for (const {german, english, path, line} of sentences) {
    const renderings = byGerman.get(german) ?? new Map<string, Array<{path: string; line: number}>>()
    byGerman.set(german, renderings)
    const places = renderings.get(english) ?? []
    renderings.set(english, places)
    places.push({path, line})
  }
  const out: Inconsistency[] = []
  for (const [german, renderings] of byGerman) {
    if (renderings.size < 2) continue
    out.push({kind: 'sentence', german, renderings: [...renderings].map(([english, places]) => ({english, places})).sort((a, b) => b.places.length - a.places.length)})
  }
  return out
}

/** A German noun's stem: lower case, a plural or genitive ending off. */
function nounStem(word: string): string {
  return word.toLowerCase().replace(/(?:en|es|n|s|e)$/u, '')
}

/**
 * Whether a German word belongs to a glossary entry: the same stem as one of
 * the entry's words or forms, or a compound that holds one (five letters or
 * more, so that "Amt" does not claim "Samt").
 */
export function glossaryMatcher(germanOfEntries: readonly string[]): (word: string) => boolean {
  const stems = new Set(germanOfEntries.flatMap((text) => text.match(/\p{L}+/gu) ?? []).map(nounStem))
  const long = [...stems].filter((stem) => stem.length >= 5)
  return (word) => {
    const stem = nounStem(word)
    return stems.has(stem) || long.some((part) => stem.includes(part))
  }
}

/** An English word's stem: lower case, a plural s off (companies → company). */
function englishStem(word: string): string {
  const lower = word.toLowerCase()
  if (lower.length > 4 && lower.endsWith('ies')) return `${lower.slice(0, -3)}y`
  return lower.length > 4 && lower.endsWith('s') && !lower.endsWith('ss') ? lower.slice(0, -1) : lower
}

/** The stems of a German sentence's capitalized words (nouns, mostly), hyphenated parts apart. */
function germanStems(german: string): Set<string> {
  return new Set((german.match(/(?<![\p{L}\p{N}])\p{Lu}[\p{L}-]{4,}/gu) ?? []).flatMap((word) => word.split('-')).filter((part) => part.length >= 5).map(nounStem))
}

/** Whether two stems name the same thing: equal, or one (five letters or more) a part of the other's compound. */
const related = (a: string, b: string): boolean => a === b || (a.length >= 5 && b.includes(a)) || (b.length >= 5 && a.includes(b))

/** A distinct sentence as the noun finder sees it; the stems of its German nouns are found only when asked (see `sharesAnotherNoun`). */
interface Distinct {
  readonly german: string
  readonly english: string
  /** Its English words by stem (lower case, a plural s off), each as first written. */
  readonly forms: ReadonlyMap<string, string>
  stems?: ReadonlySet<string>
  readonly places: Array<{path: string; line: number}>
}

/** Sentences with whitespace flattened (see `findInconsistencies`). */
function nounFindings(sentences: readonly PlacedSentence[], inGlossary: (german: string) => boolean): Inconsistency[] {
  // Note: each distinct German sentence counts once, with its English and every place it stands.
  const distinct = new Map<string, Map<string, Distinct>>()
  // Note: in the order each first stands: which form of a noun is named, and the order of places, follow it.
  const all: Distinct[] = []
  for (const {german, english, path, line} of sentences) {
    const byEnglish = distinct.get(german) ?? new Map<string, Distinct>()
    distinct.set(german, byEnglish)
    const known = byEnglish.get(english)
    if (known !== undefined) {
      known.places.push({path, line})
      continue
    }
    const forms = new Map<string, string>()
    for (const word of english.match(/\p{L}[\p{L}'’-]{3,}/gu) ?? []) {
      if (STOP.has(word.toLowerCase())) continue
      const stem = englishStem(word)
      if (!forms.has(stem)) forms.set(stem, word)
    }
    const found: Distinct = {german, english, forms, places: [{path, line}]}
    byEnglish.set(english, found)
    all.push(found)
  }
  const frequency = new Map<string, number>()
  for (const sentence of all) for (const word of sentence.forms.keys()) frequency.set(word, (frequency.get(word) ?? 0) + 1)
  // Note: a set per noun, as a common noun stands in thousands of sentences.
  const nouns = new Map<string, {form: string; sentences: Set<(typeof all)[number]>}>()
  for (const sentence of all) {
    const english = sentence.english.toLowerCase()
    for (const word of new Set(sentence.german.match(/(?<![\p{L}\p{N}])\p{Lu}\p{Ll}{4,}(?![\p{L}\p{N}])/gu) ?? [])) {
      // Note: a word the English keeps as it is (a name, a loan word) is rendered the same way everywhere.
      if (english.includes(word.toLowerCase()) || inGlossary(word)) continue
      const stem = nounStem(word)
      const noun = nouns.get(stem) ?? {form: word, sentences: new Set()}
      nouns.set(stem, noun)
      noun.sentences.add(sentence)
    }
  }
  const out: Inconsistency[] = []
  for (const [stem, {form, sentences}] of nouns) {
    if (sentences.size < 2 * GROUP) continue
    const group = [...sentences]
    const split = twoRenderings(group, frequency)
    // Note: a word that every sentence of a group shares with another German noun may render that one ("position" for Führungsposition, not Bereich).
    if (split === undefined || split.some(({members}) => sharesAnotherNoun(members, stem))) continue
    out.push({kind: 'noun', german: form, renderings: split.map(({word, members}) => ({english: formOf(members, word), places: members.flatMap((member) => member.places)}))})
  }
  return out
}

/** Whether every one of the sentences holds a German noun besides the one at `stem` (the same, or in a compound). */
function sharesAnotherNoun(members: readonly Distinct[], stem: string): boolean {
  const stemsOf = (member: Distinct): ReadonlySet<string> => (member.stems ??= germanStems(member.german))
  const [first, ...rest] = members
  if (first === undefined) return false
  return [...stemsOf(first)].some((other) => !related(other, stem) && rest.every((member) => [...stemsOf(member)].some((candidate) => related(other, candidate))))
}

/** How the English word is written, lower case where a sentence has it so (not a sentence's first word). */
function formOf(members: ReadonlyArray<{readonly forms: ReadonlyMap<string, string>}>, word: string): string {
  const forms = members.flatMap((member) => member.forms.get(word) ?? [])
  return forms.find((form) => form === form.toLowerCase()) ?? forms[0] ?? word
}

/**
 * The two English words that divide a noun's sentences between them, each
 * in at least `GROUP` of them, in none of the other's, found mostly with the
 * noun (at least half of the sentences with the word have the noun), and
 * each the only word that does; undefined when there are none, or one word
 * that is in all of them (the noun is rendered one way).
 */
function twoRenderings<T extends {readonly forms: ReadonlyMap<string, unknown>}>(group: readonly T[], frequency: ReadonlyMap<string, number>): Array<{word: string; members: T[]}> | undefined {
  const count = new Map<string, number>()
  for (const sentence of group) for (const word of sentence.forms.keys()) count.set(word, (count.get(word) ?? 0) + 1)
  const associated = [...count].filter(([word, inGroup]) => inGroup >= GROUP && inGroup / (frequency.get(word) ?? inGroup) >= 0.5).map(([word]) => word)
  if (associated.some((word) => count.get(word) === group.length)) return undefined
  const pairs: Array<[string, string]> = []
  for (const first of associated) {
    for (const second of associated) {
      if (first >= second) continue
      const covers = group.every((sentence) => sentence.forms.has(first) !== sentence.forms.has(second))
      if (covers) pairs.push([first, second])
    }
  }
  if (pairs.length !== 1) return undefined
  const [first, second] = pairs[0] as [string, string]
  const groups = [first, second].map((word) => ({word, members: group.filter((sentence) => sentence.forms.has(word))}))
  return groups.sort((a, b) => b.members.length - a.members.length || (a.word < b.word ? -1 : 1))
}
