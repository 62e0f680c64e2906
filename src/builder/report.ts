import type {Article, ArticleRef} from '../article/article.js'
import type {CostEstimate} from './cost.js'
import type {ArticleSummary} from './options.js'
import type {ArticlePlan, BuildPlan} from './plan.js'
import type {Unchanged} from './unchanged.js'

/** The cost of two windows together. */
export function addCost(a: CostEstimate, b: CostEstimate): CostEstimate {
  const tokens = a.tokens === undefined && b.tokens === undefined ? undefined : (a.tokens ?? 0) + (b.tokens ?? 0)
  return {unit: b.unit, characters: a.characters + b.characters, ...(tokens === undefined ? {} : {tokens})}
}

/** The plans of all windows as one. */
export function mergePlans(plans: readonly BuildPlan[]): BuildPlan {
  if (plans.length === 1) return plans[0] as BuildPlan
  return {
    articles: plans.flatMap((plan) => plan.articles),
    work: plans.flatMap((plan) => plan.work),
    sentences: plans.reduce((sum, plan) => sum + plan.sentences, 0),
    characters: plans.reduce((sum, plan) => sum + plan.characters, 0)
  }
}

/** The plan with the unchanged articles in their places, all of their sentences from the memory. */
export function withUnchanged(plan: BuildPlan, articles: readonly Article[], unchanged: ReadonlyMap<Article, Unchanged>): BuildPlan {
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

/** What a worker needs to know of an article. */
export function refOf(article: Article): ArticleRef {
  return {inputPath: article.inputPath, name: article.name, displayPath: article.displayPath, outputs: article.outputs}
}

/** Per-article outcomes for the report. */
export function summarize(articles: readonly Article[], plan: BuildPlan): ArticleSummary[] {
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
      outputs: [article.outputs.de, article.outputs.en, article.outputs.bilingual, article.outputs.review, ...(article.outputs.native === undefined ? [] : [article.outputs.native])],
      written: article.written ?? false
    }
  })
}
