/**
 * Positioned messages about content: a lost placeholder, a sentence that no
 * provider translated, a file that is not UTF-8. Printed as
 * `path:line:col  severity  rule  reason` by the CLI reporter.
 */

/** Where in a file a diagnostic points (1-based). */
export interface Place {
  readonly line: number
  readonly column: number
}

export type Severity = 'error' | 'warning' | 'info'

/** Every rule id a diagnostic can carry; each has a localized text in `cli/locales`. */
export type RuleId =
  | 'read-binary'
  | 'read-encoding'
  | 'read-failed'
  | 'parse-failed'
  | 'input-too-large'
  | 'input-too-deep'
  | 'input-outside'
  | 'internal'
  | 'placeholder-missing'
  | 'placeholder-duplicate'
  | 'placeholder-unknown'
  | 'placeholder-nesting'
  | 'placeholder-kind'
  | 'translation-missing'
  | 'translation-empty'
  | 'translation-count'
  | 'provider-failed'
  | 'provider-control'
  | 'needs-provider'
  | 'glossary-missing'
  | 'glossary-forbidden'
  | 'glossary-reviewed'
  | 'qa-numbers'
  | 'qa-quotes'
  | 'qa-quotation'
  | 'qa-quote-original'
  | 'judge-low'
  | 'judge-failed'
  | 'judge-invalid'
  | 'judge-fix-refused'
  | 'qa-untranslated'
  | 'qa-length'
  | 'qa-consistency-sentence'
  | 'qa-consistency-noun'
  | 'edit-lines'
  | 'edit-untranslated'
  | 'edit-markup'
  | 'edit-ambiguous'
  | 'edit-empty'
  | 'check-missing'
  | 'check-unreviewed'
  | 'check-conflict'
  | 'check-stale'
  | 'text-one-line'
  | 'translation-markup'
  | 'frontmatter-kept'
  | 'html-kept'
  | 'html-structure'
  | 'mdx-invalid'
  | 'mdx-structure'
  | 'edit-orphaned'
  | 'human-markup'
  | 'human-empty'
  | 'human-source'
  | 'human-conflict'
  | 'alignment'
  | 'structure'
  | 'output-conflict'
  | 'write-failed'
  | 'output-kept'

/** One content problem, with the values its localized text needs. */
export interface Diagnostic {
  readonly severity: Severity
  readonly rule: RuleId
  /** Path relative to the working directory, as the user would type it. */
  readonly path: string
  readonly place?: Place
  /** Values interpolated into the localized text. */
  readonly params: Readonly<Record<string, string | number>>
}

/** Build a diagnostic; `place` may be omitted when the problem concerns the whole file. */
export function diagnostic(
  severity: Severity,
  rule: RuleId,
  path: string,
  params: Record<string, string | number> = {},
  place?: Place
): Diagnostic {
  return place === undefined ? {severity, rule, path, params} : {severity, rule, path, params, place}
}
