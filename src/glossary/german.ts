/**
 * German inflection, as much as term matching needs: the endings a noun,
 * adjective, verb or name may take. Irregular forms (umlaut plurals, past
 * participles) come from an entry's `forms`.
 */

/** Case, number and Fugen endings of nouns: Ingenieur, -e, -en, -s, -es; Abwerbung-en; Supercomputer-n. */
export const NOUN_ENDINGS = ['', 'e', 'en', 'n', 's', 'es', 'er', 'ern', 'ns', 'ens', '’s', "'s"] as const
/** Adjective endings after the stem: künstlich-e, -en, -er, -es, -em. */
export const ADJECTIVE_ENDINGS = ['', 'e', 'en', 'er', 'es', 'em'] as const
/** Present and past endings after a weak verb's stem: abwerb-en, -e, -st, -t, -et, -te, -ten. */
export const VERB_ENDINGS = ['en', 'e', 'st', 't', 'et', 'te', 'ten', 'test', 'tet', 'end', 'ende', 'enden'] as const
/** Genitive of names: Musks, Lau’s, Ruddarrajus; a name ending in s takes an apostrophe. */
export const NAME_ENDINGS = ['', 's', '’s', "'s", '’', "'"] as const
/** Endings that make a noun plural (for English restoration of a protected term). */
const PLURAL_ENDINGS: ReadonlySet<string> = new Set(['e', 'en', 'n', 'er', 'ern'])

/** How a glossary word inflects. */
export type WordClass = 'noun' | 'adjective' | 'verb' | 'name'

/** A glossary word reduced to the stem its inflected forms share. */
export interface WordPattern {
  readonly stem: string
  readonly class: WordClass
  readonly sensitive: boolean
}

/** Classify a word of a glossary entry and find its stem. */
export function wordPattern(word: string, isName: boolean, sensitive: boolean): WordPattern {
  if (isName) return {stem: word, class: 'name', sensitive}
  if (/^\p{Lu}/u.test(word)) return {stem: word, class: 'noun', sensitive}
  if (word.endsWith('en') && word.length > 4) return {stem: word.slice(0, -2), class: 'verb', sensitive}
  for (const ending of ['e', 'en', 'er', 'es', 'em']) {
    if (word.endsWith(ending) && word.length - ending.length >= 4) return {stem: word.slice(0, -ending.length), class: 'adjective', sensitive}
  }
  return {stem: word, class: 'adjective', sensitive}
}

/** The endings a word of this class may carry after its stem. */
export function endingsOf(wordClass: WordClass): readonly string[] {
  switch (wordClass) {
    case 'noun':
      return NOUN_ENDINGS
    case 'adjective':
      return ADJECTIVE_ENDINGS
    case 'verb':
      return VERB_ENDINGS
    case 'name':
      return NAME_ENDINGS
  }
}

/** How a text word relates to a pattern: undefined when it is not a form of it. */
export interface WordMatch {
  readonly plural: boolean
  readonly genitive: boolean
}

/**
 * Whether `word` is an inflected form of `pattern`: the stem (compared by the
 * case rule) followed by one of the class's endings.
 */
export function matchWord(word: string, pattern: WordPattern): WordMatch | undefined {
  const candidate = pattern.sensitive ? word : word.toLowerCase()
  const stem = pattern.sensitive ? pattern.stem : pattern.stem.toLowerCase()
  if (!candidate.startsWith(stem)) {
    // Sentence-initial capitals: "Künstliche Intelligenz", "Abwerben".
    if (!(pattern.sensitive && pattern.class !== 'name' && /^\p{Ll}/u.test(pattern.stem) && word.toLowerCase().startsWith(stem))) return undefined
  }
  const ending = candidate.slice(stem.length)
  if (!endingsOf(pattern.class).includes(ending)) return undefined
  return {plural: pattern.class === 'noun' && PLURAL_ENDINGS.has(ending), genitive: pattern.class === 'name' && ending !== ''}
}
