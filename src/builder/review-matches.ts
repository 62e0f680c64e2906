import {FuzzyIndex, scanMatches, type FuzzyCandidate, type FuzzyMatch} from '../memory/fuzzy.js'
import type {TranslationMemory} from '../memory/store.js'
import type {UnitMatch} from '../review/record.js'

/** Queries × reviewed entries up to which they are scanned rather than indexed (about 0.1 s of scoring). */
const SCAN_LIMIT = 250_000

/** The reviewed entries of a build's memory, and their index once one is needed; reviewed entries do not change during a build. */
const reviewedOf = new WeakMap<TranslationMemory, {readonly entries: readonly FuzzyCandidate[]; index?: FuzzyIndex}>()

/**
 * For the reviewer: the most similar sentence a person approved, at or above
 * `minimum`, for each of `sources` (null where there is none). Only reviewed
 * entries count: they do not change while a build runs, so an article's
 * record is the same whatever order its translations arrived in, and after a
 * build cut short and run again (a machine match from this build would
 * depend on both).
 */
export function reviewMatches(memory: TranslationMemory, sources: readonly string[], minimum: number): Map<string, UnitMatch | null> {
  const out = new Map<string, UnitMatch | null>()
  if (sources.length === 0) return out
  let reviewed = reviewedOf.get(memory)
  if (reviewed === undefined) {
    reviewed = {entries: memory.all().flatMap((entry) => (entry.status === 'reviewed' ? [{source: entry.source, reviewed: true}] : []))}
    reviewedOf.set(memory, reviewed)
  }
  const {entries} = reviewed
  let found: (source: string) => readonly FuzzyMatch[]
  if (entries.length === 0) found = () => []
  else if (reviewed.index === undefined && sources.length * entries.length <= SCAN_LIMIT) {
    const scanned = scanMatches(sources, entries, minimum)
    found = (source) => scanned.get(source) ?? []
  } else {
    const index = (reviewed.index ??= new FuzzyIndex(entries))
    found = (source) => index.find(source, minimum, 1)
  }
  for (const source of sources) {
    const best = found(source)[0]
    const entry = best === undefined ? undefined : memory.get(best.source)
    out.set(source, best === undefined || entry === undefined ? null : {source: best.source, target: entry.target, score: best.score, reviewed: true})
  }
  return out
}
