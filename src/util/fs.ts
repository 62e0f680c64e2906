import {TandemError} from '../errors.js'
import {randomBytes} from 'node:crypto'
import {mkdir, readdir, readFile, rename, rm, writeFile} from 'node:fs/promises'
import {dirname, join} from 'node:path'

/**
 * A fresh name for a temporary file beside `path`, naming this process, so
 * that `removeStaleTemporaries` can tell a killed writer's file from a live one's.
 */
export function temporaryBeside(path: string): string {
  return `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
}

/** Write a file atomically: a temporary file beside it, then a rename. Text is written as UTF-8, bytes as they are. */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), {recursive: true})
  const temporary = temporaryBeside(path)
  try {
    await writeFile(temporary, content, typeof content === 'string' ? {encoding: 'utf8', flush: true} : {flush: true})
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, {force: true})
    throw error
  }
}

/**
 * A file the user named, as text: UTF-8 (a byte order mark dropped), or a
 * clear error. A file-system error keeps its code and gets the path, which
 * Node leaves out for some (a folder in the file's place: EISDIR), so that
 * the CLI can name the file.
 * @throws TandemError('input-unreadable') for bytes that are not UTF-8 text.
 */
export async function readTextFile(path: string, shown: string = path): Promise<string> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (error) {
    const errno = error as NodeJS.ErrnoException
    // Note: named as the user wrote it, not as an absolute path.
    if (typeof errno.code === 'string') errno.path = shown
    throw error
  }
  const unreadable = (): TandemError => new TandemError('input-unreadable', `${shown}: not UTF-8 text (a binary file, or another encoding); save it as UTF-8`, {params: {path: shown}, key: 'error.notUtf8'})
  // Note: a NUL byte is valid UTF-8, but no text file holds one.
  if (bytes.includes(0)) throw unreadable()
  try {
    return new TextDecoder('utf-8', {fatal: true}).decode(bytes).replace(/^\uFEFF/, '')
  } catch {
    throw unreadable()
  }
}

/** The file's text, or undefined when it does not exist. */
export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

/** Write atomically unless the file already holds exactly `content`. Returns whether it wrote. */
export async function writeIfChanged(path: string, content: string): Promise<boolean> {
  if ((await readTextIfExists(path)) === content) return false
  await writeFileAtomic(path, content)
  return true
}

const TEMPORARY = /\.(\d+)\.[0-9a-f]{8}\.tmp$/

/**
 * Remove the temporary files `writeFileAtomic` left in `dir` (recursively)
 * when its process was killed mid-write. Files of live processes stay.
 * Returns the paths removed.
 */
export async function removeStaleTemporaries(dir: string): Promise<string[]> {
  const removed: string[] = []
  let entries
  try {
    entries = await readdir(dir, {withFileTypes: true, recursive: true})
  } catch {
    return removed
  }
  for (const entry of entries) {
    const pid = TEMPORARY.exec(entry.name)?.[1]
    if (pid === undefined || !entry.isFile() || isRunning(Number(pid))) continue
    const path = join(entry.parentPath, entry.name)
    await rm(path, {force: true})
    removed.push(path)
  }
  return removed
}

/** Whether a process of this machine with that id runs (one we may not signal counts as running). */
export function isRunning(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Why a file could not be used, as the key of its localized reason (`error.fileReason.*`). */
export type FileReason = 'missing' | 'folder' | 'notFolder' | 'inTheWay' | 'denied' | 'loop' | 'other'

const REASONS: Readonly<Record<string, FileReason>> = {ENOENT: 'missing', EISDIR: 'folder', ENOTDIR: 'notFolder', EEXIST: 'inTheWay', EACCES: 'denied', EPERM: 'denied', ELOOP: 'loop'}

/** The reason for a file-system error code (`ENOENT` → missing). */
export function fileReason(code: string | undefined): FileReason {
  return (code === undefined ? undefined : REASONS[code]) ?? 'other'
}
