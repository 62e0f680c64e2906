import type {Root} from 'mdast'
import type {Diagnostic} from '../diagnostics.js'
import type {OutputPaths} from '../project/layout.js'
import type {SegmentLine} from '../review/lines.js'
import type {ArticleRecord} from '../review/record.js'
import type {HtmlSource} from '../html/model.js'
import type {Extraction, Segment} from '../segment/model.js'

/**
 * One article's way from input bytes to the bytes it writes, as a chain of
 * typed values: `ArticleRef` → `ReadArticle` → `ParsedArticle` →
 * `RenderedArticle` → `RecordedArticle`. Each stage is a function from one
 * value to an `Outcome` of the next; a failure carries its positioned
 * messages, and no stage changes the value it was given.
 */

/** An article as discovery found it; plain data (it crosses to worker threads). */
export interface ArticleRef {
  /** Absolute path of the input file. */
  readonly inputPath: string
  /** Path relative to the input folder, with `/` separators: the article's name. */
  readonly name: string
  /** Path relative to the working directory, used in messages. */
  readonly displayPath: string
  readonly outputs: OutputPaths
}

/** What a stage made, or why it could not; its messages either way. */
export type Outcome<T> =
  | {readonly ok: true; readonly value: T; readonly messages: readonly Diagnostic[]}
  | {readonly ok: false; readonly messages: readonly Diagnostic[]; /** Tagged sources whose English a check refused. */ readonly refused?: readonly string[]}

/** A stage's value, with warnings if any. */
export function success<T>(value: T, messages: readonly Diagnostic[] = []): Outcome<T> {
  return {ok: true, value, messages}
}

/** A stage's failure: at least one error, with its place. */
export function failure<T>(messages: readonly Diagnostic[], refused?: readonly string[]): Outcome<T> {
  return refused === undefined ? {ok: false, messages} : {ok: false, messages, refused}
}

/** The input as text. */
export interface ReadArticle {
  readonly ref: ArticleRef
  /** The text, BOM dropped, line endings LF. */
  readonly text: string
  /** Hash of the input bytes as read (see `builder/unchanged.ts`). */
  readonly inputHash: string
  /** The input's stamp, taken before it was read (see `util/stamp.ts`). */
  readonly inputStamp?: string
}

/** The input as a tree, cut into segments. */
export interface ParsedArticle {
  readonly ref: ArticleRef
  readonly inputHash: string
  /**
   * The tree; its slots are rewritten when the article is written in a
   * language (see `segment/assemble.ts`), so it belongs to one article job.
   */
  readonly tree: Root
  readonly extraction: Extraction
  /** The article's title (first level-1 heading), sent to providers as context. */
  readonly title?: string
  /** What the article is about (see `summary.ts`), sent to language models as context. */
  readonly summary?: string
  /** For an HTML article: its source and the ranges the English replaces. */
  readonly html?: HtmlSource
}

/** The three Markdown files of an article, and where each segment stands in them. */
export interface RenderedArticle {
  readonly de: string
  readonly en: string
  readonly bilingual: string
  readonly lines: readonly SegmentLine[]
  /** The English in the input's own format (an HTML article's `.en.html`). */
  readonly native?: string
}

/** Everything an article writes: its files and its record. */
export interface RecordedArticle {
  readonly de: string
  readonly en: string
  readonly bilingual: string
  /** The review page, when the build makes one. */
  readonly review?: string
  /** The English in the input's own format (an HTML article's `.en.html`). */
  readonly native?: string
  readonly record: ArticleRecord
}

/**
 * What the main thread of a build knows of an article: its identity, what
 * it needs to plan and translate (its segments, its title), and the
 * outcome so far. The tree stays with the job that parsed it.
 */
export interface Article extends ArticleRef {
  readonly diagnostics: Diagnostic[]
  failed: boolean
  /** The segments, while the article is planned and translated. */
  segments?: readonly Segment[]
  /** Hash of the input bytes as read, and their stamp. */
  inputHash?: string
  inputStamp?: string
  title?: string
  summary?: string
  /** Whether any output file changed on disk. */
  written?: boolean
  /** Sentences this build had translated (not from the memory). */
  translated?: number
  /**
   * An `.en.md` that may hold a reviewer's lines, kept aside at `path` before
   * the build writes (its record was missing or damaged); see `builder/edits.ts`.
   */
  orphaned?: {readonly path: string; readonly text: string}
}

/** An article as the main thread starts it. */
export function articleOf(ref: ArticleRef): Article {
  return {...ref, diagnostics: [], failed: false}
}

/**
 * Mark an article failed by a fault of the whole build (the provider stopped):
 * no message of its own, the build reports the fault once.
 */
export function halt(article: Article): void {
  article.failed = true
}

/** Record an error on the article and mark it failed. */
export function fail(article: Article, diagnostic: Diagnostic): void {
  article.diagnostics.push(diagnostic)
  if (diagnostic.severity === 'error') article.failed = true
}
