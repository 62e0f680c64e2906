import {matchTagged, maskTerms, verifyTranslation, type GlossaryViolation, type Masked} from '../glossary/enforce.js'
import {entryKey, GlossaryMatcher, type TermMatch} from '../glossary/matcher.js'
import type {Glossary, GlossaryEntry} from '../glossary/model.js'
import type {MemoryEntry} from '../memory/store.js'
import type {GlossaryHint, TranslationProvider} from '../providers/port.js'
import {taggedToPlain} from '../segment/tags.js'
import type {WorkItem} from './plan.js'

/**
 * The glossary as the pipeline uses it: occurrences per sentence (matched
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

/** What to do with a remembered translation. */
export type Reuse =
  | {readonly use: true; readonly update?: MemoryEntry}
  | {readonly use: false}

/**
 * Scoped invalidation: a reviewed translation is always used (never
 * overwritten; a violation is flagged by the checks). A machine translation
 * made with the same glossary entries is used; when the entries that apply
 * changed, it is verified again: still compliant, it is used (and its record
 * updated); otherwise the sentence is translated again.
 */
export function decideReuse(entry: MemoryEntry, context: GlossaryContext): Reuse {
  if (entry.status === 'reviewed') return {use: true}
  const keys = context.keys(entry.source)
  const recorded = [...(entry.glossary ?? [])].sort()
  if (keys.length === recorded.length && keys.every((key, index) => key === recorded[index])) return {use: true}
  if (context.violations(entry.source, entry.target).length > 0) return {use: false}
  const {glossary: _old, ...rest} = entry
  return {use: true, update: keys.length === 0 ? rest : {...rest, glossary: keys}}
}

/** How sentences go to a provider: protected terms for providers without a glossary. */
export function transformFor(provider: TranslationProvider, context: GlossaryContext): ((item: WorkItem) => Masked) | undefined {
  return provider.capabilities.glossary === 'none' && !context.matcher.empty ? (item) => context.mask(item.source) : undefined
}

/**
 * Sentences whose fresh translation violates the glossary, with the entries
 * to protect when they are translated again.
 */
export function violatingWork(work: readonly WorkItem[], fresh: ReadonlyMap<string, string>, context: GlossaryContext): Map<WorkItem, Set<GlossaryEntry>> {
  const out = new Map<WorkItem, Set<GlossaryEntry>>()
  for (const item of work) {
    const target = fresh.get(item.source)
    if (target === undefined) continue
    const violations = context.violations(item.source, target)
    if (violations.length > 0) out.set(item, new Set(violations.map((violation) => violation.entry)))
  }
  return out
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)]
}
