import type {Diagnostic} from '../diagnostics.js'
import type {TargetLanguage, TranslationProvider} from '../providers/port.js'
import {DEFAULT_FRONTMATTER_FIELDS} from '../segment/extract.js'
import {articleOf, type ArticleRef, type RenderedArticle} from '../article/article.js'
import {parseArticle} from '../article/parse.js'
import {renderArticle} from '../article/render.js'
import {planBuild} from './plan.js'
import {translateWork} from './translate.js'

/** Options for `translateDocument`. */
export interface TranslateDocumentOptions {
  readonly provider: TranslationProvider
  /** Name used in diagnostics (default: `document.md`). */
  readonly name?: string
  readonly target?: TargetLanguage
  readonly frontmatterFields?: readonly string[]
  readonly signal?: AbortSignal
}

/** The outcome for one document. */
export interface DocumentResult {
  /** Undefined when the document failed; see `diagnostics`. */
  readonly rendered: RenderedArticle | undefined
  readonly diagnostics: readonly Diagnostic[]
}

/**
 * Translate one Markdown string in memory with the same stages as a build
 * (parse → segment → translate → render and check), without a memory or files.
 */
export async function translateDocument(source: string, options: TranslateDocumentOptions): Promise<DocumentResult> {
  const name = options.name ?? 'document.md'
  const ref: ArticleRef = {inputPath: name, name, displayPath: name, outputs: {de: '', en: '', bilingual: '', review: ''}}
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const parsed = await parseArticle({ref, text, inputHash: ''}, {frontmatterFields: options.frontmatterFields ?? DEFAULT_FRONTMATTER_FIELDS})
  if (!parsed.ok) return {rendered: undefined, diagnostics: parsed.messages}
  const article = {...articleOf(ref), segments: parsed.value.extraction.segments}
  const plan = planBuild([article], {get: () => undefined})
  const results = await translateWork(plan.work, {
    provider: options.provider,
    target: options.target ?? 'en',
    concurrency: 1,
    signal: options.signal ?? new AbortController().signal,
    record: async () => undefined
  })
  if (article.failed) return {rendered: undefined, diagnostics: article.diagnostics}
  const rendered = renderArticle(parsed.value, (source) => results.get(source))
  return {rendered: rendered.ok ? rendered.value : undefined, diagnostics: [...article.diagnostics, ...rendered.messages]}
}
