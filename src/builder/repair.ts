import type {GlossaryContext} from '../glossary/context.js'
import type {Masked} from '../glossary/enforce.js'
import type {GlossaryEntry} from '../glossary/model.js'
import {masksTerms, type TranslationProvider} from '../providers/port.js'
import type {WorkItem} from './plan.js'

/**
 * How sentences go to a provider: protected terms for providers without a
 * glossary; a quotation whose original English is known, protected for every
 * provider (the original is written in its place).
 */
export function transformFor(provider: TranslationProvider, context: GlossaryContext): ((item: WorkItem) => Masked) | undefined {
  // Note: a provider that must see the source untouched (identity) gets it untouched.
  if (provider.capabilities.glossary === 'ignore') return undefined
  if (masksTerms(provider.capabilities) && !context.matcher.empty) return (item) => context.mask(item.source)
  return context.quotes.empty ? undefined : (item) => context.maskQuotes(item.source)
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
