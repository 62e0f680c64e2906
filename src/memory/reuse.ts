import type {GlossaryContext} from '../glossary/context.js'
import type {MemoryEntry} from './store.js'

/** What to do with a remembered translation. */
export type Reuse =
  | {readonly use: true; readonly update?: MemoryEntry}
  | {readonly use: false}

/**
 * Scoped invalidation: a reviewed translation is always used (never
 * overwritten; a violation is flagged by the checks). A machine translation
 * made with the same glossary entries is used; when the entries that apply
 * changed, it is verified again: still compliant, it is used (and its record
 * updated); otherwise (or when it lacks the original words of a quotation
 * it contains) the sentence is translated again.
 */
export function decideReuse(entry: MemoryEntry, context: GlossaryContext): Reuse {
  if (entry.status === 'reviewed') return {use: true}
  const keys = context.keys(entry.source)
  const recorded = [...(entry.glossary ?? [])].sort()
  if (keys.length === recorded.length && keys.every((key, index) => key === recorded[index])) return {use: true}
  if (context.violations(entry.source, entry.target).length > 0 || context.missingQuotes(entry.source, entry.target).length > 0) return {use: false}
  const {glossary: _old, ...rest} = entry
  return {use: true, update: keys.length === 0 ? rest : {...rest, glossary: keys}}
}
