import {readdir} from 'node:fs/promises'
import {join, relative} from 'node:path'
import {isTandemError} from '../errors.js'
import {readTextFile} from '../util/fs.js'
import type {Glossary, GlossaryEntry, QuoteEntry} from './model.js'
import {GlossaryError} from './errors.js'
import {quoteKey} from './quotes.js'

export {GlossaryError} from './errors.js'

/**
 * Read every `*.yaml`/`*.yml` file in `dir` (a missing folder is an empty
 * glossary) and validate the whole: unknown fields, empty entries, duplicates
 * and conflicts (one German term with two English renderings) are errors that
 * name the file and line.
 * @throws GlossaryError
 */
export async function loadGlossary(dir: string, cwd: string): Promise<Glossary> {
  let names: string[]
  try {
    names = (await readdir(dir)).filter((name) => /\.ya?ml$/i.test(name)).sort()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {entries: [], files: []}
    throw error
  }
  const entries: GlossaryEntry[] = []
  const files: string[] = []
  // Note: the YAML reader loads only when there is a file to read (it costs a build with no glossary tens of ms).
  const {parseGlossaryDocument} = names.length > 0 ? await import('./parse-file.js') : {parseGlossaryDocument: undefined}
  const quotes: QuoteEntry[] = []
  for (const name of names) {
    if (parseGlossaryDocument === undefined) break
    const path = join(dir, name)
    const display = relative(cwd, path) || path
    let text: string
    try {
      text = await readTextFile(path, display)
    } catch (error) {
      if (isTandemError(error, 'input-unreadable')) throw new GlossaryError(display, 1, 'not valid UTF-8', 'notUtf8')
      throw error
    }
    const parsed = parseGlossaryDocument(text, display)
    entries.push(...parsed.entries)
    quotes.push(...parsed.quotes)
    files.push(display)
  }
  checkConflicts(entries)
  checkQuotes(quotes)
  return quotes.length === 0 ? {entries, files} : {entries, quotes, files}
}

/** One German wording, one original: the same quotation twice is an error naming both places. */
function checkQuotes(quotes: readonly QuoteEntry[]): void {
  const seen = new Map<string, QuoteEntry>()
  for (const quote of quotes) {
    // Note: compared as matched: „…Plan B.“ and „…Plan B“ are one quotation.
    const key = quoteKey(quote.de)
    const other = seen.get(key)
    if (other === undefined) {
      seen.set(key, quote)
      continue
    }
    const place = `${other.origin.file}:${other.origin.line}`
    if (other.en === quote.en) throw new GlossaryError(quote.origin.file, quote.origin.line, `duplicate of "${other.de}" at ${place}`, 'duplicate', {term: other.de, place})
    throw new GlossaryError(quote.origin.file, quote.origin.line, `the quotation „${quote.de}“ is already at ${place} with other English words`, 'quoteConflict', {quote: quote.de, place})
  }
}
/** Duplicates and conflicts across all files: one German entry, one English rendering. */
function checkConflicts(entries: readonly GlossaryEntry[]): void {
  const seen = new Map<string, GlossaryEntry>()
  for (const entry of entries) {
    const key = entry.case === 'sensitive' ? entry.de : entry.de.toLowerCase()
    const other = seen.get(key) ?? seen.get(entry.de.toLowerCase())
    if (other !== undefined) {
      const place = `${other.origin.file}:${other.origin.line}`
      if (other.en === entry.en && other.kind === entry.kind) {
        throw new GlossaryError(entry.origin.file, entry.origin.line, `duplicate of "${other.de}" at ${place}`, 'duplicate', {term: other.de, place})
      }
      const reason = `"${entry.de}" conflicts with ${place}, which renders it as "${other.en}" (${other.kind})`
      throw new GlossaryError(entry.origin.file, entry.origin.line, reason, 'conflict', {term: entry.de, place, en: other.en, kind: other.kind})
    }
    seen.set(key, entry)
  }
}
