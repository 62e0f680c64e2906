import {diagnostic} from '../diagnostics.js'
import {renderBilingual} from '../output/bilingual.js'
import type {QaCheck} from '../qa/checks.js'
import {renderReviewPage, type ReviewLabels} from '../review/html.js'
import {probeLines, segmentLines} from '../review/lines.js'
import {reviewRows} from '../review/rows.js'
import {nextRecord} from '../review/record.js'
import {assemble, assembleWithStarts, type Lookup} from '../segment/assemble.js'
import type {Segment} from '../segment/model.js'
import {fail, type Article} from './article.js'
import {refusedSentences} from './verify.js'
import type {GlossaryContext} from '../glossary/context.js'

/** Finds the English for a tagged source: memory first, then this run's translations. */
export type Translations = (source: string) => string | undefined

/**
 * Stage: write the article in German and English from the same tree, and the
 * bilingual file. Refuses (fails the article, writes nothing) when a sentence
 * has no English, when the two files do not have the same number of lines, or
 * when the English's Markdown structure differs from the German's.
 */
/** What the review page needs, when the build makes one. */
export interface ReviewPageOptions {
  readonly context: GlossaryContext
  readonly checks: ReadonlySet<QaCheck>
  readonly labels: ReviewLabels
  readonly lang: 'de' | 'en'
}

export function renderArticle(
  article: Article,
  translations: Translations,
  reviewed: (source: string) => boolean = () => false,
  page?: ReviewPageOptions
): void {
  const {tree, extraction} = article
  if (article.failed || tree === undefined || extraction === undefined) return
  const missing = extraction.segments.filter((segment) => segment.translatable && translations(segment.source) === undefined)
  if (missing.length > 0) {
    // The translate stage already said why for sentences it was given; this is the backstop.
    if (!article.failed) {
      const first = missing[0] as Segment
      fail(article, diagnostic('error', 'needs-provider', article.displayPath, {count: missing.length}, first.place))
    }
    return
  }
  const german: Lookup = (segment) => segment.source
  const english: Lookup = (segment) => (segment.translatable ? (translations(segment.source) ?? segment.source) : segment.source)
  // The structure guarantee, sentence by sentence (see blame.ts): checked before anything is written.
  const refused = refusedSentences(extraction, german, english)
  if (refused.length > 0) {
    article.refused = refused.map((item) => item.source)
    for (const {mismatch, place} of refused) {
      fail(article, diagnostic('error', 'structure', article.displayPath, {file: 'en', expected: mismatch.expected, actual: mismatch.actual}, place))
    }
    return
  }
  const {text: de, starts} = assembleWithStarts(tree, extraction, german)
  const lines = segmentLines(tree, extraction, starts)
  const en = assemble(tree, extraction, english)
  const bilingual = renderBilingual(tree, extraction, german, english, {de, en, starts})

  const deLines = de.split('\n').length
  const enLines = en.split('\n').length
  if (deLines !== enLines) {
    fail(article, diagnostic('error', 'alignment', article.displayPath, {de: deLines, en: enLines}))
    return
  }
  article.rendered = {de, en, bilingual}
  // Note: last, because the probe rewrites the tree once more.
  const units = (lines ?? probeLines(tree, extraction))
    .filter(({segment}) => segment.translatable)
    .map(({segment, line, slot}) => ({id: segment.id, kind: segment.kind, line, slot, source: segment.source, target: english(segment), reviewed: reviewed(segment.source)}))
  article.nextRecord = nextRecord(article.record, units, en)
  if (page !== undefined) {
    const title = article.title ?? article.name
    article.rendered = {...article.rendered, review: renderReviewPage(title, reviewRows(article.nextRecord, page.context, page.checks), page.labels, page.lang)}
  }
}
