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
