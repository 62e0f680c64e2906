import {join} from 'node:path'
import {GlossaryMatcher} from '../glossary/matcher.js'
import {benchTerms, corpusText, naiveMatch, tandemMatch, timeIt} from './glossary.js'
import {measureThroughput} from './throughput.js'

/** The shared corpus of German articles beside this repository. */
const CORPUS = process.env['TANDEM_CORPUS'] ?? join(import.meta.dirname, '../../../shared/corpus')

/**
 * `npm run bench`: prints figures and ratios, measured side by side in one run.
 * Targets are checked here and reported, never asserted in unit tests.
 */
async function main(): Promise<void> {
  const rows: string[][] = [['figure', 'measured', 'baseline', 'ratio', 'target', 'ok']]
  for (const provider of ['libretranslate', 'openai'] as const) {
    const result = await measureThroughput(provider, 2000, 100, 4)
    rows.push([
      `translate 2,000 sentences, ${provider}, 100 ms answers, ${result.requests} requests, concurrency ${result.concurrency}`,
      `${Math.round(result.measuredMs)} ms`,
      `${result.minimumMs} ms`,
      result.ratio.toFixed(3),
      '≤ 1.25',
      result.ratio <= 1.25 ? 'yes' : 'NO'
    ])
  }
  // Glossary matching: 10,000 terms over the corpus, against one regex per term.
  const lines = corpusText(CORPUS)
  const terms = benchTerms(lines, 10_000)
  const matcher = new GlossaryMatcher(terms)
  // Note: the naive matcher needs about 12 minutes for the whole corpus; both run on
  // the same sample of every 50th line, which keeps the ratio like for like.
  const sample = lines.filter((_, index) => index % 50 === 0)
  const ours = timeIt(() => tandemMatch(matcher, sample))
  const naive = timeIt(() => naiveMatch(terms, sample), 1)
  const ratio = ours / naive
  rows.push([
    `glossary: 10,000 terms over ${sample.length} corpus lines (every 50th), tandem ÷ regex per term`,
    `${ours.toFixed(0)} ms`,
    `${naive.toFixed(0)} ms`,
    ratio.toFixed(4),
    '≤ 0.05',
    ratio <= 0.05 ? 'yes' : 'NO'
  ])
  // Growth with corpus size: time per line at 1×, 2× and 4× the corpus.
  const perLine = [1, 2, 4].map((factor) => {
    const scaled = Array.from({length: factor}, () => lines).flat()
    return timeIt(() => tandemMatch(matcher, scaled)) / scaled.length
  })
  const growth = (perLine[2] ?? 0) / (perLine[0] ?? 1)
  rows.push([
    'glossary: time per line at 4× the corpus ÷ at 1× (1.0 = linear)',
    `${((perLine[2] ?? 0) * 1000).toFixed(2)} µs`,
    `${((perLine[0] ?? 0) * 1000).toFixed(2)} µs`,
    growth.toFixed(2),
    '≈ 1 (linear)',
    growth <= 1.3 ? 'yes' : 'NO'
  ])
  printTable(rows)
}

function printTable(rows: readonly string[][]): void {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? []
  for (const [index, row] of rows.entries()) {
    process.stdout.write(`| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |\n`)
    if (index === 0) process.stdout.write(`| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |\n`)
  }
}

await main()
