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
  /** The files this build found untouched, until it notes something else of them. */
  private readonly stamped = new Set<string>()
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
    const hash = entry.slice(space + 1)
    // Note: a file looked at twice in one build (the English: for edits, then to skip its article) is stamped once.
    if (this.stamped.has(path)) return hash
    if (!untouched(path, entry.slice(0, space), this.writtenAt)) return undefined
    this.next.set(path, entry)
    this.stamped.add(path)
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
    const absolute = isAbsolute(path) ? path : join(this.outputDir, path)
    this.next.set(absolute, `${stamp} ${hash}`)
    this.stamped.delete(absolute)
  }

  /** Whether the cache as read holds exactly these files and notes. */
  private holdsAlready(files: ReadonlyMap<string, string>, notes: ReadonlyMap<string, Checked>): boolean {
    if (files.size !== this.known.size || notes.size !== Object.keys(this.notes).length) return false
    for (const [path, entry] of files) if (this.known.get(path) !== entry) return false
    for (const [name, note] of notes) if (!Object.hasOwn(this.notes, name) || !sameNote(note, this.notes[name])) return false
    return true
  }

  /**
   * Write what this build learnt: every file it looked at or wrote. A build
   * of only some articles keeps what it did not look at.
   */
  async save(complete: boolean, notes: ReadonlyMap<string, Checked> = new Map()): Promise<void> {
    const files = complete ? new Map(this.next) : new Map([...this.known, ...this.next])
    if (files.size === 0 && this.known.size === 0 && notes.size === 0) return
    // Note: the same cache, when every stamp in it was trusted, would trust nothing more (see `untouched`). A file read
    // again (its stamp as late as the cache, "racily clean") is trusted once a cache written after it holds it.
    // Compared as read, not as text: writing out 300 KB to compare it was 5 % of a rebuild with nothing changed.
    if (!this.reread && this.text !== undefined && this.holdsAlready(files, notes)) return
    const text = `${JSON.stringify({version: 1, files: Object.fromEntries(files), ...(notes.size === 0 ? {} : {checked: Object.fromEntries(notes)})})}\n`
    if (text === this.text && !this.reread) return
    const {cache, hashes} = tandemLayout(this.outputDir)
    await mkdir(cache, {recursive: true})
    await writeIfChanged(join(cache, '.gitignore'), '*\n')
    await writeFileAtomic(hashes, text)
  }
}

/** Whether a note says what `read` (a note as the cache file had it) says: a note taken forward shares its arrays with the one read. */
function sameNote(note: Checked, read: unknown): boolean {
  const other = read as Partial<Checked> | null
  if (typeof other !== 'object' || other === null) return false
  const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b)
  return (
    note.memory === other.memory &&
    note.record === other.record &&
    note.sentences === other.sentences &&
    same(note.warnings, other.warnings) &&
    same(note.sources, other.sources) &&
    Object.keys(note).length === Object.keys(other).length
  )
}
