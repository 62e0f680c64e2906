import type {Diagnostic} from '../diagnostics.js'
import type {ProviderError} from '../errors.js'
import type {Article} from '../article/article.js'
import type {Glossary} from '../glossary/model.js'
import type {GlossaryContext} from '../glossary/context.js'
import type {TranslationMemory} from '../memory/store.js'
import type {QaCheck} from '../qa/checks.js'
import type {ReviewLabels} from '../review/html.js'
import type {Reviewer} from '../review/human.js'
import type {DateStyle} from '../segment/numbers.js'
import type {TargetLanguage, TranslationJudge, TranslationProvider} from '../providers/port.js'
import type {CostEstimate} from './cost.js'
import type {BuildPlan} from './plan.js'
import type {ArticlePool} from './pool.js'
import type {BuildState} from './state.js'
import type {Unchanged} from './unchanged.js'
import type {HashCache} from './hashes.js'
import type {FuzzyIndex} from '../memory/fuzzy.js'
import type {Written} from './checked.js'

/** Options for `runBuild`; the CLI fills them from flags and the config file. */
export interface BuildOptions {
  readonly cwd: string
  /** Absolute input folder. */
  readonly inputDir: string
  /** Absolute output folder (the memory lives in its `.tandem/`). */
  readonly outputDir: string
  /** Only these files (paths relative to `cwd`), instead of the whole input folder. */
  readonly files?: readonly string[]
  /** The provider for sentences the memory lacks; undefined means memory only. */
  readonly provider?: TranslationProvider
  readonly target: TargetLanguage
  /** Requests in flight at once. */
  readonly concurrency: number
  /** Absolute glossary folder (default: none). */
  readonly glossaryDir?: string
  /** Refuse to send more than this many characters (default: no limit). */
  readonly maxChars?: number
  /** QA checks to run on every translated sentence (default: all). */
  readonly checks?: ReadonlySet<QaCheck>
  /** Verify every translation against the glossary (default: true). */
  readonly checkGlossary?: boolean
  /** Labels and language of the review page (default: English). */
  readonly review?: {readonly labels: ReviewLabels; readonly lang: 'de' | 'en'}
  readonly frontmatterFields: readonly string[]
  /** Whole lines to leave out of scraped text (`.txt`), as regular expressions. */
  readonly textDrop?: readonly string[]
  /** MDX attributes whose text is translated (default: title, alt, label, description). */
  readonly mdxAttributes?: readonly string[]
  /** Larger inputs fail instead of being read (default: 10 MiB). */
  readonly maxInputBytes?: number
  /** Plan only: read, parse and count, but send and write nothing. */
  readonly dryRun: boolean
  /** The least fuzzy score a dry run counts as a match (default 75). */
  readonly fuzzyShow?: number
  /** The least fuzzy score of a memory entry sent to a language model as a reference (default 85). */
  readonly fuzzyHint?: number
  /** Characters of article context (summary, sentences before the batch) a language model gets per request (default 2,000). */
  readonly contextChars?: number
  readonly signal: AbortSignal
  /** Threads that read, parse and render articles, this one included (default: one per core, at most 4; 1 means no worker thread). */
  readonly workers?: number
  /** The heap limit of each worker thread in MB (default: V8's own, as this thread's); tests set a small one. */
  readonly workerHeapMb?: number
  /** Articles held parsed at a time (default: 64); smaller windows hold less memory. */
  readonly window?: number
  readonly onProgress?: (done: number, total: number) => void
  /** How a date in a segment with no words (a table cell) is written in English (default: long, `31 December 2024`). */
  readonly dates?: DateStyle
  /** Who made the edits found in `.en.md` files, asked only when there are some (default: an unknown reviewer, now). */
  readonly reviewer?: () => Reviewer
  /** A second model that rates each translation this build makes (`--judge`); it never changes text unless `fix`. */
  readonly judge?: JudgeOptions
  /** Ratings below this are a warning (`judge.threshold`, default 70). */
  readonly judgeThreshold?: number
}

/** How a build asks a second model. */
export interface JudgeOptions {
  readonly judge: TranslationJudge
  /** `--judge-fix`: ask for a corrected English of a translation rated below the threshold, validated like any answer. */
  readonly fix: boolean
}

/** Per-article outcome. */
export interface ArticleSummary {
  readonly name: string
  readonly path: string
  readonly ok: boolean
  readonly sentences: number
  readonly fromMemory: number
  readonly translated: number
  readonly failed: number
  /** Characters a build would send (dry run) or sent. */
  readonly characters: number
  readonly outputs: readonly string[]
  readonly written: boolean
}

/** What a build did. */
export interface BuildReport {
  readonly articles: readonly ArticleSummary[]
  readonly diagnostics: readonly Diagnostic[]
  readonly plan: BuildPlan
  /** What the plan costs with the chosen provider. */
  readonly cost: CostEstimate
  /** Articles that need a provider when none is configured. */
  readonly needsProvider: boolean
  /** Outputs of vanished inputs removed (in a dry run: that would be removed), relative to the output folder. */
  readonly removed: readonly string[]
  /** Articles skipped because nothing they depend on changed. */
  readonly unchanged: number
  readonly dryRun: boolean
  /** In a dry run with a judge: the tokens its requests would take. */
  readonly judgeTokens?: number
  /** The judge's id, when there is one. */
  readonly judge?: string
  /** In a dry run: how many of the sentences to send have a fuzzy match in the memory, at or above `minimum`. */
  readonly fuzzy?: {readonly matched: number; readonly minimum: number}
  readonly provider: string | undefined
  /**
   * The provider's fault that stopped the build (a rejected key, a server that
   * cannot be reached or is not the API, …): nothing was sent after it, and
   * the articles it left untranslated failed without a message each.
   */
  readonly stopped?: ProviderError
}

/** What the stages of one build share. */
export interface BuildScope {
  readonly options: BuildOptions
  readonly articles: readonly Article[]
  /** The articles to build: all but the unchanged. */
  readonly active: readonly Article[]
  readonly unchanged: ReadonlyMap<Article, Unchanged>
  readonly memory: TranslationMemory
  readonly context: GlossaryContext
  readonly pool: ArticlePool
  readonly previous: BuildState
  readonly fingerprint: string
  readonly glossary: Glossary
  /** The hashes of files by their stamps (see `hashes.ts`). */
  readonly hashes: HashCache
  /** What the build wrote of each article's record, for the notes it leaves (see `checked.ts`). */
  readonly written: Map<string, Written>
  /** Aborted, with the fault, when the provider fails for good (see `BuildReport.stopped`): later windows send nothing. */
  readonly stop: AbortController
  /** The provider's set-up (its glossary), done once. */
  prepared?: Promise<void>
  /** The memory's sentences as a fuzzy index, made once when a language model needs references. */
  fuzzy?: FuzzyIndex
}

/**
 * Articles go through prepare → plan → translate → finish in windows of
 * `WINDOW` articles, so that at most two windows' parsed trees are held at a
 * time (the next one is read while this one is translated). A dry run and a build with `--max-chars` plan everything in one
 * window: both must know the whole plan before anything is sent.
 */
export const WINDOW = 64

/** Defaults of `fuzzy.show`, `fuzzy.hint` and `context.chars`, as the config has them. */
export const DEFAULT_FUZZY_SHOW = 75
export const DEFAULT_FUZZY_HINT = 85
export const DEFAULT_CONTEXT_CHARS = 2000
/** Default of `judge.threshold`: a rating below it is a warning. */
export const DEFAULT_JUDGE_THRESHOLD = 70
