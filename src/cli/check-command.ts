import {extractOptionsOf} from '../config/config.js'
import {realpathSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import pLimit from 'p-limit'
import {join, relative, sep} from 'node:path'
import {excerpt} from '../article/excerpt.js'
import {discoverArticles} from '../builder/discover.js'
import {loadState} from '../builder/state.js'
import {diagnostic, type Diagnostic, type Place} from '../diagnostics.js'
import {ConfigError} from '../errors.js'
import {GlossaryContext} from '../glossary/context.js'
import {loadGlossary} from '../glossary/load.js'
import {memoryFileName, TranslationMemory, type MemoryEntry} from '../memory/store.js'
import {openProject, type FolderFlags} from '../project/open.js'
import {pendingEdits, type BuiltArticle} from '../review/import.js'
import {dialectOfInput} from '../project/layout.js'
import {loadRecord} from '../review/record.js'
import {taggedToPlain} from '../segment/tags.js'
import {bytesHash} from '../util/hash.js'
import type {Translate} from './i18n.js'
import {buildFingerprint} from '../builder/fingerprint.js'
import {outputSettings} from './build-settings.js'
import {changedSince, revisionOf} from './git.js'
import {consistencyProblems, type RecordAt} from './consistency-report.js'
import {EXIT, type CliIo} from './io.js'
import {formatDiagnostic, ruleText, sortDiagnostics} from './reporter.js'

export interface CheckFlags extends FolderFlags {
  readonly strict?: boolean
  readonly requireReviewed?: boolean
  readonly format?: string
  /** With `requireReviewed`: only the articles whose input changed since this git revision. */
  readonly since?: string
}

/**
 * `tandem check`: the CI gate. Reads inputs, glossary, memory, records and
 * state; sends nothing, writes nothing. Exit 1 when an article has sentences
 * without a translation, German changed since the last build (its outputs no
 * longer match), `.en.md` edits the next build would refuse, or, with
 * `--strict`, glossary violations, or, with `--require-reviewed`, machine
 * translations nobody reviewed. One line per problem, or GitHub workflow
 * commands (`--format github`), or JSON.
 */
export async function checkCommand(io: CliIo, flags: CheckFlags, t: Translate): Promise<number> {
  const format = flags.format ?? 'text'
  if (format !== 'text' && format !== 'github' && format !== 'json') throw new ConfigError('option --format must be text, github or json', {option: 'format', list: 'text, github, json'}, 'formatChoice')
  const project = await openProject(io.cwd, flags)
  const {config, inputDir, outputDir} = project
  const articles = await discoverArticles({cwd: io.cwd, inputDir, outputDir})
  // Note: read-only: a build may be running; the check never cuts its journal.
  const memory = await TranslationMemory.open(project.layout.dir, memoryFileName('de', 'en'), {readOnly: true})
  const glossary = await loadGlossary(project.glossaryDir, io.cwd)
  const context = new GlossaryContext(glossary)
  const state = await loadState(outputDir)
  const problems: Diagnostic[] = []
  const built: BuiltArticle[] = []
  const conflicted = new Set<string>()
  // Note: the articles whose German changed since the revision (changed, added, untracked), for --require-reviewed.
  const since = flags.since === undefined ? undefined : await changedSince(await revisionOf(io, inputDir, flags.since, '--since'), inputDir)
  const fingerprint = buildFingerprint(await outputSettings(config), glossary)
  // Note: articles are looked at 16 at a time, as the build reads them: the check waits on files, not on the processor.
  const limit = pLimit(16)
  const records = new Map<string, BuiltArticle>()
  const everyRecord = new Map<string, RecordAt>()
  const look = async (article: (typeof articles)[number]): Promise<void> => {
    const entry = state.articles[article.name]
    const input = await readFile(article.inputPath).then(bytesHash, () => undefined)
    // Note: an output the build wrote that is gone or changed (other than .en.md, where a reviewer's edits wait for the build) is stale too.
    const en = relative(outputDir, article.outputs.en).split(sep).join('/')
    const outputs = Object.entries(entry?.outputs ?? {}).filter(([file]) => file !== en)
    const changed = await Promise.all(outputs.map(async ([file, hash]) => (await readFile(join(outputDir, file)).then(bytesHash, () => undefined)) !== hash))
    const record = await loadRecord(outputDir, article.name)
    if (record !== undefined) everyRecord.set(article.name, {shown: relative(io.cwd, article.outputs.en), record})
    const enBytes = await readFile(article.outputs.en).catch(() => undefined)
    // Note: the memory holding other English than the files were written with (a merge took a review) is stale too: the build would rewrite them.
    const outdated = record?.units.some((unit) => {
      const known = memory.get(unit.source)
      return known !== undefined && (known.target !== unit.target || (known.status === 'reviewed') !== (unit.status === 'reviewed'))
    })
    const stale = entry?.input === undefined || entry.input !== input || changed.some(Boolean) || enBytes === undefined || outdated === true
    if (stale) problems.push(diagnostic('error', 'check-stale', article.displayPath, {}))
    // Note: an .en.md with the bytes the build wrote holds no edits: only the others are read line by line.
    const written = entry?.outputs?.[en]
    const untouched = written !== undefined && enBytes !== undefined && bytesHash(enBytes) === written
    if (record !== undefined && !untouched) records.set(article.name, {record, en: article.outputs.en, de: article.outputs.de, shown: relative(io.cwd, article.outputs.en), dialect: dialectOfInput(article.name)})
    const asked = flags.requireReviewed === true && (since === undefined || since.has(realpathSync(article.inputPath)))
    // Note: an article as its last build (with these settings) left it, whose every sentence the memory still has
    // without a conflict (and reviewed, where asked): nothing to report, so nothing to parse. The rest is read to say where.
    const clean =
      !stale &&
      record !== undefined &&
      entry?.fingerprint === fingerprint &&
      flags.strict !== true &&
      record.units.every((unit) => {
        const known = memory.get(unit.source)
        if (known === undefined) return !/\p{L}/u.test(taggedToPlain(unit.source))
        return known.conflict === undefined && (!asked || known.status === 'reviewed')
      })
    if (clean) return
    const {readAndParse} = await import('../article/parse.js')
    const parsed = await readAndParse(article, {...extractOptionsOf(config), maxBytes: config.maxInputBytes})
    if (!parsed.ok) {
      problems.push(...parsed.messages.filter((item) => item.severity === 'error'))
      return
    }
    const segments = parsed.value.extraction.segments.filter((segment) => segment.translatable)
    for (const segment of segments) {
      const known = memory.get(segment.source)
      const sentence = excerpt(taggedToPlain(segment.source))
      if (known === undefined) problems.push(diagnostic('error', 'check-missing', article.displayPath, {sentence}, segment.place))
      else if (known.conflict !== undefined) {
        problems.push(conflictProblem(known, article.displayPath, segment.place))
        conflicted.add(known.source)
      } else if (asked && known.status !== 'reviewed') problems.push(diagnostic('error', 'check-unreviewed', article.displayPath, {sentence}, segment.place))
    }
    if (flags.strict === true && config.qa.glossary) {
      const {checkArticle} = await import('../article/check.js')
      const found = checkArticle(article.displayPath, segments, {context, english: (source) => memory.get(source)?.target, reviewed: (source) => memory.get(source)?.status === 'reviewed', checks: new Set(), glossary: true})
      problems.push(...found.map((item) => ({...item, severity: 'error' as const})))
    }
  }
  await Promise.all(articles.map((article) => limit(() => look(article))))
  // The records in the articles' order, for the edits the next build would refuse.
  for (const article of articles) {
    const record = records.get(article.name)
    if (record !== undefined) built.push(record)
  }
  // Note: a conflict on a sentence no article has any more is listed too, at the memory: it is still undecided.
  for (const entry of memory.all()) {
    if (entry.conflict !== undefined && !conflicted.has(entry.source)) problems.push(conflictProblem(entry, relative(io.cwd, memory.path)))
  }
  for (const refused of (await pendingEdits(built)).refused) problems.push(diagnostic('error', refused.rule, refused.file, refused.params, {line: refused.line, column: 1}))
  // Note: the same German rendered two ways is a warning (a reviewer decides which is right), an error with --strict.
  if (config.qa.consistency) {
    const inOrder = articles.flatMap((article) => everyRecord.get(article.name) ?? [])
    problems.push(...consistencyProblems(inOrder, glossary).map((item) => (flags.strict === true ? {...item, severity: 'error' as const} : item)))
  }
  const sorted = sortDiagnostics(problems)
  const failing = sorted.filter((item) => item.severity === 'error').length
  if (format === 'json') io.stdout.write(`${JSON.stringify({ok: failing === 0, problems: sorted.map((item) => ({...item, message: ruleText(t, item)}))}, null, 2)}\n`)
  else {
    for (const item of sorted) io.stdout.write(`${format === 'github' ? githubLine(item, t) : formatDiagnostic(t, item)}\n`)
    io.stdout.write(`${t('commands.checkSummary', {articles: articles.length, count: failing})}${sorted.length > failing ? t('commands.checkWarnings', {count: sorted.length - failing}) : ''}\n`)
  }
  return failing === 0 ? EXIT.ok : EXIT.problems
}

/** A sentence a merge left translated two ways, with both versions. */
function conflictProblem(entry: MemoryEntry, path: string, place?: Place): Diagnostic {
  const other = entry.conflict === undefined || 'removed' in entry.conflict ? '—' : excerpt(taggedToPlain(entry.conflict.target ?? ''))
  return diagnostic('error', 'check-conflict', path, {sentence: excerpt(taggedToPlain(entry.source)), current: excerpt(taggedToPlain(entry.target)), other}, place)
}

/** A GitHub Actions workflow command: the problem shows on the pull request's diff. */
function githubLine(item: Diagnostic, t: Translate): string {
  const escape = (text: string, property: boolean): string => {
    const out = text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
    return property ? out.replace(/:/g, '%3A').replace(/,/g, '%2C') : out
  }
  const where = [`file=${escape(item.path, true)}`, ...(item.place === undefined ? [] : [`line=${item.place.line}`, `col=${item.place.column}`]), `title=${escape(item.rule, true)}`]
  return `::${item.severity === 'error' ? 'error' : 'warning'} ${where.join(',')}::${escape(ruleText(t, item), false)}`
}
