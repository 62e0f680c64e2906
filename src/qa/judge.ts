import type {JudgeAnswer, JudgeItem} from '../providers/port.js'
import {taggedToPlain} from '../segment/tags.js'
import {spacedControls} from '../util/printable.js'

/** The MQM error categories a judge rates in. */
export const MQM_CATEGORIES = ['accuracy', 'omission', 'addition', 'terminology', 'grammar', 'style'] as const
export type MqmCategory = (typeof MQM_CATEGORIES)[number]

export const SEVERITIES = ['minor', 'major', 'critical'] as const
export type Severity = (typeof SEVERITIES)[number]

/** One thing a judge found wrong with a translation. */
export interface JudgeFinding {
  readonly category: MqmCategory
  readonly severity: Severity
  /** The words of the English it is about (of the German, for an omission), as they stand there. */
  readonly span: string
  readonly note: string
}

/** A second model's rating of a translation, stored with it in the memory. */
export interface JudgeRating {
  /** The judge (`openai:gpt-4o`). */
  readonly by: string
  readonly score: number
  readonly findings: readonly JudgeFinding[]
  /** When the judge's corrected English replaced the translation (`--judge-fix`): the English it replaced, and whose it was. */
  readonly replaced?: {readonly target: string; readonly provider: string}
}

/** Findings kept per rating, and characters per note: what a reviewer reads, and a bound on what a server can make tandem store. */
const MAX_FINDINGS = 12
const MAX_NOTE = 300

/** A judge's answer for one item, checked: a rating and the fix it offers, or why it was refused. */
export type Verdict = {readonly ok: true; readonly rating: JudgeRating; readonly fix?: string} | {readonly ok: false; readonly reason: string}

/**
 * Check a judge's answer for one translation: a whole score from 0 to 100,
 * findings in the MQM categories and severities whose span is in the English
 * (for an omission: in the German), a note of printable text. Anything else
 * refuses the whole rating; nothing of it is stored then.
 */
export function validateVerdict(item: JudgeItem, answer: JudgeAnswer | undefined, by: string): Verdict {
  if (answer === undefined) return {ok: false, reason: 'no rating'}
  const {score, findings} = answer
  if (typeof score !== 'number' || !Number.isInteger(score) || score < 0 || score > 100) return {ok: false, reason: 'score not a whole number from 0 to 100'}
  if (!Array.isArray(findings)) return {ok: false, reason: 'findings not a list'}
  if (findings.length > MAX_FINDINGS) return {ok: false, reason: `more than ${MAX_FINDINGS} findings`}
  const english = fold(taggedToPlain(item.target))
  const german = fold(taggedToPlain(item.source))
  const checked: JudgeFinding[] = []
  for (const finding of findings as unknown[]) {
    if (typeof finding !== 'object' || finding === null) return {ok: false, reason: 'a finding not an object'}
    const {category, severity, span, note} = finding as Record<string, unknown>
    if (!MQM_CATEGORIES.includes(category as MqmCategory)) return {ok: false, reason: `category "${String(category)}" not an MQM category`}
    if (!SEVERITIES.includes(severity as Severity)) return {ok: false, reason: `severity "${String(severity)}" not minor, major or critical`}
    if (typeof span !== 'string' || typeof note !== 'string') return {ok: false, reason: 'span or note not a text'}
    const quoted = fold(span)
    const text = category === 'omission' ? german : english
    if (quoted !== '' && !text.includes(quoted)) return {ok: false, reason: `span “${quoted.slice(0, 60)}” not in the ${category === 'omission' ? 'German' : 'English'}`}
    checked.push({category: category as MqmCategory, severity: severity as Severity, span: quoted, note: fold(spacedControls(note)).slice(0, MAX_NOTE)})
  }
  const rating: JudgeRating = {by, score, findings: checked}
  const fix = typeof answer.fix === 'string' && answer.fix.trim() !== '' && answer.fix !== item.target ? answer.fix : undefined
  return fix === undefined ? {ok: true, rating} : {ok: true, rating, fix}
}

/** A rating as the memory file holds it, or undefined when it is not one (a damaged line). */
export function ratingOf(value: unknown): JudgeRating | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const {by, score, findings, replaced} = value as Record<string, unknown>
  if (typeof by !== 'string' || typeof score !== 'number' || !Array.isArray(findings)) return undefined
  const list = findings.filter((finding): finding is JudgeFinding => {
    const f = finding as Record<string, unknown> | null
    return typeof f === 'object' && f !== null && MQM_CATEGORIES.includes(f['category'] as MqmCategory) && SEVERITIES.includes(f['severity'] as Severity) && typeof f['span'] === 'string' && typeof f['note'] === 'string'
  })
  if (list.length !== findings.length) return undefined
  const before = replaced as Record<string, unknown> | undefined
  if (before !== undefined && (typeof before !== 'object' || before === null || typeof before['target'] !== 'string' || typeof before['provider'] !== 'string')) return undefined
  return {by, score, findings: list, ...(before === undefined ? {} : {replaced: {target: before['target'] as string, provider: before['provider'] as string}})}
}

/** A rating in one line for messages: `62: accuracy (major) “hire”: …; style (minor) …`. */
export function ratingSummary(rating: JudgeRating): string {
  const findings = rating.findings.map((finding) => `${finding.category} (${finding.severity})${finding.span === '' ? '' : ` “${finding.span}”`}${finding.note === '' ? '' : `: ${finding.note}`}`)
  return findings.join('; ')
}

function fold(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
