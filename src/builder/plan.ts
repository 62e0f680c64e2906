import type {Segment} from '../segment/model.js'
import {taggedToPlain} from '../segment/tags.js'
import type {Article} from '../article/article.js'

/** Looks up a remembered translation for a tagged source. */
export interface MemoryView {
  get(source: string): {readonly target: string} | undefined
}

/** A sentence that needs a provider, with every place it occurs. */
export interface WorkItem {
  readonly source: string
  readonly context: string
  readonly occurrences: ReadonlyArray<{readonly article: Article; readonly segment: Segment}>
}

/** Per-article counts of a plan. */
export interface ArticlePlan {
  readonly article: Article
  readonly total: number
  readonly fromMemory: number
  readonly toTranslate: number
  readonly characters: number
}

/** What a build will do before it does it: the basis of `--dry-run` and cost checks. */
export interface BuildPlan {
  readonly articles: readonly ArticlePlan[]
  /**
   * Unique sentences to send, in document order; a sentence shared by articles is sent once.
   * A build's report keeps them only for a dry run (which is one window and prints them): `sentences` counts them.
   */
  readonly work: readonly WorkItem[]
  /** How many unique sentences the plan sends. */
  readonly sentences: number
  /** Characters to send, tags not counted. */
  readonly characters: number
}

/**
 * Work out which sentences the memory already has and which must be sent.
 * Pure: reads the articles' segments and the memory, changes nothing.
 */
export function planBuild(articles: readonly Article[], memory: MemoryView): BuildPlan {
  const work = new Map<string, {source: string; context: string; occurrences: Array<{article: Article; segment: Segment}>}>()
  const plans: ArticlePlan[] = []
  for (const article of articles) {
    if (article.failed || article.segments === undefined) continue
    let total = 0
    let fromMemory = 0
    let toTranslate = 0
    let characters = 0
    for (const segment of article.segments) {
      if (!segment.translatable) continue
      total++
      if (memory.get(segment.source) !== undefined) {
        fromMemory++
        continue
      }
      toTranslate++
      characters += taggedToPlain(segment.source).length
      const item = work.get(segment.source)
      if (item === undefined) work.set(segment.source, {source: segment.source, context: segment.context, occurrences: [{article, segment}]})
      else item.occurrences.push({article, segment})
    }
    plans.push({article, total, fromMemory, toTranslate, characters})
  }
  const items = [...work.values()]
  return {articles: plans, work: items, sentences: items.length, characters: items.reduce((sum, item) => sum + taggedToPlain(item.source).length, 0)}
}
