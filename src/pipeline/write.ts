import {rm} from 'node:fs/promises'
import {join, relative, sep} from 'node:path'
import {diagnostic} from '../diagnostics.js'
import {readTextIfExists, writeIfChanged} from '../util/fs.js'
import {recordPath, saveRecord} from '../review/record.js'
import {fail, type Article} from './article.js'

/** Stage: write an article's three files, each only when its bytes changed. */
export async function writeArticle(article: Article, outputDir: string): Promise<void> {
  const {rendered} = article
  if (article.failed || rendered === undefined) return
  try {
    const results = await Promise.all([
      writeIfChanged(article.outputs.de, rendered.de),
      writeIfChanged(article.outputs.en, rendered.en),
      writeIfChanged(article.outputs.bilingual, rendered.bilingual),
      rendered.review === undefined ? Promise.resolve(false) : writeIfChanged(article.outputs.review, rendered.review)
    ])
    article.written = results.some(Boolean)
    if (article.nextRecord !== undefined) await saveRecord(outputDir, article.name, article.nextRecord)
  } catch (error) {
    fail(article, diagnostic('error', 'write-failed', article.displayPath, {reason: (error as Error).message}))
  }
}

/** What tandem wrote, so outputs of deleted inputs can be removed (and nothing else). */
export interface BuildState {
  readonly version: 1
  /** Article name → output files, relative to the output folder. */
  readonly articles: Readonly<Record<string, readonly string[]>>
}

const STATE_FILE = join('.tandem', 'state.json')

/** Load the state of the last build (empty when there is none or it is unreadable). */
export async function loadState(outputDir: string): Promise<BuildState> {
  const text = await readTextIfExists(join(outputDir, STATE_FILE))
  if (text === undefined) return {version: 1, articles: {}}
  try {
    const value = JSON.parse(text) as BuildState
    if (value.version === 1 && typeof value.articles === 'object' && value.articles !== null) return value
  } catch {
    // An unreadable state only means stale outputs are not cleaned up this time.
  }
  return {version: 1, articles: {}}
}

/**
 * Update the state after a build: record articles that were built, keep the
 * rest that still exist, and, when the whole input folder was built, remove
 * the outputs of articles whose input is gone. Returns the removed files.
 */
export async function updateState(options: {
  outputDir: string
  previous: BuildState
  articles: readonly Article[]
  complete: boolean
}): Promise<string[]> {
  const {outputDir, previous, articles, complete} = options
  const next: Record<string, readonly string[]> = {}
  const present = new Set(articles.map((article) => article.name))
  for (const [name, files] of Object.entries(previous.articles)) {
    if (!complete || present.has(name)) next[name] = files
  }
  for (const article of articles) {
    if (article.rendered === undefined) continue
    const files = [article.outputs.de, article.outputs.en, article.outputs.bilingual, recordPath(outputDir, article.name)]
    if (article.rendered.review !== undefined) files.push(article.outputs.review)
    next[article.name] = files
      .map((path) => relative(outputDir, path).split(sep).join('/'))
      .sort()
  }
  const removed: string[] = []
  if (complete) {
    for (const [name, files] of Object.entries(previous.articles)) {
      if (present.has(name)) continue
      for (const file of files) {
        if (file.split('/').includes('..')) continue
        await rm(join(outputDir, file), {force: true})
        removed.push(file)
      }
    }
  }
  const sorted = Object.fromEntries(Object.entries(next).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  await writeIfChanged(join(outputDir, STATE_FILE), `${JSON.stringify({version: 1, articles: sorted}, null, 2)}\n`)
  return removed
}
