import {join} from 'node:path'
import type {Diagnostic} from '../diagnostics.js'
import {parseRecord, type ArticleRecord} from '../review/record.js'
import {sha256} from '../util/hash.js'
import {HashCache} from './hashes.js'
import type {ArticleRef} from '../article/article.js'
import type {StateEntry} from './state.js'
import {RECORDS_PREFIX} from '../project/layout.js'
import {agreesWithMemory, digestsOf, type Found, type MemoryLookup} from './checked.js'

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
export type Unchanged = Found

/**
 * Whether an article can be skipped: same settings, same input bytes, every
 * output as written, and the memory still giving each sentence the English
 * (and review status) its record holds, or, for a provider whose answers are
 * not remembered because they never change, nothing else. Reads files, never
 * parses Markdown. When the last build noted that this record agreed with a
 * memory whose file had the bytes it has now (`memoryHash`, see `checked.ts`),
 * the record is not read.
 */
export async function unchangedArticle(
  ref: ArticleRef,
  entry: StateEntry | undefined,
  options: {readonly fingerprint: string; readonly outputDir: string; readonly memory: MemoryLookup; readonly deterministicProvider: boolean; readonly hashes?: HashCache; readonly memoryHash?: string; readonly memoryVersion?: number}
): Promise<Unchanged | undefined> {
  const {fingerprint, outputDir, memory} = options
  const hashes = options.hashes ?? HashCache.none(outputDir)
  if (entry?.fingerprint !== fingerprint || entry.input === undefined || entry.outputs === undefined) return undefined
  // Note: synchronous reads: small files, hundreds of them, and a fraction of the cost of promises.
  if (hashes.hash(ref.inputPath) !== entry.input) return undefined
  const note = options.memoryHash === undefined ? undefined : hashes.noteOf(ref.name)
  const recordFile = entry.files.find((file) => file.startsWith(RECORDS_PREFIX))
  if (note !== undefined && note.memory === options.memoryHash && recordFile !== undefined && note.record === entry.outputs[recordFile]) {
    for (const file of entry.files) if (hashes.hash(join(outputDir, file)) !== entry.outputs[file]) return undefined
    return {sentences: note.sentences, warnings: note.warnings.map((warning) => ({...warning, path: ref.displayPath})), by: 'note', record: note.record, ...(note.sources === undefined ? {} : {sources: note.sources}), version: options.memoryVersion ?? 0}
  }
  let record: {readonly value: ArticleRecord; readonly hash: string} | undefined
  for (const file of entry.files) {
    const path = join(outputDir, file)
    if (!file.startsWith(RECORDS_PREFIX)) {
      if (hashes.hash(path) !== entry.outputs[file]) return undefined
      continue
    }
    // The record is read whatever its stamp: its sentences are compared with the memory.
    const read = hashes.read(path)
    if (read === undefined || read.hash !== entry.outputs[file]) return undefined
    const value = parseRecord(read.bytes.toString('utf8'))
    record = value === undefined ? undefined : {value, hash: read.hash}
  }
  if (record === undefined) return undefined
  const units = record.value.units.map((unit) => ({source: unit.source, target: unit.target, reviewed: unit.status === 'reviewed'}))
  if (!agreesWithMemory(units, memory, options.deterministicProvider)) return undefined
  return {
    sentences: record.value.units.length,
    warnings: (record.value.warnings ?? []).map((warning) => ({...warning, path: ref.displayPath})),
    by: 'record',
    record: record.hash,
    sources: digestsOf(units.map((unit) => unit.source)),
    version: options.memoryVersion ?? 0
  }
}
