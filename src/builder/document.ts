import type {Diagnostic} from '../diagnostics.js'
import type {TargetLanguage, TranslationProvider} from '../providers/port.js'
import {DEFAULT_FRONTMATTER_FIELDS} from '../segment/extract.js'
import type {Article, Rendered} from '../article/article.js'
import {parseArticle} from '../article/parse.js'
import {planBuild} from './plan.js'
import {renderArticle} from '../article/render.js'
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
  readonly rendered: Rendered | undefined
  readonly diagnostics: readonly Diagnostic[]
}

/**
 * Translate one Markdown string in memory with the same stages as a build
 * (parse → segment → translate → render and check), without a memory or files.
 */
export async function translateDocument(source: string, options: TranslateDocumentOptions): Promise<DocumentResult> {
  const name = options.name ?? 'document.md'
  const article: Article = {
    inputPath: name,
    name,
    displayPath: name,
    outputs: {de: '', en: '', bilingual: '', review: ''},
    diagnostics: [],
    failed: false,
    source: source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  }
  parseArticle(article, {frontmatterFields: options.frontmatterFields ?? DEFAULT_FRONTMATTER_FIELDS})
  const plan = planBuild([article], {get: () => undefined})
  const results = await translateWork(plan.work, {
    provider: options.provider,
    target: options.target ?? 'en',
    concurrency: 1,
    signal: options.signal ?? new AbortController().signal,
    record: async () => undefined
  })
  renderArticle(article, (text) => results.get(text))
  return {rendered: article.rendered, diagnostics: article.diagnostics}
}
