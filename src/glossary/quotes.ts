import {sha256} from '../util/hash.js'
import type {QuoteEntry} from './model.js'

/** Who a translation that is nothing but a quotation's original words comes from, in the memory. */
export const QUOTES_PROVIDER = 'quotes'

/** A quotation in German text whose original English is known. */
export interface QuoteMatch {
  readonly entry: QuoteEntry
  /** Offset of the opening mark. */
  readonly start: number
  /** Offset after the closing mark. */
  readonly end: number
  /** The English to write in its place: the original words in English quotation marks. */
  readonly english: string
}

// „…“ and „…” (German), »…« (German books), «…» (Swiss), "…" (typed), “…” (English marks in German text).
const QUOTATION = /„([^„“”]+)[“”]|»([^»«]+)«|«([^«»]+)»|"([^"]+)"|“([^“”„]+)”/gu

/** Ending punctuation a quotation's wording may or may not carry. */
const ENDING = /[\s.,;:!?…]+$/u

/** A wording as it is compared: spaces folded, no ending punctuation. */
export function quoteKey(wording: string): string {
  return wording.replace(/\s+/g, ' ').trim().replace(ENDING, '')
}

/** The key a translation records for a quotation it contains: a change to the original re-verifies it. */
export function quoteEntryKey(entry: QuoteEntry): string {
  return sha256(`quote\u0000${entry.de}\u0000${entry.en}`, 10)
}

/** Finds quotations whose original English wording the project knows (`quotes:` in the glossary). */
export class QuoteMatcher {
  private readonly byKey = new Map<string, QuoteEntry>()

  constructor(quotes: readonly QuoteEntry[]) {
    for (const quote of quotes) this.byKey.set(quoteKey(quote.de), quote)
  }

  get empty(): boolean {
    return this.byKey.size === 0
  }

  /** The entry for a quotation's wording (without its marks), if the project has its original. */
  original(wording: string): QuoteEntry | undefined {
    return this.byKey.get(quoteKey(wording))
  }

  /** Every known quotation in a text, marks included, in order. */
  find(text: string): QuoteMatch[] {
    if (this.empty || !/[„»«"“]/u.test(text)) return []
    const found: QuoteMatch[] = []
    for (const match of text.matchAll(QUOTATION)) {
      const wording = match.slice(1).find((group) => group !== undefined) ?? ''
      const entry = this.original(wording)
      if (entry === undefined) continue
      found.push({entry, start: match.index, end: match.index + match[0].length, english: `“${englishWording(entry.en, wording)}”`})
    }
    return found
  }
}

/**
 * The original words, ending as the German quotation ends: with its closing
 * punctuation inside the marks when it has some („…Plan B.“ → “…plan B.”),
 * without a full stop when it has none („…Plan B“, sagte er → “…plan B”, he said).
 */
function englishWording(english: string, german: string): string {
  const ending = /[.!?…]$/u.exec(german.trim())?.[0]
  if (ending === undefined) return english.replace(/\.$/u, '')
  return /[.!?…]$/u.test(english) ? english : `${english}${ending}`
}
