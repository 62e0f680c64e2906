import {relative, sep} from 'node:path'
import {diagnostic} from '../diagnostics.js'
import {failure, success, type ArticleRef, type Outcome, type RecordedArticle} from '../article/article.js'
import {pendingPath, recordPath} from '../project/layout.js'
import {recordText} from '../review/record.js'
import {bytesHash} from '../util/hash.js'
import {commitArticle, WriteFailure, type Committed} from './transaction.js'

/** What applying an article did. */
export interface Applied {
  /** Whether any output changed on disk. */
  readonly written: boolean
  /** Every file the article has, relative to the output folder, with the hash of its bytes. */
  readonly outputs: Readonly<Record<string, string>>
  /** The same files' stamps (see `util/stamp.ts`). */
  readonly stamps: Readonly<Record<string, string>>
}

/**
 * Stage: write an article's files (German, English, bilingual, review page,
 * record) as one transaction (see `transaction.ts`); a file whose bytes are
 * already on disk is left alone. The only stage of an article that writes.
 */
export async function writeArticle(ref: ArticleRef, recorded: RecordedArticle, outputDir: string): Promise<Outcome<Applied>> {
  const files = new Map<string, string>([
    [ref.outputs.de, recorded.de],
    [ref.outputs.en, recorded.en],
    [ref.outputs.bilingual, recorded.bilingual]
  ])
  if (recorded.review !== undefined) files.set(ref.outputs.review, recorded.review)
  if (recorded.native !== undefined && ref.outputs.native !== undefined) files.set(ref.outputs.native, recorded.native)
  const record = {path: recordPath(outputDir, ref.name), pending: pendingPath(outputDir, ref.name), text: recordText(recorded.record)}
  let committed: Committed
  try {
    committed = await commitArticle({outputs: files, record})
  } catch (error) {
    if (!(error instanceof WriteFailure)) return failure([diagnostic('error', 'write-failed', ref.displayPath, {reason: (error as Error).message})])
    const path = relative(outputDir, error.path)
    // Note: the system's words stay English in `reason`; the key lets the reporter say it in the user's language.
    const localized = {reasonKey: `write.${error.why}`, path, code: error.code ?? ''}
    return failure([diagnostic('error', 'write-failed', ref.displayPath, {...localized, reason: `${path}: ${error.message}`})])
  }
  files.set(record.path, record.text)
  // Note: the hash of the text is the hash of the file: both are the same UTF-8 bytes.
  const name = (path: string): string => relative(outputDir, path).split(sep).join('/')
  const named = [...files].map(([path, text]) => [name(path), bytesHash(text)] as const)
  const stamps = [...committed.stamps].map(([path, stamp]) => [name(path), stamp] as const)
  const sorted = <T>(pairs: ReadonlyArray<readonly [string, T]>): Record<string, T> => Object.fromEntries([...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  return success({written: committed.changed, outputs: sorted(named), stamps: sorted(stamps)})
}
