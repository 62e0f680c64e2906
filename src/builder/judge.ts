import pLimit from 'p-limit'
import {diagnostic, type RuleId} from '../diagnostics.js'
import type {Article} from '../article/article.js'
import {excerpt} from '../article/excerpt.js'
import type {MemoryEntry} from '../memory/store.js'
import type {GlossaryHint, JudgeItem} from '../providers/port.js'
import {looksLikeInstruction} from '../providers/injection.js'
import {checkTranslation} from '../providers/validate.js'
import {validateVerdict} from '../qa/judge.js'
import {taggedToPlain} from '../segment/tags.js'
import {sha256} from '../util/hash.js'
import {DEFAULT_JUDGE_THRESHOLD, type BuildScope, type JudgeOptions} from './options.js'
import type {WorkItem} from './plan.js'
import {batchWork, describeFault, stopsBuild} from './translate.js'

/**
 * Stage: a second model rates the translations this build made, batch by
 * batch. A valid rating is stored with its translation in the memory; with
 * `fix`, a corrected English the judge offers for a translation rated below
 * the threshold replaces it when it passes the checks every answer passes
 * (placeholders, glossary, known quotations), recorded as the judge's machine
 * translation with the one it replaced. The judge never fails an article: a
 * fault or a broken answer is a warning, and the translation stays as it was.
 * `fresh` (tagged source → English) gets the accepted fixes.
 */
export async function judgeTranslations(scope: BuildScope, work: readonly WorkItem[], fresh: Map<string, string>, judging: JudgeOptions): Promise<void> {
  const {memory, context, options} = scope
  const {judge, fix} = judging
  const threshold = options.judgeThreshold ?? DEFAULT_JUDGE_THRESHOLD
  // Note: only what the memory keeps can carry a rating (an offline provider's answers are not kept).
  const rated = work.filter((item) => fresh.has(item.source) && memory.get(item.source)?.status === 'machine')
  // Note: a sentence that reads like an order to a model is rated alone, beside no other.
  const suspicious = (item: WorkItem): boolean => looksLikeInstruction(taggedToPlain(item.source))
  const batches = batchWork(rated, judge.maxBatchItems, Number.POSITIVE_INFINITY, false, suspicious)
  const limit = pLimit(Math.max(1, options.concurrency))
  let gone: unknown
  await Promise.all(
    batches.map((batch) =>
      limit(async () => {
        const items: JudgeItem[] = batch.map((item) => ({id: sha256(item.source, 12), source: item.source, target: fresh.get(item.source) ?? ''}))
        if (gone !== undefined) {
          warnArticles(batch, 'judge-failed', {judge: judge.id, reason: describeFault(gone)})
          return
        }
        const hints = new Map<string, GlossaryHint>()
        for (const item of batch) for (const hint of context.hints(item.source)) hints.set(`${hint.kind}\u0000${hint.source}`, hint)
        const title = batch.length === 1 && suspicious(batch[0] as WorkItem) ? undefined : batch[0]?.occurrences[0]?.article.title
        let answers
        try {
          answers = await judge.rate({items, glossary: [...hints.values()], ...(title === undefined ? {} : {documentTitle: title}), ...(fix ? {fixBelow: threshold} : {})}, {signal: options.signal})
        } catch (error) {
          // Note: a judge that cannot be reached, or refuses the key, is asked nothing more in this build.
          if (stopsBuild(error)) gone = error
          warnArticles(batch, 'judge-failed', {judge: judge.id, reason: describeFault(error)})
          return
        }
        const counts = new Map<string, number>()
        for (const answer of answers) counts.set(answer.id, (counts.get(answer.id) ?? 0) + 1)
        const entries: MemoryEntry[] = []
        batch.forEach((item, index) => {
          const asked = items[index] as JudgeItem
          const twice = (counts.get(asked.id) ?? 0) > 1
          const verdict = twice ? {ok: false as const, reason: 'rated twice'} : validateVerdict(asked, answers.find((answer) => answer.id === asked.id), judge.id)
          if (!verdict.ok) {
            warnItem(item, 'judge-invalid', {judge: judge.id, reason: verdict.reason})
            return
          }
          const entry = memory.get(item.source)
          if (entry === undefined || entry.status !== 'machine' || entry.target !== asked.target) return
          if (!fix || verdict.fix === undefined || verdict.rating.score >= threshold) {
            entries.push({...entry, judge: verdict.rating})
            return
          }
          const problem = fixProblem(scope, item.source, verdict.fix)
          if (typeof problem === 'string') {
            warnItem(item, 'judge-fix-refused', {judge: judge.id, reason: problem})
            entries.push({...entry, judge: verdict.rating})
            return
          }
          entries.push({...entry, target: problem.text, provider: judge.id, judge: {...verdict.rating, replaced: {target: entry.target, provider: entry.provider}}})
          fresh.set(item.source, problem.text)
        })
        if (entries.length > 0) await memory.record(entries)
      })
    )
  )
}

/** Why a judge's corrected English cannot replace a translation, or the English as accepted. */
function fixProblem(scope: BuildScope, source: string, fix: string): string | {readonly text: string} {
  const checked = checkTranslation(source, fix)
  if (!checked.ok) return checked.problems.map((problem) => ('tag' in problem ? `${problem.rule} ${problem.tag}` : problem.rule)).join(', ')
  if (scope.context.violations(source, checked.text).length > 0) return 'it breaks the glossary'
  if (scope.context.missingQuotes(source, checked.text).length > 0) return 'it changes the original words of a quotation'
  return {text: checked.text}
}

function warnItem(item: WorkItem, rule: RuleId, params: Record<string, string | number>): void {
  for (const {article, segment} of item.occurrences) {
    article.diagnostics.push(diagnostic('warning', rule, article.displayPath, {...params, sentence: excerpt(taggedToPlain(segment.source))}, segment.place))
  }
}

/** One warning per article of a batch the judge did not rate, at its first sentence. */
function warnArticles(batch: readonly WorkItem[], rule: RuleId, params: Record<string, string | number>): void {
  const seen = new Map<Article, {count: number; item: WorkItem}>()
  for (const item of batch) {
    for (const {article} of item.occurrences) {
      const known = seen.get(article)
      if (known === undefined) seen.set(article, {count: 1, item})
      else known.count++
    }
  }
  for (const [article, {count, item}] of seen) {
    const place = item.occurrences.find((occurrence) => occurrence.article === article)?.segment.place
    article.diagnostics.push(diagnostic('warning', rule, article.displayPath, {...params, count}, place))
  }
}
