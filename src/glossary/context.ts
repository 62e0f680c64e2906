import {matchTagged, maskTerms, verifyTranslation, type GlossaryViolation, type Masked} from './enforce.js'
import {entryKey, GlossaryMatcher, type TermMatch} from './matcher.js'
import type {Glossary, GlossaryEntry, QuoteEntry} from './model.js'
import type {GlossaryHint} from '../providers/port.js'
import {parseTagged, taggedToPlain} from '../segment/tags.js'
import {quoteEntryKey, quoteKey, QuoteMatcher} from './quotes.js'

/** Sentences whose glossary matches a context keeps (a few windows of articles). */
const CACHED = 4096

const NO_TERMS: ReadonlySet<GlossaryEntry> = new Set()

/**
 * The glossary as a build uses it: occurrences per sentence (matched
 * once, cached), the hints a provider gets, the keys a translation records.
 */
export class GlossaryContext {
  readonly matcher: GlossaryMatcher
  /** Quotations whose original English the project knows. */
  readonly quotes: QuoteMatcher
  /** The latest sentences' matches, at most `CACHED` (the oldest go first): a build reads a sentence's matches several times while its article is built, and never again after. */
  private readonly cache = new Map<string, TermMatch[]>()

  constructor(readonly glossary: Glossary) {
    this.matcher = new GlossaryMatcher(glossary.entries)
    this.quotes = new QuoteMatcher(glossary.quotes ?? [])
  }

  /** How many sentences' matches are cached now. */
  get cachedSentences(): number {
    return this.cache.size
  }

  /** Glossary occurrences in a tagged German sentence (none inside a known quotation). */
  matches(source: string): TermMatch[] {
    let found = this.cache.get(source)
    if (found !== undefined) {
      // Note: a hit goes to the back of the queue, so that a window of more sentences than the cache keeps those in use.
      this.cache.delete(source)
      this.cache.set(source, found)
    } else {
      found = matchTagged(this.matcher, source, this.quotes)
      // Note: unbounded, the cache held every sentence of the build (and, through them, each article's text) to the end.
      if (this.cache.size >= CACHED) this.cache.delete(this.cache.keys().next().value as string)
      this.cache.set(source, found)
    }
    return found
  }

  /** The known quotations in a tagged German sentence. */
  quotations(source: string): QuoteEntry[] {
    if (this.quotes.empty) return []
    return unique(parseTagged(source).flatMap((token) => (token.type === 'text' ? this.quotes.find(token.value).map((match) => match.entry) : [])))
  }

  /** The known quotations of a sentence whose original words a translation lacks. */
  missingQuotes(source: string, target: string): QuoteEntry[] {
    const quotations = this.quotations(source)
    if (quotations.length === 0) return []
    const english = quoteKey(taggedToPlain(target))
    return quotations.filter((quote) => !english.includes(quoteKey(quote.en)))
  }

  /**
   * The English of a sentence that is nothing but known quotations (and
   * punctuation, markup): their original words, no provider needed.
   */
  quoteOnly(source: string): string | undefined {
    if (this.quotes.empty) return undefined
    const masked = this.maskQuotes(source)
    if (masked.text === source) return undefined
    const rest = parseTagged(masked.text).every((token) => token.type !== 'text' || /^[\s\p{P}]*$/u.test(token.value))
    return rest ? masked.restore(masked.text) : undefined
  }

  /** The entries that occur in a sentence, as a provider takes them. */
  hints(source: string): GlossaryHint[] {
    return unique(this.matches(source).map((match) => match.entry)).map((entry) => ({source: entry.de, target: entry.en, kind: entry.kind}))
  }

  /** Sorted keys of the entries (and known quotations) that occur in a sentence. */
  keys(source: string): string[] {
    return [...unique(this.matches(source).map((match) => match.entry)).map(entryKey), ...this.quotations(source).map(quoteEntryKey)].sort()
  }

  /** What a translation gets wrong about the glossary. */
  violations(source: string, target: string): GlossaryViolation[] {
    return verifyTranslation(this.matches(source), taggedToPlain(target))
  }

  /** The sentence with only its known quotations protected (for a provider that takes the glossary itself). */
  maskQuotes(source: string): Masked {
    return maskTerms(this.matcher, source, NO_TERMS, this.quotes)
  }

  /** The sentence with terms protected as placeholders (all, or `only` these), and known quotations always. */
  mask(source: string, only?: ReadonlySet<GlossaryEntry>): Masked {
    return maskTerms(this.matcher, source, only, this.quotes)
  }
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)]
}
