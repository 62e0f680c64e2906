import {mkdir} from 'node:fs/promises'
import {join, relative, sep} from 'node:path'
import pLimit from 'p-limit'
import type {Diagnostic} from '../diagnostics.js'
import {diagnostic} from '../diagnostics.js'
import {ConfigError} from '../errors.js'
import {loadGlossary} from '../glossary/load.js'
import {EMPTY_GLOSSARY, type Glossary} from '../glossary/model.js'
import {memoryFileName, TranslationMemory, type MemoryEntry} from '../memory/store.js'
import {QA_CHECKS, type QaCheck} from '../qa/checks.js'
import {ENGLISH_LABELS, type ReviewLabels} from '../review/html.js'
import type {GlossaryHint, TargetLanguage, TranslationProvider} from '../providers/port.js'
import {fail, type Article} from '../article/article.js'
import {estimateCost, type CostEstimate} from './cost.js'
import {discoverArticles} from './discover.js'
import {GlossaryContext} from '../glossary/context.js'
import {decideReuse} from '../memory/reuse.js'
import {transformFor, violatingWork} from './repair.js'
import type {JobSettings} from './jobs.js'
import type {ArticleRef} from '../article/article.js'
import {planBuild, type ArticlePlan, type BuildPlan, type WorkItem} from './plan.js'
import {defaultWorkers, inlinePool, workerPool, type ArticlePool} from './pool.js'
import {DEFAULT_MAX_INPUT_BYTES} from '../article/read.js'
import {translateWork} from './translate.js'
import {removeStaleTemporaries} from '../util/fs.js'
import {settingsFingerprint, unchangedArticle, type Unchanged} from './unchanged.js'
import type {StateEntry} from './state.js'
import {loadState, updateState, type BuildState} from './state.js'
import {reviewerEdits} from './edits.js'

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
  /** Larger inputs fail instead of being read (default: 10 MiB). */
  readonly maxInputBytes?: number
  /** Plan only: read, parse and count, but send and write nothing. */
  readonly dryRun: boolean
  readonly signal: AbortSignal
  /** Worker threads for reading, parsing and rendering (default: one per core, at most 4; 1 means none). */
  readonly workers?: number
  /** Articles held parsed at a time (default: 64); smaller windows hold less memory. */
  readonly window?: number
  readonly onProgress?: (done: number, total: number) => void
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
  readonly removed: readonly string[]
  /** Articles skipped because nothing they depend on changed. */
  readonly unchanged: number
  readonly dryRun: boolean
  readonly provider: string | undefined
}

/** Fewer articles than this to prepare are built in this thread: starting workers would cost more. */
const WORKER_THRESHOLD = 16

/**
 * Build every article: skip the unchanged → read → parse → segment → plan →
 * translate → render → write. One bad article never sinks the batch; its
 * outputs stay as they were. The per-article stages run in worker threads
 * when there are enough articles (`workers`).
 * @throws ConfigError for a missing input folder; TandemError('memory-corrupt') for a damaged memory.
 */
export async function runBuild(options: BuildOptions): Promise<BuildReport> {
  const articles = await discoverArticles({
    cwd: options.cwd,
    inputDir: options.inputDir,
    outputDir: options.outputDir,
    ...(options.files === undefined ? {} : {files: options.files})
  })
  const memoryDir = join(options.outputDir, '.tandem')
  // What a killed build was writing is incomplete by definition: it goes before anything is read.
  if (!options.dryRun) await removeStaleTemporaries(options.outputDir)
  const memory = await TranslationMemory.open(memoryDir, memoryFileName('de', 'en'))
  const glossary = options.glossaryDir === undefined ? EMPTY_GLOSSARY : await loadGlossary(options.glossaryDir, options.cwd)
  const context = new GlossaryContext(glossary)
  const checks = [...(options.checks ?? QA_CHECKS)].sort()
  const review = options.review ?? {labels: ENGLISH_LABELS, lang: 'en' as const}
  const settings: JobSettings = {
    cwd: options.cwd,
    outputDir: options.outputDir,
    frontmatterFields: options.frontmatterFields,
    maxInputBytes: options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES,
    glossary,
    checks,
    checkGlossary: options.checkGlossary ?? true,
    review
  }
  const fingerprint = settingsFingerprint({
    provider: options.provider?.id ?? null,
    target: options.target,
    frontmatterFields: options.frontmatterFields,
    checks,
    checkGlossary: settings.checkGlossary,
    review,
    glossary: glossary.entries
  })
  const previous = await loadState(options.outputDir)

  // A reviewer's edits become reviewed translations first: before any article is
  // found unchanged or planned, so that an edit counts for every article with that sentence.
  const io = pLimit(16)
  const enOf = (article: Article): string | undefined => {
    const entry = previous.articles[article.name]
    return entry?.outputs?.[relative(options.outputDir, article.outputs.en).split(sep).join('/')]
  }
  const edits = await Promise.all(
    articles.map((article) => {
      const written = enOf(article)
      return io(() => reviewerEdits(article, {cwd: options.cwd, outputDir: options.outputDir, settle: !options.dryRun, ...(written === undefined ? {} : {written})}))
    })
  )
  const edited = edits.flat()
  if (edited.length > 0 && !options.dryRun) {
    await mkdir(memoryDir, {recursive: true})
    await memory.record(edited)
  }

  // Unchanged articles are skipped without parsing; their last warnings are repeated.
  const unchanged = new Map<Article, Unchanged>()
  await Promise.all(
    articles.map((article) =>
      io(async () => {
        // Note: an article discovery refused (a link out of input/) is not even hashed.
        if (article.failed) return
        const found = await unchangedArticle(article, previous.articles[article.name], {
          fingerprint,
          outputDir: options.outputDir,
          memory,
          deterministicProvider: options.provider?.capabilities.persistent === false
        })
        if (found === undefined) return
        unchanged.set(article, found)
        article.diagnostics.push(...found.warnings)
      })
    )
  )
  const active = articles.filter((article) => !unchanged.has(article))
  const workers = options.workers ?? defaultWorkers()
  const pool = workers > 1 && active.length >= WORKER_THRESHOLD ? workerPool(settings, workers) : inlinePool(settings)
  try {
    return await buildArticles({options, articles, active, unchanged, memory, context, pool, previous, fingerprint, glossary, stop: new AbortController()})
  } finally {
    await pool.close()
  }
}

interface BuildScope {
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
  /** Aborted when the provider refuses for good (authorization, quota): later windows send nothing. */
  readonly stop: AbortController
  /** The provider's set-up (its glossary), done once. */
  prepared?: Promise<void>
}

/**
 * Articles go through prepare → plan → translate → finish in windows of
 * `WINDOW` articles, so that at most two windows' parsed trees are held at a
 * time (the next one is read while this one is translated). A dry run and a build with `--max-chars` plan everything in one
 * window: both must know the whole plan before anything is sent.
 */
const WINDOW = 64

async function buildArticles(scope: BuildScope): Promise<BuildReport> {
  const {options, articles, active, unchanged, memory, pool} = scope
  const limit = pLimit(pool.parallelism)
  // Note: an article that discovery refused (a link out of the input folder), or whose edits were refused, is never read.
  const readable = active.filter((article) => !article.failed)

  const whole = options.dryRun || options.maxChars !== undefined
  const size = whole ? Math.max(1, readable.length) : (options.window ?? WINDOW)
  const plans: BuildPlan[] = []
  let cost: CostEstimate = {unit: options.provider?.capabilities.costUnit ?? 'characters', characters: 0}
  const entries = new Map<string, StateEntry>()
  const progress = {done: 0, total: 0}
  let needsProvider = false
  const windows: Article[][] = []
  for (let start = 0; start < readable.length; start += size) windows.push(readable.slice(start, start + size).filter((article) => !article.failed))
  // Note: the next window is read and parsed while this one waits for its provider.
  let next = windows.length > 0 ? prepareWindow(scope, windows[0] as Article[], limit) : undefined
  try {
    for (const [index, window] of windows.entries()) {
      await next
      next = index + 1 < windows.length ? prepareWindow(scope, windows[index + 1] as Article[], limit) : undefined
      const result = await buildWindow(scope, window, {limit, progress, entries})
      plans.push(result.plan)
      cost = addCost(cost, result.cost)
      needsProvider ||= result.needsProvider
    }
  } catch (error) {
    // Note: the window being read in the background is let finish, so nothing dangles.
    await next?.catch(() => undefined)
    throw error
  }
  const plan = withUnchanged(mergePlans(plans), articles, unchanged)
  let removed: string[] = []
  const kept: Diagnostic[] = []
  if (!options.dryRun) {
    await memory.save()
    const cleanup = await updateState({
      outputDir: options.outputDir,
      previous: scope.previous,
      present: articles.map((article) => article.name),
      entries,
      complete: options.files === undefined || options.files.length === 0
    })
    removed = [...cleanup.removed]
    for (const file of cleanup.kept) kept.push(diagnostic('warning', 'output-kept', relative(options.cwd, join(options.outputDir, file))))
  }
  return {
    articles: summarize(articles, plan),
    diagnostics: [...articles.flatMap((article) => article.diagnostics), ...kept],
    plan,
    cost,
    needsProvider,
    removed,
    unchanged: unchanged.size,
    dryRun: options.dryRun,
    provider: options.provider?.id
  }
}

/** What the windows of a build share. */
interface WindowState {
  readonly limit: ReturnType<typeof pLimit>
  /** Sentences finished and planned so far, for progress across windows. */
  readonly progress: {done: number; total: number}
  /** New state entries of the articles written. */
  readonly entries: Map<string, StateEntry>
}

/** Read, parse and segment a window's articles (in the pool, which keeps their trees until `finish`). */
async function prepareWindow(scope: BuildScope, window: readonly Article[], limit: ReturnType<typeof pLimit>): Promise<void> {
  const {pool} = scope
  await Promise.all(
    window.map((article) =>
      limit(async () => {
        const prepared = await pool.prepare(refOf(article))
        article.diagnostics.push(...prepared.diagnostics)
        article.failed = prepared.failed
        if (prepared.title !== undefined) article.title = prepared.title
        if (prepared.input !== undefined) article.inputHash = prepared.input
        // Note: the tree stays with the pool; the plan needs only the segments.
        article.extraction = {segments: prepared.segments, slots: []}
      })
    )
  )
}

/** One prepared window: plan, translate and finish its articles. */
async function buildWindow(scope: BuildScope, window: readonly Article[], shared: WindowState): Promise<{plan: BuildPlan; cost: CostEstimate; needsProvider: boolean}> {
  const {options, memory, context, pool} = scope
  const {limit, progress, entries} = shared
  const fresh = new Map<string, string>()
  const memoryDir = join(options.outputDir, '.tandem')
  // Scoped invalidation: only with a provider to translate again; without one,
  // what the memory has is used and its glossary problems are reported.
  const updates: MemoryEntry[] = []
  const usable = (source: string): MemoryEntry | undefined => {
    const entry = memory.get(source)
    if (entry === undefined || options.provider === undefined) return entry
    const reuse = decideReuse(entry, context)
    if (!reuse.use) return undefined
    if (reuse.update !== undefined) updates.push(reuse.update)
    return entry
  }
  const plan = planBuild(window, {get: usable})
  const cost = estimateCost(plan, options.provider?.capabilities)
  if (options.dryRun) {
    await Promise.all(window.map((article) => limit(() => pool.finish(article.name, undefined))))
    return {plan, cost, needsProvider: false}
  }

  const lookup = (source: string): string | undefined => memory.get(source)?.target ?? fresh.get(source)
  const reviewed = (source: string): boolean => memory.get(source)?.status === 'reviewed'
  // Finish: render, check and write an article with its English, once.
  const finishing = new Map<Article, Promise<void>>()
  const finish = (article: Article): void => {
    if (finishing.has(article)) return
    finishing.set(
      article,
      limit(async () => {
        if (article.failed) {
          await pool.finish(article.name, undefined)
          return
        }
        const translations = new Map<string, readonly [string, boolean]>()
        for (const segment of article.extraction?.segments ?? []) {
          const english = segment.translatable ? lookup(segment.source) : undefined
          if (english !== undefined) translations.set(segment.source, [english, reviewed(segment.source)])
        }
        const finished = await pool.finish(article.name, translations)
        // An answer a check refused leaves the memory (a reviewed one never does), so the next build asks again.
        if (finished.refused !== undefined) await memory.forget(finished.refused)
        article.translated = [...translations.keys()].filter((source) => fresh.has(source)).length
        article.diagnostics.push(...finished.diagnostics)
        article.failed ||= finished.failed
        article.written = finished.written
        if (article.failed || finished.outputs === undefined) return
        entries.set(article.name, {
          files: Object.keys(finished.outputs),
          fingerprint: scope.fingerprint,
          ...(article.inputHash === undefined ? {} : {input: article.inputHash}),
          outputs: finished.outputs
        })
      })
    )
  }
  // An article is finished as soon as its last sentence arrives, while the provider
  // works on the rest, unless a translation breaks the glossary (it may be repaired).
  const waiting = new Map<Article, number>()
  const itemsOf = new Map<string, WorkItem>()
  for (const item of plan.work) {
    itemsOf.set(item.source, item)
    for (const article of new Set(item.occurrences.map((occurrence) => occurrence.article))) waiting.set(article, (waiting.get(article) ?? 0) + 1)
  }
  const repairable = new Set<Article>()
  const arrived = (accepted: readonly MemoryEntry[]): void => {
    for (const {source, target} of accepted) {
      fresh.set(source, target)
      const item = itemsOf.get(source)
      if (item === undefined) continue
      const broken = context.violations(source, target).length > 0
      for (const article of new Set(item.occurrences.map((occurrence) => occurrence.article))) {
        if (broken) repairable.add(article)
        const left = (waiting.get(article) ?? 0) - 1
        waiting.set(article, left)
        if (left === 0 && !repairable.has(article) && !article.failed) finish(article)
      }
    }
  }

  let needsProvider = false
  if (plan.work.length > 0) {
    if (options.provider === undefined) {
      needsProvider = true
      for (const articlePlan of plan.articles) {
        if (articlePlan.toTranslate === 0) continue
        const first = articlePlan.article.extraction?.segments.find((segment) => segment.translatable && memory.get(segment.source) === undefined)
        fail(
          articlePlan.article,
          diagnostic('error', 'needs-provider', articlePlan.article.displayPath, {count: articlePlan.toTranslate}, first?.place)
        )
      }
    } else {
      if (options.maxChars !== undefined && plan.characters > options.maxChars) {
        await Promise.all(window.map((article) => limit(() => pool.finish(article.name, undefined))))
        throw new ConfigError(`this build would send ${plan.characters} characters, more than --max-chars ${options.maxChars}; nothing was sent`, {
          option: 'max-chars'
        })
      }
      await mkdir(memoryDir, {recursive: true})
      const base = progress.done
      progress.total += plan.work.length
      const onProgress = options.onProgress
      const translated = await translatePlan(scope, plan, options.provider, {
        arrived,
        ...(onProgress === undefined ? {} : {onProgress: (done: number) => onProgress(base + done, progress.total)})
      })
      progress.done = base + plan.work.length
      for (const [source, target] of translated) fresh.set(source, target)
    }
  }

  if (updates.length > 0) await memory.record(updates)
  // The rest: articles with nothing to translate, repaired ones, failed ones (let go).
  for (const article of window) finish(article)
  await Promise.all(finishing.values())
  // Note: a finished window lets go of its sentences; the report needs only the counts.
  for (const article of window) delete article.extraction
  return {plan: {...plan, work: plan.work.map((item) => ({source: item.source, context: '', occurrences: []}))}, cost, needsProvider}
}

function addCost(a: CostEstimate, b: CostEstimate): CostEstimate {
  const tokens = a.tokens === undefined && b.tokens === undefined ? undefined : (a.tokens ?? 0) + (b.tokens ?? 0)
  return {unit: b.unit, characters: a.characters + b.characters, ...(tokens === undefined ? {} : {tokens})}
}

/** The plans of all windows as one. */
function mergePlans(plans: readonly BuildPlan[]): BuildPlan {
  if (plans.length === 1) return plans[0] as BuildPlan
  return {
    articles: plans.flatMap((plan) => plan.articles),
    work: plans.flatMap((plan) => plan.work),
    characters: plans.reduce((sum, plan) => sum + plan.characters, 0)
  }
}

/** Send the plan's work, repair what breaks the glossary, and keep every translation that arrived. */
async function translatePlan(
  scope: BuildScope,
  plan: BuildPlan,
  provider: TranslationProvider,
  hooks: {readonly arrived: (accepted: readonly MemoryEntry[]) => void; readonly onProgress?: (done: number) => void}
): Promise<Map<string, string>> {
  const {options, memory, context, glossary} = scope
  let fresh = new Map<string, string>()
  const base = {
    provider,
    target: options.target,
    concurrency: options.concurrency,
    signal: options.signal,
    glossaryOf: (item: WorkItem) => context.hints(item.source),
    keysOf: (item: WorkItem) => context.keys(item.source),
    titleOf: (item: WorkItem) => item.occurrences[0]?.article.title,
    record: (entries: readonly MemoryEntry[]) => memory.record(entries),
    stop: scope.stop
  }
  try {
    try {
      // The provider is set up once, before the first window that needs it.
      scope.prepared ??= Promise.resolve(provider.prepare?.(glossaryHints(glossary), {signal: options.signal}))
      await scope.prepared
    } catch (error) {
      // Nothing can be translated: say so on every article that needed it.
      const reason = error instanceof Error ? error.message : String(error)
      for (const entry of plan.articles) {
        if (entry.toTranslate > 0) fail(entry.article, diagnostic('error', 'provider-setup', entry.article.displayPath, {provider: provider.id, reason}))
      }
      return fresh
    }
    const transform = transformFor(provider, context)
    fresh = await translateWork(plan.work, {
      ...base,
      ...(transform === undefined ? {} : {transform}),
      onAccepted: hooks.arrived,
      ...(hooks.onProgress === undefined ? {} : {onProgress: hooks.onProgress})
    })
    // Repair: translate once more what breaks the glossary, with the broken terms protected.
    const broken = violatingWork(plan.work, fresh, context)
    if (broken.size > 0 && provider.capabilities.glossary !== 'ignore') {
      const repaired = await translateWork([...broken.keys()], {
        ...base,
        failures: 'ignore',
        transform: (item) => context.mask(item.source, transform === undefined ? broken.get(item) : undefined)
      })
      for (const [source, target] of repaired) fresh.set(source, target)
    }
    return fresh
  } finally {
    // Whatever happened, keep every translation that arrived.
    await memory.save()
  }
}

/** The plan with the unchanged articles in their places, all of their sentences from the memory. */
function withUnchanged(plan: BuildPlan, articles: readonly Article[], unchanged: ReadonlyMap<Article, Unchanged>): BuildPlan {
  if (unchanged.size === 0) return plan
  const planned = new Map(plan.articles.map((entry) => [entry.article, entry]))
  const entries: ArticlePlan[] = []
  for (const article of articles) {
    const skipped = unchanged.get(article)
    const entry = skipped === undefined ? planned.get(article) : {article, total: skipped.sentences, fromMemory: skipped.sentences, toTranslate: 0, characters: 0}
    if (entry !== undefined) entries.push(entry)
  }
  return {...plan, articles: entries}
}

function refOf(article: Article): ArticleRef {
  return {inputPath: article.inputPath, name: article.name, displayPath: article.displayPath, outputs: article.outputs}
}

function summarize(articles: readonly Article[], plan: BuildPlan): ArticleSummary[] {
  const plans = new Map(plan.articles.map((entry) => [entry.article, entry]))
  return articles.map((article) => {
    const entry = plans.get(article)
    const translated = article.translated ?? 0
    const sentences = entry?.total ?? 0
    const fromMemory = entry?.fromMemory ?? 0
    return {
      name: article.name,
      path: article.displayPath,
      ok: !article.failed,
      sentences,
      fromMemory,
      translated,
      failed: article.failed ? sentences - fromMemory - translated : 0,
      characters: entry?.characters ?? 0,
      outputs: [article.outputs.de, article.outputs.en, article.outputs.bilingual, article.outputs.review],
      written: article.written ?? false
    }
  })
}

/** The glossary as providers take it: names map to themselves, terms to their English. */
export function glossaryHints(glossary: Glossary): GlossaryHint[] {
  return glossary.entries.map((entry) => ({source: entry.de, target: entry.en, kind: entry.kind}))
}

