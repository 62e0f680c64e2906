import {matchTagged, maskTerms, verifyTranslation, type GlossaryViolation, type Masked} from './enforce.js'
import {entryKey, GlossaryMatcher, type TermMatch} from './matcher.js'
import type {Glossary, GlossaryEntry} from './model.js'
import type {GlossaryHint} from '../providers/port.js'
import {taggedToPlain} from '../segment/tags.js'

/**
 * The glossary as a build uses it: occurrences per sentence (matched
 * once, cached), the hints a provider gets, the keys a translation records.
 */
export class GlossaryContext {
  readonly matcher: GlossaryMatcher
  private readonly cache = new Map<string, TermMatch[]>()

  constructor(readonly glossary: Glossary) {
    this.matcher = new GlossaryMatcher(glossary.entries)
  }

  /** Glossary occurrences in a tagged German sentence. */
  matches(source: string): TermMatch[] {
    let found = this.cache.get(source)
    if (found === undefined) {
      found = matchTagged(this.matcher, source)
      this.cache.set(source, found)
    }
    return found
  }

  /** The entries that occur in a sentence, as a provider takes them. */
  hints(source: string): GlossaryHint[] {
    return unique(this.matches(source).map((match) => match.entry)).map((entry) => ({source: entry.de, target: entry.en, kind: entry.kind}))
  }

  /** Sorted keys of the entries that occur in a sentence. */
  keys(source: string): string[] {
    return unique(this.matches(source).map((match) => match.entry)).map(entryKey).sort()
  }

  /** What a translation gets wrong about the glossary. */
  violations(source: string, target: string): GlossaryViolation[] {
    return verifyTranslation(this.matches(source), taggedToPlain(target))
  }

  /** The sentence with terms protected as placeholders (all, or `only` these). */
  mask(source: string, only?: ReadonlySet<GlossaryEntry>): Masked {
    return maskTerms(this.matcher, source, only)
  }
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)]
}
