import type {Dialect} from '../markdown/processor.js'
import {readFile} from 'node:fs/promises'
import type {MemoryEntry} from '../memory/store.js'
import {taggedToPlain} from '../segment/tags.js'
import type {EditProblem} from './edits.js'
import {checkHuman, type HumanRefusal, type Reviewer} from './human.js'
import type {ImportCandidate} from './interchange.js'
import {lineHashes, type ArticleRecord} from './record.js'

/** A reviewer's version of a sentence in an `.en.md` that no build has taken yet. */
export interface PendingEdit {
  readonly target: string
  readonly file: string
  readonly line: number
}

/** What an import would store, what it refuses, and how many of its translations the memory has already. */
export interface ImportPlan {
  readonly entries: readonly MemoryEntry[]
  readonly refusals: readonly HumanRefusal[]
  readonly unchanged: number
}

/**
 * Plan an import: every translation is checked the way a provider's answer
 * is, a reviewed one goes the one way of a person's translation
 * (`checkHuman`); one whose words the memory holds counts as unchanged; a machine
 * translation never replaces a reviewed one. Two human versions of one
 * sentence that wait at once (an `.en.md` edit no build has taken, or a
 * second one in the same file) are a conflict, refused, never resolved silently.
 */
export function planImport(
  file: string,
  candidates: readonly ImportCandidate[],
  memory: {get(source: string): MemoryEntry | undefined},
  pending: ReadonlyMap<string, PendingEdit>,
  reviewer: Reviewer
): ImportPlan {
  const entries = new Map<string, MemoryEntry>()
  // Every sentence the file holds, stored or not: a second, different version of one is a conflict either way.
  const seen = new Map<string, {readonly target: string; readonly line: number}>()
  const refusals: HumanRefusal[] = []
  let unchanged = 0
  for (const candidate of candidates) {
    const entry = checked(file, candidate, reviewer)
    if ('rule' in entry) {
      refusals.push(entry)
      continue
    }
    const sentence = taggedToPlain(candidate.source)
    const conflict = (other: string, theirs: string): HumanRefusal => ({
      rule: 'human-conflict',
      file,
      line: candidate.line,
      params: {other, theirs: taggedToPlain(theirs), ours: taggedToPlain(entry.target), sentence}
    })
    const twin = seen.get(candidate.source)
    if (twin !== undefined) {
      if (twin.target !== entry.target) refusals.push(conflict(`${file}:${twin.line}`, twin.target))
      continue
    }
    seen.set(candidate.source, {target: entry.target, line: candidate.line})
    const known = memory.get(candidate.source)
    // Note: the same words are no new translation: a machine translation sent back unchanged stays a machine translation.
    const approves = candidate.approval === true && known?.status !== 'reviewed'
    if (known !== undefined && ((known.target === entry.target && !approves) || (known.status === 'reviewed' && entry.status === 'machine'))) {
      unchanged++
      continue
    }
    const edit = pending.get(candidate.source)
    if (edit !== undefined && edit.target !== entry.target && entry.status === 'reviewed') {
      refusals.push(conflict(`${edit.file}:${edit.line}`, edit.target))
      continue
    }
    entries.set(candidate.source, entry)
  }
  return {entries: [...entries.values()], refusals, unchanged}
}

function checked(file: string, candidate: ImportCandidate, reviewer: Reviewer): MemoryEntry | HumanRefusal {
  const glossary = candidate.glossary === undefined ? {} : {glossary: candidate.glossary}
  if (candidate.status === 'reviewed') {
    const verdict = checkHuman({source: candidate.source, target: candidate.target, file, line: candidate.line}, {by: candidate.by ?? reviewer.by, at: candidate.at ?? reviewer.at})
    return verdict.ok ? {...verdict.entry, provider: candidate.provider, ...glossary} : verdict.refusal
  }
  // A machine translation from a file is checked as strictly; it stays a machine translation.
  const verdict = checkHuman({source: candidate.source, target: candidate.target, file, line: candidate.line}, reviewer)
  if (!verdict.ok) return verdict.refusal
  return {source: candidate.source, target: verdict.entry.target, status: 'machine', provider: candidate.provider, ...glossary}
}

/** A built article as `pendingEdits` reads it: its record, its `.en.md` and `.de.md`, and the `.en.md` as shown to the user. */
export interface BuiltArticle {
  readonly record: ArticleRecord
  readonly en: string
  readonly de: string
  readonly shown: string
  /** `mdx` for an `.mdx` article, whose review files are MDX. */
  readonly dialect?: Dialect
}

/** Edits in an `.en.md` that the next build will refuse (lines added, markup changed): where, and why. */
export interface RefusedEdits {
  readonly rule: EditProblem['rule']
  readonly file: string
  readonly line: number
  readonly params: Readonly<Record<string, string | number>>
}

/**
 * The edits in built articles' `.en.md` files that no build has taken yet,
 * by German source (an import or a save that brings another version of one
 * of them is a conflict), and the files whose edits the next build would refuse.
 */
export async function pendingEdits(articles: readonly BuiltArticle[]): Promise<{readonly edits: Map<string, PendingEdit>; readonly refused: readonly RefusedEdits[]}> {
  const pending = new Map<string, PendingEdit>()
  const refused: RefusedEdits[] = []
  for (const article of articles) {
    const text = await readFile(article.en, 'utf8').catch(() => undefined)
    if (text === undefined) continue
    const hashes = lineHashes(text.replace(/\r\n?/g, '\n'))
    if (hashes.length === article.record.enLines.length && hashes.every((hash, index) => hash === article.record.enLines[index])) continue
    const german = await readFile(article.de, 'utf8').catch(() => undefined)
    // Note: the edit reader (and remark with it) loads only when a file differs from what the build wrote.
    const {detectEdits} = await import('./edits.js')
    const result = await detectEdits(article.record, text.replace(/\r\n?/g, '\n'), {...(german === undefined ? {} : {german}), ...(article.dialect === undefined ? {} : {dialect: article.dialect})})
    if (!result.ok) {
      refused.push({...result.problem, file: article.shown})
      continue
    }
    for (const edit of result.edits) if (!pending.has(edit.source)) pending.set(edit.source, {target: edit.target, file: article.shown, line: edit.line})
  }
  return {edits: pending, refused}
}
