import {join, relative} from 'node:path'
import pLimit from 'p-limit'
import type {Article} from '../article/article.js'
import {diagnostic, type Diagnostic} from '../diagnostics.js'
import {ProviderError} from '../errors.js'
import {judgeTokens, type CostEstimate} from './cost.js'
import type {BuildOptions, BuildReport, BuildScope} from './options.js'
import type {BuildPlan} from './plan.js'
import {defaultWorkers, inlinePool, sharedPool} from './pool.js'
import {addCost, mergePlans, summarize, withUnchanged} from './report.js'
import {findUnchanged, openBuild, takeEdits} from './scope.js'
import {planRemovals, updateState, type StateEntry} from './state.js'
import {notesAfter} from './checked.js'
import {DEFAULT_FUZZY_SHOW, WINDOW} from './options.js'
import {settleOrphan} from './edits.js'
import {handled} from '../util/promises.js'

export type {ArticleSummary, BuildOptions, BuildReport} from './options.js'
export {glossaryHints} from './translate-plan.js'
import {fuzzyIndexOf} from './translate-plan.js'

/** Fewer articles than this to prepare are built in this thread: starting workers would cost more. */
const WORKER_THRESHOLD = 16

/**
 * Build every article: skip the unchanged → read → parse → segment → plan →
 * translate → render → write. One bad article never sinks the batch; its
 * outputs stay as they were. The per-article stages run in worker threads
 * and this one when there are enough articles (`workers`, see `sharedPool`).
 * @throws ConfigError for a missing input folder; TandemError('memory-corrupt') for a damaged memory.
 */
export async function runBuild(options: BuildOptions): Promise<BuildReport> {
  const opened = await openBuild(options)
  await takeEdits(opened)
  const unchanged = await findUnchanged(opened)
  const active = opened.articles.filter((article) => !unchanged.has(article))
  const workers = options.workers ?? defaultWorkers()
  const pool = workers > 1 && active.length >= WORKER_THRESHOLD ? sharedPool(opened.settings, workers, options.workerHeapMb) : inlinePool(opened.settings)
  try {
    return await buildArticles({...opened, active, unchanged, pool, stop: new AbortController(), written: new Map()})
  } finally {
    await pool.close()
  }
}

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
  // Note: the stages of a window load only when there is one: a rebuild with nothing changed never needs them.
  const {buildWindow, prepareWindow} = windows.length > 0 ? await import('./window.js') : {buildWindow: undefined, prepareWindow: undefined}
  // Note: the next window is read and parsed while this one waits for its provider.
  let next = prepareWindow !== undefined ? handled(prepareWindow(scope, windows[0] as Article[], limit)) : undefined
  try {
    for (const [index, window] of windows.entries()) {
      await next
      if (buildWindow === undefined || prepareWindow === undefined) break
      // Note: marked handled at once: it may fail (a worker out of memory) while this window waits, and is awaited next turn.
      next = index + 1 < windows.length ? handled(prepareWindow(scope, windows[index + 1] as Article[], limit)) : undefined
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
  // Note: an article that never reached its window (it failed first) still settles a kept-aside English file.
  for (const article of articles) await settleOrphan(article, options.cwd)
  const plan = withUnchanged(mergePlans(plans), articles, unchanged)
  const complete = options.files === undefined || options.files.length === 0
  // A dry run reports the removals the same plan would make, and makes none.
  let removed: string[] = options.dryRun && complete ? planRemovals(options.outputDir, scope.previous, articles.map((article) => article.name)).files.map(({file}) => file) : []
  const kept: Diagnostic[] = []
  if (!options.dryRun) {
    const memoryHash = memory.unchangedHash
    await memory.save()
    const cleanup = await updateState({
      outputDir: options.outputDir,
      previous: scope.previous,
      present: articles.map((article) => article.name),
      entries,
      complete
    })
    const unchangedByName = [...unchanged].map(([article, found]) => [article.name, found] as const)
    const notes = notesAfter({memoryHash, savedHash: memory.savedHash, changes: memory.changedAfter(0), previous: scope.hashes.allNotes(), unchanged: unchangedByName, written: scope.written})
    await scope.hashes.save(complete, notes)
    removed = [...cleanup.removed]
    for (const file of cleanup.kept) kept.push(diagnostic('warning', 'output-kept', relative(options.cwd, join(options.outputDir, file))))
  }
  // A dry run says how many of the sentences to send the memory has something similar for.
  const fuzzy = options.dryRun ? await fuzzyCount(scope, plan, options.fuzzyShow ?? DEFAULT_FUZZY_SHOW) : undefined
  const reason: unknown = scope.stop.signal.reason
  const stopped = scope.stop.signal.aborted && reason instanceof ProviderError && reason.code !== 'aborted' ? reason : undefined
  return {
    ...(stopped === undefined ? {} : {stopped}),
    articles: summarize(articles, plan),
    diagnostics: [...articles.flatMap((article) => article.diagnostics), ...kept],
    plan,
    cost,
    needsProvider,
    removed,
    unchanged: unchanged.size,
    dryRun: options.dryRun,
    ...(fuzzy === undefined ? {} : {fuzzy}),
    ...(options.judge === undefined ? {} : {judge: options.judge.judge.id}),
    ...(options.dryRun && options.judge !== undefined ? {judgeTokens: judgeTokens(plan.work, options.judge.judge.maxBatchItems)} : {}),
    provider: options.provider?.id
  }
}

/** How many of the plan's sentences have a fuzzy match in the memory at or above `minimum`. */
async function fuzzyCount(scope: BuildScope, plan: BuildPlan, minimum: number): Promise<{readonly matched: number; readonly minimum: number}> {
  if (plan.work.length === 0) return {matched: 0, minimum}
  const index = await fuzzyIndexOf(scope)
  return {matched: plan.work.filter((item) => index.find(item.source, minimum, 1).length > 0).length, minimum}
}
