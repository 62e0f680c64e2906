import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {GlossaryMatcher} from '../glossary/matcher.js'
import type {GlossaryEntry} from '../glossary/model.js'

/** The corpus beside the repository, as plain text lines. */
export function corpusText(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n'))
}

/**
 * `count` glossary terms: the corpus's own capitalized words (so there are
 * matches), topped up with made-up compounds (so there are misses).
 */
export function benchTerms(lines: readonly string[], count: number): GlossaryEntry[] {
  const words = new Set<string>()
  for (const line of lines) for (const match of line.matchAll(/\b\p{Lu}\p{Ll}{3,}\b/gu)) words.add(match[0])
  const list = [...words].sort().slice(0, count)
  for (let i = 0; list.length < count; i++) list.push(`Kunstwort${i}zahl`)
  return list.map((de, index) => ({kind: 'term', de, en: `term${index}`, forbidden: [], case: 'insensitive', forms: [], origin: {file: 'bench.yaml', line: index + 1}}))
}

/** The matcher a newcomer would write: one regular expression per term, run over every line. */
export function naiveMatch(entries: readonly GlossaryEntry[], lines: readonly string[]): number {
  const patterns = entries.map((entry) => new RegExp(`(?<![\\p{L}])${entry.de.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:e|en|n|s|es|er|ern)?(?![\\p{L}])`, 'giu'))
  let found = 0
  for (const line of lines) for (const pattern of patterns) found += line.match(pattern)?.length ?? 0
  return found
}

/** tandem's one-pass matcher over the same lines. */
export function tandemMatch(matcher: GlossaryMatcher, lines: readonly string[]): number {
  let found = 0
  for (const line of lines) found += matcher.match(line).length
  return found
}

/** Milliseconds for `run`, best of `repeat`. */
export function timeIt(run: () => unknown, repeat = 3): number {
  let best = Infinity
  for (let i = 0; i < repeat; i++) {
    const started = performance.now()
    run()
    best = Math.min(best, performance.now() - started)
  }
  return best
}
