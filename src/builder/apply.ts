import {relative} from 'node:path'
import {diagnostic} from '../diagnostics.js'
import {pendingPath, recordPath} from '../project/layout.js'
import {recordText} from '../review/record.js'
import {commitArticle, WriteFailure} from './transaction.js'
import {bytesHash} from '../util/hash.js'
import {fail, type Article} from '../article/article.js'

/**
 * Stage: write an article's files (German, English, bilingual, review page,
 * record), each only when its bytes changed. Returns the hash of every file
 * by absolute path, or undefined when nothing was (or could be) written.
 */
export async function writeArticle(article: Article, outputDir: string): Promise<Map<string, string> | undefined> {
  const {rendered, nextRecord} = article
  if (article.failed || rendered === undefined || nextRecord === undefined) return undefined
  const files = new Map<string, string>([
    [article.outputs.de, rendered.de],
    [article.outputs.en, rendered.en],
    [article.outputs.bilingual, rendered.bilingual]
  ])
  if (rendered.review !== undefined) files.set(article.outputs.review, rendered.review)
  const record = {path: recordPath(outputDir, article.name), pending: pendingPath(outputDir, article.name), text: recordText(nextRecord)}
  try {
    article.written = await commitArticle({outputs: files, record})
  } catch (error) {
    const path = error instanceof WriteFailure ? relative(outputDir, error.path) : undefined
    fail(article, diagnostic('error', 'write-failed', article.displayPath, {reason: path === undefined ? (error as Error).message : `${path}: ${error instanceof Error ? error.message : ''}`}))
    return undefined
  }
  files.set(record.path, record.text)
  // Note: the hash of the text is the hash of the file: both are the same UTF-8 bytes.
  return new Map([...files].map(([path, text]) => [path, bytesHash(text)]))
}
