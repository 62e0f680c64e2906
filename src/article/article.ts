import type {Root} from 'mdast'
import type {Diagnostic} from '../diagnostics.js'
import type {ArticleRecord} from '../review/record.js'
import type {OutputPaths} from '../project/layout.js'
import type {Extraction} from '../segment/model.js'

/** An article as discovery found it; plain data (it crosses to worker threads). */
export interface ArticleRef {
  readonly inputPath: string
  readonly name: string
  readonly displayPath: string
  readonly outputs: OutputPaths
}

/** Rendered outputs of an article. */
export interface Rendered {
  readonly de: string
  readonly en: string
  readonly bilingual: string
  /** The review page, when the build makes one. */
  readonly review?: string
}

/**
 * One article on its way through the pipeline. Each stage reads what earlier
 * stages added and adds its own part; a stage skips articles that failed.
 */
export interface Article {
  /** Absolute path of the input file. */
  readonly inputPath: string
  /** Path relative to the input folder, with `/` separators: the article's name. */
  readonly name: string
  /** Path relative to the working directory, used in messages. */
  readonly displayPath: string
  readonly outputs: OutputPaths
  readonly diagnostics: Diagnostic[]
  failed: boolean
  source?: string
  /** Hash of the input bytes as read (see `unchanged.ts`). */
  inputHash?: string
  /** The article's title (first level-1 heading), sent to providers as context. */
  title?: string
  tree?: Root
  extraction?: Extraction
  rendered?: Rendered
  /** What the last build wrote (for human edits and changes). */
  record?: ArticleRecord
  /** What this build writes. */
  nextRecord?: ArticleRecord
  /** Whether any output file changed on disk. */
  written?: boolean
  /** Tagged sources whose English a check refused: their translations must not stay in the memory. */
  refused?: readonly string[]
  /** Sentences this build had translated (not from the memory). */
  translated?: number
}

/** Record an error on the article and mark it failed. */
export function fail(article: Article, diagnostic: Diagnostic): void {
  article.diagnostics.push(diagnostic)
  if (diagnostic.severity === 'error') article.failed = true
}
