import type {GlossaryContext} from '../glossary/context.js'
import {checkSentence, type QaCheck} from '../qa/checks.js'
import type {JudgeFinding, JudgeRating} from '../qa/judge.js'
import {taggedToPlain} from '../segment/tags.js'
import {displayText, type ArticleMarks, type SentenceMarks} from './marks.js'
import type {ArticleRecord, UnitStatus} from './record.js'

/** One row of the review: a sentence in German and English with what to look at. */
export interface ReviewRow {
  readonly line: number
  readonly kind: string
  readonly status: UnitStatus
  /** The German and English as a reader sees them (code and protected words included, no markup). */
  readonly de: string
  readonly en: string
  /** The same, tagged, with what the placeholders stand for (when the article's input was at hand). */
  readonly source: string
  readonly target: string
  readonly marks?: SentenceMarks
  /** Glossary occurrences in the German (offsets into `de`), with their required English. */
  readonly terms: ReadonlyArray<{readonly start: number; readonly end: number; readonly german: string; readonly english: string}>
  /** Where the English has the required English of those terms (offsets into `en`). */
  readonly englishTerms: ReadonlyArray<{readonly start: number; readonly end: number; readonly german: string}>
  /** Glossary and QA findings, in words. */
  readonly flags: readonly string[]
  /** The kind of block the sentence is in, when it is a list item, a table cell or a quotation. */
  readonly block?: 'list' | 'table' | 'quote'
  /** Whether the German changed in the last build that changed the article. */
  readonly changed: boolean
  readonly previous?: {readonly de: string; readonly en: string}
  /** For a stale sentence: the reviewed English of the German it replaced. */
  readonly suggestion?: string
  /** For a sentence its build translated: the memory's most similar sentence (plain text), its score, and whether it was reviewed. */
  readonly match?: {readonly de: string; readonly en: string; readonly score: number; readonly reviewed: boolean}
  /** For a machine translation a second model rated: its score, judge and findings, and the English its correction replaced (plain text). */
  readonly judge?: {readonly score: number; readonly by: string; readonly findings: readonly JudgeFinding[]; readonly en: string; readonly replaced?: string}
}

/**
 * The review rows of an article, from what the last build wrote; `marks`
 * (see `marks.ts`) lets them show code, links and protected words.
 */
export function reviewRows(record: ArticleRecord, context: GlossaryContext, checks: ReadonlySet<QaCheck>, marks?: ArticleMarks, germanLines?: readonly string[]): ReviewRow[] {
  return record.units.map((unit) => {
    const block = germanLines === undefined ? undefined : blockOf(germanLines[unit.line - 1] ?? '', unit.kind)
    const own = marks?.get(unit.id)
    const de = displayText(unit.source, own)
    const en = displayText(unit.target, own)
    const terms = context.matcher.match(de).map((match) => ({start: match.start, end: match.end, german: match.entry.de, english: match.entry.en}))
    const englishTerms = terms.flatMap((term) => occurrences(en, term.english).map((at) => ({start: at, end: at + term.english.length, german: term.german})))
    const flags = [
      ...context.violations(unit.source, unit.target).map((violation) =>
        violation.kind === 'missing' ? `glossary: "${violation.entry.de}" → "${violation.entry.en}" missing` : `glossary: forbidden "${violation.text}" for "${violation.entry.de}"`
      ),
      ...checkSentence(de, en, checks).map((finding) => `${finding.check}: ${finding.detail}`),
      // Note: what a second opinion finds major or critical is worth a look, whatever its score.
      ...(unit.status === 'reviewed' || unit.judge?.replaced !== undefined ? [] : (unit.judge?.findings ?? []))
        .filter((finding) => finding.severity !== 'minor')
        .map((finding) => `judge: ${finding.category} (${finding.severity})${finding.span === '' ? '' : ` “${finding.span}”`}`)
    ]
    return {
      line: unit.line,
      kind: unit.kind,
      status: unit.status,
      de,
      en,
      source: unit.source,
      target: unit.target,
      ...(own === undefined ? {} : {marks: own}),
      terms,
      englishTerms,
      ...(block === undefined ? {} : {block}),
      flags,
      changed: unit.changedIn !== undefined && unit.changedIn === record.generation && unit.previous !== undefined,
      ...(unit.previous === undefined ? {} : {previous: {de: taggedToPlain(unit.previous.source), en: taggedToPlain(unit.previous.target)}}),
      ...(unit.suggestion === undefined ? {} : {suggestion: taggedToPlain(unit.suggestion)}),
      ...(unit.match === undefined || unit.status === 'reviewed' ? {} : {match: {de: taggedToPlain(unit.match.source), en: taggedToPlain(unit.match.target), score: unit.match.score, reviewed: unit.match.reviewed}}),
      ...(unit.judge === undefined || unit.status === 'reviewed' ? {} : {judge: judgeRow(unit.judge, unit.target)})
    }
  })
}

function judgeRow(rating: JudgeRating, target: string): NonNullable<ReviewRow['judge']> {
  const {score, by, findings, replaced} = rating
  return {score, by, findings, en: taggedToPlain(target), ...(replaced === undefined ? {} : {replaced: taggedToPlain(replaced.target)})}
}

/** The block a line of the aligned German (`.de.md`) opens, by its Markdown prefix. */
function blockOf(line: string, kind: string): ReviewRow['block'] {
  if (kind === 'cell' || /^\s*\|/.test(line)) return 'table'
  const rest = line.replace(/^(\s*>\s?)+/, '')
  if (/^\s*(?:[-*+]|\d+[.)])\s/.test(rest)) return 'list'
  return rest !== line ? 'quote' : undefined
}

/** Where `part` occurs in `text`, ignoring case, at word boundaries. */
function occurrences(text: string, part: string): number[] {
  if (part === '') return []
  const found: number[] = []
  const lower = text.toLowerCase()
  const wanted = part.toLowerCase()
  for (let at = lower.indexOf(wanted); at !== -1; at = lower.indexOf(wanted, at + wanted.length)) {
    const before = text[at - 1]
    const after = text[at + wanted.length]
    if ((before === undefined || !/[\p{L}\p{N}]/u.test(before)) && (after === undefined || !/[\p{L}\p{N}]/u.test(after))) found.push(at)
  }
  return found
}
