import {lstatSync, type Stats} from 'node:fs'

/**
 * File stamps: size, modification and change times and inode of a file, the way git's
 * index tells an untouched file from a changed one without reading it. A
 * build records the stamp of every file it wrote (taken right after writing)
 * and of every input (taken before reading). A later build trusts a file
 * whose stamp is unchanged only when it was taken before the cache that
 * records it (`builder/hashes.ts`) was written: a change in the same tick of
 * the clock as the cache was written could keep size and time, so such a file is read and hashed instead
 * ("racily clean" in git's words). Any other change of a file (an edit, a
 * copy, a checkout, a save through a new file, even one that sets the old
 * modification time back: the change time cannot be set) changes its stamp.
 */

/** The stamp of a file's `stat`. */
export function stampOf(info: Pick<Stats, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino'>): string {
  return `${info.size}:${info.mtimeMs}:${info.ctimeMs}:${info.ino}`
}

/** The stamp of the file at `path`; undefined when there is none or it is not a file. Synchronous: one call per file, hundreds of files. */
export function stampAt(path: string): string | undefined {
  try {
    const info = lstatSync(path)
    return info.isFile() ? stampOf(info) : undefined
  } catch {
    return undefined
  }
}

/**
 * Whether the file at `path` is surely as it was when `recorded` was taken:
 * the same stamp, and its time before `before` (the modification time of
 * the cache that records it, in ms).
 */
export function untouched(path: string, recorded: string | undefined, before: number | undefined): boolean {
  if (recorded === undefined || before === undefined) return false
  const now = stampAt(path)
  if (now !== recorded) return false
  const time = Number(recorded.split(':')[1])
  return time < before
}
