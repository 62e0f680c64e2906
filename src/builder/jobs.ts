import {diagnostic, type Diagnostic} from '../diagnostics.js'
import type {Glossary} from '../glossary/model.js'
import type {QaCheck} from '../qa/checks.js'
import type {JudgeRating} from '../qa/judge.js'
import type {ReviewLabels} from '../review/html.js'
import {loadRecord, type ArticleRecord, type UnitMatch} from '../review/record.js'
import type {Segment} from '../segment/model.js'
import type {ArticleRef, ParsedArticle, RecordedArticle} from '../article/article.js'
import {checkArticle} from '../article/check.js'
import {GlossaryContext} from '../glossary/context.js'
import {parseArticle} from '../article/parse.js'
import {readArticle} from '../article/read.js'
import {recordArticle} from '../article/record.js'
import {renderArticle} from '../article/render.js'
import {writeArticle} from './apply.js'
import type {Checked} from './checked.js'
import {RECORDS_PREFIX} from '../project/layout.js'

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
  readonly textDrop?: readonly string[]
  readonly mdxAttributes?: readonly string[]
  readonly maxInputBytes: number
  readonly glossary: Glossary
  readonly checks: readonly QaCheck[]
  readonly checkGlossary: boolean
  readonly review: {readonly labels: ReviewLabels; readonly lang: 'de' | 'en'}
  /** A second model's rating below this is a warning. */
  readonly judgeThreshold: number
}

/** What `prepare` found. */
export interface Prepared {
  readonly failed: boolean
  readonly diagnostics: readonly Diagnostic[]
  readonly title?: string
  readonly summary?: string
  readonly segments: readonly Segment[]
  /** Hash of the input bytes as read, and their stamp. */
  readonly input?: string
  readonly inputStamp?: string
}

/**
 * The English an article's sentences get: tagged source → [tagged target,
 * reviewed, and for one not reviewed the most similar reviewed sentence of
 * the memory (null: none), and a second model's rating of it, if any].
 */
export type ArticleTranslations = ReadonlyMap<string, readonly [target: string, reviewed: boolean, match?: UnitMatch | null, judge?: JudgeRating]>

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
  /** Their stamps (see `util/stamp.ts`). */
  readonly stamps?: Readonly<Record<string, string>>
  /** What a later build reads of the record when it skips the article (see `checked.ts`). */
  readonly checked?: Omit<Checked, 'memory'>
}

/** An article between `prepare` and `finish`: parsed, with the record its last build wrote. */
interface Open {
  readonly parsed: ParsedArticle
  readonly previous: ArticleRecord | undefined
  readonly messages: readonly Diagnostic[]
}

/** The stages of one article, holding parsed articles between `prepare` and `finish`. */
export class ArticleJobs {
  private readonly open = new Map<string, Open>()
  private readonly context: GlossaryContext
  private readonly checks: ReadonlySet<QaCheck>

  constructor(private readonly settings: JobSettings) {
    this.context = new GlossaryContext(settings.glossary)
    this.checks = new Set(settings.checks)
  }

  /** Read → parse; load the last build's record (for change tracking). */
  async prepare(ref: ArticleRef): Promise<Prepared> {
    const {settings} = this
    try {
      const read = await readArticle(ref, settings.maxInputBytes)
      if (!read.ok) return {failed: true, diagnostics: read.messages, segments: []}
      const parsed = await parseArticle(read.value, {
        frontmatterFields: settings.frontmatterFields,
        ...(settings.textDrop === undefined ? {} : {textDrop: settings.textDrop}),
        ...(settings.mdxAttributes === undefined ? {} : {mdxAttributes: settings.mdxAttributes})
      })
      const input = {input: read.value.inputHash, ...(read.value.inputStamp === undefined ? {} : {inputStamp: read.value.inputStamp})}
      if (!parsed.ok) return {failed: true, diagnostics: parsed.messages, segments: [], ...input}
      const {value} = parsed
      const messages = [...read.messages, ...parsed.messages]
      this.open.set(ref.name, {parsed: value, previous: await loadRecord(settings.outputDir, ref.name), messages})
      return {failed: false, diagnostics: messages, segments: value.extraction.segments, ...input, ...(value.title === undefined ? {} : {title: value.title}), ...(value.summary === undefined ? {} : {summary: value.summary})}
    } catch (error) {
      // One article's unexpected fault (a stack overflow, say) never sinks the build.
      this.open.delete(ref.name)
      return {failed: true, diagnostics: [diagnostic('error', 'internal', ref.displayPath, {stage: 'prepare', reason: (error as Error).message})], segments: []}
    }
  }

  /**
   * Render → check → record → write a prepared article with its
   * translations, then let it go. With `translations` undefined the article
   * is only let go.
   */
  async finish(name: string, translations: ArticleTranslations | undefined): Promise<Finished> {
    const open = this.open.get(name)
    this.open.delete(name)
    // Note: an article whose preparation failed was never opened; letting it go is all there is to do.
    if (translations === undefined) return {failed: open === undefined, diagnostics: [], written: false}
    if (open === undefined) throw new Error(`internal: article ${name} was not prepared`)
    const {settings, context, checks} = this
    const {parsed, previous} = open
    const {ref} = parsed
    const english = (source: string): string | undefined => translations.get(source)?.[0]
    const reviewed = (source: string): boolean => translations.get(source)?.[1] === true
    const match = (source: string): UnitMatch | null | undefined => translations.get(source)?.[2]
    const judge = (source: string): JudgeRating | undefined => translations.get(source)?.[3]
    let recorded: RecordedArticle
    let messages: Diagnostic[]
    try {
      const rendered = renderArticle(parsed, english)
      if (!rendered.ok) return {failed: true, diagnostics: rendered.messages, written: false, ...(rendered.refused === undefined ? {} : {refused: rendered.refused})}
      messages = checkArticle(ref.displayPath, parsed.extraction.segments, {context, english, reviewed, checks, glossary: settings.checkGlossary, judge, judgeThreshold: settings.judgeThreshold})
      const page = {context, checks, labels: settings.review.labels, lang: settings.review.lang}
      recorded = recordArticle(parsed, rendered.value, {previous, english, reviewed, match, judge, warnings: [...open.messages, ...messages], page})
    } catch (error) {
      return {failed: true, diagnostics: [diagnostic('error', 'internal', ref.displayPath, {stage: 'render', reason: (error as Error).message})], written: false}
    }
    const applied = await writeArticle(ref, recorded, settings.outputDir)
    if (!applied.ok) return {failed: true, diagnostics: [...messages, ...applied.messages], written: false}
    const record = Object.entries(applied.value.outputs).find(([file]) => file.startsWith(RECORDS_PREFIX))?.[1]
    const checked = record === undefined ? undefined : {record, sentences: recorded.record.units.length, warnings: recorded.record.warnings ?? []}
    return {failed: false, diagnostics: messages, written: applied.value.written, outputs: applied.value.outputs, stamps: applied.value.stamps, ...(checked === undefined ? {} : {checked})}
  }
}
