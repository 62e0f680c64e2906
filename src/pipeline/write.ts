import {rm} from 'node:fs/promises'
import {join} from 'node:path'
import {diagnostic} from '../diagnostics.js'
import {readTextIfExists, writeIfChanged} from '../util/fs.js'
import {recordPath, saveRecord} from '../review/record.js'
import {bytesHash} from '../util/hash.js'
import {fail, type Article} from './article.js'
import type {StateEntry} from './unchanged.js'

/**
 * Stage: write an article's files (German, English, bilingual, review page,
 * record), each only when its bytes changed. Returns the hash of every file
 * by absolute path, or undefined when nothing was (or could be) written.
 */
export async function writeArticle(article: Article, outputDir: string): Promise<Map<string, string> | undefined> {
  const {rendered} = article
  if (article.failed || rendered === undefined) return undefined
  const files = new Map<string, string>([
    [article.outputs.de, rendered.de],
    [article.outputs.en, rendered.en],
    [article.outputs.bilingual, rendered.bilingual]
  ])
  if (rendered.review !== undefined) files.set(article.outputs.review, rendered.review)
  try {
    const results = await Promise.all([...files].map(([path, text]) => writeIfChanged(path, text)))
    article.written = results.some(Boolean)
    if (article.nextRecord !== undefined) files.set(recordPath(outputDir, article.name), await saveRecord(outputDir, article.name, article.nextRecord))
  } catch (error) {
    fail(article, diagnostic('error', 'write-failed', article.displayPath, {reason: (error as Error).message}))
    return undefined
  }
  // Note: the hash of the text is the hash of the file: both are the same UTF-8 bytes.
  return new Map([...files].map(([path, text]) => [path, bytesHash(text)]))
}

/** What tandem wrote, so outputs of deleted inputs can be removed (and nothing else) and unchanged articles skipped. */
export interface BuildState {
  readonly version: 2
  readonly articles: Readonly<Record<string, StateEntry>>
}

const STATE_FILE = join('.tandem', 'state.json')

/** Load the state of the last build (empty when there is none or it is unreadable). */
export async function loadState(outputDir: string): Promise<BuildState> {
  const text = await readTextIfExists(join(outputDir, STATE_FILE))
  const empty: BuildState = {version: 2, articles: {}}
  if (text === undefined) return empty
  try {
    const value = JSON.parse(text) as {version?: unknown; articles?: unknown}
    if (typeof value.articles !== 'object' || value.articles === null) return empty
    if (value.version === 2) return value as BuildState
    // Version 1 listed only the files: they are still cleaned up, nothing is skipped.
    if (value.version === 1) {
      const entries = Object.entries(value.articles as Record<string, unknown>).filter((entry): entry is [string, string[]] => Array.isArray(entry[1]))
      return {version: 2, articles: Object.fromEntries(entries.map(([name, files]) => [name, {files}]))}
    }
  } catch {
    // An unreadable state only means stale outputs are not cleaned up and nothing is skipped this time.
  }
  return empty
}

/**
 * Update the state after a build: record the articles built now, keep the
 * rest that still exist, and, when the whole input folder was built, remove
 * the outputs of articles whose input is gone. Returns the removed files.
 */
export async function updateState(options: {
  outputDir: string
  previous: BuildState
  /** Names of every article found this time. */
  present: readonly string[]
  /** New entries of the articles written now. */
  entries: ReadonlyMap<string, StateEntry>
  complete: boolean
}): Promise<string[]> {
  const {outputDir, previous, entries, complete} = options
  const present = new Set(options.present)
  const next: Record<string, StateEntry> = {}
  for (const [name, entry] of Object.entries(previous.articles)) {
    if (!complete || present.has(name)) next[name] = entry
  }
  for (const [name, entry] of entries) next[name] = entry
  const removed: string[] = []
  if (complete) {
    for (const [name, entry] of Object.entries(previous.articles)) {
      if (present.has(name)) continue
      for (const file of entry.files) {
        if (file.split('/').includes('..')) continue
        await rm(join(outputDir, file), {force: true})
        removed.push(file)
      }
    }
  }
  if (entries.size === 0 && removed.length === 0 && Object.keys(next).length === Object.keys(previous.articles).length) return removed
  const sorted = Object.fromEntries(Object.entries(next).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  await writeIfChanged(join(outputDir, STATE_FILE), `${JSON.stringify({version: 2, articles: sorted}, null, 1)}\n`)
  return removed
}
