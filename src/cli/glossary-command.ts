import {extractOptionsOf} from '../config/config.js'
import {resolve} from 'node:path'
import {openProject} from '../project/open.js'
import {tandemLayout} from '../project/layout.js'
import {ConfigError} from '../errors.js'
import {updateInGlossaryFile, type NewEntry} from '../glossary/edit.js'
import {addEntries as addToGlossary} from '../glossary/add.js'
import {exportCsv, exportTbx, importCsv, importTbx} from '../glossary/interchange.js'
import {loadGlossary} from '../glossary/load.js'
import {parseGlossaryFile} from '../glossary/parse-file.js'
import {GlossaryMatcher} from '../glossary/matcher.js'
import type {Glossary} from '../glossary/model.js'
import {suggestTerms} from '../glossary/suggest.js'
import {memoryFileName, TranslationMemory} from '../memory/store.js'
import {discoverArticles} from '../builder/discover.js'
import {GlossaryContext} from '../glossary/context.js'
import {readAndParse} from '../article/parse.js'
import type {Segment} from '../segment/model.js'
import {taggedToPlain} from '../segment/tags.js'
import {writeFileAtomic, readTextFile} from '../util/fs.js'
import {EXIT, type CliIo} from './io.js'
import type {Translate} from './i18n.js'

/** Options shared by the glossary commands. */
export interface GlossaryFlags {
  readonly glossary?: string
  readonly input?: string
  readonly output?: string
  readonly file?: string
  readonly json?: boolean
}

interface Paths {
  readonly glossaryDir: string
  readonly inputDir: string
  readonly outputDir: string
  readonly extract: ReturnType<typeof extractOptionsOf>
  readonly maxInputBytes: number
}

async function paths(io: CliIo, flags: GlossaryFlags): Promise<Paths> {
  const project = await openProject(io.cwd, flags)
  return {glossaryDir: project.glossaryDir, inputDir: project.inputDir, outputDir: project.outputDir, extract: extractOptionsOf(project.config), maxInputBytes: project.config.maxInputBytes}
}

/** Add entries to the glossary file `--file` names (see `glossary/add.ts`). */
async function addEntries(io: CliIo, flags: GlossaryFlags, entries: readonly NewEntry[], loaded?: Glossary): Promise<{added: number; skipped: number; path: string}> {
  const {glossaryDir} = await paths(io, flags)
  return addToGlossary(glossaryDir, io.cwd, entries, {...(flags.file === undefined ? {} : {file: flags.file}), ...(loaded === undefined ? {} : {loaded})})
}

/**
 * `glossary add` of an entry the glossary already has with the same English:
 * its note and forbidden renderings are updated in its own file (what is
 * given replaces the note, adds to the forbidden list); the line to print,
 * or undefined when the entry is new (or conflicts, which `addEntries` refuses).
 */
async function updateExisting(io: CliIo, glossary: Glossary, german: string, english: string | undefined, flags: GlossaryFlags & {name?: boolean; note?: string; forbid?: string[]}, t: Translate): Promise<string | undefined> {
  const kind = flags.name === true ? 'name' : 'term'
  const en = kind === 'name' ? german : english
  const existing = glossary.entries.find((item) => item.kind === kind && item.de === german && item.en === en)
  if (existing === undefined) return undefined
  const where = `${existing.origin.file}:${existing.origin.line}`
  const known = existing.kind === 'term' ? existing.forbidden : []
  const added = (flags.forbid ?? []).filter((item) => !known.includes(item))
  const note = flags.note !== undefined && flags.note !== existing.note ? flags.note : undefined
  if (note === undefined && added.length === 0) return t('commands.glossaryUnchanged', {term: german, where})
  if (added.length > 0 && kind === 'name') throw new ConfigError('a name has no forbidden renderings: it is never translated', {}, 'nameNoForbidden')
  const path = resolve(io.cwd, existing.origin.file)
  const after = updateInGlossaryFile(await readTextFile(path, existing.origin.file), kind, german, {...(note === undefined ? {} : {note}), forbidden: [...known, ...added]})
  parseGlossaryFile(after, existing.origin.file)
  await writeFileAtomic(path, after)
  const what = [...(note === undefined ? [] : [t('commands.glossaryNote')]), ...(added.length === 0 ? [] : [t('commands.glossaryForbidden', {list: added.map((item) => `"${item}"`).join(', ')})])]
  return t('commands.glossaryUpdated', {term: german, path: existing.origin.file, what: what.join('; ')})
}

/** `tandem glossary add <german> [english]`. */
export async function glossaryAdd(io: CliIo, german: string, english: string | undefined, flags: GlossaryFlags & {name?: boolean; note?: string; forbid?: string[]}, t: Translate): Promise<number> {
  if (german.trim() === '') throw new ConfigError('the German (the first argument of glossary add) is empty', {option: 'german'}, 'emptyGerman')
  if (english !== undefined && english.trim() === '') throw new ConfigError('the English (the second argument of glossary add) is empty', {option: 'english'}, 'emptyEnglish')
  const glossary = await loadGlossary((await paths(io, flags)).glossaryDir, io.cwd)
  const updated = await updateExisting(io, glossary, german, english, flags, t)
  if (updated !== undefined) {
    io.stdout.write(`${updated}\n`)
    return EXIT.ok
  }
  let entry: NewEntry
  if (flags.name === true) {
    if (english !== undefined && english !== german) throw new ConfigError('a name is never translated: give no English, or the same text', {}, 'nameNoEnglish')
    entry = {kind: 'name', name: german, ...(flags.note === undefined ? {} : {note: flags.note})}
  } else {
    if (english === undefined) throw new ConfigError('a term needs its English: tandem glossary add <german> <english> (or --name for a name)', {}, 'termNeedsEnglish')
    entry = {kind: 'term', de: german, en: english, forbidden: flags.forbid ?? [], ...(flags.note === undefined ? {} : {note: flags.note})}
  }
  const result = await addEntries(io, flags, [entry], glossary)
  io.stdout.write(`${t(result.added === 1 ? 'commands.glossaryAdded' : 'commands.glossaryAlready', {term: german, path: result.path})}\n`)
  return EXIT.ok
}

/** `tandem glossary list`. */
export async function glossaryList(io: CliIo, flags: GlossaryFlags, t: Translate): Promise<number> {
  const glossary = await loadGlossary((await paths(io, flags)).glossaryDir, io.cwd)
  if (flags.json === true) {
    io.stdout.write(`${JSON.stringify(glossary.entries, null, 2)}\n`)
    return EXIT.ok
  }
  for (const entry of glossary.entries) {
    const forbidden = entry.kind === 'term' && entry.forbidden.length > 0 ? `  (${t('commands.listNot', {list: entry.forbidden.join(', ')})})` : ''
    const note = entry.note === undefined ? '' : `  — ${entry.note}`
    const forms = entry.forms.length > 0 ? `  (${t('commands.listForms', {list: entry.forms.join(', ')})})` : ''
    io.stdout.write(`${entry.kind.padEnd(4)}  ${entry.de} → ${entry.en}${forms}${forbidden}${note}  [${entry.origin.file}:${entry.origin.line}]\n`)
  }
  io.stdout.write(`${t('commands.listTotal', {count: glossary.entries.length, files: glossary.files.length})}\n`)
  return EXIT.ok
}

/** Every article with its segments (none when it cannot be read or parsed). */
async function loadArticles(io: CliIo, p: Paths): Promise<Array<{readonly displayPath: string; readonly segments: readonly Segment[]}>> {
  const articles = await discoverArticles({cwd: io.cwd, inputDir: p.inputDir, outputDir: p.outputDir})
  return Promise.all(
    articles.map(async (article) => {
      const parsed = await readAndParse(article, {...p.extract, maxBytes: p.maxInputBytes})
      return {displayPath: article.displayPath, segments: parsed.ok ? parsed.value.extraction.segments : []}
    })
  )
}

/**
 * `tandem glossary check`: the glossary is valid, where each entry occurs in
 * the input, and whether the translations in the memory comply. Exit 1 when
 * a translation violates the glossary.
 */
export async function glossaryCheck(io: CliIo, flags: GlossaryFlags, t: Translate): Promise<number> {
  const p = await paths(io, flags)
  const glossary = await loadGlossary(p.glossaryDir, io.cwd)
  const context = new GlossaryContext(glossary)
  const memory = await TranslationMemory.open(tandemLayout(p.outputDir).dir, memoryFileName('de', 'en'))
  const articles = await loadArticles(io, p)
  const report = glossary.entries.map((entry) => ({entry, occurrences: [] as string[], violations: [] as Array<{place: string; kind: string; found: string; sentence: string}>}))
  const byEntry = new Map(report.map((item) => [item.entry, item]))
  let untranslated = 0
  for (const article of articles) {
    for (const segment of article.segments) {
      const matches = context.matches(segment.source)
      if (matches.length === 0) continue
      const place = `${article.displayPath}:${segment.place.line}:${segment.place.column}`
      for (const match of matches) byEntry.get(match.entry)?.occurrences.push(place)
      const english = memory.get(segment.source)?.target
      if (english === undefined) {
        untranslated++
        continue
      }
      for (const violation of context.violations(segment.source, english)) {
        byEntry.get(violation.entry)?.violations.push({place, kind: violation.kind, found: violation.text, sentence: taggedToPlain(segment.source)})
      }
    }
  }
  const violations = report.reduce((sum, item) => sum + item.violations.length, 0)
  if (flags.json === true) {
    io.stdout.write(
      `${JSON.stringify(
        {
          valid: true,
          files: glossary.files,
          entries: report.map(({entry, occurrences, violations: found}) => ({kind: entry.kind, de: entry.de, en: entry.en, occurrences, violations: found})),
          violations,
          untranslated
        },
        null,
        2
      )}\n`
    )
  } else {
    io.stdout.write(`${t('commands.glossaryValid', {count: glossary.entries.length, files: glossary.files.join(', ') || t('commands.noFiles')})}\n`)
    for (const {entry, occurrences, violations: found} of report) {
      io.stdout.write(`${entry.de} → ${entry.en}: ${t('commands.occurrences', {count: occurrences.length})}${found.length > 0 ? `, ${t('commands.violations', {count: found.length})}` : ''}\n`)
      for (const violation of found) io.stdout.write(`  ${violation.place}  ${violation.kind === 'missing' ? t('commands.termMissing', {en: entry.en}) : t('commands.termForbidden', {found: violation.found})}\n`)
    }
    io.stdout.write(`${t('commands.violations', {count: violations})}${untranslated > 0 ? `; ${t('commands.untranslatedTerms', {count: untranslated})}` : ''}\n`)
  }
  return violations > 0 ? EXIT.problems : EXIT.ok
}

/** `tandem glossary suggest`: candidates from the input that the glossary lacks. */
export async function glossarySuggest(io: CliIo, flags: GlossaryFlags & {limit?: string}, t: Translate): Promise<number> {
  const p = await paths(io, flags)
  const glossary = await loadGlossary(p.glossaryDir, io.cwd)
  const articles = await loadArticles(io, p)
  const sources = articles.flatMap((article) =>
    article.segments.map((segment) => ({text: taggedToPlain(segment.source), place: `${article.displayPath}:${segment.place.line}`}))
  )
  const suggestions = suggestTerms(sources, new GlossaryMatcher(glossary.entries), flags.limit === undefined ? 30 : Number(flags.limit))
  if (flags.json === true) {
    io.stdout.write(`${JSON.stringify(suggestions, null, 2)}\n`)
    return EXIT.ok
  }
  for (const item of suggestions) io.stdout.write(`${item.text}  (${t(`commands.suggestKind.${item.kind}`)}, ${item.count}×)  ${item.places.join(' ')}\n`)
  if (suggestions.length === 0) io.stdout.write(`${t('commands.noCandidates')}\n`)
  return EXIT.ok
}

/** `tandem glossary export --csv|--tbx [--out FILE]`. */
export async function glossaryExport(io: CliIo, flags: GlossaryFlags & {csv?: boolean; tbx?: boolean; out?: string}, t: Translate): Promise<number> {
  if ((flags.csv === true) === (flags.tbx === true)) throw new ConfigError('choose one format: --csv or --tbx', {formats: '--csv, --tbx'}, 'chooseFormat')
  const glossary: Glossary = await loadGlossary((await paths(io, flags)).glossaryDir, io.cwd)
  const text = flags.csv === true ? exportCsv(glossary) : exportTbx(glossary)
  if (flags.out === undefined) io.stdout.write(text)
  else {
    await writeFileAtomic(resolve(io.cwd, flags.out), text)
    io.stdout.write(`${t('commands.glossaryWrote', {path: flags.out, count: glossary.entries.length})}\n`)
  }
  return EXIT.ok
}

/** `tandem glossary import FILE.csv|FILE.tbx`: adds what is new, refuses conflicts. */
export async function glossaryImport(io: CliIo, file: string, flags: GlossaryFlags, t: Translate): Promise<number> {
  const text = await readTextFile(resolve(io.cwd, file), file)
  const entries = /\.csv$/i.test(file) ? importCsv(text, file) : /\.tbx$|\.xml$/i.test(file) ? importTbx(text, file) : undefined
  if (entries === undefined) throw new ConfigError(`import takes a .csv (DeepL format) or .tbx file, not ${file}`, {types: '.csv (DeepL), .tbx', file}, 'importType')
  const result = await addEntries(io, flags, entries)
  io.stdout.write(`${t('commands.glossaryImported', {count: result.added, path: result.path})}${result.skipped > 0 ? ` (${t('commands.alreadyThere', {count: result.skipped})})` : ''}\n`)
  return EXIT.ok
}
