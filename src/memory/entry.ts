import {ratingOf, type JudgeRating} from '../qa/judge.js'

/**
 * One remembered translation and how it is written: a memory file is a
 * header line, then one JSON entry a line, sorted by source; a journal line
 * is an entry or a removal.
 */

/** How far a translation can be trusted. */
export type MemoryStatus = 'machine' | 'reviewed'

/** One remembered translation, keyed by its tagged German source. */
export interface MemoryEntry {
  readonly source: string
  readonly target: string
  readonly status: MemoryStatus
  /** Who made it: a provider id (`deepl`, `openai:gpt-4o-mini`) or `human`. */
  readonly provider: string
  /**
   * Keys of the glossary entries that applied when it was made (see
   * `glossary/matcher.ts` `entryKey`): a change to them re-verifies it.
   */
  readonly glossary?: readonly string[]
  /** For a reviewed translation: who made it (a name, as `git config user.name` gives it) and when (ISO 8601). */
  readonly by?: string
  readonly at?: string
  /**
   * After a merge in which both branches changed this entry in ways that
   * cannot both hold (two reviewed translations, or one branch removed it):
   * the other branch's version, `removed` when it had none. Builds use the
   * entry itself; `tandem check` lists it until a person decides.
   */
  readonly conflict?: ConflictVersion
  /** For a machine translation a second model rated (`--judge`): its score and findings. */
  readonly judge?: JudgeRating
}

/** An entry as decided: without the other side of a merge conflict. */
export function withoutConflict(entry: MemoryEntry): MemoryEntry {
  const {conflict: _conflict, ...rest} = entry
  return rest
}

/** The other side of a merge conflict on one entry. */
export type ConflictVersion = Pick<MemoryEntry, 'target' | 'status' | 'provider' | 'by' | 'at'> | {readonly removed: true}

/** The first line of a memory file. */
export const HEADER = {tandem: 'translation-memory', version: 1}
/** The fields every entry has. */
export const FIELDS = ['source', 'target', 'status', 'provider'] as const

/** A memory file's text: the header, then the entries sorted by source, one a line. */
export function memoryText(entries: readonly MemoryEntry[]): string {
  return [JSON.stringify(HEADER), ...[...entries].sort(compareEntries).map(serializeEntry)].join('\n') + '\n'
}

/** A journal line that takes an entry back. */
export function isRemoval(value: unknown): value is {source: string; removed: true} {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>)['removed'] === true && typeof (value as Record<string, unknown>)['source'] === 'string'
}

/**
 * An entry's line in a memory file: its fields in a fixed order (source,
 * target, status, provider, glossary sorted, by, at, judge, conflict), as
 * `JSON.stringify` writes such an object. Built field by field: the object
 * and its spreads were most of the time a save took (10,000 entries: 20 ms).
 */
export function serializeEntry(entry: MemoryEntry): string {
  const json = JSON.stringify
  let line = `{"source":${json(entry.source)},"target":${json(entry.target)},"status":${json(entry.status)},"provider":${json(entry.provider)}`
  if (entry.glossary !== undefined && entry.glossary.length > 0) line += `,"glossary":${json([...entry.glossary].sort())}`
  if (entry.by !== undefined) line += `,"by":${json(entry.by)}`
  if (entry.at !== undefined) line += `,"at":${json(entry.at)}`
  if (entry.judge !== undefined) line += `,"judge":${json(entry.judge)}`
  if (entry.conflict !== undefined) line += `,"conflict":${json(entry.conflict)}`
  return `${line}}`
}

export function compareEntries(a: MemoryEntry, b: MemoryEntry): number {
  return a.source < b.source ? -1 : a.source > b.source ? 1 : 0
}

/** Whether a parsed first line is a memory file's header. */
export function isHeader(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>)['tandem'] === HEADER.tandem
}

function parseEntry(value: unknown): MemoryEntry | undefined {
  const read = readEntry(value)
  return 'entry' in read ? read.entry : undefined
}

/** What each optional field of an entry must be, by name. */
export const FIELD_SHAPES = {
  status: '"machine" or "reviewed"',
  glossary: 'a list of texts',
  by: 'a text',
  at: 'a text',
  conflict: 'the other version: target, status and provider, or {"removed": true}',
  judge: 'a score from 0 to 100 with a list of findings'
} as const

/** An entry, or which field makes it none (`undefined`: source, target or provider is missing). */
export function readEntry(value: unknown): {readonly entry: MemoryEntry} | {readonly wrong: keyof typeof FIELD_SHAPES | undefined} {
  if (typeof value !== 'object' || value === null) return {wrong: undefined}
  const record = value as Record<string, unknown>
  const {source, target, status, provider, glossary, by, at, conflict, judge} = record
  if (typeof source !== 'string' || typeof target !== 'string' || typeof provider !== 'string') return {wrong: undefined}
  if (status !== 'machine' && status !== 'reviewed') return {wrong: 'status'}
  if (glossary !== undefined && (!Array.isArray(glossary) || glossary.some((key) => typeof key !== 'string'))) return {wrong: 'glossary'}
  if (by !== undefined && typeof by !== 'string') return {wrong: 'by'}
  if (at !== undefined && typeof at !== 'string') return {wrong: 'at'}
  const other = conflict === undefined ? undefined : conflictOf(conflict)
  if (conflict !== undefined && other === undefined) return {wrong: 'conflict'}
  const rating = judge === undefined ? undefined : ratingOf(judge)
  if (judge !== undefined && rating === undefined) return {wrong: 'judge'}
  return {
    entry: {
      source,
      target,
      status,
      provider,
      ...(glossary === undefined ? {} : {glossary: glossary as string[]}),
      ...(typeof by === 'string' ? {by} : {}),
      ...(typeof at === 'string' ? {at} : {}),
      ...(rating === undefined ? {} : {judge: rating}),
      ...(other === undefined ? {} : {conflict: other})
    }
  }
}

function conflictOf(value: unknown): ConflictVersion | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const record = value as Record<string, unknown>
  if (record['removed'] === true) return {removed: true}
  const entry = parseEntry({...record, source: ''})
  if (entry === undefined) return undefined
  return {target: entry.target, status: entry.status, provider: entry.provider, ...(entry.by === undefined ? {} : {by: entry.by}), ...(entry.at === undefined ? {} : {at: entry.at})}
}
