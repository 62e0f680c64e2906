import type {GlossaryContext} from '../glossary/context.js'
import type {Masked} from '../glossary/enforce.js'
import type {GlossaryEntry} from '../glossary/model.js'
import type {TranslationProvider} from '../providers/port.js'
import type {WorkItem} from './plan.js'

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
