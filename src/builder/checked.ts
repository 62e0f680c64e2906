import type {Diagnostic} from '../diagnostics.js'

/**
 * Notes that spare a rebuild reading records. To skip an article, a build
 * compares every sentence of its record with the memory; a build that never
 * changed the memory notes, per article, that the record with hash `record`
 * agreed with the memory file of hash `memory`, with what a skip reports
 * (the sentence count and the warnings). While both files still have those
 * bytes, the comparison would come out the same, and the record is not read.
 * The notes live in the hash cache (`.tandem/cache/`, never in git): they are
 * what this checkout learnt, like the stamps.
 *
 * A build that changed the memory knows which sources it changed, and when:
 * a note whose record has none of them (by digest) still holds for the memory
 * the build saved, and is taken forward to its hash. A note of an article
 * with a changed sentence, or one made before such a change, is not.
 */

/** One article's note. */
export interface Checked {
  /** Hash of the memory file it agreed with (`none`: there was none). */
  readonly memory: string
  /** Hash of the record file. */
  readonly record: string
  readonly sentences: number
  readonly warnings: readonly Omit<Diagnostic, 'path'>[]
  /** Digests of the record's sources (see `digestOf`); a note without them holds only while the memory does not change. */
  readonly sources?: readonly number[]
}

/** A 32-bit FNV-1a digest of a source. Two sources with one digest only cost a record read: a note is dropped for either. */
export function digestOf(text: string): number {
  let hash = 0x811c9dc5
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193)
  return hash >>> 0
}

/** The digests of an article's sources, each once. */
export function digestsOf(sources: Iterable<string>): number[] {
  return [...new Set([...sources].map(digestOf))]
}

/** `value` when it has the shape of a note, otherwise undefined: a cache is never trusted blindly. */
export function checkedOf(value: unknown): Checked | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const {memory, record, sentences, warnings, sources} = value as Partial<Record<keyof Checked, unknown>>
  if (typeof memory !== 'string' || typeof record !== 'string' || typeof sentences !== 'number' || !Number.isInteger(sentences) || sentences < 0 || !Array.isArray(warnings)) return undefined
  if (sources !== undefined && !(Array.isArray(sources) && sources.every((digest) => Number.isInteger(digest) && digest >= 0 && digest <= 0xffffffff))) return undefined
  const shaped = (item: unknown): boolean => {
    const warning = item as Partial<Record<keyof Diagnostic, unknown>> | null
    return typeof warning === 'object' && warning !== null && (warning.severity === 'warning' || warning.severity === 'error' || warning.severity === 'info') && typeof warning.rule === 'string' && typeof warning.params === 'object' && warning.params !== null
  }
  return warnings.every(shaped) ? (value as Checked) : undefined
}

/** The memory as the comparison needs it. */
export interface MemoryLookup {
  get(source: string): {readonly target: string; readonly status: string} | undefined
}

/**
 * Whether an article's sentences (tagged German, the English written, and
 * whether it was written as reviewed) are what the memory holds: the same
 * English with the same review status, or, for a provider whose answers are
 * not remembered because they never change, nothing at all.
 */
export function agreesWithMemory(units: Iterable<{readonly source: string; readonly target: string; readonly reviewed: boolean}>, memory: MemoryLookup, deterministicProvider: boolean): boolean {
  for (const unit of units) {
    const remembered = memory.get(unit.source)
    // Note: offline providers (identity, pseudo) are not remembered; they answer the same every time.
    if (remembered === undefined && deterministicProvider) continue
    if (remembered === undefined || remembered.target !== unit.target) return false
    if ((remembered.status === 'reviewed') !== unit.reviewed) return false
  }
  return true
}

/** An article a build found unchanged, and how (see `Unchanged`). */
export interface Found {
  readonly sentences: number
  readonly warnings: readonly Diagnostic[]
  readonly by: 'note' | 'record'
  /** The hash of its record. */
  readonly record: string
  /** Digests of its record's sources, when known (see `digestOf`). */
  readonly sources?: readonly number[]
  /** The memory's `version` when the record was found to agree with it. */
  readonly version: number
}

/** What a build wrote of an article's record, for its note: compared with the memory at `version`. */
export type Written = Omit<Checked, 'memory'> & {readonly version: number}

/**
 * The notes a build leaves, by name: for a build that did not change the
 * memory (`memoryHash`), the notes it found still good and one for every
 * article it wrote or compared with the memory. For one that did, and saved
 * it (`savedHash`, with `changes`: each changed source and the change it last
 * had), those of them whose sources changed neither before nor after the
 * moment the article was compared, taken to the saved memory's hash. None
 * otherwise (a journal replayed: what changed is not known by source).
 */
export function notesAfter(options: {
  readonly memoryHash: string | undefined
  readonly savedHash?: string | undefined
  readonly changes?: ReadonlyMap<string, number>
  readonly previous: ReadonlyMap<string, Checked>
  readonly unchanged: Iterable<readonly [name: string, found: Found]>
  readonly written: ReadonlyMap<string, Written>
}): Map<string, Checked> {
  const out = new Map<string, Checked>()
  const memory = options.memoryHash ?? options.savedHash
  if (memory === undefined) return out
  const lastChange = new Map<number, number>()
  if (options.memoryHash === undefined) {
    for (const [source, at] of options.changes ?? []) {
      const digest = digestOf(source)
      lastChange.set(digest, Math.max(lastChange.get(digest) ?? 0, at))
    }
  }
  const holds = (sources: readonly number[] | undefined, version: number): boolean =>
    options.memoryHash !== undefined || (sources !== undefined && sources.every((digest) => (lastChange.get(digest) ?? 0) <= version))
  for (const [name, found] of options.unchanged) {
    const previous = options.previous.get(name)
    const {memory: _memory, ...note} = found.by === 'note' && previous !== undefined ? previous : {memory, record: found.record, sentences: found.sentences, warnings: found.warnings.map(({path: _path, ...warning}) => warning), ...(found.sources === undefined ? {} : {sources: found.sources})}
    if (holds(note.sources, found.version)) out.set(name, {memory, ...note})
  }
  for (const [name, {version, ...note}] of options.written) if (holds(note.sources, version)) out.set(name, {memory, ...note})
  return out
}
