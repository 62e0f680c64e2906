import {measureThroughput} from './throughput.js'

/**
 * `npm run bench`: prints figures and ratios, measured side by side in one run.
 * Targets are checked here and reported, never asserted in unit tests.
 */
async function main(): Promise<void> {
  const rows: string[][] = [['figure', 'measured', 'floor', 'ratio', 'target', 'ok']]
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
