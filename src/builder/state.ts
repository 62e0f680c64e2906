import {readFile, rm} from 'node:fs/promises'
import {join, relative, sep} from 'node:path'
import {outputPathsFor, pendingPath, recordPath, tandemLayout} from '../project/layout.js'
import {readTextIfExists, writeIfChanged} from '../util/fs.js'
import {bytesHash} from '../util/hash.js'

/** What the last build stored about an article. */
export interface StateEntry {
  /** Output files, relative to the output folder. */
  readonly files: readonly string[]
  /** Settings fingerprint, input hash and output hashes; absent when the article cannot be skipped. */
  readonly fingerprint?: string
  readonly input?: string
  readonly outputs?: Readonly<Record<string, string>>
}

/** What tandem wrote, so outputs of deleted inputs can be removed (and nothing else) and unchanged articles skipped. */
export interface BuildState {
  readonly version: 2
  readonly articles: Readonly<Record<string, StateEntry>>
}


/** Load the state of the last build (empty when there is none or it is unreadable). */
export async function loadState(outputDir: string): Promise<BuildState> {
  const text = await readTextIfExists(tandemLayout(outputDir).state)
  return text === undefined ? {version: 2, articles: {}} : parseState(text)
}

/** The state in a `state.json` text; empty when it is unreadable. */
export function parseState(text: string): BuildState {
  const empty: BuildState = {version: 2, articles: {}}
  try {
    const value = JSON.parse(text) as {version?: unknown; articles?: unknown}
    if (typeof value.articles !== 'object' || value.articles === null) return empty
    if (value.version === 2) {
      // Note: an entry that does not list its files as strings is dropped: the state is never trusted blindly.
      const entries = Object.entries(value.articles as Record<string, Partial<StateEntry>>).filter(
        ([, entry]) => typeof entry === 'object' && entry !== null && Array.isArray(entry.files) && entry.files.every((file) => typeof file === 'string')
      )
      return {version: 2, articles: Object.fromEntries(entries) as Record<string, StateEntry>}
    }
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

/** A file a build may remove: tandem wrote it for an input that is gone. */
export interface Removal {
  /** Relative to the output folder, with `/` separators. */
  readonly file: string
  /** The hash of the bytes tandem wrote, when the state has it: a file that no longer has them stays. */
  readonly written?: string
}

/**
 * What a build of the whole input folder removes, planned without touching
 * a file: for every article of the last build whose input is gone, the files
 * tandem writes for that name (never what the state merely lists) that are no
 * present article's outputs, and its record (with a pending one). The memory
 * and the state are never among them. Pure.
 */
export function planRemovals(outputDir: string, previous: BuildState, presentNames: readonly string[]): {readonly files: readonly Removal[]; readonly records: readonly string[]} {
  const present = new Set(presentNames)
  const relativeOf = (path: string): string => relative(outputDir, path).split(sep).join('/')
  const filesOf = (name: string): string[] => Object.values(outputPathsFor(outputDir, name)).map(relativeOf)
  const files: Removal[] = []
  const records: string[] = []
  const gone = Object.entries(previous.articles).filter(([name]) => !present.has(name))
  if (gone.length === 0) return {files, records}
  // Note: the present articles' paths only when some article is gone (computing them was most of a rebuild's planning).
  const taken = new Set([...present].flatMap((name) => [...filesOf(name), relativeOf(recordPath(outputDir, name))]))
  for (const [name, entry] of gone) {
    const own = new Set(filesOf(name))
    for (const file of entry.files) {
      if (!own.has(file) || taken.has(file)) continue
      const written = entry.outputs?.[file]
      files.push(written === undefined ? {file} : {file, written})
    }
    const record = relativeOf(recordPath(outputDir, name))
    // Note: with its record goes the marker of a transaction a kill cut short, if one was left.
    if (!taken.has(record)) records.push(record, relativeOf(pendingPath(outputDir, name)))
  }
  return {files, records}
}

/** What `updateState` removed, and what it kept because it changed since tandem wrote it (paths relative to the output folder). */
export interface Cleanup {
  readonly removed: readonly string[]
  readonly kept: readonly string[]
}

/**
 * Update the state after a build: record the articles built now, keep the
 * rest that still exist, and, when the whole input folder was built, apply
 * `planRemovals`: a planned file is removed only while it still has the bytes
 * tandem wrote; one changed since is kept and reported.
 */
export async function updateState(options: {
  outputDir: string
  previous: BuildState
  /** Names of every article found this time. */
  present: readonly string[]
  /** New entries of the articles written now. */
  entries: ReadonlyMap<string, StateEntry>
  complete: boolean
}): Promise<Cleanup> {
  const {outputDir, previous, entries, complete} = options
  const present = new Set(options.present)
  const next: Record<string, StateEntry> = {}
  for (const [name, entry] of Object.entries(previous.articles)) {
    if (!complete || present.has(name)) next[name] = entry
  }
  for (const [name, entry] of entries) next[name] = entry
  const removed: string[] = []
  const kept: string[] = []
  if (complete) {
    const plan = planRemovals(outputDir, previous, options.present)
    for (const {file, written} of plan.files) {
      const path = join(outputDir, file)
      const bytes = await readFile(path).catch(() => undefined)
      if (bytes === undefined) continue
      if (written !== undefined && bytesHash(bytes) !== written) {
        kept.push(file)
        continue
      }
      await rm(path, {force: true})
      removed.push(file)
    }
    for (const record of plan.records) await rm(join(outputDir, record), {force: true})
  }
  if (entries.size === 0 && removed.length === 0 && Object.keys(next).length === Object.keys(previous.articles).length) return {removed, kept}
  await writeIfChanged(tandemLayout(outputDir).state, stateText(next))
  return {removed, kept}
}

/** A `state.json` text: the articles sorted by name. */
export function stateText(articles: Readonly<Record<string, StateEntry>>): string {
  const sorted = Object.fromEntries(Object.entries(articles).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  return `${JSON.stringify({version: 2, articles: sorted}, null, 1)}\n`
}
