import {FuzzyIndex} from '../memory/fuzzy.js'
import {splitSentences} from '../segment/sentences.js'

/**
 * The fuzzy-match benchmark: a memory of `size` German sentences (the
 * corpus's own, and variants of them with one word changed, from a fixed
 * seed) and queries that are near one of them or new.
 */
export function fuzzyWorkload(lines: readonly string[], size: number, queries: number): {readonly memory: string[]; readonly queries: string[]} {
  const sentences = [...new Set(lines.filter((line) => /^\p{L}/u.test(line)).flatMap((line) => splitSentences(line)).filter((sentence) => sentence.split(' ').length >= 5))]
  const held = sentences.slice(0, queries / 2)
  const base = sentences.slice(queries / 2)
  const words = [...new Set(base.flatMap((sentence) => sentence.split(' ')))].filter((word) => /^\p{L}{4,}$/u.test(word))
  // Note: mulberry32, from a fixed seed: every machine measures the same sentences.
  let seed = 7
  const random = (below: number): number => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below)
  }
  const vary = (sentence: string): string => {
    const parts = sentence.split(' ')
    parts[random(parts.length)] = words[random(words.length)] ?? 'Wort'
    return parts.join(' ')
  }
  const memory = new Set<string>(base.slice(0, size))
  for (let tries = 0; memory.size < size && tries < size * 10; tries++) memory.add(vary(base[random(base.length)] ?? 'Ein Satz.'))
  const list = [...memory]
  const near = Array.from({length: queries / 2}, () => vary(list[random(list.length)] ?? 'Ein Satz.'))
  return {memory: list, queries: [...near, ...held]}
}

/** Build an index of the memory, then look up every query at 75: the times of both, and how many found a match. */
export function fuzzyRun(memory: readonly string[], queries: readonly string[]): {readonly buildMs: number; readonly lookupMs: number; readonly found: number} {
  const started = performance.now()
  const index = new FuzzyIndex(memory.map((source, position) => ({source, reviewed: position % 2 === 0})))
  const built = performance.now()
  let found = 0
  for (const query of queries) if (index.find(query, 75, 3).length > 0) found++
  return {buildMs: built - started, lookupMs: performance.now() - built, found}
}
