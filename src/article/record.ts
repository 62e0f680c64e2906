import type {Diagnostic} from '../diagnostics.js'
import type {GlossaryContext} from '../glossary/context.js'
import type {QaCheck} from '../qa/checks.js'
import type {JudgeRating} from '../qa/judge.js'
import {renderReviewPage, type ReviewLabels} from '../review/html.js'
import {marksOf} from '../review/marks.js'
import {nextRecord, type ArticleRecord, type UnitMatch} from '../review/record.js'
import {reviewRows} from '../review/rows.js'
import type {ParsedArticle, RecordedArticle, RenderedArticle} from './article.js'
import type {Translations} from './render.js'

/** What the review page needs, when the build makes one. */
export interface ReviewPageOptions {
  readonly context: GlossaryContext
  readonly checks: ReadonlySet<QaCheck>
  readonly labels: ReviewLabels
  readonly lang: 'de' | 'en'
}

/** Options for `recordArticle`. */
export interface RecordOptions {
  /** What the last build wrote for the article, for change tracking. */
  readonly previous: ArticleRecord | undefined
  readonly english: Translations
  readonly reviewed: (source: string) => boolean
  /** The most similar reviewed sentence of the memory for a sentence not reviewed yet (null or undefined: none). */
  readonly match?: (source: string) => UnitMatch | null | undefined
  /** A second model's rating of a machine translation, if it has one. */
  readonly judge?: (source: string) => JudgeRating | undefined
  /** The article's warnings, repeated when a later build skips it. */
  readonly warnings: readonly Diagnostic[]
  readonly page?: ReviewPageOptions
}

/**
 * Stage: what the article writes besides its Markdown: its record (every
 * translated unit with its line and review status, the hash of every English
 * line) and the review page.
 */
export function recordArticle(parsed: ParsedArticle, rendered: RenderedArticle, options: RecordOptions): RecordedArticle {
  const units = rendered.lines
    .filter(({segment}) => segment.translatable)
    .map(({segment, line, slot}) => {
      const match = options.match?.(segment.source) ?? undefined
      const judge = options.judge?.(segment.source)
      return {
        id: segment.id,
        kind: segment.kind,
        line,
        slot,
        source: segment.source,
        target: options.english(segment.source) ?? segment.source,
        reviewed: options.reviewed(segment.source),
        ...(match === undefined ? {} : {match}),
        ...(judge === undefined ? {} : {judge})
      }
    })
  const fresh = nextRecord(options.previous, units, rendered.en)
  const warnings = options.warnings.filter((item) => item.path === parsed.ref.displayPath).map(({path: _path, ...rest}) => rest)
  const {warnings: _old, ...bare} = fresh
  const record: ArticleRecord = warnings.length === 0 ? bare : {...bare, warnings}
  const {page} = options
  const review = page === undefined ? undefined : renderReviewPage(parsed.title ?? parsed.ref.name, reviewRows(record, page.context, page.checks, marksOf(parsed.extraction), rendered.de.split('\n')), page.labels, page.lang)
  return {de: rendered.de, en: rendered.en, bilingual: rendered.bilingual, record, ...(review === undefined ? {} : {review}), ...(rendered.native === undefined ? {} : {native: rendered.native})}
}
