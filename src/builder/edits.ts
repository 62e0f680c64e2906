import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {mkdir, readFile, rename, rm} from 'node:fs/promises'
import {dirname, join, relative} from 'node:path'
import {diagnostic} from '../diagnostics.js'
import type {MemoryEntry} from '../memory/store.js'
import {dialectOfInput, pendingPath, recordPath, tandemLayout} from '../project/layout.js'
import {checkHuman, type Reviewer} from '../review/human.js'
import {lineHashes, loadPendingRecord, loadRecord, type ArticleRecord} from '../review/record.js'
import {writeFileAtomic} from '../util/fs.js'
import {HashCache} from './hashes.js'
import {fail, type Article} from '../article/article.js'

/**
 * Stage: a reviewer's edits in an article's `.en.md` since the last build,
 * as reviewed translations. Runs for every article before anything is
 * planned, so that an edit counts for every article with that sentence.
 * A refused edit (lines added, markup changed) fails the article with its line.
 * A transaction a kill cut short (see `transaction.ts`) is settled here first:
 * what tandem wrote, under either record, is never taken for an edit.
 */
export async function reviewerEdits(
  article: Article,
  options: {
    readonly cwd: string
    readonly outputDir: string
    /** Hash of the `.en.md` as the last build wrote it, if known. */
    readonly written?: string
    /** Whether a transaction a kill cut short may be settled (not in a dry run). */
    readonly settle?: boolean
    /** Who made the edits (asked only when there are some). */
    readonly reviewer: () => Reviewer
    /** What files are known to hold without reading them. */
    readonly hashes?: HashCache
    /** The pending records there are (paths, see `pendingRecords`), when looked up for every article at once. */
    readonly pending?: ReadonlySet<string>
  }
): Promise<ReadonlyArray<MemoryEntry & {readonly line: number}>> {
  if (article.failed) return []
  const {outputDir} = options
  const pendingFile = pendingPath(outputDir, article.name)
  const cutShort = options.pending?.has(pendingFile) ?? existsSync(pendingFile)
  const cache = options.hashes ?? HashCache.none(outputDir)
  // The file is byte for byte what the last build wrote, as its stamp says: nothing to read.
  if (!cutShort && options.written !== undefined && cache.trusted(article.outputs.en) === options.written) return []
  // Note: synchronous, like the check for unchanged articles: many small files.
  const read = cache.read(article.outputs.en)
  const bytes = read?.bytes
  // No file, or the bytes the last build wrote: no edit.
  if (!cutShort && (read === undefined || (options.written !== undefined && read.hash === options.written))) return []
  const record = await loadRecord(outputDir, article.name)
  const pending = cutShort ? await loadPendingRecord(outputDir, article.name) : undefined
  if (bytes === undefined) {
    if (cutShort) await settle(options, article.name, undefined)
    return []
  }
  if (record === undefined && pending === undefined) {
    // No record of what tandem wrote here (deleted or damaged): the file may hold a reviewer's lines. They are kept
    // aside before anything is written, and compared with what the build writes (see `settleOrphan`).
    if (options.settle !== false) {
      const path = freeName(`${article.outputs.en}.orphaned`, bytes)
      // Note: the bytes as they are: a file that is not valid UTF-8 loses nothing either.
      if (!existsSync(path)) await writeFileAtomic(path, bytes)
      article.orphaned = {path, text: bytes.toString('utf8')}
    }
    return []
  }
  const text = bytes.toString('utf8').replace(/\r\n?/g, '\n')
  const hashes = lineHashes(text)
  const same = (version: ArticleRecord | undefined): boolean => version !== undefined && hashes.length === version.enLines.length && hashes.every((hash, index) => hash === version.enLines[index])
  if (same(pending)) {
    await settle(options, article.name, 'commit')
    return []
  }
  if (same(record)) {
    if (cutShort) await settle(options, article.name, undefined)
    return []
  }
  // Edited by a person: read against the version the file has the lines of (the newer when both fit).
  const base = pending !== undefined && pending.enLines.length === hashes.length ? pending : (record ?? pending)
  if (cutShort) await settle(options, article.name, base === pending ? 'commit' : undefined)
  if (base === undefined) return []
  const other = base === pending ? record : pending
  // Note: the edit reader (and remark with it) loads only when a line differs from what the build wrote.
  const {detectEdits} = await import('../review/edits.js')
  const german = await readFile(article.outputs.de, 'utf8').catch(() => undefined)
  const result = await detectEdits(base, text, {...(other === undefined ? {} : {alsoWritten: other.enLines}), ...(german === undefined ? {} : {german}), dialect: dialectOfInput(article.name)})
  const file = relative(options.cwd, article.outputs.en)
  if (!result.ok) {
    const {rule, line, params} = result.problem
    fail(article, diagnostic('error', rule, file, params, {line, column: 1}))
    return []
  }
  // Every edit goes the one way a person's translation goes into the memory; one refused, none is taken.
  const verdicts = result.edits.map((item) => checkHuman({...item, file}, options.reviewer()))
  const refused = verdicts.flatMap((verdict) => (verdict.ok ? [] : [verdict.refusal]))
  for (const refusal of refused) fail(article, diagnostic('error', refusal.rule, refusal.file, refusal.params, {line: refusal.line, column: 1}))
  return refused.length > 0 ? [] : verdicts.flatMap((verdict, index) => (verdict.ok ? [{...verdict.entry, line: result.edits[index]?.line ?? 1}] : []))
}

/**
 * The pending records of an output folder (absolute paths): one listing
 * instead of a look per article; almost always none. Undefined when the
 * folder cannot be listed (something else in its place): then each article looks.
 */
export function pendingRecords(outputDir: string): Set<string> | undefined {
  const dir = tandemLayout(outputDir).pending
  try {
    return new Set(readdirSync(dir, {recursive: true, encoding: 'utf8'}).map((name) => join(dir, name)))
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? new Set() : undefined
  }
}

/** `base`, or `base.2`, `base.3`, … : the first that does not exist or already holds `bytes`; an earlier copy is never overwritten. */
function freeName(base: string, bytes: Buffer): string {
  for (let n = 1; ; n++) {
    const path = n === 1 ? base : `${base}.${n}`
    if (!existsSync(path)) return path
    try {
      if (readFileSync(path).equals(bytes)) return path
    } catch {
      // Note: unreadable: not ours to touch; the next name.
    }
  }
}

/**
 * After an article with an orphaned `.en.md` was built: when the build wrote
 * the same lines, or wrote nothing, the copy goes; otherwise it stays, and a
 * warning names it and the lines that differ.
 */
export async function settleOrphan(article: Article, cwd: string): Promise<void> {
  const orphaned = article.orphaned
  if (orphaned === undefined) return
  delete article.orphaned
  const now = article.written === true ? await readFile(article.outputs.en, 'utf8').catch(() => undefined) : undefined
  const before = orphaned.text.replace(/\r\n?/g, '\n').split('\n')
  const after = now?.split('\n') ?? before
  const differing = before.flatMap((line, index) => (line === after[index] ? [] : [index + 1]))
  if (differing.length === 0 && before.length === after.length) {
    await rm(orphaned.path, {force: true})
    return
  }
  const lines = differing.length > 8 ? `${differing.slice(0, 8).join(', ')}, …` : differing.join(', ')
  article.diagnostics.push(diagnostic('warning', 'edit-orphaned', relative(cwd, article.outputs.en), {lines, kept: relative(cwd, orphaned.path)}))
}

/** End a transaction a kill cut short: commit its record (the outputs are its own) or drop it. */
async function settle(options: {readonly outputDir: string; readonly settle?: boolean}, name: string, outcome: 'commit' | undefined): Promise<void> {
  if (options.settle === false) return
  const {outputDir} = options
  const pending = pendingPath(outputDir, name)
  if (outcome === 'commit') {
    const record = recordPath(outputDir, name)
    // Note: a build killed before its first record was committed left no records folder.
    await mkdir(dirname(record), {recursive: true})
    await rename(pending, record)
  } else {
    await rm(pending, {force: true})
  }
}
