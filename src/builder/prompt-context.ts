import type {FuzzyIndex} from '../memory/fuzzy.js'
import {looksLikeInstruction} from '../providers/injection.js'
import type {PrecedingSentence, ProviderReference} from '../providers/port.js'
import {taggedToPlain} from '../segment/tags.js'
import {cut} from '../article/summary.js'
import type {WorkItem} from './plan.js'

/**
 * What a language model gets besides the sentences of a batch: for each
 * sentence, translations of similar sentences from the memory (references),
 * and for the batch, the article's title and summary and the sentences just
 * before it with the English already decided for them. All of it plain text
 * (no code, no URLs) and nothing that reads like an instruction: a sentence
 * that does is sent alone, with none of this, and is in no one's context.
 */

/** Most references per sentence. */
export const MAX_REFERENCES = 3

/** The English decided for a sentence so far (the memory, with what this build added), by tagged source. */
export type Decided = (source: string) => {readonly target: string; readonly reviewed: boolean} | undefined

/** What a batch's request carries about its article. */
export interface BatchContext {
  readonly title?: string
  readonly summary?: string
  readonly preceding: readonly PrecedingSentence[]
}

/** Whether a text may go into another sentence's request. */
function quotable(text: string): boolean {
  return text.trim() !== '' && !looksLikeInstruction(text)
}

/**
 * The references of a sentence: fuzzy matches at or above `minimum` whose
 * English is known, reviewed before machine ones, each group best first, at
 * most `MAX_REFERENCES`.
 */
export function referencesFor(source: string, index: FuzzyIndex, decided: Decided, minimum: number): ProviderReference[] {
  const out: ProviderReference[] = []
  for (const match of index.find(source, minimum, 12)) {
    const english = decided(match.source)
    if (english === undefined) continue
    const plain = {source: taggedToPlain(match.source), target: taggedToPlain(english.target)}
    if (!quotable(plain.source) || !quotable(plain.target)) continue
    out.push({...plain, similarity: match.score, reviewed: english.reviewed})
  }
  // Note: a stable sort keeps the index's order (score, then text) within each group.
  return out.sort((a, b) => Number(b.reviewed) - Number(a.reviewed)).slice(0, MAX_REFERENCES)
}

/**
 * The context of a batch, from the article of its first sentence: its title,
 * and within `chars` its summary and the sentences before that sentence
 * (nearest last) whose English is decided, as many as fit (each counts its
 * German and its English).
 */
export function batchContext(batch: readonly WorkItem[], decided: Decided, chars: number): BatchContext {
  const first = batch[0]?.occurrences[0]
  if (first === undefined) return {preceding: []}
  const {article, segment} = first
  const title = article.title !== undefined && quotable(article.title) ? article.title : undefined
  const summary = article.summary !== undefined && quotable(article.summary) && chars > 0 ? cut(article.summary, chars) : undefined
  let left = chars - (summary?.length ?? 0)
  const inBatch = new Set(batch.map((item) => item.source))
  const segments = article.segments ?? []
  const preceding: PrecedingSentence[] = []
  for (let index = segments.indexOf(segment) - 1; index >= 0 && left > 0; index--) {
    const before = segments[index]
    if (before === undefined || !before.translatable || inBatch.has(before.source)) continue
    const english = decided(before.source)
    if (english === undefined) continue
    const sentence = {source: taggedToPlain(before.source), target: taggedToPlain(english.target)}
    if (!quotable(sentence.source) || !quotable(sentence.target)) continue
    left -= sentence.source.length + sentence.target.length
    if (left < 0) break
    preceding.unshift(sentence)
  }
  return {...(title === undefined ? {} : {title}), ...(summary === undefined ? {} : {summary}), preceding}
}
