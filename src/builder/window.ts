import {mkdir} from 'node:fs/promises'
import pLimit from 'p-limit'
import {diagnostic} from '../diagnostics.js'
import {ConfigError} from '../errors.js'
import {fail, type Article} from '../article/article.js'
import type {MemoryEntry} from '../memory/store.js'
import {decideReuse} from '../memory/reuse.js'
import {QUOTES_PROVIDER} from '../glossary/quotes.js'
import {tandemLayout} from '../project/layout.js'
import {agreesWithMemory, digestsOf} from './checked.js'
import {estimateCost, type CostEstimate} from './cost.js'
import type {BuildScope} from './options.js'
import {planBuild, type BuildPlan, type WorkItem} from './plan.js'
import {refOf} from './report.js'
import type {StateEntry} from './state.js'
import {promptChars, translatePlan} from './translate-plan.js'
import {reviewMatches} from './review-matches.js'
import type {UnitMatch} from '../review/record.js'
import type {JudgeRating} from '../qa/judge.js'
import {settleOrphan} from './edits.js'
import {localizeNumbers} from '../segment/numbers.js'
import {handled} from '../util/promises.js'

import {DEFAULT_FUZZY_SHOW} from './options.js'
export {WINDOW} from './options.js'

/** What the windows of a build share. */
export interface WindowState {
  readonly limit: ReturnType<typeof pLimit>
  /** Sentences finished and planned so far, for progress across windows. */
  readonly progress: {done: number; total: number}
  /** New state entries of the articles written. */
  readonly entries: Map<string, StateEntry>
}

/** Read, parse and segment a window's articles (in the pool, which keeps their trees until `finish`). */
export async function prepareWindow(scope: BuildScope, window: readonly Article[], limit: ReturnType<typeof pLimit>): Promise<void> {
  const {pool} = scope
  await Promise.all(
    window.map((article) =>
      limit(async () => {
        const prepared = await pool.prepare(refOf(article))
        article.diagnostics.push(...prepared.diagnostics)
        article.failed = prepared.failed
        // Note: the title and summary stay to the end of the build: copies, as a string cut from the input keeps all of it alive (in this thread's pool).
        if (prepared.title !== undefined) article.title = detached(prepared.title)
        if (prepared.summary !== undefined) article.summary = detached(prepared.summary)
        if (prepared.input !== undefined) article.inputHash = prepared.input
        if (prepared.inputStamp !== undefined) article.inputStamp = prepared.inputStamp
        // Note: the tree stays with the pool; the plan needs only the segments.
        article.segments = prepared.segments
      })
    )
  )
}

/** A copy of `text` that shares no memory with the string it was cut from (JSON keeps lone surrogates, unlike a UTF-8 round trip). */
function detached(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string
}

/** One prepared window: plan, translate and finish its articles. */
export async function buildWindow(scope: BuildScope, window: readonly Article[], shared: WindowState): Promise<{plan: BuildPlan; cost: CostEstimate; needsProvider: boolean}> {
  const {options, memory, context, pool} = scope
  const {limit, progress, entries} = shared
  const fresh = new Map<string, string>()
  const memoryDir = tandemLayout(options.outputDir).dir
  // Scoped invalidation: only with a provider to translate again; without one,
  // what the memory has is used and its glossary problems are reported.
  const updates: MemoryEntry[] = []
  const quoted: MemoryEntry[] = []
  const withdrawn: string[] = []
  const usable = (source: string): MemoryEntry | undefined => {
    const entry = memory.get(source)
    // Note: a sentence that is nothing but quotations whose originals the project has needs no provider:
    // it is the speaker's words, written down by a person (a reviewer's own translation still wins).
    if (entry?.status !== 'reviewed' || entry.provider === QUOTES_PROVIDER) {
      const original = context.quoteOnly(source)
      if (original !== undefined) {
        if (entry?.target === original) return entry
        const made: MemoryEntry = {source, target: original, status: 'reviewed', provider: QUOTES_PROVIDER, glossary: context.keys(source)}
        quoted.push(made)
        return made
      }
      // Note: the original was taken out of quotes.yaml (or the German changed): no person stands behind that English any more.
      if (entry?.provider === QUOTES_PROVIDER) {
        withdrawn.push(source)
        return undefined
      }
    }
    if (entry === undefined || options.provider === undefined) return entry
    const reuse = decideReuse(entry, context)
    if (!reuse.use) return undefined
    if (reuse.update !== undefined) updates.push(reuse.update)
    return entry
  }
  const plan = planBuild(window, {get: usable})
  if (options.dryRun) {
    // Note: what a language model's requests carry besides the sentences is part of a dry run's estimate.
    const cost = estimateCost(plan, options.provider?.capabilities, options.provider === undefined ? 0 : await promptChars(scope, plan, options.provider))
    await Promise.all(window.map((article) => limit(() => pool.finish(article.name, undefined))))
    return {plan, cost, needsProvider: false}
  }

  if (quoted.length > 0) {
    await mkdir(memoryDir, {recursive: true})
    await memory.record(quoted)
  }
  // A withdrawn original's English goes once a provider is there to translate the sentence again; without one it stays, and the build says the sentence needs one.
  if (withdrawn.length > 0 && options.provider !== undefined) await memory.forget(withdrawn, {reviewedBy: QUOTES_PROVIDER})
  const lookup = (source: string): string | undefined => memory.get(source)?.target ?? fresh.get(source)
  const reviewed = (source: string): boolean => memory.get(source)?.status === 'reviewed'
  // Finish: render, check and write an article with its English, once.
  const finishing = new Map<Article, Promise<void>>()
  const finish = (article: Article): void => {
    if (finishing.has(article)) return
    const job = handled(limit(async () => {
      if (article.failed) {
        await pool.finish(article.name, undefined)
        await settleOrphan(article, scope.options.cwd)
        return
      }
      // Note: every sentence not reviewed yet shows the reviewer the most similar reviewed one.
      const unreviewed = [...new Set((article.segments ?? []).filter((segment) => segment.translatable && !reviewed(segment.source)).map((segment) => segment.source))]
      const matches = reviewMatches(memory, unreviewed, options.fuzzyShow ?? DEFAULT_FUZZY_SHOW)
      const translations = new Map<string, readonly [string, boolean, (UnitMatch | null)?, JudgeRating?]>()
      for (const segment of article.segments ?? []) {
        // Note: a segment with no words (a table cell of numbers) takes English number forms without a provider.
        const english = segment.translatable ? lookup(segment.source) : localizeNumbers(segment.source, scope.options.dates ?? 'long')
        const match = matches.get(segment.source)
        const rating = segment.translatable ? memory.get(segment.source)?.judge : undefined
        if (english === undefined) continue
        // Note: a reviewed entry keeps the rating of the machine English it replaced; it is still reviewed.
        if (rating !== undefined) translations.set(segment.source, [english, segment.translatable && reviewed(segment.source), match ?? null, rating])
        else translations.set(segment.source, match === undefined ? [english, segment.translatable && reviewed(segment.source)] : [english, false, match])
      }
      const finished = await pool.finish(article.name, translations)
      // An answer a check refused leaves the memory (a reviewed one never does), so the next build asks again.
      if (finished.refused !== undefined) await memory.forget(finished.refused)
      article.translated = [...translations.keys()].filter((source) => fresh.has(source)).length
      article.diagnostics.push(...finished.diagnostics)
      article.failed ||= finished.failed
      article.written = finished.written
      await settleOrphan(article, scope.options.cwd)
      if (article.failed || finished.outputs === undefined) return
      // Note: what was just read and written, by stamp, so that the next build need not read it again.
      if (article.inputHash !== undefined && article.inputStamp !== undefined) scope.hashes.note(article.inputPath, article.inputStamp, article.inputHash)
      for (const [file, stamp] of Object.entries(finished.stamps ?? {})) {
        const hash = finished.outputs[file]
        if (hash !== undefined) scope.hashes.note(file, stamp, hash)
      }
      entries.set(article.name, {
        files: Object.keys(finished.outputs),
        fingerprint: scope.fingerprint,
        ...(article.inputHash === undefined ? {} : {input: article.inputHash}),
        outputs: finished.outputs
      })
      // Note: a note is left only for what the next build's comparison of the record with the memory would accept.
      const units = (article.segments ?? []).filter((segment) => segment.translatable).map(({source}) => {
        const [target, reviewed] = translations.get(source) ?? [source, false]
        return {source, target, reviewed}
      })
      if (finished.checked !== undefined && agreesWithMemory(units, memory, options.provider?.capabilities.persistent === false)) {
        scope.written.set(article.name, {...finished.checked, sources: digestsOf(units.map(({source}) => source)), version: memory.version})
      }
    }))
    // Note: awaited only once the window is done, so a failure before then is handled at once.
    finishing.set(article, job)
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
        // Note: with a judge, an article waits for its ratings (and the fixes they may bring).
        if (left === 0 && !repairable.has(article) && !article.failed && options.judge === undefined) finish(article)
      }
    }
  }

  let needsProvider = false
  if (plan.work.length > 0) {
    if (options.provider === undefined) {
      needsProvider = true
      const pending = new Set(plan.work.map((item) => item.source))
      for (const articlePlan of plan.articles) {
        if (articlePlan.toTranslate === 0) continue
        // Note: the first sentence the plan would send, which the memory may have but not for use (a withdrawn original, say).
        const first = articlePlan.article.segments?.find((segment) => segment.translatable && pending.has(segment.source))
        fail(
          articlePlan.article,
          diagnostic('error', 'needs-provider', articlePlan.article.displayPath, {count: articlePlan.toTranslate}, first?.place)
        )
      }
    } else {
      if (options.maxChars !== undefined && plan.characters > options.maxChars) {
        await Promise.all(window.map((article) => limit(() => pool.finish(article.name, undefined))))
        throw new ConfigError(`this build would send ${plan.characters} characters, more than --max-chars ${options.maxChars}; nothing was sent`, {option: 'max-chars', characters: plan.characters, max: options.maxChars}, 'overBudget')
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
  // Note: a finished window lets go of its sentences; the report needs only the counts (2,000 articles' sentences were 10 MB of the main thread's heap).
  for (const article of window) delete article.segments
  return {plan: {...plan, work: []}, cost: estimateCost(plan, options.provider?.capabilities), needsProvider}
}
