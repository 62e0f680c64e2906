import {lstat, mkdir, readFile, rename, rm, stat, writeFile} from 'node:fs/promises'
import {dirname} from 'node:path'
import {temporaryBeside} from '../util/fs.js'
import {stampOf} from '../util/stamp.js'

/**
 * One transaction per article: its outputs and its record become visible
 * together. Every changed file is written beside its place first; then the
 * new record is put in `pending/` (the marker that says "these outputs are
 * tandem's own"), the outputs are renamed into place, and the record is
 * renamed over the old one last, which commits. A reader that finds a pending
 * record knows the outputs may be from either record; none of them is ever a
 * reviewer's edit.
 */

/** What one article's transaction writes. */
export interface ArticleWrite {
  /** Output files: absolute path → text. */
  readonly outputs: ReadonlyMap<string, string>
  /** The article's record and where it goes. */
  readonly record: {readonly path: string; readonly pending: string; readonly text: string}
}

/**
 * A file of the transaction that cannot be written: a folder or something
 * else than a file in its place, or the system's error (`code`, `ENOSPC`).
 */
export class WriteFailure extends Error {
  override name = 'WriteFailure'
  readonly why: 'folder' | 'notFile' | 'full' | 'denied' | 'system'
  readonly code: string | undefined
  constructor(
    readonly path: string,
    why: 'folder' | 'notFile' | NodeJS.ErrnoException
  ) {
    super(why === 'folder' ? 'a folder stands where this file goes' : why === 'notFile' ? 'something other than a file stands where this file goes' : why.message, typeof why === 'string' ? undefined : {cause: why})
    this.why = typeof why === 'string' ? why : systemReason(why.code)
    this.code = typeof why === 'string' ? undefined : why.code
  }
}

function systemReason(code: string | undefined): WriteFailure['why'] {
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'full'
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'denied'
  return 'system'
}

/** What a transaction did: whether any output changed, and the stamp of every file of the article as it now is (path → stamp, see `util/stamp.ts`). */
export interface Committed {
  readonly changed: boolean
  readonly stamps: ReadonlyMap<string, string>
}

/**
 * Write an article's files as one transaction; files whose bytes are already
 * on disk are left alone.
 * @throws WriteFailure naming the file; nothing is renamed into place when a
 * file cannot be prepared, and the pending record marks a transaction cut
 * short later.
 */
export async function commitArticle(write: ArticleWrite): Promise<Committed> {
  const outputs = [...write.outputs]
  const all = [...outputs, [write.record.path, write.record.text] as const]
  const held = await Promise.all(all.map(([path, text]) => holds(path, text)))
  const stamps = new Map<string, string>()
  all.forEach(([path], index) => {
    const stamp = held[index]
    if (stamp !== undefined) stamps.set(path, stamp)
  })
  const changed = outputs.filter((_, index) => held[index] === undefined)
  if (changed.length === 0 && held.at(-1) !== undefined) return {changed: false, stamps}
  const temporaries: Array<[temporary: string, path: string]> = []
  try {
    // Note: every file is prepared before anything is renamed; one that cannot be written stops the whole article.
    const prepared = await Promise.allSettled(
      [...changed, [write.record.pending, write.record.text] as const].map(async ([path, text]) => [await writeBeside(path, text), path] as const)
    )
    for (const result of prepared) if (result.status === 'fulfilled') temporaries.push([...result.value])
    const refused = prepared.find((result) => result.status === 'rejected')
    if (refused !== undefined) throw refused.reason
    const pendingTemporary = (temporaries.pop() as [string, string])[0]
    await place(pendingTemporary, write.record.pending)
    for (const [temporary, path] of temporaries) await place(temporary, path)
    temporaries.length = 0
    await place(write.record.pending, write.record.path)
  } finally {
    await Promise.all(temporaries.map(([temporary]) => rm(temporary, {force: true})))
  }
  // Note: stamped once in place: a rename changes a file's change time.
  for (const path of [...changed.map(([path]) => path), write.record.path]) {
    // Note: a file gone already (removed by someone else) just has no stamp: the next build reads what is there.
    const info = await stat(path).catch(() => undefined)
    if (info !== undefined) stamps.set(path, stampOf(info))
  }
  return {changed: changed.length > 0, stamps}
}

/**
 * The stamp of `path` when it is a file that holds exactly `text`, otherwise undefined.
 * @throws WriteFailure when something other than a file stands there.
 */
async function holds(path: string, text: string): Promise<string | undefined> {
  const info = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined
    throw new WriteFailure(path, error)
  })
  if (info === undefined) return undefined
  if (!info.isFile()) throw new WriteFailure(path, info.isDirectory() ? 'folder' : 'notFile')
  // Note: a size check first spares reading files that surely changed.
  if (info.size !== Buffer.byteLength(text)) return undefined
  return (await readFile(path, 'utf8')) === text ? stampOf(info) : undefined
}

async function writeBeside(path: string, text: string): Promise<string> {
  const temporary = temporaryBeside(path)
  try {
    await creatingFolder(path, () => writeFile(temporary, text, {encoding: 'utf8', flush: true}))
    return temporary
  } catch (error) {
    await rm(temporary, {force: true})
    throw new WriteFailure(path, error as NodeJS.ErrnoException)
  }
}

async function place(from: string, to: string): Promise<void> {
  try {
    await creatingFolder(to, () => rename(from, to))
  } catch (error) {
    throw new WriteFailure(to, error as NodeJS.ErrnoException)
  }
}

/**
 * Run `act`, which writes to `path`; when its folder is missing, create it and run `act` again.
 * Note: the folder almost always exists; asking for it first cost a system call per file (about 2 % of a full build).
 */
async function creatingFolder(path: string, act: () => Promise<void>): Promise<void> {
  try {
    await act()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    await mkdir(dirname(path), {recursive: true})
    await act()
  }
}
