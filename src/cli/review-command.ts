import {execFile} from 'node:child_process'
import {dirname, relative} from 'node:path'
import {promisify} from 'node:util'
import {extractOptionsOf, type TandemConfig} from '../config/config.js'
import {openProject, type FolderFlags} from '../project/open.js'
import {selectArticles} from '../project/select.js'
import {loadGlossary} from '../glossary/load.js'
import {memoryFileName, TranslationMemory} from '../memory/store.js'
import type {Article} from '../article/article.js'
import {checkArticle} from '../article/check.js'
import {discoverArticles} from '../builder/discover.js'
import {GlossaryContext} from '../glossary/context.js'
import {parseArticle, readAndParse} from '../article/parse.js'
import {QA_CHECKS} from '../qa/checks.js'
import {alignUnits} from '../review/diff.js'
import {loadRecord, type ArticleRecord} from '../review/record.js'
import {reviewRows, type ReviewRow} from '../review/rows.js'
import {highlight, palette, showDiff, sideBySide} from '../review/view.js'
import {taggedToPlain} from '../segment/tags.js'
import {ConfigError} from '../errors.js'
import {changesComment, COMMENT_LIMIT, type CommentLabels} from '../review/comment.js'
import {revisionOf, type Revision} from './git.js'
import {EXIT, type CliIo} from './io.js'
import type {Translate} from './i18n.js'

interface Loaded {
  readonly config: TandemConfig
  readonly articles: Article[]
  readonly records: Map<Article, ArticleRecord>
  readonly context: GlossaryContext
  readonly memory: TranslationMemory
  readonly checks: Set<(typeof QA_CHECKS)[number]>
  readonly extract: ReturnType<typeof extractOptionsOf>
}

async function load(io: CliIo, only: string | undefined, flags: FolderFlags): Promise<Loaded> {
  const project = await openProject(io.cwd, flags)
  const {config, inputDir, outputDir} = project
  let articles = await discoverArticles({cwd: io.cwd, inputDir, outputDir})
  articles = selectArticles(articles, only, io.cwd, inputDir)
  const records = new Map<Article, ArticleRecord>()
  for (const article of articles) {
    const record = await loadRecord(outputDir, article.name)
    if (record !== undefined) records.set(article, record)
  }
  return {
    config,
    articles,
    records,
    context: new GlossaryContext(await loadGlossary(project.glossaryDir, io.cwd)),
    memory: await TranslationMemory.open(project.layout.dir, memoryFileName('de', 'en')),
    checks: new Set(QA_CHECKS.filter((check) => config.qa[check])),
    extract: extractOptionsOf(config)
  }
}

/** Rows whose German changed since a git revision: old German from git, old English from the memory. */
async function changedSince(article: Article, record: ArticleRecord, {top, commit}: Revision, loaded: Loaded): Promise<ReviewRow[]> {
  const path = relative(top, article.inputPath).split('\\').join('/')
  // Note: an article that did not exist at that revision is new: every sentence of it changed.
  const old = await promisify(execFile)('git', ['show', `${commit}:${path}`], {cwd: top, maxBuffer: 64 * 1024 * 1024}).then(
    ({stdout}) => stdout,
    () => ''
  )
  // Note: read as the build reads the article (a .txt as scraped text, with its drop patterns).
  const parsed = await parseArticle({ref: article, text: old.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), inputHash: ''}, loaded.extract)
  const oldSources = (parsed.ok ? parsed.value.extraction.segments : []).filter((s) => s.translatable).map((s) => s.source)
  const rows = reviewRows(record, loaded.context, loaded.checks)
  const {match, changed} = alignUnits(oldSources, record.units.map((unit) => unit.source))
  return rows.flatMap((row, index) => {
    const before = oldSources[match[index] ?? -1]
    // Note: a sentence with nothing before it at that revision is new: it changed from nothing.
    if (before === undefined) return [{...row, changed: true, previous: {de: '', en: ''}}]
    if (!changed.has(index)) return []
    return [{...row, changed: true, previous: {de: taggedToPlain(before), en: taggedToPlain(loaded.memory.get(before)?.target ?? '')}}]
  })
}

/** `tandem review [article] [--changed [REV]] [--json]`. */
export async function reviewCommand(io: CliIo, article: string | undefined, flags: FolderFlags & {changed?: string | boolean; json?: boolean; format?: string}, t: Translate): Promise<number> {
  if (flags.format !== undefined && flags.format !== 'text' && flags.format !== 'json' && flags.format !== 'markdown') throw new ConfigError('option --format must be text, json or markdown', {option: 'format', list: 'text, json, markdown'}, 'formatChoice')
  const loaded = await load(io, article, flags)
  const colors = palette(io.stdout.isTTY === true && io.env['NO_COLOR'] === undefined)
  const width = io.stdout.columns ?? 120
  const out: Array<{article: string; rows: ReviewRow[]}> = []
  let unbuilt = 0
  let revision: Promise<Revision> | undefined
  for (const item of loaded.articles) {
    const record = loaded.records.get(item)
    if (record === undefined) {
      io.stderr.write(`${t('commands.notBuilt', {path: item.displayPath})}\n`)
      unbuilt++
      continue
    }
    let rows: ReviewRow[]
    if (typeof flags.changed === 'string') rows = await changedSince(item, record, await (revision ??= revisionOf(io, dirname(item.inputPath), flags.changed, '--changed')), loaded)
    else if (flags.changed === true) rows = reviewRows(record, loaded.context, loaded.checks).filter((row) => row.changed)
    else rows = reviewRows(record, loaded.context, loaded.checks)
    out.push({article: item.displayPath, rows})
  }
  // Note: an article never built has nothing to review: the command says so and fails, after the rest.
  const code = unbuilt > 0 ? EXIT.problems : EXIT.ok
  if (flags.format === 'markdown') {
    const top = revision === undefined ? undefined : (await revision).top
    const since = typeof flags.changed === 'string' ? flags.changed : undefined
    const english = new Map(loaded.articles.map((item) => [item.displayPath, item.outputs.en]))
    const labels: CommentLabels = {
      title: since === undefined ? t('commands.commentTitle') : t('commands.commentTitleSince', {revision: since}),
      article: (path, count) => t('commands.commentArticle', {path, count}),
      line: t('commands.commentLine'),
      german: t('commands.commentGerman'),
      english: t('commands.commentEnglish'),
      nothing: t('commands.commentNothing'),
      cut: (sentences, articles) => t('commands.commentCut', {sentences, articles, limit: COMMENT_LIMIT.toLocaleString('en-US')})
    }
    const articles = out.map((item) => ({path: item.article, english: english.get(item.article) ?? item.article, rows: item.rows}))
    const link = githubLink(io, top)
    io.stdout.write(changesComment(articles, labels, link === undefined ? {} : {link}))
    return code
  }
  if (flags.json === true || flags.format === 'json') {
    io.stdout.write(`${JSON.stringify(out, null, 2)}\n`)
    return code
  }
  for (const {article: name, rows} of out) {
    io.stdout.write(`${colors.dim}── ${name}${flags.changed === undefined ? '' : `: ${t('commands.changedCount', {count: rows.length})}`} ──${colors.reset}\n`)
    for (const row of rows) {
      const status = row.status === 'machine' ? '' : ` ${colors.flag}[${row.status}]${colors.reset}`
      io.stdout.write(`${colors.dim}${row.line}${colors.reset}${status}\n`)
      if (row.previous !== undefined && flags.changed !== undefined) {
        io.stdout.write(`  de: ${showDiff(row.previous.de, row.de, colors)}\n`)
        io.stdout.write(`  en: ${showDiff(row.previous.en, row.en, colors)}\n`)
        if (row.suggestion !== undefined) io.stdout.write(`  ${t('commands.reviewedBefore', {text: row.suggestion})}\n`)
      } else {
        io.stdout.write(`${sideBySide(highlight(row.de, row.terms, colors), row.en, width)}\n`)
      }
      if (row.match !== undefined) {
        const origin = t(row.match.reviewed ? 'review.statusReviewed' : 'review.statusMachine')
        io.stdout.write(`  ${colors.dim}≈ ${t('commands.similar', {score: row.match.score, origin})}${colors.reset}\n`)
        io.stdout.write(`    de: ${showDiff(row.match.de, row.de, colors)}\n    en: ${row.match.en}\n`)
      }
      if (row.judge !== undefined) {
        io.stdout.write(`  ${colors.dim}◆ ${t('commands.judged', {score: row.judge.score, judge: row.judge.by})}${colors.reset}\n`)
        for (const finding of row.judge.findings) io.stdout.write(`    ${finding.category} (${finding.severity})${finding.span === '' ? '' : ` “${finding.span}”`}${finding.note === '' ? '' : `: ${finding.note}`}\n`)
        if (row.judge.replaced !== undefined) io.stdout.write(`    ${t('commands.judgeReplaced', {text: row.judge.replaced})}\n`)
      }
      for (const flag of row.flags) io.stdout.write(`  ${colors.flag}! ${flag}${colors.reset}\n`)
    }
  }
  return code
}

/**
 * In a GitHub Actions run, the address of a line of a file in the commit the
 * run is for; elsewhere none (the comment then gives line numbers alone).
 */
function githubLink(io: CliIo, top: string | undefined): ((path: string, line: number) => string | undefined) | undefined {
  const {GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha} = io.env
  if (server === undefined || repository === undefined || sha === undefined) return undefined
  return (path, line) => `${server}/${repository}/blob/${sha}/${relative(top ?? io.cwd, path).split('\\').join('/').split('/').map(encodeURIComponent).join('/')}#L${line}`
}

/** Per-article counts for `tandem status`. */
export interface ArticleStatus {
  readonly article: string
  readonly sentences: number
  readonly reviewed: number
  readonly machine: number
  readonly stale: number
  readonly missing: number
  readonly qaIssues: number
  readonly glossaryIssues: number
  /** Sentences a merge left translated two ways (see `tandem resolve`). */
  readonly conflicts: number
  /** Machine translations a second model rated, and those it rated below `judge.threshold`. */
  readonly judged: number
  readonly belowThreshold: number
}

/** `tandem status [--json]`: per article, how far its translation is. */
export async function statusCommand(io: CliIo, flags: FolderFlags & {json?: boolean}, t: Translate): Promise<number> {
  const loaded = await load(io, undefined, flags)
  const {config} = loaded
  const statuses: ArticleStatus[] = []
  for (const article of loaded.articles) {
    const parsed = await readAndParse(article, {...extractOptionsOf(config), maxBytes: config.maxInputBytes})
    const segments = (parsed.ok ? parsed.value.extraction.segments : []).filter((segment) => segment.translatable)
    const stale = new Set((loaded.records.get(article)?.units ?? []).filter((unit) => unit.status === 'stale').map((unit) => unit.source))
    let reviewed = 0
    let machine = 0
    let staleCount = 0
    let missing = 0
    let conflicts = 0
    let judged = 0
    let below = 0
    for (const segment of segments) {
      const entry = loaded.memory.get(segment.source)
      if (entry?.conflict !== undefined) conflicts++
      if (entry?.status === 'machine' && entry.judge !== undefined) {
        judged++
        if (entry.judge.score < config.judge.threshold) below++
      }
      if (entry === undefined) missing++
      else if (entry.status === 'reviewed') reviewed++
      else if (stale.has(segment.source)) staleCount++
      else machine++
    }
    const found = checkArticle(article.displayPath, segments, {
      context: loaded.context,
      english: (source) => loaded.memory.get(source)?.target,
      reviewed: (source) => loaded.memory.get(source)?.status === 'reviewed',
      checks: loaded.checks,
      glossary: config.qa.glossary
    })
    const rules = [...parsed.messages, ...found].map((item) => item.rule)
    statuses.push({
      article: article.displayPath,
      sentences: segments.length,
      reviewed,
      machine,
      stale: staleCount,
      missing,
      qaIssues: rules.filter((rule) => rule.startsWith('qa-')).length,
      glossaryIssues: rules.filter((rule) => rule.startsWith('glossary-')).length,
      conflicts,
      judged,
      belowThreshold: below
    })
  }
  if (flags.json === true) {
    io.stdout.write(`${JSON.stringify(statuses, null, 2)}\n`)
    return EXIT.ok
  }
  // Note: the judge's columns show once a judge has rated something.
  const judging = statuses.some((s) => s.judged > 0)
  const header = ['article', 'sentences', 'reviewed', 'machine', 'stale', 'missing', 'qa', 'glossary', 'conflicts', ...(judging ? ['judged', 'below'] : [])].map((column) => t(`commands.status.${column}`))
  const rows = statuses.map((s) => [s.article, s.sentences, s.reviewed, s.machine, s.stale, s.missing, s.qaIssues, s.glossaryIssues, s.conflicts, ...(judging ? [s.judged, s.belowThreshold] : [])].map(String))
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)))
  for (const row of [header, ...rows]) io.stdout.write(`${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ')}\n`)
  const conflicts = statuses.reduce((sum, s) => sum + s.conflicts, 0)
  if (conflicts > 0) io.stdout.write(`${t('commands.resolveSummary', {count: conflicts})}\n`)
  return EXIT.ok
}
