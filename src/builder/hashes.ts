import {readFileSync, statSync} from 'node:fs'
import {mkdir} from 'node:fs/promises'
import {isAbsolute, join} from 'node:path'
import {tandemLayout} from '../project/layout.js'
import {readTextIfExists, writeFileAtomic, writeIfChanged} from '../util/fs.js'
import {bytesHash} from '../util/hash.js'
import {stampAt, untouched} from '../util/stamp.js'
import {checkedOf, type Checked} from './checked.js'

/**
 * The hashes of the files a build looks at, by their stamps (see
 * `util/stamp.ts`): a rebuild learns that an input or output still has the
 * bytes it had without reading it. Only a cache: it answers exactly what
 * hashing the file would, and a file it has no trusted answer for is read.
 * It lives in `.tandem/cache/`, which ignores itself in git, because stamps
 * (inodes, times) and its absolute paths belong to one checkout.
 */
export class HashCache {
  private readonly next = new Map<string, string>()
  /** Whether a file had to be read: its stamp may be trusted once the cache is written later than it. */
  private reread = false

  private constructor(
    private readonly outputDir: string,
    private readonly known: ReadonlyMap<string, string>,
    /** When the cache was written (ms): only what was stamped before that is trusted. */
    private readonly writtenAt: number | undefined,
    /** The last build's notes of records that agreed with the memory, by article (see `checked.ts`), as read. */
    private readonly notes: Readonly<Record<string, unknown>> = {},
    /** The cache file's text as read. */
    private readonly text?: string
  ) {}

  /** The cache of an output folder; empty when there is none or it is unreadable. */
  static async load(outputDir: string): Promise<HashCache> {
    const path = tandemLayout(outputDir).hashes
    let writtenAt: number | undefined
    const known = new Map<string, string>()
    let notes: Record<string, unknown> = {}
    let text: string | undefined
    try {
      // Note: its time before its text, so that the time is never later than what the text says.
      writtenAt = statSync(path).mtimeMs
      text = await readTextIfExists(path)
      const value = JSON.parse(text ?? '') as {version?: unknown; files?: unknown; checked?: unknown}
      if (value.version === 1 && typeof value.files === 'object' && value.files !== null) {
        for (const [file, entry] of Object.entries(value.files)) if (typeof entry === 'string') known.set(file, entry)
        if (typeof value.checked === 'object' && value.checked !== null) notes = value.checked as Record<string, unknown>
      }
    } catch {
      // Note: no cache, or a damaged one: every file is read, as if there were none.
    }
    return new HashCache(outputDir, known, writtenAt, notes, text)
  }

  /** An empty cache (nothing trusted, nothing kept). */
  static none(outputDir: string): HashCache {
    return new HashCache(outputDir, new Map(), undefined)
  }

  /** The hash of the file at `path` (absolute), from the cache when its stamp is trusted, otherwise read; undefined when it cannot be read. */
  hash(path: string): string | undefined {
    const cached = this.trusted(path)
    if (cached !== undefined) return cached
    return this.read(path)?.hash
  }

  /** The last build's note of the article's record, when it has one of the right shape. */
  noteOf(name: string): Checked | undefined {
    return Object.hasOwn(this.notes, name) ? checkedOf(this.notes[name]) : undefined
  }

  /** The last build's notes that have the right shape, by article. */
  allNotes(): Map<string, Checked> {
    const out = new Map<string, Checked>()
    for (const name of Object.keys(this.notes)) {
      const note = this.noteOf(name)
      if (note !== undefined) out.set(name, note)
    }
    return out
  }

  /** The hash the cache holds for `path` when its stamp is trusted. */
  trusted(path: string): string | undefined {
    const entry = this.known.get(path)
    if (entry === undefined) return undefined
    const space = entry.indexOf(' ')
    if (!untouched(path, entry.slice(0, space), this.writtenAt)) return undefined
    const hash = entry.slice(space + 1)
    this.next.set(path, entry)
    return hash
  }

  /** Read the file at `path` and note its hash under the stamp it had before it was read; undefined when it cannot be read. */
  read(path: string): {readonly bytes: Buffer; readonly hash: string} | undefined {
    const stamp = stampAt(path)
    if (stamp === undefined) return undefined
    let bytes: Buffer
    try {
      bytes = readFileSync(path)
    } catch {
      return undefined
    }
    const hash = bytesHash(bytes)
    this.note(path, stamp, hash)
    this.reread = true
    return {bytes, hash}
  }

  /** Note that the file at `path` had the bytes with `hash` when it had `stamp`. */
  note(path: string, stamp: string, hash: string): void {
    this.next.set(isAbsolute(path) ? path : join(this.outputDir, path), `${stamp} ${hash}`)
  }

  /**
   * Write what this build learnt: every file it looked at or wrote. A build
   * of only some articles keeps what it did not look at.
   */
  async save(complete: boolean, notes: ReadonlyMap<string, Checked> = new Map()): Promise<void> {
    const files = complete ? new Map(this.next) : new Map([...this.known, ...this.next])
    if (files.size === 0 && this.known.size === 0 && notes.size === 0) return
    const text = `${JSON.stringify({version: 1, files: Object.fromEntries(files), ...(notes.size === 0 ? {} : {checked: Object.fromEntries(notes)})})}\n`
    // Note: the same text, when every stamp in it was trusted, would trust nothing more (see `untouched`). A file read
    // again (its stamp as late as the cache, "racily clean") is trusted once a cache written after it holds it.
    if (text === this.text && !this.reread) return
    const {cache, hashes} = tandemLayout(this.outputDir)
    await mkdir(cache, {recursive: true})
    await writeIfChanged(join(cache, '.gitignore'), '*\n')
    await writeFileAtomic(hashes, text)
  }
}
