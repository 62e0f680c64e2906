import {diagnostic, type RuleId} from '../diagnostics.js'
import {excerpt} from './excerpt.js'
import {checkSentence, directQuotations, type QaCheck} from '../qa/checks.js'
import {taggedToPlain} from '../segment/tags.js'
import type {Diagnostic} from '../diagnostics.js'
import type {Segment} from '../segment/model.js'
import type {GlossaryContext} from '../glossary/context.js'
import {ratingSummary, type JudgeRating} from '../qa/judge.js'

/** Options for `checkArticle`. */
export interface CheckOptions {
  readonly context: GlossaryContext
  /** The English of a sentence (tagged), undefined when it has none. */
  readonly english: (source: string) => string | undefined
  /** Whether a sentence's translation was reviewed by a person. */
  readonly reviewed: (source: string) => boolean
  readonly checks: ReadonlySet<QaCheck>
  /** Whether to verify the glossary (default: true). */
  readonly glossary: boolean
  /** A second model's rating of a sentence's machine translation, if it has one, and the score below which it is a warning. */
  readonly judge?: (source: string) => JudgeRating | undefined
  readonly judgeThreshold?: number
}

const RULES: Readonly<Record<QaCheck, RuleId>> = {numbers: 'qa-numbers', quotes: 'qa-quotes', untranslated: 'qa-untranslated', length: 'qa-length'}

/**
 * Stage: check every translated sentence of an article, from the memory or
 * fresh: glossary compliance and the QA checks. Findings are warnings with
 * the sentence's place; a reviewed translation that violates the glossary is
 * flagged, never changed.
 */
export function checkArticle(path: string, segments: readonly Segment[], options: CheckOptions): Diagnostic[] {
  const found: Diagnostic[] = []
  for (const segment of segments) {
    const english = options.english(segment.source)
    if (english === undefined) continue
    const sentence = excerpt(taggedToPlain(segment.source))
    if (!segment.translatable) {
      // A segment of numbers only, put into English form by tandem: only the numbers check applies.
      if (!options.checks.has('numbers')) continue
      for (const finding of checkSentence(taggedToPlain(segment.source), taggedToPlain(english), new Set(['numbers'] as const))) {
        found.push(diagnostic('warning', RULES[finding.check], path, {detail: finding.detail, sentence}, segment.place))
      }
      continue
    }
    if (options.glossary) {
      const reviewed = options.reviewed(segment.source)
      for (const violation of options.context.violations(segment.source, english)) {
        const rule: RuleId = reviewed ? 'glossary-reviewed' : violation.kind === 'missing' ? 'glossary-missing' : 'glossary-forbidden'
        found.push(
          diagnostic('warning', rule, path, {term: violation.entry.de, english: violation.entry.en, found: violation.text, sentence}, segment.place)
        )
      }
    }
    for (const finding of checkSentence(taggedToPlain(segment.source), taggedToPlain(english), options.checks)) {
      found.push(diagnostic('warning', RULES[finding.check], path, {detail: finding.detail, sentence}, segment.place))
    }
    // Note: someone's words in a machine's English are not their words; a reviewer checks them against the original
    // (unless the project has the original: then it is written, verbatim).
    if (options.checks.has('quotes') && !options.reviewed(segment.source)) {
      for (const quote of directQuotations(taggedToPlain(segment.source))) {
        if (options.context.quotes.original(quote) === undefined) found.push(diagnostic('warning', 'qa-quotation', path, {quote: excerpt(quote), sentence}, segment.place))
      }
    }
    const rating = options.reviewed(segment.source) ? undefined : options.judge?.(segment.source)
    // Note: a rating that led to a correction is the rating of the English it replaced, not of this one.
    if (rating !== undefined && rating.replaced === undefined && rating.score < (options.judgeThreshold ?? 0)) {
      found.push(diagnostic('warning', 'judge-low', path, {judge: rating.by, score: rating.score, threshold: options.judgeThreshold ?? 0, findings: ratingSummary(rating) || '–', sentence}, segment.place))
    }
    // An English that lacks a known original (a reviewer's own, or one made before the original was entered, built without a provider).
    if (options.checks.has('quotes')) {
      // Note: `reviewed` says a reviewer's English lacks it, which only a reviewer can put right (see `findUnchanged`).
      const by = options.reviewed(segment.source) ? {reviewed: 1} : {}
      for (const quote of options.context.missingQuotes(segment.source, english)) {
        found.push(diagnostic('warning', 'qa-quote-original', path, {quote: excerpt(quote.de), english: excerpt(quote.en), place: `${quote.origin.file}:${quote.origin.line}`, sentence, ...by}, segment.place))
      }
    }
  }
  return found
}

export {excerpt}
