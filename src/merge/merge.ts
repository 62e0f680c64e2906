import type {BuildState, StateEntry} from '../builder/state.js'
import {withoutConflict, type ConflictVersion, type MemoryEntry} from '../memory/store.js'

/**
 * Three-way merges of what tandem keeps in git (the memory, the build state,
 * the records), as a git merge driver runs them: the common base and the two
 * branches' versions in, one version out. Pure; the CLI does the reading.
 *
 * Every rule is symmetric (it does not matter which branch is "ours"), so a
 * merge, a rebase and a cherry-pick of the same changes give the same file.
 */

/** The merged memory and the entries both branches changed in ways that cannot both hold. */
export interface MemoryMerge {
  readonly entries: readonly MemoryEntry[]
  readonly conflicts: readonly MemoryEntry[]
  /** Sentences already in conflict on one side that the other side changed too: three versions, which the file cannot hold. */
  readonly refused: readonly string[]
}

/**
 * Merge memories entry by entry (by German source). An entry only one branch
 * changed takes that change (a removal too); both changed it: a reviewed
 * translation beats a machine one, two machine ones or two reviews with the
 * same English keep one of them (the same one whichever branch is which). Two
 * reviewed translations that differ, or a removal against a change, are a
 * conflict: the entry keeps one version and carries the other (see
 * `MemoryEntry.conflict`) until a person decides.
 */
export function mergeMemory(base: readonly MemoryEntry[], ours: readonly MemoryEntry[], theirs: readonly MemoryEntry[]): MemoryMerge {
  const [o, a, b] = [bySource(base), bySource(ours), bySource(theirs)]
  const sources = new Set([...a.keys(), ...b.keys()])
  const entries: MemoryEntry[] = []
  const conflicts: MemoryEntry[] = []
  const refused: string[] = []
  for (const source of sources) {
    const merged = mergeEntry(o.get(source), a.get(source), b.get(source))
    if (merged === 'refused') refused.push(source)
    if (merged === undefined || merged === 'refused') continue
    entries.push(merged)
    if (merged.conflict !== undefined) conflicts.push(merged)
  }
  return {entries, conflicts, refused}
}

function mergeEntry(base: MemoryEntry | undefined, ours: MemoryEntry | undefined, theirs: MemoryEntry | undefined): MemoryEntry | undefined | 'refused' {
  if (same(ours, theirs)) return ours
  if (same(ours, base)) return theirs
  if (same(theirs, base)) return ours
  // Note: an undecided conflict that the other branch changed as well would leave three versions: nothing is merged then.
  if (ours?.conflict !== undefined || theirs?.conflict !== undefined) return 'refused'
  if (ours === undefined || theirs === undefined) {
    // Note: one branch removed it (a refused machine answer), the other changed it: only a change to a machine entry can go.
    const kept = (ours ?? theirs) as MemoryEntry
    return kept.status === 'machine' ? kept : {...withoutConflict(kept), conflict: {removed: true}}
  }
  if (ours.status !== theirs.status) return ours.status === 'reviewed' ? ours : theirs
  // Note: the same English, rated by a judge on one side only: the rating is kept.
  if (ours.target === theirs.target && (ours.judge === undefined) !== (theirs.judge === undefined)) return ours.judge === undefined ? theirs : ours
  if (ours.status === 'machine' || ours.target === theirs.target) return first(ours, theirs)
  // Two reviews that differ: the one that sorts first is used, the other waits beside it.
  const [kept, other] = first(ours, theirs) === ours ? [ours, theirs] : [theirs, ours]
  return {...withoutConflict(kept), conflict: versionOf(other)}
}

function bySource(entries: readonly MemoryEntry[]): Map<string, MemoryEntry> {
  return new Map(entries.map((entry) => [entry.source, entry]))
}

/** The same value, or both absent (entries and state entries are plain JSON data). */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Of two versions the later review (by its time), else the one whose text sorts first: the same pick whichever branch is which. */
function first(a: MemoryEntry, b: MemoryEntry): MemoryEntry {
  if (a.at !== undefined && b.at !== undefined && a.at !== b.at) return a.at > b.at ? a : b
  return JSON.stringify(a) <= JSON.stringify(b) ? a : b
}

function versionOf(entry: MemoryEntry): ConflictVersion {
  return {target: entry.target, status: entry.status, provider: entry.provider, ...(entry.by === undefined ? {} : {by: entry.by}), ...(entry.at === undefined ? {} : {at: entry.at})}
}

/**
 * Merge build states article by article. An article only one branch built
 * takes that branch's entry; both built it differently: its entry keeps the
 * files of both and loses its fingerprint, so the next build rebuilds it.
 */
export function mergeState(base: BuildState, ours: BuildState, theirs: BuildState): BuildState {
  const names = new Set([...Object.keys(ours.articles), ...Object.keys(theirs.articles)])
  const articles: Record<string, StateEntry> = {}
  for (const name of names) {
    const [o, a, b] = [base.articles[name], ours.articles[name], theirs.articles[name]]
    const merged = same(a, b) ? a : same(a, o) ? b : same(b, o) ? a : {files: [...new Set([...(a?.files ?? []), ...(b?.files ?? [])])].sort()}
    if (merged !== undefined) articles[name] = merged
  }
  return {version: 2, articles}
}

/** What a record merge gives: one branch's record, or, when both rebuilt the article differently, none (the next build rebuilds it). */
export type RecordMerge = {readonly text: string} | {readonly rebuild: true}

/** Merge an article's record (`.tandem/records/NAME.json`) as a whole: records are rewritten by each build, not edited. */
export function mergeRecord(base: string, ours: string, theirs: string): RecordMerge {
  if (ours === theirs || theirs === base) return {text: ours}
  if (ours === base) return {text: theirs}
  return {rebuild: true}
}
