import {GERMAN_ABBREVIATIONS, GERMAN_MONTHS, ORDINAL_LEADS} from './abbreviations.js'

/**
 * Sentence boundaries in German text: `Intl.Segmenter` proposes, a rule layer
 * disposes. ICU splits after every abbreviation and ordinal ("z.", "Dr.",
 * "am 3." Oktober) and inside quotations; the rules below undo those splits.
 */

const segmenter = new Intl.Segmenter('de', {granularity: 'sentence'})

/** Characters that may close a quotation, by the character that opened it. */
const QUOTE_PAIRS: ReadonlyMap<string, string> = new Map([
  ['„', '“'],
  ['‚', '‘'],
  ['»', '«'],
  ['«', '»'],
  ['“', '”']
])

/**
 * Offsets where a sentence starts, after the first (so `[]` means one
 * sentence). Line breaks count as spaces: they are soft breaks in Markdown.
 */
export function sentenceBoundaries(text: string): number[] {
  const flat = text.replace(/[\r\n]/g, ' ')
  const quoted = quotationSpans(flat)
  const boundaries: number[] = []
  let previousStart = 0
  for (const {index} of segmenter.segment(flat)) {
    if (index === 0) continue
    // Note: only split where the text has whitespace; joining sentences with a
    // line break must never add space that the source did not have.
    if (!/\s/u.test(flat[index - 1] ?? '')) continue
    const before = flat.slice(previousStart, index)
    const after = flat.slice(index)
    if (keepsTogether(flat.slice(0, index), before, after, index, quoted)) continue
    boundaries.push(index)
    previousStart = index
  }
  return boundaries
}

/** Split text into sentences (whitespace between them is dropped, inner whitespace kept). */
export function splitSentences(text: string): string[] {
  const cuts = [0, ...sentenceBoundaries(text), text.length]
  const out: string[] = []
  for (let i = 0; i + 1 < cuts.length; i++) {
    const piece = text.slice(cuts[i], cuts[i + 1]).trim()
    if (piece !== '') out.push(piece)
  }
  return out
}

function keepsTogether(
  head: string,
  before: string,
  after: string,
  index: number,
  quoted: ReadonlyArray<readonly [number, number]>
): boolean {
  const next = after.trimStart()
  if (next === '') return true
  // A sentence does not begin in lower case or with punctuation that continues
  // the previous one: "„Gut.“ und ging", "„Toll!“, sagte er", "z. B. bei".
  if (/^[\p{Ll},;:)\]}–—-]/u.test(next)) return true
  if (/^[“”’»«]/u.test(next) && !/^[„»«“]\s*\p{Lu}/u.test(next)) return true
  // Inside a quotation that closes later in this block.
  if (quoted.some(([open, close]) => open < index && index <= close)) return true
  const trimmed = before.trimEnd()
  if (!trimmed.endsWith('.')) return false
  const lastWord = /(?:^|[\s(„“"'‚»«/[-])([^\s(„“"'‚»«/[-]*)\.$/u.exec(trimmed)?.[1] ?? ''
  if (lastWord === '') return false
  // "z. B.", "d. h.": a lone lower-case letter, or an upper-case one after another abbreviation part.
  const words = trimmed.split(/\s+/)
  const wordBefore = words.at(-2) ?? ''
  // "usw.", "etc.", "u. Ä.", "o. ä." close an enumeration and often the sentence: a capital after them begins the next.
  if (endsEnumeration(lastWord, wordBefore)) return !/^\p{Lu}/u.test(next)
  if (/^\p{Ll}$/u.test(lastWord)) return true
  // Note: a lone capital is not taken for an initial ("George W. Bush"): German
  // capitalizes every noun, so "Plan B. Dann" and "Tesla bzw. X. Weiter" would
  // be glued together. Initials that belong together come from the glossary.
  if (/^\p{Lu}$/u.test(lastWord)) return /^\p{L}\.$/u.test(wordBefore) || /^\p{L}\.(?:\s|$)/u.test(next)
  // "u.a.", "z.B." written without spaces.
  if (/^(?:\p{L}\.)+\p{L}$/u.test(lastWord)) return true
  if (GERMAN_ABBREVIATIONS.has(lastWord)) return true
  if (/^\d{1,3}$/.test(lastWord)) return isOrdinal(head, next)
  return false
}

/** Abbreviations that can end a sentence: "usw.", "etc.", "u. Ä." ("und Ähnliches"), "o. Ä.", also written "u.Ä.". */
function endsEnumeration(lastWord: string, wordBefore: string): boolean {
  if (lastWord === 'usw' || lastWord === 'etc') return true
  if (/^[uo]\.[äÄ]$/u.test(lastWord)) return true
  return /^[äÄ]$/u.test(lastWord) && /^[uo]\.$/u.test(wordBefore)
}

/** "am 3. Oktober", "der 2. Platz", "3. 10. 2024": an ordinal or date, not a sentence end. */
function isOrdinal(head: string, next: string): boolean {
  const nextWord = /^[\p{L}]+/u.exec(next)?.[0] ?? ''
  if (GERMAN_MONTHS.has(nextWord)) return true
  if (/^\d{1,4}\b/.test(next)) return true
  const words = head.trimEnd().split(/\s+/)
  const lead = words.at(-2) ?? ''
  return ORDINAL_LEADS.has(lead)
}

/** [open, close] offsets of quotations that are closed within the text. */
function quotationSpans(text: string): Array<readonly [number, number]> {
  const spans: Array<readonly [number, number]> = []
  const stack: Array<{char: string; at: number}> = []
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? ''
    const top = stack.at(-1)
    if (top !== undefined && QUOTE_PAIRS.get(top.char) === char) {
      stack.pop()
      spans.push([top.at, i])
      continue
    }
    if (QUOTE_PAIRS.has(char)) stack.push({char, at: i})
  }
  return spans
}
