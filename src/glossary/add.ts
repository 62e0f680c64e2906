import {readdir} from 'node:fs/promises'
import {join, relative, resolve} from 'node:path'
import {ConfigError} from '../errors.js'
import {readTextIfExists, writeFileAtomic} from '../util/fs.js'
import {addToGlossaryFile, type NewEntry} from './edit.js'
import {loadGlossary} from './load.js'
import type {Glossary} from './model.js'
import {parseGlossaryFile} from './parse-file.js'

/** The file new entries go to: `file` (below the folder), else the only file in the folder, else glossary.yaml. */
export async function targetFile(dir: string, file: string | undefined): Promise<string> {
  if (file !== undefined) return resolve(dir, file)
  const files = (await readdir(dir).catch(() => [] as string[])).filter((name) => /\.ya?ml$/i.test(name)).sort()
  return join(dir, files.length === 1 ? (files[0] as string) : 'glossary.yaml')
}

/**
 * Add entries to a glossary file, keeping its comments and order, after
 * checking them against the whole glossary: one it has already is skipped, a
 * conflict (the same German with another English) is refused and nothing is
 * written. The file is written only as a valid glossary, atomically.
 * @throws ConfigError('glossaryConflict'), GlossaryError for a glossary that is not valid.
 */
export async function addEntries(glossaryDir: string, cwd: string, entries: readonly NewEntry[], options: {readonly file?: string; readonly loaded?: Glossary} = {}): Promise<{added: number; skipped: number; path: string}> {
  const glossary = options.loaded ?? (await loadGlossary(glossaryDir, cwd))
  const path = await targetFile(glossaryDir, options.file)
  const fresh: NewEntry[] = []
  let skipped = 0
  for (const entry of entries) {
    const de = entry.kind === 'name' ? entry.name : entry.de
    const en = entry.kind === 'name' ? entry.name : entry.en
    const existing = [...glossary.entries, ...fresh.map(asEntry)].find((item) => item.de.toLowerCase() === de.toLowerCase() && (item.case === 'insensitive' || item.de === de))
    if (existing !== undefined) {
      if (existing.en === en && existing.kind === entry.kind) {
        skipped++
        continue
      }
      const where = entry.from === undefined ? '' : `${entry.from.file}:${entry.from.line}: `
      throw new ConfigError(`${where}"${de}" conflicts with ${existing.origin.file}:${existing.origin.line}, which renders it as "${existing.en}" (${existing.kind}); nothing was written`, {from: where, term: de, place: `${existing.origin.file}:${existing.origin.line}`, en: existing.en, kind: existing.kind}, 'glossaryConflict')
    }
    fresh.push(entry)
  }
  if (fresh.length > 0) {
    const before = (await readTextIfExists(path)) ?? ''
    const after = addToGlossaryFile(before, fresh)
    // The result must be a valid glossary before it replaces the file.
    parseGlossaryFile(after, relative(cwd, path))
    await writeFileAtomic(path, after)
  }
  return {added: fresh.length, skipped, path: relative(cwd, path)}
}

function asEntry(entry: NewEntry) {
  const de = entry.kind === 'name' ? entry.name : entry.de
  return {de, en: entry.kind === 'name' ? entry.name : entry.en, kind: entry.kind, case: 'insensitive' as const, origin: {file: 'new', line: 0}}
}
