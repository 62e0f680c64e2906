import {join, relative, resolve} from 'node:path'
import {articleStem, dialectOfInput} from '../project/layout.js'
import {openProject, type FolderFlags} from '../project/open.js'
import {selectArticles} from '../project/select.js'
import {ConfigError} from '../errors.js'
import {loadGlossary} from '../glossary/load.js'
import {memoryFileName, TranslationMemory} from '../memory/store.js'
import {discoverArticles} from '../builder/discover.js'
import {acquireOutputLock} from '../builder/lock.js'
import {GlossaryContext} from '../glossary/context.js'
import {exportTmx, exportXliff, ImportError, importTmx, readXliff, type ImportCandidate, type XliffMatch} from '../review/interchange.js'
import {reviewerNow} from '../review/human.js'
import {pendingEdits, planImport, type BuiltArticle} from '../review/import.js'
import {diagnostic} from '../diagnostics.js'
import {formatDiagnostic} from './reporter.js'
import {loadRecord, type ArticleRecord} from '../review/record.js'
import {normalizeTagged} from '../segment/tags.js'
import {writeFileAtomic, readTextFile} from '../util/fs.js'
import {EXIT, type CliIo} from './io.js'
import type {Translate} from './i18n.js'

async function setup(io: CliIo, flags: FolderFlags, lock?: 'import') {
  const project = await openProject(io.cwd, flags)
  const {config, outputDir} = project
  // Note: taken before the memory is read, so that a running build's translations are not overwritten.
  const held = lock === undefined ? undefined : await acquireOutputLock(outputDir, lock)
  const memory = await TranslationMemory.open(project.layout.dir, memoryFileName('de', 'en'))
  return {project, config, outputDir, memory, release: async () => held?.release()}
}

/** `tandem export [article] --xliff|--tmx [--out DIR]`: XLIFF 2.1 per article (exit 1 if one was never built), TMX 1.4b of the memory. */
export async function exportCommand(io: CliIo, flags: FolderFlags & {xliff?: boolean; tmx?: boolean; out?: string}, t: Translate, only?: string): Promise<number> {
  if ((flags.xliff === true) === (flags.tmx === true)) throw new ConfigError('choose one format: --xliff or --tmx', {formats: '--xliff, --tmx'}, 'chooseFormat')
  const {project, config, outputDir, memory} = await setup(io, flags)
  const out = resolve(io.cwd, flags.out ?? 'exports')
  if (flags.tmx === true) {
    const path = join(out, 'memory.de-en.tmx')
    await writeFileAtomic(path, exportTmx(memory.all()))
    io.stdout.write(`${t('commands.wroteTmx', {path: relative(io.cwd, path), count: memory.size})}\n`)
    return EXIT.ok
  }
  const context = new GlossaryContext(await loadGlossary(project.glossaryDir, io.cwd))
  const articles = selectArticles(await discoverArticles({cwd: io.cwd, inputDir: project.inputDir, outputDir}), only, io.cwd, project.inputDir)
  let unbuilt = 0
  const candidates = await candidatesOf(memory, config.fuzzy.show)
  for (const article of articles) {
    const record = await loadRecord(outputDir, article.name)
    if (record === undefined) {
      io.stderr.write(`${t('commands.notBuilt', {path: article.displayPath})}\n`)
      unbuilt++
      continue
    }
    const path = join(out, `${articleStem(article.name)}.xlf`)
    await writeFileAtomic(path, exportXliff(article.displayPath, record, (source) => context.hints(source), (unit) => candidates(unit.source)))
    io.stdout.write(`${t('commands.wroteXliff', {path: relative(io.cwd, path), count: record.units.length})}\n`)
  }
  return unbuilt > 0 ? EXIT.problems : EXIT.ok
}

/** The memory's similar sentences for a German sentence (at most 3, at or above `minimum`), as XLIFF translation candidates. */
async function candidatesOf(memory: TranslationMemory, minimum: number): Promise<(source: string) => XliffMatch[]> {
  if (memory.size === 0) return () => []
  const {FuzzyIndex} = await import('../memory/fuzzy.js')
  const index = new FuzzyIndex(memory.all().map((entry) => ({source: entry.source, reviewed: entry.status === 'reviewed'})))
  return (source) =>
    index.find(source, minimum, 3).flatMap((match) => {
      const entry = memory.get(match.source)
      return entry === undefined ? [] : [{source: match.source, target: entry.target, similarity: match.score, origin: entry.provider, reviewed: entry.status === 'reviewed'}]
    })
}

/**
 * `tandem import FILE.xlf|FILE.tmx`. XLIFF: each unit must be a sentence of
 * a built article, with its German unchanged; its target comes back as
 * reviewed. TMX: entries go into the memory (a reviewed entry is never
 * replaced by a machine one). Every translation goes the one way of a
 * person's (see `review/import.ts`); a refused one is named with its line,
 * and nothing is stored if anything is wrong.
 */
export async function importCommand(io: CliIo, file: string, flags: FolderFlags, t: Translate): Promise<number> {
  const {project, config, outputDir, memory, release} = await setup(io, flags, 'import')
  try {
    return await importInto(io, file, {project, config, outputDir, memory}, t)
  } finally {
    await release()
  }
}

async function importInto(io: CliIo, file: string, {project, outputDir, memory}: Omit<Awaited<ReturnType<typeof setup>>, 'release'>, t: Translate): Promise<number> {
  if (!/\.(?:tmx|xlf|xliff)$/i.test(file)) throw new ConfigError(`import takes an XLIFF (.xlf) or TMX (.tmx) file, not ${file}`, {types: 'XLIFF (.xlf), TMX (.tmx)', file}, 'importType')
  const text = await readTextFile(resolve(io.cwd, file), file)
  const built: BuiltArticle[] = []
  for (const article of await discoverArticles({cwd: io.cwd, inputDir: project.inputDir, outputDir})) {
    const record = await loadRecord(outputDir, article.name)
    if (record !== undefined) built.push({record, en: article.outputs.en, de: article.outputs.de, shown: relative(io.cwd, article.outputs.en), dialect: dialectOfInput(article.name)})
  }
  const {candidates, unchanged} = /\.tmx$/i.test(file) ? {candidates: importTmx(text, file), unchanged: 0} : xliffCandidates(text, file, built.map((item) => item.record))
  const plan = planImport(file, candidates, memory, (await pendingEdits(built)).edits, reviewerNow(io.env, io.cwd))
  if (plan.refusals.length > 0) {
    for (const refusal of plan.refusals) io.stderr.write(`${formatDiagnostic(t, diagnostic('error', refusal.rule, refusal.file, refusal.params, {line: refusal.line, column: 1}))}\n`)
    io.stderr.write(`${t('commands.importRefused', {count: plan.refusals.length, file})}\n`)
    return EXIT.problems
  }
  const entries = [...plan.entries]
  await memory.record(entries)
  await memory.save()
  const kept = plan.unchanged + unchanged
  io.stdout.write(`${t(kept > 0 ? 'commands.importedSome' : 'commands.importedMemory', {count: entries.length, unchanged: kept, file})}\n`)
  return EXIT.ok
}

/**
 * The units of an XLIFF file as translations to import: each must be a
 * sentence of a built article, its German unchanged; `unchanged` counts the
 * units that bring the article's English back as it was.
 */
function xliffCandidates(text: string, file: string, records: readonly ArticleRecord[]): {candidates: ImportCandidate[]; unchanged: number} {
  const units = new Map(records.flatMap((record) => record.units.map((unit) => [unit.id, unit] as const)))
  let unchanged = 0
  const candidates = readXliff(text, file).flatMap((item): ImportCandidate[] => {
    const unit = units.get(item.id)
    if (unit === undefined) throw new ImportError(file, item.line, `unit "${item.id}" is no sentence of a built article`, 'unitUnknown', {id: item.id})
    if (normalizeTagged(item.source) !== unit.source) throw new ImportError(file, item.line, `unit "${item.id}": the German source was changed`, 'unitSourceChanged', {id: item.id})
    // Note: an empty target is a unit nobody translated yet, not an empty translation.
    if (normalizeTagged(item.target) === '') return []
    // The machine's English sent back as it was is no person's translation, unless the translator approved it (state "final").
    if (normalizeTagged(item.target) === unit.target && unit.status !== 'reviewed' && item.state !== 'final') {
      unchanged++
      return []
    }
    return [{source: unit.source, target: item.target, line: item.line, status: 'reviewed', provider: 'human', ...(item.state === 'final' ? {approval: true} : {})}]
  })
  return {candidates, unchanged}
}
