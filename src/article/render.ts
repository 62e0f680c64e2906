import {diagnostic} from '../diagnostics.js'
import {renderBilingual} from '../output/bilingual.js'
import {probeLines, segmentLines} from '../review/lines.js'
import {assemble, assembleWithStarts, type Lookup} from '../segment/assemble.js'
import {failure, success, type Outcome, type ParsedArticle, type RenderedArticle} from './article.js'
import {htmlModules} from './readers.js'
import {mdxDifference, refusedSentences} from './verify.js'

/** Finds the English for a tagged source: memory first, then this run's translations. */
export type Translations = (source: string) => string | undefined

/**
 * Stage: write the article in German and English from the same tree, and the
 * bilingual file from their lines. Refuses (writes nothing) when a sentence
 * has no English, when a translated sentence would change the Markdown
 * structure (see `verify.ts`; those answers are named in `refused`), or when
 * the two files do not have the same number of lines.
 */
export function renderArticle(parsed: ParsedArticle, translations: Translations): Outcome<RenderedArticle> {
  const {tree, extraction, ref} = parsed
  const missing = extraction.segments.filter((segment) => segment.translatable && translations(segment.source) === undefined)
  const first = missing[0]
  // The translate stage already said why for sentences it was given; this is the backstop.
  if (first !== undefined) return failure([diagnostic('error', 'needs-provider', ref.displayPath, {count: missing.length}, first.place)])
  const german: Lookup = (segment) => segment.source
  // Note: a segment with no words has English only when tandem put its numbers into English form (see `segment/numbers.ts`).
  const english: Lookup = (segment) => translations(segment.source) ?? segment.source
  // The structure guarantee, sentence by sentence: checked before anything is written.
  const refused = refusedSentences(extraction, german, english)
  if (refused.length > 0) {
    const messages = refused.map(({mismatch, place}) => diagnostic('error', 'structure', ref.displayPath, {file: 'en', expected: mismatch.expected, actual: mismatch.actual}, place))
    return failure(messages, refused.map((item) => item.source))
  }
  const {text: de, starts} = assembleWithStarts(tree, extraction, german)
  const {html} = parsed
  // Note: an article with HTML was parsed in this thread, which loaded the writer.
  const page = html === undefined ? undefined : {html, ...htmlModules().write}
  const germanHtml = page?.renderTargets(page.html)
  const lines = segmentLines(tree, extraction, starts)
  const en = assemble(tree, extraction, english)
  const native = page?.writeHtml(page.html, germanHtml ?? [], page.renderTargets(page.html))
  // Note: built from the input's own bytes, so this holds by construction; checked anyway, as nothing broken may be written.
  const moved = page === undefined || native === undefined ? undefined : page.structureDifference(page.html.text, native)
  if (moved !== undefined) return failure([diagnostic('error', 'html-structure', ref.displayPath, {}, moved)])
  // MDX: the English read back as MDX must have the German's components, expressions, imports and blocks.
  const mdx = extraction.mdx === undefined ? undefined : mdxDifference(de, en, new Set(extraction.mdx.attributes))
  if (mdx !== undefined) return failure([diagnostic('error', 'mdx-structure', ref.displayPath, {expected: mdx.expected, actual: mdx.actual}, mdx.place)])
  const bilingual = renderBilingual(tree, extraction, german, english, {de, en, starts})
  const deLines = de.split('\n').length
  const enLines = en.split('\n').length
  if (deLines !== enLines) return failure([diagnostic('error', 'alignment', ref.displayPath, {de: deLines, en: enLines})])
  // Note: last, because the probe (rarely needed) rewrites the tree once more.
  const own = native ?? (extraction.mdx === undefined ? undefined : en)
  return success({de, en, bilingual, lines: lines ?? probeLines(tree, extraction), ...(own === undefined ? {} : {native: own})})
}
