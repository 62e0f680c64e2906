import type {GlossaryContext} from '../glossary/context.js'
import {checkSentence, type QaCheck} from '../qa/checks.js'
import {taggedToPlain} from '../segment/tags.js'
import type {ArticleRecord, UnitStatus} from './record.js'

/** One row of the review: a sentence in German and English with what to look at. */
export interface ReviewRow {
  readonly line: number
  readonly kind: string
  readonly status: UnitStatus
  readonly de: string
  readonly en: string
  /** Glossary occurrences in the German, with their required English. */
  readonly terms: ReadonlyArray<{readonly start: number; readonly end: number; readonly english: string}>
  /** Glossary and QA findings, in words. */
  readonly flags: readonly string[]
  /** Whether the German changed in the last build that changed the article. */
  readonly changed: boolean
  readonly previous?: {readonly de: string; readonly en: string}
  /** For a stale sentence: the reviewed English of the German it replaced. */
  readonly suggestion?: string
}

/** The review rows of an article, from what the last build wrote. */
export function reviewRows(record: ArticleRecord, context: GlossaryContext, checks: ReadonlySet<QaCheck>): ReviewRow[] {
  return record.units.map((unit) => {
    const de = taggedToPlain(unit.source)
    const en = taggedToPlain(unit.target)
    const terms = context.matcher.match(de).map((match) => ({start: match.start, end: match.end, english: match.entry.en}))
    const flags = [
      ...context.violations(unit.source, unit.target).map((violation) =>
        violation.kind === 'missing' ? `glossary: "${violation.entry.de}" → "${violation.entry.en}" missing` : `glossary: forbidden "${violation.text}" for "${violation.entry.de}"`
      ),
      ...checkSentence(de, en, checks).map((finding) => `${finding.check}: ${finding.detail}`)
    ]
    return {
      line: unit.line,
      kind: unit.kind,
      status: unit.status,
      de,
      en,
      terms,
      flags,
      changed: unit.changedIn !== undefined && unit.changedIn === record.generation && unit.previous !== undefined,
      ...(unit.previous === undefined ? {} : {previous: {de: taggedToPlain(unit.previous.source), en: taggedToPlain(unit.previous.target)}}),
      ...(unit.suggestion === undefined ? {} : {suggestion: taggedToPlain(unit.suggestion)})
    }
  })
}
