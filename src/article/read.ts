import {readFile, stat} from 'node:fs/promises'
import {diagnostic} from '../diagnostics.js'
import {fileReason} from '../util/fs.js'
import {bytesHash} from '../util/hash.js'
import {stampOf} from '../util/stamp.js'
import {failure, success, type ArticleRef, type Outcome, type ReadArticle} from './article.js'

/** Inputs larger than this are refused unless the config says otherwise (10 MiB). */
export const DEFAULT_MAX_INPUT_BYTES = 10 * 1024 * 1024

/**
 * Stage: read the article as UTF-8 text. A binary file or invalid UTF-8 fails
 * with the place of the first bad byte; a BOM is dropped and CRLF/CR line
 * endings become LF.
 */
export async function readArticle(ref: ArticleRef, maxBytes = DEFAULT_MAX_INPUT_BYTES): Promise<Outcome<ReadArticle>> {
  let bytes: Buffer
  let inputStamp: string
  try {
    // Note: checked before reading, so that a huge file costs neither time nor memory; its stamp is
    // taken before reading too, so that a change made while it is read makes the next stamp differ.
    const info = await stat(ref.inputPath)
    const {size} = info
    if (size > maxBytes) return failure([diagnostic('error', 'input-too-large', ref.displayPath, {size, limit: maxBytes})])
    inputStamp = stampOf(info)
    bytes = await readFile(ref.inputPath)
  } catch (error) {
    const reasonKey = `error.fileReason.${fileReason((error as NodeJS.ErrnoException).code)}`
    return failure([diagnostic('error', 'read-failed', ref.displayPath, {reason: (error as Error).message, reasonKey})])
  }
  const decoded = decodeText(bytes)
  if (!decoded.ok) return failure([diagnostic('error', decoded.rule, ref.displayPath, {byte: decoded.offset}, decoded.place)])
  return success({ref, text: decoded.text, inputHash: bytesHash(bytes), inputStamp})
}

export type Decoded =
  | {readonly ok: true; readonly text: string}
  | {readonly ok: false; readonly rule: 'read-binary' | 'read-encoding'; readonly offset: number; readonly place: {line: number; column: number}}

const decoder = new TextDecoder('utf-8', {fatal: true, ignoreBOM: false})

/** Decode bytes as Markdown text, or say where and why they are not. */
export function decodeText(bytes: Uint8Array): Decoded {
  const nul = bytes.indexOf(0)
  if (nul >= 0) return {ok: false, rule: 'read-binary', offset: nul, place: placeOfByte(bytes, nul)}
  try {
    const text = decoder.decode(bytes)
    return {ok: true, text: text.replace(/\r\n?/g, '\n')}
  } catch {
    const offset = firstInvalidUtf8(bytes)
    return {ok: false, rule: 'read-encoding', offset, place: placeOfByte(bytes, offset)}
  }
}

function placeOfByte(bytes: Uint8Array, offset: number): {line: number; column: number} {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++
      lineStart = i + 1
    }
  }
  // Column in characters: decode the valid part of the line before the bad byte.
  const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset))
  return {line, column: [...before].length + 1}
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const byte = bytes[i] ?? 0
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0
    if (length === 0) return i
    const end = i + length
    if (end > bytes.length) return i
    try {
      decoder.decode(bytes.subarray(i, end))
    } catch {
      return i
    }
    i = end
  }
  return bytes.length
}
