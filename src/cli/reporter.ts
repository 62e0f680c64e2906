import type {Diagnostic} from '../diagnostics.js'
import {faultText, localDetail} from './faults.js'
import type {Translate} from './i18n.js'

/** What a diagnostic says, localized; a fault it keeps (`reasonKey`) fills in `{{reason}}` in the same language. */
export function ruleText(t: Translate, item: Diagnostic): string {
  const params: Record<string, unknown> = {...item.params}
  const key = params['reasonKey']
  if (typeof key === 'string' && key !== '') params['reason'] = faultText({message: String(params['reason'] ?? ''), key, params: item.params}, t)
  localDetail(params, t)
  return t(`rule.${item.rule}`, params)
}

/** One diagnostic as `path:line:col  severity  rule  reason`, localized. */
export function formatDiagnostic(t: Translate, item: Diagnostic): string {
  const where = item.place === undefined ? item.path : `${item.path}:${item.place.line}:${item.place.column}`
  const reason = ruleText(t, item)
  return `${where}  ${t(`severity.${item.severity}`)}  ${item.rule}  ${reason}`
}

/** Diagnostics sorted by path, then line, then column, so output is stable. */
export function sortDiagnostics(items: readonly Diagnostic[]): Diagnostic[] {
  return [...items].sort(
    (a, b) =>
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      (a.place?.line ?? 0) - (b.place?.line ?? 0) ||
      (a.place?.column ?? 0) - (b.place?.column ?? 0)
  )
}
