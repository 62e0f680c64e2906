import type {Glossary} from '../glossary/model.js'
import {halt} from '../article/article.js'
import {isTandemError, ProviderError, type ProviderErrorCode} from '../errors.js'
import type {MemoryEntry} from '../memory/store.js'
import {masksTerms, type GlossaryHint, type TranslationProvider} from '../providers/port.js'
import {DEFAULT_CONTEXT_CHARS, DEFAULT_FUZZY_HINT, type BuildScope} from './options.js'
import type {BuildPlan, WorkItem} from './plan.js'
import {transformFor, violatingWork} from './repair.js'
import {batchWork, translateWork} from './translate.js'
import {judgeTranslations} from './judge.js'
import {batchContext, referencesFor, type Decided} from './prompt-context.js'
import type {FuzzyIndex} from '../memory/fuzzy.js'

/** Send the plan's work, repair what breaks the glossary, and keep every translation that arrived. */
export async function translatePlan(
  scope: BuildScope,
  plan: BuildPlan,
  provider: TranslationProvider,
  hooks: {readonly arrived: (accepted: readonly MemoryEntry[]) => void; readonly onProgress?: (done: number) => void}
): Promise<Map<string, string>> {
  const {options, memory, context, glossary} = scope
  let fresh = new Map<string, string>()
  const prompt = provider.capabilities.promptContext === true ? await promptContext(scope, plan) : {}
  const base = {
    ...prompt,
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
      // Nothing can be translated: the build stops sending and reports the fault once.
      if (!scope.stop.signal.aborted) scope.stop.abort(setupFault(provider, error))
      for (const entry of plan.articles) if (entry.toTranslate > 0) halt(entry.article)
      return fresh
    }
    const transform = transformFor(provider, context)
    fresh = await translateWork(plan.work, {
      ...base,
      ...(transform === undefined ? {} : {transform}),
      onAccepted: (accepted: readonly MemoryEntry[]) => {
        // Note: what arrives is a reference for the sentences still to send.
        for (const entry of accepted) scope.fuzzy?.add({source: entry.source, reviewed: false})
        hooks.arrived(accepted)
      },
      ...(hooks.onProgress === undefined ? {} : {onProgress: hooks.onProgress})
    })
    // Repair: translate once more what breaks the glossary, with the broken terms protected.
    const broken = violatingWork(plan.work, fresh, context)
    if (broken.size > 0 && provider.capabilities.glossary !== 'ignore') {
      const repaired = await translateWork([...broken.keys()], {
        ...base,
        failures: 'ignore',
        transform: (item) => context.mask(item.source, masksTerms(provider.capabilities) ? undefined : broken.get(item))
      })
      for (const [source, target] of repaired) fresh.set(source, target)
    }
    // A second opinion on what arrived: ratings go with the translations; accepted fixes replace them.
    if (options.judge !== undefined && fresh.size > 0 && !options.signal.aborted) await judgeTranslations(scope, plan.work, fresh, options.judge)
    return fresh
  } finally {
    // Whatever happened, keep every translation that arrived.
    await memory.save()
  }
}

/** What a language model gets besides the sentences: references from the memory and the article's context (see `prompt-context.ts`). */
async function promptContext(scope: BuildScope, plan: BuildPlan): Promise<{referencesOf?: (item: WorkItem) => ReturnType<typeof referencesFor>; contextOf: (batch: readonly WorkItem[]) => ReturnType<typeof batchContext>}> {
  const {options, memory} = scope
  const decided: Decided = (source) => {
    const entry = memory.get(source)
    return entry === undefined ? undefined : {target: entry.target, reviewed: entry.status === 'reviewed'}
  }
  const chars = options.contextChars ?? DEFAULT_CONTEXT_CHARS
  const contextOf = (batch: readonly WorkItem[]): ReturnType<typeof batchContext> => batchContext(batch, decided, chars)
  if (plan.work.length === 0 || memory.size === 0) return {contextOf}
  const index = (scope.fuzzy ??= await fuzzyIndexOf(scope))
  const minimum = options.fuzzyHint ?? DEFAULT_FUZZY_HINT
  return {referencesOf: (item) => referencesFor(item.source, index, decided, minimum), contextOf}
}

/**
 * Characters of references and article context the plan's requests would
 * carry, for a dry run's estimate: the batches as they would be sent, and
 * every sentence before a batch counted as if its English were decided
 * (the German standing in for it), so the estimate errs high.
 */
export async function promptChars(scope: BuildScope, plan: BuildPlan, provider: TranslationProvider): Promise<number> {
  if (provider.capabilities.promptContext !== true || plan.work.length === 0) return 0
  const {referencesOf} = await promptContext(scope, plan)
  const {memory, options} = scope
  const standIn: Decided = (source) => {
    const entry = memory.get(source)
    return entry === undefined ? {target: source, reviewed: false} : {target: entry.target, reviewed: entry.status === 'reviewed'}
  }
  const {maxBatchSegments, maxBatchChars, contextScope} = provider.capabilities
  let chars = 0
  for (const batch of batchWork(plan.work, maxBatchSegments, maxBatchChars, contextScope === 'request')) {
    const {title, summary, preceding} = batchContext(batch, standIn, options.contextChars ?? DEFAULT_CONTEXT_CHARS)
    chars += (title?.length ?? 0) + (summary?.length ?? 0) + preceding.reduce((sum, sentence) => sum + sentence.source.length + sentence.target.length, 0)
    for (const item of batch) for (const reference of referencesOf?.(item) ?? []) chars += reference.source.length + reference.target.length
  }
  return chars
}

/** The memory's sentences as a fuzzy index. */
export async function fuzzyIndexOf(scope: Pick<BuildScope, 'memory'>): Promise<FuzzyIndex> {
  const {FuzzyIndex} = await import('../memory/fuzzy.js')
  return new FuzzyIndex(scope.memory.all().map((entry) => ({source: entry.source, reviewed: entry.status === 'reviewed'})))
}


/** A fault of the provider's setup as the fault that stops the build, saying that it happened in the setup. */
function setupFault(provider: TranslationProvider, error: unknown): ProviderError {
  if (isTandemError(error, 'aborted')) return error as ProviderError
  const message = error instanceof Error ? error.message : String(error)
  const code = error instanceof ProviderError ? (error.code as ProviderErrorCode) : 'provider-bad-response'
  return new ProviderError(code, `${provider.id} could not start, nothing was translated: ${message}`, {
    ...(error instanceof ProviderError ? {cause: error} : {}),
    key: 'setup',
    params: {provider: provider.id, ...(error instanceof ProviderError ? {} : {message})},
    stopsBuild: true,
    ...(error instanceof ProviderError && error.endpoint !== undefined ? {endpoint: error.endpoint} : {})
  })
}

/** The glossary as providers take it: names map to themselves, terms to their English. */
export function glossaryHints(glossary: Glossary): GlossaryHint[] {
  return glossary.entries.map((entry) => ({source: entry.de, target: entry.en, kind: entry.kind}))
}

