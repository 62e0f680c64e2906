import {scanMatches, type FuzzyMatch} from '../memory/fuzzy.js'
import type {UnitMatch} from '../review/record.js'
import type {BuildScope} from './options.js'
import {fuzzyIndexOf} from './translate-plan.js'

/** Queries × memory entries up to which the memory is scanned rather than indexed (about 0.1 s of scoring). */
const SCAN_LIMIT = 250_000

/**
 * For the reviewer: the memory's most similar sentence, at or above
 * `minimum`, for each sentence this build translated (null where there is
 * none). A few sentences (a rebuild after an edit) are compared with the
 * whole memory; many go through the build's fuzzy index, made once.
 */
export async function reviewMatches(scope: Pick<BuildScope, 'memory' | 'fuzzy'>, sources: readonly string[], minimum: number): Promise<Map<string, UnitMatch | null>> {
  const {memory} = scope
  const out = new Map<string, UnitMatch | null>()
  if (sources.length === 0) return out
  let found: (source: string) => readonly FuzzyMatch[]
  if (scope.fuzzy === undefined && sources.length * memory.size <= SCAN_LIMIT) {
    const scanned = scanMatches(sources, memory.all().map((entry) => ({source: entry.source, reviewed: entry.status === 'reviewed'})), minimum, 3)
    found = (source) => scanned.get(source) ?? []
  } else {
    const index = (scope.fuzzy ??= await fuzzyIndexOf(scope))
    found = (source) => index.find(source, minimum, 3)
  }
  for (const source of sources) {
    // Note: an entry taken back since the index was made (a refused answer) is no match.
    const best = found(source).flatMap((match) => {
      const entry = memory.get(match.source)
      return entry === undefined ? [] : [{source: match.source, target: entry.target, score: match.score, reviewed: entry.status === 'reviewed'}]
    })[0]
    out.set(source, best ?? null)
  }
  return out
}
