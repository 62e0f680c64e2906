import {join} from 'node:path'
import type {Diagnostic} from '../diagnostics.js'
import {parseRecord, type ArticleRecord} from '../review/record.js'
import {sha256} from '../util/hash.js'
import {HashCache} from './hashes.js'
import type {ArticleRef} from '../article/article.js'
import type {StateEntry} from './state.js'

/**
 * Skipping unchanged articles. A build stores, per article, a fingerprint of
 * its settings, a hash of the input and of every file it wrote, and its
 * warnings. The next build skips the article without parsing it when all of
 * these still hold and the memory still has exactly the English the record
 * says was written.
 */

/** Raised in the fingerprint whenever the written files would change for the same inputs (4: math, block directives, JSON frontmatter, inline HTML as one placeholder; 5: translated quotations flagged, fuzzy matches in records; 6: a second model's ratings in records and review pages, original quotations). */
const OUTPUT_FORMAT = 6

/** A fingerprint of everything besides the input and the memory that shapes an article's outputs. */
export function settingsFingerprint(parts: Record<string, unknown>): string {
  return sha256(JSON.stringify({format: OUTPUT_FORMAT, ...parts}), 32)
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
  options: {readonly fingerprint: string; readonly outputDir: string; readonly memory: MemoryLookup; readonly deterministicProvider: boolean; readonly hashes?: HashCache}
): Promise<Unchanged | undefined> {
  const {fingerprint, outputDir, memory} = options
  const hashes = options.hashes ?? HashCache.none(outputDir)
  if (entry?.fingerprint !== fingerprint || entry.input === undefined || entry.outputs === undefined) return undefined
  // Note: synchronous reads: small files, hundreds of them, and a fraction of the cost of promises.
  if (hashes.hash(ref.inputPath) !== entry.input) return undefined
  let record: ArticleRecord | undefined
  for (const file of entry.files) {
    const path = join(outputDir, file)
    if (!file.startsWith('.tandem/records/')) {
      if (hashes.hash(path) !== entry.outputs[file]) return undefined
      continue
    }
    // The record is read whatever its stamp: its sentences are compared with the memory.
    const read = hashes.read(path)
    if (read === undefined || read.hash !== entry.outputs[file]) return undefined
    record = parseRecord(read.bytes.toString('utf8'))
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
