import type {Glossary} from '../glossary/model.js'
import {halt} from '../article/article.js'
import {isTandemError, ProviderError, type ProviderErrorCode} from '../errors.js'
import type {MemoryEntry} from '../memory/store.js'
import type {GlossaryHint, TranslationProvider} from '../providers/port.js'
import type {BuildScope} from './options.js'
import type {BuildPlan, WorkItem} from './plan.js'
import {transformFor, violatingWork} from './repair.js'
import {translateWork} from './translate.js'

/** Send the plan's work, repair what breaks the glossary, and keep every translation that arrived. */
export async function translatePlan(
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
      // Nothing can be translated: the build stops sending and reports the fault once.
      if (!scope.stop.signal.aborted) scope.stop.abort(setupFault(provider, error))
      for (const entry of plan.articles) if (entry.toTranslate > 0) halt(entry.article)
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

