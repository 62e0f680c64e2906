import {controlCharacters, withoutControls} from '../util/printable.js'
import {TEMPLATE_TEXT} from '../segment/inline.js'
import {checkPlaceholders, normalizeTagged, parseTagged, tokensToPlain, type PlaceholderProblem, type Token} from '../segment/tags.js'
import type {ProviderSegment, ProviderTranslation} from './port.js'

/** The verdict on one segment of a provider's answer. */
export type SegmentVerdict =
  | {readonly ok: true; readonly id: string; readonly text: string; /** Control characters removed from the answer (`U+001B`, …), if any. */ readonly removed?: readonly string[]}
  | {readonly ok: false; readonly id: string; readonly problems: readonly Problem[]}

export type Problem =
  | PlaceholderProblem
  | {readonly rule: 'translation-missing'}
  | {readonly rule: 'translation-empty'}
  | {readonly rule: 'translation-count'; readonly tag: string}
  | {readonly rule: 'translation-markup'; readonly tag: string}

/**
 * Check a provider's answer against its request: every id back exactly once,
 * nothing invented, not empty, every placeholder intact. Accepted texts are
 * whitespace-normalized, and control characters (ESC, NUL, the bidi
 * controls: see `util/printable.ts`) are removed and named in `removed`,
 * so that they never reach an output or a terminal. Returns one verdict per requested segment, in order.
 */
export function validateAnswer(requested: readonly ProviderSegment[], answer: readonly ProviderTranslation[]): SegmentVerdict[] {
  const byId = new Map<string, ProviderTranslation[]>()
  for (const item of answer) byId.set(item.id, [...(byId.get(item.id) ?? []), item])
  return requested.map((segment): SegmentVerdict => {
    const found = byId.get(segment.id) ?? []
    const first = found[0]
    if (first === undefined) return {ok: false, id: segment.id, problems: [{rule: 'translation-missing'}]}
    if (found.length > 1) return {ok: false, id: segment.id, problems: [{rule: 'translation-count', tag: String(found.length)}]}
    if (typeof first.text !== 'string') return {ok: false, id: segment.id, problems: [{rule: 'translation-missing'}]}
    return {...checkTranslation(segment.text, first.text), id: segment.id}
  })
}

/** The verdict on one translation of a tagged German source. */
export type TranslationVerdict =
  | {readonly ok: true; readonly text: string; readonly removed?: readonly string[]}
  | {readonly ok: false; readonly problems: readonly Problem[]}

/**
 * Check one translation against its tagged German, the same way for a
 * provider's answer and a person's (see `review/human.ts`): not empty, every
 * placeholder exactly once, of its kind, properly nested. Accepted text is
 * whitespace-normalized, control characters removed and named in `removed`.
 */
export function checkTranslation(source: string, translation: string): TranslationVerdict {
  const removed = controlCharacters(translation)
  const text = normalizeTagged(removed.length === 0 ? translation : withoutControls(translation))
  // Note: each side is parsed once, not five times: checking answers was a fifth of the main thread's work in a 200-article build.
  const tokens = parseTagged(text)
  const sourceTokens = parseTagged(source)
  if (tokensToPlain(tokens).trim() === '' && tokensToPlain(sourceTokens).trim() !== '') return {ok: false, problems: [{rule: 'translation-empty'}]}
  const problems = checkPlaceholders(sourceTokens, tokens)
  if (problems.length > 0) return {ok: false, problems}
  // Template syntax in the words (a shortcode a site generator would run) that the German does not have is refused;
  // what the German has in its own words (a title, an alt text: not protected there) may come back.
  const own = new Set(templatesOf(sourceTokens))
  const added = templatesOf(tokens).filter((match) => !own.has(match))
  if (added.length > 0) return {ok: false, problems: added.map((tag) => ({rule: 'translation-markup' as const, tag}))}
  return removed.length === 0 ? {ok: true, text} : {ok: true, text, removed}
}

/** Template syntax (`{{ … }}`, shortcodes) in the words of parsed tagged tokens. */
function templatesOf(tokens: readonly Token[]): string[] {
  return tokens.flatMap((token) => (token.type === 'text' ? [...token.value.matchAll(TEMPLATE_TEXT)].map((match) => match[0]) : []))
}

/** Ids in an answer that were never requested (the provider invented sentences). */
export function unrequestedIds(requested: readonly ProviderSegment[], answer: readonly ProviderTranslation[]): string[] {
  const ids = new Set(requested.map((segment) => segment.id))
  return answer.map((item) => item.id).filter((id) => !ids.has(id))
}
