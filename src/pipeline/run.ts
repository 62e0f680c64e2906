import {mkdir} from 'node:fs/promises'
import {join, relative} from 'node:path'
import type {Diagnostic} from '../diagnostics.js'
import {diagnostic} from '../diagnostics.js'
import {ConfigError} from '../errors.js'
import {loadGlossary} from '../glossary/load.js'
import {EMPTY_GLOSSARY, type Glossary} from '../glossary/model.js'
import {memoryFileName, TranslationMemory, type MemoryEntry} from '../memory/store.js'
import {QA_CHECKS, type QaCheck} from '../qa/checks.js'
import {detectEdits} from '../review/edits.js'
import {ENGLISH_LABELS, type ReviewLabels} from '../review/html.js'
import {loadRecord} from '../review/record.js'
import {readTextIfExists} from '../util/fs.js'
import type {GlossaryHint, TargetLanguage, TranslationProvider} from '../providers/port.js'
import {fail, type Article} from './article.js'
import {estimateCost, type CostEstimate} from './cost.js'
import {checkArticle} from './check.js'
import {discoverArticles} from './discover.js'
import {decideReuse, GlossaryContext, transformFor, violatingWork} from './glossary-stage.js'
import {parseArticle} from './parse.js'
import {planBuild, type BuildPlan, type WorkItem} from './plan.js'
import {readArticle} from './read.js'
import {renderArticle} from './render.js'
import {translateWork} from './translate.js'
import {loadState, updateState, writeArticle} from './write.js'

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
  /** Plan only: read, parse and count, but send and write nothing. */
  readonly dryRun: boolean
  readonly signal: AbortSignal
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
  readonly dryRun: boolean
  readonly provider: string | undefined
}

/**
 * Build every article: read → parse → segment → plan → translate → render →
 * write. One bad article never sinks the batch; its outputs stay as they were.
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
  const memory = await TranslationMemory.open(memoryDir, memoryFileName('de', 'en'))

  for (const article of articles) {
    await readArticle(article)
    parseArticle(article, {frontmatterFields: options.frontmatterFields})
  }
  // A reviewer's edits in an .en.md become reviewed translations before anything is planned.
  for (const article of articles) {
    if (article.failed) continue
    const record = await loadRecord(options.outputDir, article.name)
    if (record === undefined) continue
    article.record = record
    const english = await readTextIfExists(article.outputs.en)
    if (english === undefined) continue
    const result = detectEdits(record, english.replace(/\r\n?/g, '\n'))
    if (!result.ok) {
      const {rule, line, params} = result.problem
      fail(article, diagnostic('error', rule, relative(options.cwd, article.outputs.en), params, {line, column: 1}))
    } else if (result.edits.length > 0 && !options.dryRun) {
      await mkdir(memoryDir, {recursive: true})
      await memory.record(result.edits)
    }
  }
  const glossary = options.glossaryDir === undefined ? EMPTY_GLOSSARY : await loadGlossary(options.glossaryDir, options.cwd)
  const context = new GlossaryContext(glossary)
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
  const plan = planBuild(articles, {get: usable})
  const cost = estimateCost(plan, options.provider?.capabilities)
  const emptyReport = (needsProvider: boolean): BuildReport => ({
    articles: summarize(articles, plan, new Map()),
    diagnostics: articles.flatMap((article) => article.diagnostics),
    plan,
    cost,
    needsProvider,
    removed: [],
    dryRun: options.dryRun,
    provider: options.provider?.id
  })
  if (options.dryRun) return emptyReport(false)

  let fresh = new Map<string, string>()
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
        throw new ConfigError(`this build would send ${plan.characters} characters, more than --max-chars ${options.maxChars}; nothing was sent`, {
          option: 'max-chars'
        })
      }
      await mkdir(memoryDir, {recursive: true})
      const provider = options.provider
      const base = {
        provider,
        target: options.target,
        concurrency: options.concurrency,
        signal: options.signal,
        glossaryOf: (item: WorkItem) => context.hints(item.source),
        keysOf: (item: WorkItem) => context.keys(item.source),
        titleOf: (item: WorkItem) => item.occurrences[0]?.article.title,
        record: (entries: readonly MemoryEntry[]) => memory.record(entries)
      }
      try {
        try {
          await provider.prepare?.(glossaryHints(glossary), {signal: options.signal})
        } catch (error) {
          // Nothing can be translated: say so on every article that needed it.
          const reason = error instanceof Error ? error.message : String(error)
          for (const entry of plan.articles) {
            if (entry.toTranslate > 0) fail(entry.article, diagnostic('error', 'provider-setup', entry.article.displayPath, {provider: provider.id, reason}))
          }
          throw new SetupFailed()
        }
        const transform = transformFor(provider, context)
        fresh = await translateWork(plan.work, {
          ...base,
          ...(transform === undefined ? {} : {transform}),
          ...(options.onProgress === undefined ? {} : {onProgress: options.onProgress})
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
      } catch (error) {
        if (!(error instanceof SetupFailed)) throw error
      } finally {
        // Whatever happened, keep every translation that arrived.
        await memory.save()
      }
    }
  }

  if (updates.length > 0) await memory.record(updates)
  const lookup = (source: string): string | undefined => memory.get(source)?.target ?? fresh.get(source)
  for (const article of articles) {
    renderArticle(article, lookup, (source) => memory.get(source)?.status === 'reviewed', {
      context,
      checks: options.checks ?? new Set(QA_CHECKS),
      labels: options.review?.labels ?? ENGLISH_LABELS,
      lang: options.review?.lang ?? 'en'
    })
    checkArticle(article, {
      context,
      english: lookup,
      reviewed: (source) => memory.get(source)?.status === 'reviewed',
      checks: options.checks ?? new Set(QA_CHECKS),
      glossary: options.checkGlossary ?? true
    })
    await writeArticle(article, options.outputDir)
  }
  await memory.save()
  const previous = await loadState(options.outputDir)
  const removed = await updateState({outputDir: options.outputDir, previous, articles, complete: options.files === undefined || options.files.length === 0})
  return {...emptyReport(needsProvider), articles: summarize(articles, plan, fresh), removed}
}

function summarize(articles: readonly Article[], plan: BuildPlan, fresh: ReadonlyMap<string, string>): ArticleSummary[] {
  const plans = new Map(plan.articles.map((entry) => [entry.article, entry]))
  return articles.map((article) => {
    const entry = plans.get(article)
    const segments = article.extraction?.segments.filter((segment) => segment.translatable) ?? []
    const translated = segments.filter((segment) => fresh.has(segment.source)).length
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

/** Marks a provider that could not start; its diagnostics are already recorded. */
class SetupFailed extends Error {}
