import pLimit from 'p-limit'
import {diagnostic, type RuleId} from '../diagnostics.js'
import {isTandemError, ProviderError, reasonParams, TandemError} from '../errors.js'
import type {MemoryEntry} from '../memory/store.js'
import type {GlossaryHint, ProviderReference, ProviderSegment, TargetLanguage, TranslateRequest, TranslationProvider} from '../providers/port.js'
import {unrequestedIds, validateAnswer, type Problem} from '../providers/validate.js'
import {looksLikeInstruction} from '../providers/injection.js'
import {taggedToPlain} from '../segment/tags.js'
import {sha256} from '../util/hash.js'
import {fail, halt} from '../article/article.js'
import type {WorkItem} from './plan.js'
import type {BatchContext} from './prompt-context.js'

/** Options for `translateWork`. */
export interface TranslateWorkOptions {
  readonly provider: TranslationProvider
  readonly target: TargetLanguage
  /** Requests in flight at once (default: 4). */
  readonly concurrency: number
  readonly signal: AbortSignal
  /** The glossary entries that occur in a sentence, sent with its batch. */
  readonly glossaryOf?: (item: WorkItem) => readonly GlossaryHint[]
  /** Keys of those entries, recorded with the translation (scoped invalidation). */
  readonly keysOf?: (item: WorkItem) => readonly string[]
  /** Rewrite a sentence before sending (protect terms as placeholders) and its answer after. */
  readonly transform?: (item: WorkItem) => {readonly text: string; readonly restore: (translated: string) => string; readonly terms?: ProviderSegment['terms']}
  /** The title of an article, by article name, sent with its sentences. */
  readonly titleOf?: (item: WorkItem) => string | undefined
  /** For providers with `promptContext`: similar sentences' translations for a sentence (see `prompt-context.ts`). */
  readonly referencesOf?: (item: WorkItem) => readonly ProviderReference[]
  /** For providers with `promptContext`: the batch's article context, asked right before the batch is sent (what arrived by then counts). */
  readonly contextOf?: (batch: readonly WorkItem[]) => BatchContext
  /** Called with every accepted batch before the next is counted done; stores it durably. */
  readonly record: (entries: readonly MemoryEntry[]) => Promise<void>
  /** Called with the translations of each accepted batch, as they arrive. */
  readonly onAccepted?: (entries: readonly MemoryEntry[]) => void
  /** Called after each batch with the number of sentences finished. */
  readonly onProgress?: (done: number, total: number) => void
  /**
   * Whether a sentence that comes back unusable fails its articles (default)
   * or is only left out: repairs keep the first translation and its warning.
   */
  readonly failures?: 'fail' | 'ignore'
  /**
   * Aborted, with the fault as its reason, when the provider fails in a way no
   * later request gets past (see `stopsBuild`); shared by the calls of one
   * build, so that later ones send nothing. The articles left untranslated
   * fail without a message each: the build reports the fault once.
   */
  readonly stop?: AbortController
}

/**
 * Splits work into batches that respect a provider's limits on count and
 * characters; with `oneContext`, a batch never mixes sentences of different
 * blocks; an item for which `alone` holds gets a batch of its own.
 */
export function batchWork(items: readonly WorkItem[], maxSegments: number, maxChars: number, oneContext = false, alone?: (item: WorkItem) => boolean): WorkItem[][] {
  const batches: WorkItem[][] = []
  let current: WorkItem[] = []
  let chars = 0
  for (const item of items) {
    if (alone?.(item) === true) {
      batches.push([item])
      continue
    }
    const full = current.length >= maxSegments || chars + item.source.length > maxChars
    const otherContext = oneContext && current.length > 0 && current[0]?.context !== item.context
    if (current.length > 0 && (full || otherContext)) {
      batches.push(current)
      current = []
      chars = 0
    }
    current.push(item)
    chars += item.source.length
  }
  if (current.length > 0) batches.push(current)
  return batches
}

/**
 * Stage: send the planned sentences to the provider, batch by batch, with at
 * most `concurrency` requests in flight. Every answer is validated; accepted
 * translations are recorded (and, for persistent providers, journaled in the
 * memory) as they arrive. A failed or invalid answer fails the articles whose
 * sentences it carried, with the place of each sentence.
 * Returns the accepted translations by tagged source.
 */
export async function translateWork(work: readonly WorkItem[], options: TranslateWorkOptions): Promise<Map<string, string>> {
  const {provider, signal} = options
  const results = new Map<string, string>()
  const failBatch = (batch: readonly WorkItem[], rule: RuleId, params: Record<string, string | number>): void => {
    if (options.failures !== 'ignore') for (const item of batch) failItem(item, rule, params)
  }
  const haltBatch = (batch: readonly WorkItem[]): void => {
    if (options.failures !== 'ignore') for (const item of batch) for (const {article} of item.occurrences) halt(article)
  }
  const failOne = (item: WorkItem, rule: RuleId, params: Record<string, string | number>): void => {
    if (options.failures !== 'ignore') failItem(item, rule, params)
  }
  const {maxBatchSegments, maxBatchChars, contextScope} = provider.capabilities
  // Note: a language model may follow orders hidden in a sentence: such a sentence goes alone, and into no one's context.
  const instructable = provider.capabilities.costUnit === 'tokens'
  const suspicious = (text: string): boolean => instructable && looksLikeInstruction(taggedToPlain(text))
  const batches = batchWork(work, maxBatchSegments, maxBatchChars, contextScope === 'request', (item) => suspicious(item.source))
  const limit = pLimit(Math.max(1, options.concurrency))
  const stop = options.stop ?? new AbortController()
  const onAbort = (): void => stop.abort(signal.reason)
  signal.addEventListener('abort', onAbort, {once: true})
  let done = 0
  try {
    await Promise.all(
      batches.map((batch) =>
        limit(async () => {
          // Note: after a fault that stops the build, nothing more is sent; the build reports that fault once.
          if (stop.signal.aborted) {
            haltBatch(batch)
            return
          }
          const transformed = batch.map((item) => options.transform?.(item) ?? {text: item.source, restore: (text: string) => text, terms: undefined})
          // Note: a sentence sent alone because it reads like an order gets nothing of other sentences: no references, no article context.
          const isolated = batch.length === 1 && batch[0] !== undefined && suspicious(batch[0].source)
          const segments: ProviderSegment[] = batch.map((item, index) => {
            const references = isolated ? [] : (options.referencesOf?.(item) ?? [])
            const terms = transformed[index]?.terms ?? []
            return {
              id: sha256(item.source, 12),
              text: transformed[index]?.text ?? item.source,
              context: suspicious(item.context) ? '' : item.context,
              ...(references.length === 0 ? {} : {references}),
              ...(terms.length === 0 ? {} : {terms})
            }
          })
          const hints = new Map<string, GlossaryHint>()
          for (const item of batch) for (const hint of options.glossaryOf?.(item) ?? []) hints.set(`${hint.kind}\u0000${hint.source}`, hint)
          let answer
          try {
            answer = await provider.translate({segments, source: 'de', target: options.target, glossary: [...hints.values()], ...articleContext(batch, isolated, options)}, {signal: stop.signal})
          } catch (error) {
            // Authorization, quota, a server that cannot be reached or is not the API: no batch will get past it.
            if (stopsBuild(error)) {
              if (!stop.signal.aborted) stop.abort(error)
              haltBatch(batch)
              return
            }
            failBatch(batch, 'provider-failed', {...reasonParams(error), provider: provider.id, reason: describeFault(error)})
            return
          }
          const invented = unrequestedIds(segments, answer)
          if (invented.length > 0) {
            failBatch(batch, 'translation-count', {provider: provider.id, tag: invented.join(', ')})
            return
          }
          const verdicts = validateAnswer(segments, answer)
          const accepted: MemoryEntry[] = []
          verdicts.forEach((verdict, index) => {
            const item = batch[index]
            if (item === undefined) return
            if (verdict.ok) {
              if (verdict.removed !== undefined) warnItem(item, 'provider-control', {provider: provider.id, characters: verdict.removed.join(', ')})
              const target = transformed[index]?.restore(verdict.text) ?? verdict.text
              const keys = options.keysOf?.(item) ?? []
              accepted.push({source: item.source, target, status: 'machine', provider: provider.id, ...(keys.length === 0 ? {} : {glossary: keys})})
              return
            }
            for (const problem of verdict.problems) failOne(item, problem.rule, {provider: provider.id, tag: tagOf(problem)})
          })
          if (provider.capabilities.persistent && accepted.length > 0) await options.record(accepted)
          for (const entry of accepted) results.set(entry.source, entry.target)
          if (accepted.length > 0) options.onAccepted?.(accepted)
          done += batch.length
          options.onProgress?.(done, work.length)
        })
      )
    )
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
  return results
}

/** What a request says about the batch's article: the title, and for providers with `promptContext` its summary and the sentences before the batch. */
function articleContext(batch: readonly WorkItem[], isolated: boolean, options: TranslateWorkOptions): Pick<TranslateRequest, 'documentTitle' | 'documentSummary' | 'preceding'> {
  if (isolated || batch[0] === undefined) return {}
  if (options.contextOf === undefined) {
    const title = options.titleOf?.(batch[0])
    return title === undefined ? {} : {documentTitle: title}
  }
  const {title, summary, preceding} = options.contextOf(batch)
  return {...(title === undefined ? {} : {documentTitle: title}), ...(summary === undefined ? {} : {documentSummary: summary}), ...(preceding.length === 0 ? {} : {preceding})}
}

function tagOf(problem: Problem): string {
  return 'tag' in problem ? problem.tag : ''
}

function warnItem(item: WorkItem, rule: RuleId, params: Record<string, string | number>): void {
  for (const {article, segment} of item.occurrences) {
    article.diagnostics.push(diagnostic('warning', rule, article.displayPath, {...params, sentence: excerpt(segment.source)}, segment.place))
  }
}

function failItem(item: WorkItem, rule: RuleId, params: Record<string, string | number>): void {
  for (const {article, segment} of item.occurrences) {
    fail(article, diagnostic('error', rule, article.displayPath, {...params, sentence: excerpt(segment.source)}, segment.place))
  }
}

function excerpt(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text
}

/** Whether a provider's fault ends the sending for the whole build (see `ProviderError.stopsBuild`), or the build was aborted. */
export function stopsBuild(error: unknown): boolean {
  return (error instanceof ProviderError && error.stopsBuild) || isTandemError(error, 'aborted')
}

/** A provider fault in words safe to print: its code and message, never request data. */
export function describeFault(error: unknown): string {
  if (error instanceof TandemError) return `${error.code}: ${error.message}`
  if (error instanceof Error) return error.message
  return String(error)
}
