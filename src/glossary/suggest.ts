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
  'Der Die Das Den Dem Des Ein Eine Einer Eines Einem Einen Und Oder Aber In Im Am An Auf Aus Bei Mit Nach Von Vom Zu Zum Zur Für Über Unter Vor Durch Gegen Ohne Um Es Er Sie Wir Ihr Ich Dieser Diese Dieses Diesen Diesem Wenn Als Wie Auch Nicht Noch Schon Mehr Während Seit Bis Dass Was Wer Wo Hier Dort Damit Dabei Jedoch Doch So Man Sein Seine Ihre Ihren Unser Alle Viele Einige'.split(
    ' '
  )
)
const WEIGHT = {'proper-name': 3, acronym: 2, compound: 1} as const

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
    words.forEach(({word, index}, position) => {
      const acronym = (part: string): boolean => /^(?:\p{Lu}{2,6}s?|\p{Ll}+\p{Lu}[\p{L}]*|\p{Lu}\p{Ll}+\p{Lu}[\p{L}]*)$/u.test(part)
      for (const part of word.includes('-') ? word.split('-') : []) if (acronym(part)) add(part.replace(/(?<=\p{Lu})s$/u, ''), 'acronym', place)
      if (acronym(word)) add(word.replace(/(?<=\p{Lu})s$/u, ''), 'acronym', place)
      else if (/^\p{Lu}/u.test(word) && (word.length >= 14 || (/-/.test(word) && word.length >= 8))) add(word, 'compound', place)
      // Two or three capitalized words in a row, not a function word, not right after a sentence start.
      const sentenceStart = position === 0 || /[.!?:]\s*$/.test(text.slice(0, index))
      if (sentenceStart || !isCapitalized(word)) return
      const run = [word]
      for (let next = position + 1; next < words.length && run.length < 3; next++) {
        const candidate = words[next]
        if (candidate === undefined || !isCapitalized(candidate.word) || !/^\s+$/.test(text.slice((words[next - 1]?.index ?? 0) + (words[next - 1]?.word.length ?? 0), candidate.index))) break
        run.push(candidate.word)
      }
      // German common nouns (Vergangenheit, Entwicklung) make noun pairs, not names.
      const commonNoun = run.some((item) => /(?:ung|heit|keit|schaft|ion|tät|nis|ismus|ment|en)$/.test(item))
      // Not the tail of a longer run, unless that run began the sentence ("Laut Elon Musk").
      const previous = words[position - 1]
      const previousStartsSentence = previous !== undefined && (position === 1 || /[.!?:]\s*$/.test(text.slice(0, previous.index)))
      const insideRun = previous !== undefined && isCapitalized(previous.word) && !previousStartsSentence
      if (run.length >= 2 && !commonNoun && !insideRun) add(run.join(' '), 'proper-name', place)
    })
  }
  return [...found]
    .filter(([, item]) => item.count >= (item.kind === 'compound' ? 2 : 1))
    .map(([text, item]) => ({text, kind: item.kind, count: item.count, score: item.count * WEIGHT[item.kind], places: item.places}))
    .sort((a, b) => b.score - a.score || (a.text < b.text ? -1 : 1))
    .slice(0, limit)
}

function isCapitalized(word: string): boolean {
  return /^\p{Lu}\p{Ll}+$/u.test(word) && !FUNCTION_WORDS.has(word)
}
