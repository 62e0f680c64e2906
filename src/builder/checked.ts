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
 */

/** One article's note. */
export interface Checked {
  /** Hash of the memory file it agreed with (`none`: there was none). */
  readonly memory: string
  /** Hash of the record file. */
  readonly record: string
  readonly sentences: number
  readonly warnings: readonly Omit<Diagnostic, 'path'>[]
}

/** `value` when it has the shape of a note, otherwise undefined: a cache is never trusted blindly. */
export function checkedOf(value: unknown): Checked | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const {memory, record, sentences, warnings} = value as Partial<Record<keyof Checked, unknown>>
  if (typeof memory !== 'string' || typeof record !== 'string' || typeof sentences !== 'number' || !Number.isInteger(sentences) || sentences < 0 || !Array.isArray(warnings)) return undefined
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
}

/**
 * The notes a build leaves: none when it changed the memory (`memoryHash`
 * undefined: a record written or compared before a change may not agree with
 * the memory after it); otherwise the notes it found still good, and one for
 * every article it wrote or compared with the memory, by name.
 */
export function notesAfter(options: {
  readonly memoryHash: string | undefined
  readonly previous: ReadonlyMap<string, Checked>
  readonly unchanged: Iterable<readonly [name: string, found: Found]>
  readonly written: ReadonlyMap<string, Omit<Checked, 'memory'>>
}): Map<string, Checked> {
  const {memoryHash} = options
  const out = new Map<string, Checked>()
  if (memoryHash === undefined) return out
  for (const [name, found] of options.unchanged) {
    const previous = options.previous.get(name)
    if (found.by === 'note' && previous !== undefined) out.set(name, previous)
    else out.set(name, {memory: memoryHash, record: found.record, sentences: found.sentences, warnings: found.warnings.map(({path: _path, ...warning}) => warning)})
  }
  for (const [name, note] of options.written) out.set(name, {memory: memoryHash, ...note})
  return out
}
