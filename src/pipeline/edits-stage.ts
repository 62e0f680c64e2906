import {readFileSync} from 'node:fs'
import {relative} from 'node:path'
import {diagnostic} from '../diagnostics.js'
import type {MemoryEntry} from '../memory/store.js'
import {lineHashes, loadRecord} from '../review/record.js'
import {bytesHash} from '../util/hash.js'
import {fail, type Article} from './article.js'

/**
 * Stage: a reviewer's edits in an article's `.en.md` since the last build,
 * as reviewed translations. Runs for every article before anything is
 * planned, so that an edit counts for every article with that sentence.
 * A refused edit (lines added, markup changed) fails the article with its line.
 */
export async function reviewerEdits(
  article: Article,
  options: {readonly cwd: string; readonly outputDir: string; /** Hash of the `.en.md` as the last build wrote it, if known. */ readonly written?: string}
): Promise<readonly MemoryEntry[]> {
  if (article.failed) return []
  let bytes: Buffer
  try {
    // Note: synchronous, like the check for unchanged articles: many small files.
    bytes = readFileSync(article.outputs.en)
  } catch {
    return []
  }
  // The file is byte for byte what the last build wrote: nothing to read.
  if (options.written !== undefined && bytesHash(bytes) === options.written) return []
  const record = await loadRecord(options.outputDir, article.name)
  if (record === undefined) return []
  const text = bytes.toString('utf8').replace(/\r\n?/g, '\n')
  const hashes = lineHashes(text)
  // Note: the edit reader (and remark with it) loads only when a line differs from what the build wrote.
  if (hashes.length === record.enLines.length && hashes.every((hash, index) => hash === record.enLines[index])) return []
  const {detectEdits} = await import('../review/edits.js')
  const result = detectEdits(record, text)
  if (result.ok) return result.edits
  const {rule, line, params} = result.problem
  fail(article, diagnostic('error', rule, relative(options.cwd, article.outputs.en), params, {line, column: 1}))
  return []
}
