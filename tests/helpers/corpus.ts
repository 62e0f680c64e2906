import {readdirSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {join} from 'node:path'

/** The shared corpus of real German Markdown articles (beside this repository). */
export const CORPUS_DIR = join(import.meta.dirname, '../../../shared/corpus')

/** Every corpus article: [file name, Markdown]. */
export function corpusArticles(): Array<[string, string]> {
  return readdirSync(CORPUS_DIR)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => [name, readFileSync(join(CORPUS_DIR, name), 'utf8')])
}

interface SpecExample {
  readonly markdown: string
  readonly number: number
  readonly section: string
}

/** Every example of the CommonMark spec (npm `commonmark-spec`). */
export function commonmarkExamples(): SpecExample[] {
  const require = createRequire(import.meta.url)
  return (require('commonmark-spec') as {tests: SpecExample[]}).tests
}

/** A corpus of real files under `tests/fixtures/<name>` with the given extension: file name → text. */
export async function fixtureCorpus(name: string, extension: string): Promise<{readonly dir: string; readonly files: Map<string, string>}> {
  const dir = join(import.meta.dirname, '../fixtures', name)
  const files = new Map<string, string>()
  for (const file of readdirSync(dir).filter((entry) => entry.endsWith(extension)).sort()) files.set(file, readFileSync(join(dir, file), 'utf8'))
  return {dir, files}
}

/** The problems of a collected corpus: fewer than 10 files, fewer than 3 projects (the name's first part), a file its MANIFEST.md does not list. */
export function corpusProblems(dir: string, files: ReadonlyMap<string, string>): string[] {
  const manifest = readFileSync(join(dir, 'MANIFEST.md'), 'utf8')
  const problems = [...files.keys()].filter((file) => !manifest.includes(file)).map((file) => `${file} is not in MANIFEST.md`)
  if (files.size < 10) problems.push(`${files.size} files (at least 10)`)
  const projects = new Set([...files.keys()].map((file) => file.split('-')[0])).size
  if (projects < 3) problems.push(`${projects} projects (at least 3)`)
  return problems
}
