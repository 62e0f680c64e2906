import {execFileSync} from 'node:child_process'
import {userInfo} from 'node:os'
import type {RuleId} from '../diagnostics.js'
import type {MemoryEntry} from '../memory/store.js'
import {checkTranslation, type Problem} from '../providers/validate.js'
import {checkPlaceholders, parseTagged, taggedToPlain} from '../segment/tags.js'

/**
 * A person's translation of one sentence, from an edited `.en.md` line, an
 * XLIFF or TMX import, or the review app; `file` and `line` say where it was
 * found, so that a refusal can send the reviewer there.
 */
export interface HumanTranslation {
  readonly source: string
  readonly target: string
  readonly file: string
  readonly line: number
}

/** Who makes the human translations of one command or build, and when. */
export interface Reviewer {
  readonly by: string
  readonly at: string
}

/** Why a human translation was not stored: a rule, where, and the values of its message. */
export interface HumanRefusal {
  readonly rule: Extract<RuleId, 'human-markup' | 'human-empty' | 'human-source' | 'human-conflict'>
  readonly file: string
  readonly line: number
  readonly params: Readonly<Record<string, string>>
}

export type HumanVerdict = {readonly ok: true; readonly entry: MemoryEntry} | {readonly ok: false; readonly refusal: HumanRefusal}

/**
 * The one way a person's translation enters the memory. It is checked as a
 * provider's answer is (`checkTranslation`: not empty, each placeholder once,
 * of its kind, properly nested, so that links, code and formatting stay),
 * its German must be a sentence tandem could have written (placeholders
 * balanced), and it is stored as reviewed, with who and when.
 */
export function checkHuman(item: HumanTranslation, reviewer: Reviewer): HumanVerdict {
  const sentence = taggedToPlain(item.source)
  const refuse = (rule: HumanRefusal['rule'], detail: string): HumanVerdict => ({ok: false, refusal: {rule, file: item.file, line: item.line, params: {detail, sentence}}})
  const own = parseTagged(item.source)
  const broken = checkPlaceholders(own, own)
  if (broken.length > 0) return refuse('human-source', describe(broken))
  const verdict = checkTranslation(item.source, item.target)
  if (!verdict.ok) {
    if (verdict.problems.some((problem) => problem.rule === 'translation-empty')) return refuse('human-empty', '')
    return refuse('human-markup', describe(verdict.problems))
  }
  return {ok: true, entry: {source: item.source, target: verdict.text, status: 'reviewed', provider: 'human', by: reviewer.by, at: reviewer.at}}
}

function describe(problems: readonly Problem[]): string {
  return problems.map((problem) => ('tag' in problem ? `${problem.rule.replace(/^placeholder-/, '')} ${problem.tag}` : problem.rule)).join(', ')
}

let known: string | undefined

/**
 * Who is reviewing: `TANDEM_REVIEWER`, else git's `user.name` for the
 * folder, else the login name. Asked once per process, and only when a
 * human translation is about to be stored.
 */
export function reviewerName(env: Readonly<Record<string, string | undefined>>, cwd: string): string {
  const given = env['TANDEM_REVIEWER']?.trim()
  if (given !== undefined && given !== '') return given
  if (known !== undefined) return known
  try {
    known = execFileSync('git', ['config', 'user.name'], {cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000}).trim()
  } catch {
    known = ''
  }
  if (known === '') {
    try {
      known = userInfo().username
    } catch {
      known = 'unknown'
    }
  }
  return known
}

/** The reviewer of this moment. */
export function reviewerNow(env: Readonly<Record<string, string | undefined>>, cwd: string): Reviewer {
  return {by: reviewerName(env, cwd), at: new Date().toISOString()}
}
