import {basename, resolve} from 'node:path'
import {parseState, stateText} from '../builder/state.js'
import {TandemError} from '../errors.js'
import {memoryText, parseMemoryText} from '../memory/store.js'
import {mergeMemory, mergeRecord, mergeState} from '../merge/merge.js'
import {readTextFile, writeFileAtomic} from '../util/fs.js'
import type {Translate} from './i18n.js'
import {EXIT, type CliIo} from './io.js'

/** What a merged file is, by its name in the repository (git's `%P`) or, without one, by its content. */
type Kind = 'memory' | 'state' | 'record'

/** A record that no build wrote: the article is rebuilt (its `.en.md` kept aside first, as for a lost record). */
const REBUILD_RECORD = `${JSON.stringify({version: 1, rebuild: 'both branches rebuilt this article differently: the next build rebuilds it and writes its record'}, null, 1)}\n`

/**
 * `tandem merge <base> <ours> <theirs> [path]`: the git merge driver for
 * what tandem keeps in git (see `merge/merge.ts`). Writes the merged version
 * over `ours` and exits 0, or 1 when memory entries conflict (they are in the
 * file, each with both versions, for `tandem check` to list). A file that is
 * not tandem's, or one with conflict markers, exits 2 and is left untouched.
 */
export async function mergeCommand(io: CliIo, files: {readonly base: string; readonly ours: string; readonly theirs: string; readonly path?: string}, t: Translate): Promise<number> {
  const shown = files.path ?? files.ours
  const [base, ours, theirs] = await Promise.all([files.base, files.ours, files.theirs].map((file) => readTextFile(resolve(io.cwd, file), file)))
  for (const text of [ours, theirs, base] as string[]) {
    const marker = /^(?:<{7}|={7}|>{7})(?: |$)/m.exec(text)
    if (marker !== null) throw new TandemError('usage', `${shown}:${lineAt(text, marker.index)}: holds git conflict markers`, {params: {path: shown, line: lineAt(text, marker.index)}, key: 'merge.markers'})
  }
  const kind = kindOf(files.path, ours as string)
  if (kind === undefined || (kind !== 'memory' && ![ours, theirs, base].every((text) => (text as string).trim() === '' || kindOf(undefined, text as string) === kind))) throw new TandemError('usage', `${shown}: not a file tandem merges (its memory, state.json or a record)`, {params: {path: shown}, key: 'merge.notTandem'})
  let merged: string
  let conflicts = 0
  if (kind === 'memory') {
    const read = (text: string, which: string): ReturnType<typeof parseMemoryText> => (text.trim() === '' ? [] : parseMemoryText(text, `${shown} (${which})`))
    const result = mergeMemory(read(base as string, 'base'), read(ours as string, 'ours'), read(theirs as string, 'theirs'))
    const [first] = result.refused
    if (first !== undefined) {
      throw new TandemError('usage', `${shown}: "${first}" is translated two ways on one branch and changed on the other: decide it with tandem resolve on the branch that has both, then merge again`, {params: {path: shown, sentence: first, count: result.refused.length}, key: 'merge.threeWays'})
    }
    merged = memoryText(result.entries)
    conflicts = result.conflicts.length
  } else if (kind === 'state') {
    merged = stateText(mergeState(parseState(base as string), parseState(ours as string), parseState(theirs as string)).articles)
  } else {
    const result = mergeRecord(base as string, ours as string, theirs as string)
    merged = 'text' in result ? result.text : REBUILD_RECORD
  }
  if (merged !== ours) await writeFileAtomic(resolve(io.cwd, files.ours), merged)
  io.stderr.write(`${conflicts > 0 ? t('commands.mergeConflicts', {path: shown, count: conflicts}) : t('commands.merged', {path: shown})}\n`)
  return conflicts > 0 ? EXIT.problems : EXIT.ok
}

function kindOf(path: string | undefined, text: string): Kind | undefined {
  if (path !== undefined) {
    const name = basename(path)
    // Note: records first: the record of an article named state.md is records/state.json.
    if (/(?:^|[\\/])records[\\/].+\.json$/.test(path)) return 'record'
    if (/^memory\.[a-z]+-[a-z]+\.jsonl$/.test(name)) return 'memory'
    if (name === 'state.json') return 'state'
  }
  const first = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'))
  if (/^\{"tandem":"translation-memory"/.test(first)) return 'memory'
  try {
    const value = JSON.parse(text) as Record<string, unknown>
    if (value['version'] === 2 && typeof value['articles'] === 'object') return 'state'
    if (value['version'] === 1 && (Array.isArray(value['enLines']) || typeof value['rebuild'] === 'string')) return 'record'
  } catch {
    // Not JSON: not tandem's.
  }
  return undefined
}

function lineAt(text: string, index: number): number {
  return text.slice(0, index).split('\n').length
}
