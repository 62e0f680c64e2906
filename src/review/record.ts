import type {Diagnostic} from '../diagnostics.js'
import type {JudgeRating} from '../qa/judge.js'
import {pendingPath, recordPath} from '../project/layout.js'
import {sha256} from '../util/hash.js'
import {readTextIfExists} from '../util/fs.js'
import {alignUnits} from './diff.js'

/** How far a sentence's English can be trusted. */
export type UnitStatus = 'machine' | 'reviewed' | 'stale'

/** One translated unit (sentence, alt text, title) of an article as the last build wrote it. */
export interface RecordUnit {
  /** The segment's identity (content and context). */
  readonly id: string
  /** Segment kind: heading, paragraph, cell, alt, title, frontmatter. */
  readonly kind: string
  /** 1-based line in the `.en.md` (and `.de.md`). */
  readonly line: number
  /** Ordinal of the block (phrasing slot) it belongs to. */
  readonly slot: number
  readonly source: string
  readonly target: string
  readonly status: UnitStatus
  /** For a stale unit: the reviewed English of the German it replaced. */
  readonly suggestion?: string
  /** For a unit whose German changed: the German and English before the change. */
  readonly previous?: {readonly source: string; readonly target: string}
  /** The generation of the record in which its German last changed. */
  readonly changedIn?: number
  /** For a sentence not reviewed yet: the most similar reviewed sentence of the memory (fuzzy score ≥ `fuzzy.show`), for the reviewer. */
  readonly match?: UnitMatch
  /** For a machine translation a second model rated (`--judge`): its score and findings. */
  readonly judge?: JudgeRating
}

/** A similar sentence from the memory (tagged), its score 0–100, and whether a person approved its English. */
export interface UnitMatch {
  readonly source: string
  readonly target: string
  readonly score: number
  readonly reviewed: boolean
}

/** What the last build wrote for an article. */
export interface ArticleRecord {
  readonly version: 1
  /** Increases with every build that changed one of the article's sentences. */
  readonly generation: number
  /** A short hash of every line of the `.en.md` the build wrote. */
  readonly enLines: readonly string[]
  readonly units: readonly RecordUnit[]
  /** The build's warnings about the article (without its path), repeated when a later build skips it. */
  readonly warnings?: readonly Omit<Diagnostic, 'path'>[]
}


/** The last build's record of an article, if any (an unreadable one counts as none). */
export async function loadRecord(outputDir: string, name: string): Promise<ArticleRecord | undefined> {
  const text = await readTextIfExists(recordPath(outputDir, name))
  return text === undefined ? undefined : parseRecord(text)
}

/** A record from its file's text (an unreadable one counts as none). */
export function parseRecord(text: string): ArticleRecord | undefined {
  try {
    const value = JSON.parse(text) as ArticleRecord
    return value.version === 1 && Array.isArray(value.units) && Array.isArray(value.enLines) ? value : undefined
  } catch {
    return undefined
  }
}

/** A record as its file holds it. */
export function recordText(record: ArticleRecord): string {
  return `${JSON.stringify(record, null, 1)}\n`
}

/** The record of a transaction that was begun and not committed, if any. */
export async function loadPendingRecord(outputDir: string, name: string): Promise<ArticleRecord | undefined> {
  const text = await readTextIfExists(pendingPath(outputDir, name)).catch(() => undefined)
  return text === undefined ? undefined : parseRecord(text)
}

/** Short hashes of a text's lines. */
export function lineHashes(text: string): string[] {
  return text.split('\n').map((line) => sha256(line, 10))
}

/** A unit of the current build before change tracking. */
export type FreshUnit = Pick<RecordUnit, 'id' | 'kind' | 'line' | 'slot' | 'source' | 'target'> & {
  readonly reviewed: boolean
  /** The most similar reviewed sentence, when there is one. */
  readonly match?: UnitMatch
  readonly judge?: JudgeRating
}

/**
 * The new record: units aligned with the previous record's by their German.
 * A changed sentence keeps its previous German and English; a reviewed one
 * whose German changed becomes stale (its reviewed English kept as a
 * suggestion) until the new English is reviewed. Nothing changes, nothing is
 * rewritten: an unchanged article gets an identical record.
 */
export function nextRecord(previous: ArticleRecord | undefined, units: readonly FreshUnit[], en: string): ArticleRecord {
  const old = previous?.units ?? []
  const {match, changed} = alignUnits(
    old.map((unit) => `${unit.kind}\u0000${unit.source}`),
    units.map((unit) => `${unit.kind}\u0000${unit.source}`)
  )
  const generation = (previous?.generation ?? 0) + (changed.size > 0 || (previous !== undefined && units.length !== old.length) ? 1 : 0)
  const out: RecordUnit[] = units.map((unit, index) => {
    const before = old[match[index] ?? -1]
    const base = {id: unit.id, kind: unit.kind, line: unit.line, slot: unit.slot, source: unit.source, target: unit.target}
    if (unit.reviewed) return {...base, status: 'reviewed'}
    const fresh = unitOf(base, before, changed.has(index), generation)
    return {...fresh, ...(unit.match === undefined ? {} : {match: unit.match}), ...(unit.judge === undefined ? {} : {judge: unit.judge})}
  })
  return {version: 1, generation, enLines: lineHashes(en), units: out}
}

/** An unreviewed unit of the new record: new, changed (stale when its old English was reviewed) or carried over. */
function unitOf(base: Omit<RecordUnit, 'status'>, before: RecordUnit | undefined, changed: boolean, generation: number): RecordUnit {
  if (before === undefined) return {...base, status: 'machine'}
  if (changed) {
    const wasReviewed = before.status === 'reviewed'
    const suggestion = wasReviewed ? before.target : before.suggestion
    return {
      ...base,
      status: suggestion !== undefined ? 'stale' : 'machine',
      ...(suggestion === undefined ? {} : {suggestion}),
      previous: {source: before.source, target: before.target},
      changedIn: generation
    }
  }
  // Unchanged German: carry over what the last build knew.
  return {
    ...base,
    status: before.status === 'stale' ? 'stale' : 'machine',
    ...(before.suggestion === undefined ? {} : {suggestion: before.suggestion}),
    ...(before.previous === undefined ? {} : {previous: before.previous}),
    ...(before.changedIn === undefined ? {} : {changedIn: before.changedIn})
  }
}
