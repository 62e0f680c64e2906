import {createHash} from 'node:crypto'

/** Hex SHA-256 of a string, cut to `length` characters (default: 64, the whole digest). */
export function sha256(text: string, length = 64): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length)
}

/** Short hex SHA-256 of a file's bytes or a text, for change detection. */
export function bytesHash(content: Uint8Array | string): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 32)
}
