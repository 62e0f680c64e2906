import {relative, sep} from 'node:path'
import {diagnostic, type Diagnostic} from '../diagnostics.js'
import type {Glossary} from '../glossary/model.js'
import type {QaCheck} from '../qa/checks.js'
import type {ReviewLabels} from '../review/html.js'
import {loadRecord} from '../review/record.js'
import type {Segment} from '../segment/model.js'
import {fail, type Article, type ArticleRef} from '../article/article.js'
import {checkArticle} from '../article/check.js'
import {GlossaryContext} from '../glossary/context.js'
import {parseArticle} from '../article/parse.js'
import {readArticle} from '../article/read.js'
import {renderArticle} from '../article/render.js'
import {writeArticle} from './apply.js'

/**
 * The per-article stages of a build, as jobs that run in the main thread or
 * in a worker: `prepare` reads, parses and segments an article and finds a
 * reviewer's edits; `finish` renders, checks and writes it once the
 * translations are known. Only plain data crosses between the two sides.
 */

/** What every job needs to know about the build; plain data. */
export interface JobSettings {
  readonly cwd: string
  readonly outputDir: string
  readonly frontmatterFields: readonly string[]
  readonly maxInputBytes: number
  readonly glossary: Glossary
  readonly checks: readonly QaCheck[]
  readonly checkGlossary: boolean
  readonly review: {readonly labels: ReviewLabels; readonly lang: 'de' | 'en'}
}

/** What `prepare` found. */
export interface Prepared {
  readonly failed: boolean
  readonly diagnostics: readonly Diagnostic[]
  readonly title?: string
  readonly segments: readonly Segment[]
  /** Hash of the input bytes as read. */
  readonly input?: string
}

/** The English an article's sentences get: tagged source → [tagged target, reviewed]. */
export type ArticleTranslations = ReadonlyMap<string, readonly [string, boolean]>

/** What `finish` did. */
export interface Finished {
  readonly failed: boolean
  /** Diagnostics added by rendering, checking and writing. */
  readonly diagnostics: readonly Diagnostic[]
  readonly written: boolean
  /** Tagged sources whose English a check refused. */
  readonly refused?: readonly string[]
  /** The files the article now has, relative to the output folder, with the hash of each as written. */
  readonly outputs?: Readonly<Record<string, string>>
}

/** The stages of one article, holding parsed articles between `prepare` and `finish`. */
export class ArticleJobs {
  private readonly open = new Map<string, Article>()
  private readonly context: GlossaryContext
  private readonly checks: ReadonlySet<QaCheck>

  constructor(private readonly settings: JobSettings) {
    this.context = new GlossaryContext(settings.glossary)
    this.checks = new Set(settings.checks)
  }

  /** Read, parse and segment; load the last build's record (for change tracking). */
  async prepare(ref: ArticleRef): Promise<Prepared> {
    const {settings} = this
    const article: Article = {...ref, diagnostics: [], failed: false}
    this.open.set(ref.name, article)
    try {
      await readArticle(article, settings.maxInputBytes)
      parseArticle(article, {frontmatterFields: settings.frontmatterFields})
      if (!article.failed) {
        const record = await loadRecord(settings.outputDir, article.name)
        if (record !== undefined) article.record = record
      }
    } catch (error) {
      // One article's unexpected fault (a stack overflow, say) never sinks the build.
      fail(article, diagnostic('error', 'internal', article.displayPath, {stage: 'prepare', reason: (error as Error).message}))
    }
    // The source text is parsed now; only the tree is needed from here on.
    delete article.source
    return {
      failed: article.failed,
      diagnostics: [...article.diagnostics],
      ...(article.title === undefined ? {} : {title: article.title}),
      segments: article.failed ? [] : (article.extraction?.segments ?? []),
      ...(article.inputHash === undefined ? {} : {input: article.inputHash})
    }
  }

  /**
   * Render, check and write a prepared article with its translations, then
   * let it go. With `translations` undefined the article is only let go.
   */
  async finish(name: string, translations: ArticleTranslations | undefined): Promise<Finished> {
    const article = this.open.get(name)
    this.open.delete(name)
    if (article === undefined) throw new Error(`internal: article ${name} was not prepared`)
    if (translations === undefined || article.failed) return {failed: article.failed, diagnostics: [], written: false}
    const {settings, context, checks} = this
    const before = article.diagnostics.length
    const english = (source: string): string | undefined => translations.get(source)?.[0]
    const reviewed = (source: string): boolean => translations.get(source)?.[1] === true
    try {
      renderArticle(article, english, reviewed, {context, checks, labels: settings.review.labels, lang: settings.review.lang})
      checkArticle(article, {context, english, reviewed, checks, glossary: settings.checkGlossary})
      if (article.refused !== undefined) return {failed: true, diagnostics: article.diagnostics.slice(before), written: false, refused: article.refused}
    } catch (error) {
      fail(article, diagnostic('error', 'internal', article.displayPath, {stage: 'render', reason: (error as Error).message}))
      return {failed: true, diagnostics: article.diagnostics.slice(before), written: false}
    }
    if (article.nextRecord !== undefined && !article.failed) {
      const warnings = article.diagnostics.filter((item) => item.path === article.displayPath).map(({path: _path, ...rest}) => rest)
      const {warnings: _old, ...record} = article.nextRecord
      article.nextRecord = warnings.length === 0 ? record : {...record, warnings}
    }
    const hashes = await writeArticle(article, settings.outputDir)
    let outputs: Record<string, string> | undefined
    if (hashes !== undefined && !article.failed) {
      const named = [...hashes].map(([path, hash]) => [relative(settings.outputDir, path).split(sep).join('/'), hash] as const)
      outputs = Object.fromEntries(named.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    }
    return {failed: article.failed, diagnostics: article.diagnostics.slice(before), written: article.written ?? false, ...(outputs === undefined ? {} : {outputs})}
  }
}
