import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {Diagnostic} from '../diagnostics.js'
import {parseRecord, type ArticleRecord} from '../review/record.js'
import {bytesHash, sha256} from '../util/hash.js'
import type {ArticleRef} from '../article/article.js'
import type {StateEntry} from './state.js'

/**
 * Skipping unchanged articles. A build stores, per article, a fingerprint of
 * its settings, a hash of the input and of every file it wrote, and its
 * warnings. The next build skips the article without parsing it when all of
 * these still hold and the memory still has exactly the English the record
 * says was written.
 */

/** Raised in the fingerprint whenever the written files would change for the same inputs (4: math, block directives, JSON frontmatter, inline HTML as one placeholder). */
const OUTPUT_FORMAT = 4

/** A fingerprint of everything besides the input and the memory that shapes an article's outputs. */
export function settingsFingerprint(parts: Record<string, unknown>): string {
  return sha256(JSON.stringify({format: OUTPUT_FORMAT, ...parts}), 32)
}

/**
 * Hash of a file's bytes, or undefined when it cannot be read.
 * Note: synchronous: small files, hundreds of them, and a fraction of the cost of promises.
 */
function fileHash(path: string): string | undefined {
  try {
    return bytesHash(readFileSync(path))
  } catch {
    return undefined
  }
}

/** A skipped article: what its record says it holds. */
export interface Unchanged {
  readonly sentences: number
  readonly warnings: readonly Diagnostic[]
}

/** The memory as the check needs it. */
export interface MemoryLookup {
  get(source: string): {readonly target: string; readonly status: string} | undefined
}

/**
 * Whether an article can be skipped: same settings, same input bytes, every
 * output as written, and the memory still giving each sentence the English
 * (and review status) its record holds, or, for a provider whose answers are
 * not remembered because they never change, nothing else. Reads files, never
 * parses Markdown.
 */
export async function unchangedArticle(
  ref: ArticleRef,
  entry: StateEntry | undefined,
  options: {readonly fingerprint: string; readonly outputDir: string; readonly memory: MemoryLookup; readonly deterministicProvider: boolean}
): Promise<Unchanged | undefined> {
  const {fingerprint, outputDir, memory} = options
  if (entry?.fingerprint !== fingerprint || entry.input === undefined || entry.outputs === undefined) return undefined
  if (fileHash(ref.inputPath) !== entry.input) return undefined
  let record: ArticleRecord | undefined
  for (const file of entry.files) {
    let bytes: Buffer
    try {
      bytes = readFileSync(join(outputDir, file))
    } catch {
      return undefined
    }
    if (bytesHash(bytes) !== entry.outputs[file]) return undefined
    if (file.startsWith('.tandem/records/')) record = parseRecord(bytes.toString('utf8'))
  }
  if (record === undefined) return undefined
  for (const unit of record.units) {
    const remembered = memory.get(unit.source)
    // Note: offline providers (identity, pseudo) are not remembered; they answer the same every time.
    if (remembered === undefined && options.deterministicProvider) continue
    if (remembered === undefined || remembered.target !== unit.target) return undefined
    if ((remembered.status === 'reviewed') !== (unit.status === 'reviewed')) return undefined
  }
  return {sentences: record.units.length, warnings: (record.warnings ?? []).map((warning) => ({...warning, path: ref.displayPath}))}
}
