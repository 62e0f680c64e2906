/**
 * Fuzzy matches from the memory, as CAT tools find them: a score from the
 * edit distance over tokens (words, numbers, placeholders, punctuation), and
 * an index of token pairs that finds the best candidates without comparing a
 * sentence with the whole memory. Pure; nothing here is a translation by
 * itself (a fuzzy match is a hint for a provider or a reviewer).
 */

/** The tokens of a tagged sentence: each placeholder tag, entity, word, number and punctuation mark. */
export function fuzzyTokens(tagged: string): string[] {
  return tagged.match(/<\/?[a-z]+\d+\/?>|&(?:lt|gt|amp|quot|apos|#39);|\p{L}[\p{L}\p{M}'’-]*|\p{N}+(?:[.,]\p{N}+)*|[^\s\p{L}\p{N}]/gu) ?? []
}

/** Edit distance between two token lists (insert, delete, replace each cost 1). */
export function tokenDistance(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0) return b.length
  if (b.length === 0) return a.length
  let previous = Array.from({length: b.length + 1}, (_, index) => index)
  let current = new Array<number>(b.length + 1).fill(0)
  for (let i = 1; i <= a.length; i++) {
    current[0] = i
    for (let j = 1; j <= b.length; j++) {
      const replace = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, replace)
    }
    ;[previous, current] = [current, previous]
  }
  return previous[b.length] ?? 0
}

/**
 * Similarity of two tagged sentences, 0–100, as OmegaT computes it:
 * 100 · (max(len) − distance) / max(len) over tokens, rounded down; 100 only
 * for the same tokens. Placeholders and numbers are tokens: a different code
 * span or number lowers the score.
 */
export function similarity(a: string, b: string): number {
  return similarityOf(fuzzyTokens(a), fuzzyTokens(b))
}

function similarityOf(a: readonly string[], b: readonly string[]): number {
  const longest = Math.max(a.length, b.length)
  if (longest === 0) return 100
  return Math.floor((100 * (longest - tokenDistance(a, b))) / longest)
}

/** A memory entry as the index keeps it. */
export interface FuzzyCandidate {
  readonly source: string
  readonly reviewed: boolean
}

/** A match: the entry, its score, and whether a person reviewed its translation. */
export interface FuzzyMatch extends FuzzyCandidate {
  readonly score: number
}

/** How many candidates, best by shared token pairs, are scored exactly per query. */
const SCORED = 24

/**
 * An inverted index of lower-cased token pairs (with the sentence's start
 * and end as tokens). A query counts, per entry, the pairs it shares, over
 * the entries whose length allows the minimum score at all, and scores only
 * the best of them exactly; a pair that a large share of the memory holds
 * ("die Welt") counts for little and is skipped when rarer pairs exist.
 */
export class FuzzyIndex {
  private readonly entries: FuzzyCandidate[] = []
  private readonly tokens: string[][] = []
  private readonly postings = new Map<string, number[]>()
  private counts = new Int32Array(0)

  constructor(entries: Iterable<FuzzyCandidate> = []) {
    for (const entry of entries) this.add(entry)
  }

  get size(): number {
    return this.entries.length
  }

  add(entry: FuzzyCandidate): void {
    const id = this.entries.length
    const tokens = fuzzyTokens(entry.source)
    this.entries.push(entry)
    this.tokens.push(tokens)
    for (const pair of new Set(pairsOf(tokens))) {
      const list = this.postings.get(pair)
      if (list === undefined) this.postings.set(pair, [id])
      else list.push(id)
    }
  }

  /** The best matches of `source` at or above `minimum`, best first (reviewed before machine at the same score), at most `limit`; never the sentence itself. */
  find(source: string, minimum: number, limit = 3): FuzzyMatch[] {
    const tokens = fuzzyTokens(source)
    if (tokens.length === 0 || this.entries.length === 0) return []
    if (this.counts.length < this.entries.length) this.counts = new Int32Array(Math.max(this.entries.length, this.counts.length * 2))
    const counts = this.counts
    const touched: number[] = []
    // Note: a score of `minimum` needs a length within minimum% of the query's, either way.
    const shortest = Math.ceil((tokens.length * minimum) / 100)
    const longest = Math.floor((tokens.length * 100) / Math.max(1, minimum))
    const pairs = [...new Set(pairsOf(tokens))].map((pair) => this.postings.get(pair) ?? []).sort((a, b) => a.length - b.length)
    const common = Math.max(64, this.entries.length / 20)
    const rare = pairs.filter((list) => list.length <= common)
    for (const list of rare.length > 0 ? rare : pairs) {
      for (const id of list) {
        const length = this.tokens[id]?.length ?? 0
        if (length < shortest || length > longest) continue
        if (counts[id] === 0) touched.push(id)
        counts[id] = (counts[id] ?? 0) + 1
      }
    }
    const best = touched.sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || a - b).slice(0, SCORED)
    for (const id of touched) counts[id] = 0
    const matches: FuzzyMatch[] = []
    for (const id of best) {
      const entry = this.entries[id] as FuzzyCandidate
      if (entry.source === source) continue
      const score = similarityOf(tokens, this.tokens[id] ?? [])
      if (score >= minimum) matches.push({...entry, score})
    }
    return matches.sort(bestFirst).slice(0, limit)
  }
}

/**
 * The best matches of each of a few sentences among `entries`, by scoring
 * every entry of a possible length: for a handful of queries this costs less
 * than building an index. Same answers as `FuzzyIndex.find` would give, but
 * exact (no candidate cut-off).
 */
export function scanMatches(sources: readonly string[], entries: readonly FuzzyCandidate[], minimum: number, limit = 1): Map<string, FuzzyMatch[]> {
  const tokens = entries.map((entry) => fuzzyTokens(entry.source))
  const out = new Map<string, FuzzyMatch[]>()
  for (const source of sources) {
    const query = fuzzyTokens(source)
    const shortest = Math.ceil((query.length * minimum) / 100)
    const longest = Math.floor((query.length * 100) / Math.max(1, minimum))
    const matches: FuzzyMatch[] = []
    entries.forEach((entry, id) => {
      const length = tokens[id]?.length ?? 0
      if (entry.source === source || length < shortest || length > longest || query.length === 0) return
      const score = similarityOf(query, tokens[id] ?? [])
      if (score >= minimum) matches.push({...entry, score})
    })
    out.set(source, matches.sort(bestFirst).slice(0, limit))
  }
  return out
}

/** Best score first; at the same score reviewed before machine, then by text. */
function bestFirst(a: FuzzyMatch, b: FuzzyMatch): number {
  return b.score - a.score || Number(b.reviewed) - Number(a.reviewed) || (a.source < b.source ? -1 : 1)
}

function pairsOf(tokens: readonly string[]): string[] {
  const lower = ['\u0002', ...tokens.map((token) => token.toLowerCase()), '\u0003']
  const out: string[] = []
  for (let index = 1; index < lower.length; index++) out.push(`${lower[index - 1]}\u0000${lower[index]}`)
  return out
}
