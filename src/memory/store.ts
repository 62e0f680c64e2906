import {bytesHash} from '../util/hash.js'
import {compareEntries, FIELD_SHAPES, FIELDS, isHeader, isRemoval, memoryText, readEntry, serializeEntry, type MemoryEntry} from './entry.js'
import {mkdir, open, rm, truncate} from 'node:fs/promises'
import {dirname, join} from 'node:path'
import {TandemError} from '../errors.js'
import {readTextIfExists, writeFileAtomic, writeIfChanged} from '../util/fs.js'

export {memoryText, withoutConflict, type ConflictVersion, type MemoryEntry, type MemoryStatus} from './entry.js'

/** File name of the memory for a language pair. */
export function memoryFileName(source: string, target: string): string {
  return `memory.${source}-${target}.jsonl`
}

/**
 * The translation memory: a sorted, line-oriented JSON file (one entry a line,
 * committed to git) plus an append-only journal. New translations go to the
 * journal the moment they arrive; `save` folds the journal into the sorted
 * file with an atomic rename. A build that is killed loses nothing: the next
 * `open` replays the journal.
 */
export class TranslationMemory {
  private readonly entries = new Map<string, MemoryEntry>()
  private dirty = false
  /** The hash of the memory file's text as `open` read it (`none`: no file), until the memory changes. */
  private asOpened: string | undefined = 'none'
  /** The hash of the text `save` last wrote, until the memory changes again. */
  private asSaved: string | undefined
  /** The hash of the memory file's text as `open` read it or `save` last wrote it (`none`: no file). */
  private readHash = 'none'
  /** Whether a journal was replayed into the memory at `open` (what changed is then not known by source). */
  private replayed = false
  /** How many changes the memory had since `open`, and the change each source last had (see `changedAfter`). */
  private changes = 0
  private readonly changedAt = new Map<string, number>()
  private journalQueue: Promise<void> = Promise.resolve()

  private constructor(
    readonly path: string,
    readonly journalPath: string
  ) {}

  /**
   * Load the memory in `dir` (missing files mean an empty memory) and replay a
   * journal left by an interrupted build. `readOnly`: for a look without the
   * output lock, while a build may be appending: the journal is read, never cut.
   * @throws TandemError('memory-corrupt') naming the file and line of a bad entry.
   */
  static async open(dir: string, fileName: string, options: {readonly readOnly?: boolean} = {}): Promise<TranslationMemory> {
    const memory = new TranslationMemory(join(dir, fileName), join(dir, fileName.replace(/\.jsonl$/, '.journal.jsonl')))
    const text = await readMemoryFile(memory.path)
    if (text !== undefined) {
      memory.load(text, memory.path, false)
      memory.asOpened = memory.readHash = bytesHash(text)
    }
    const journal = await readMemoryFile(memory.journalPath)
    if (journal !== undefined) {
      memory.load(journal, memory.journalPath, true)
      memory.dirty = true
      memory.asOpened = undefined
      memory.replayed = true
      // A line cut off by a crash goes, so that the next append starts on a line of its own.
      if (!journal.endsWith('\n') && options.readOnly !== true) await truncate(memory.journalPath, Buffer.byteLength(journal.slice(0, journal.lastIndexOf('\n') + 1)))
    }
    return memory
  }

  /** The entries of a memory file's text (see `parseMemoryText`). */
  static entriesOf(text: string, path: string): MemoryEntry[] {
    const memory = new TranslationMemory(path, path)
    memory.load(text, path, false)
    return memory.all()
  }

  /**
   * The hash of the file's text this memory was opened from (`none`: there
   * was no file; the bytes read, not the file as it may be now), while the
   * memory is as that text says: undefined once a journal was replayed into
   * it or entries were recorded, forgotten or decided (saved or not).
   */
  get unchangedHash(): string | undefined {
    return this.asOpened
  }

  /**
   * The hash of the text `save` just wrote, while nothing changed since, and
   * only when every change since `open` is known by its source (no journal
   * was replayed): what a note can be taken forward to (see `builder/checked.ts`).
   */
  get savedHash(): string | undefined {
    return this.replayed ? undefined : this.asSaved
  }

  /** The number of changes since `open`: a moment to ask `changedAfter` about later. */
  get version(): number {
    return this.changes
  }

  /** The sources whose entries changed after `version`, with the change each last had. */
  changedAfter(version: number): Map<string, number> {
    const out = new Map<string, number>()
    for (const [source, at] of this.changedAt) if (at > version) out.set(source, at)
    return out
  }

  private changed(sources: readonly string[]): void {
    this.changes++
    for (const source of sources) this.changedAt.set(source, this.changes)
    this.dirty = true
    this.asOpened = undefined
    this.asSaved = undefined
  }

  /** Number of entries. */
  get size(): number {
    return this.entries.size
  }

  /** The entry for a tagged source, if any. */
  get(source: string): MemoryEntry | undefined {
    return this.entries.get(source)
  }

  /** All entries, sorted by source. */
  all(): MemoryEntry[] {
    return [...this.entries.values()].sort(compareEntries)
  }

  /**
   * Remember translations and append them to the journal before resolving.
   * A reviewed entry is never replaced by a machine one.
   */
  async record(entries: readonly MemoryEntry[]): Promise<void> {
    const accepted = entries.filter((entry) => this.entries.get(entry.source)?.status !== 'reviewed' || entry.status === 'reviewed')
    if (accepted.length === 0) return
    for (const entry of accepted) this.entries.set(entry.source, entry)
    this.changed(accepted.map((entry) => entry.source))
    const lines = accepted.map((entry) => `${serializeEntry(entry)}\n`).join('')
    // Note: one writer for the shared journal; appends never interleave.
    this.journalQueue = this.journalQueue.then(() => appendDurably(this.journalPath, lines))
    await this.journalQueue
  }

  /**
   * Take back translations this build recorded and a later check refused
   * (journaled as removals, so that a kill before `save` cannot bring them back).
   * Reviewed entries are never taken back this way.
   */
  async forget(sources: readonly string[], options: {readonly reviewedBy?: string} = {}): Promise<void> {
    // Note: a reviewed entry goes only when `reviewedBy` names the one who made it (the quotes file, when an original is withdrawn).
    const goes = (entry: MemoryEntry | undefined): boolean => entry?.status === 'machine' || (options.reviewedBy !== undefined && entry?.provider === options.reviewedBy)
    const gone = sources.filter((source) => goes(this.entries.get(source)))
    if (gone.length === 0) return
    for (const source of gone) this.entries.delete(source)
    this.changed(gone)
    const lines = gone.map((source) => `${JSON.stringify({source, removed: true, ...(options.reviewedBy === undefined ? {} : {provider: options.reviewedBy})})}\n`).join('')
    this.journalQueue = this.journalQueue.then(() => appendDurably(this.journalPath, lines))
    await this.journalQueue
  }

  /**
   * Settle an entry a merge left in conflict: the version decided on, or none.
   * Not journaled: the caller holds the output lock and saves right after.
   */
  decide(source: string, entry: MemoryEntry | undefined): void {
    if (entry === undefined) this.entries.delete(source)
    else this.entries.set(source, entry)
    this.changed([source])
  }

  /**
   * Fold the journal into the sorted memory file (atomic), then drop the
   * journal. It takes its turn with the journal's appends: what changes while
   * it writes is appended after the journal is dropped, and saved next time.
   */
  async save(): Promise<void> {
    const step = this.journalQueue.then(async () => {
      if (!this.dirty) return
      const version = this.changes
      const text = memoryText(this.all())
      const hash = bytesHash(text)
      // Note: a text that differs from the one read is written without reading the file back to compare (2 MB for 10,000 sentences).
      if (hash === this.readHash) await writeIfChanged(this.path, text)
      else await writeFileAtomic(this.path, text)
      this.readHash = hash
      await rm(this.journalPath, {force: true})
      // Note: a change made while the file was written is not in it: the memory stays to be saved.
      if (this.changes !== version) return
      this.dirty = false
      this.asSaved = hash
    })
    this.journalQueue = step.catch(() => undefined)
    await step
  }

  private load(text: string, path: string, journal: boolean): void {
    const lines = text.split('\n')
    // Line of each source in the sorted file, to name both lines of a conflicting duplicate.
    const seen = new Map<string, number>()
    lines.forEach((line, index) => {
      if (line.trim() === '') return
      const isLast = index >= lines.length - 2 && !text.endsWith('\n')
      let value: unknown
      try {
        value = JSON.parse(line)
      } catch (cause) {
        // A journal's last line may be cut off by a crash mid-write: it was never acknowledged.
        if (journal && isLast) return
        throw corrupt(path, index + 1, 'not valid JSON', 'notJson', {}, cause)
      }
      if (!journal && index === 0) {
        if (!isHeader(value)) throw corrupt(path, 1, 'missing tandem memory header', 'noHeader')
        return
      }
      if (journal && isRemoval(value)) {
        const known = this.entries.get(value.source)
        const by = (value as {provider?: unknown}).provider
        if (known?.status === 'machine' || (typeof by === 'string' && known?.provider === by)) this.entries.delete(value.source)
        return
      }
      const read = readEntry(value)
      if (!('entry' in read)) {
        const field = read.wrong
        if (field === undefined) throw corrupt(path, index + 1, `an entry needs ${FIELDS.join(', ')}`, 'entryFields', {fields: FIELDS.join(', ')})
        throw corrupt(path, index + 1, `the field "${field}" of this entry is not valid (${FIELD_SHAPES[field]})`, `entryField.${field}`, {field})
      }
      const {entry} = read
      if (!journal) {
        const earlier = seen.get(entry.source)
        const known = this.entries.get(entry.source)
        if (earlier !== undefined && known !== undefined && (known.target !== entry.target || known.status !== entry.status)) {
          throw corrupt(path, index + 1, `the same German as line ${earlier} with another translation; keep one of the two lines`, 'conflict', {earlier})
        }
        seen.set(entry.source, index + 1)
      }
      if (this.entries.get(entry.source)?.status === 'reviewed' && entry.status !== 'reviewed') return
      this.entries.set(entry.source, entry)
    })
  }
}

/**
 * The entries of a memory file's text, checked as `open` checks them.
 * @throws TandemError('memory-corrupt') naming `path` and the line.
 */
export function parseMemoryText(text: string, path: string): MemoryEntry[] {
  return TranslationMemory.entriesOf(text, path)
}

/** Persist a journal write before acknowledging it. */
async function appendDurably(path: string, lines: string): Promise<void> {
  await mkdir(dirname(path), {recursive: true})
  const handle = await open(path, 'a')
  try {
    await handle.appendFile(lines, 'utf8')
    await handle.datasync()
  } finally {
    await handle.close()
  }
}

/** A memory file's text; undefined when it does not exist. */
async function readMemoryFile(path: string): Promise<string | undefined> {
  try {
    return await readTextIfExists(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EISDIR') throw new TandemError('memory-corrupt', `${path}: is a folder, not a memory file`, {cause: error, params: {path}, key: 'memory.folder'})
    const detail = code ?? (error as Error).message
    throw new TandemError('memory-corrupt', `${path}: cannot be read (${detail})`, {cause: error, params: {path, detail}, key: 'memory.unreadable'})
  }
}

/** A damaged memory file; `key` names the reason among `memory.*` of the CLI's locales, whose texts get `{{where}}` and `params`. */
function corrupt(path: string, line: number, reason: string, key: string, params: Record<string, string | number> = {}, cause?: unknown): TandemError {
  return new TandemError('memory-corrupt', `${path}:${line}: ${reason}`, {cause, params: {...params, path, line, where: `${path}:${line}`}, key: `memory.${key}`})
}

/** Write a memory file from scratch (used to seed a memory). */
export async function writeMemoryFile(path: string, entries: readonly MemoryEntry[]): Promise<void> {
  await writeFileAtomic(path, memoryText(entries))
}
