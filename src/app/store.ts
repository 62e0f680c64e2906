import {extractOptionsOf} from '../config/config.js'
import {readFile} from 'node:fs/promises'
import {relative} from 'node:path'
import {readAndParse} from '../article/parse.js'
import type {Article} from '../article/article.js'
import {discoverArticles} from '../builder/discover.js'
import {acquireOutputLock} from '../builder/lock.js'
import type {BuildOptions} from '../builder/options.js'
import {runBuild} from '../builder/run.js'
import type {Diagnostic} from '../diagnostics.js'
import {isTandemError, TandemError} from '../errors.js'
import {addEntries} from '../glossary/add.js'
import {projectInconsistencies} from '../qa/consistency.js'
import {GlossaryContext} from '../glossary/context.js'
import {loadGlossary} from '../glossary/load.js'
import {memoryFileName, TranslationMemory} from '../memory/store.js'
import {openProject, type FolderFlags, type Project} from '../project/open.js'
import {QA_CHECKS} from '../qa/checks.js'
import {diffHtml, judgeHtml, matchHtml, rowHtml, type ReviewLabels} from '../review/html.js'
import {checkHuman, type HumanRefusal, type Reviewer} from '../review/human.js'
import {pendingEdits, type BuiltArticle, type RefusedEdits} from '../review/import.js'
import {dialectOfInput} from '../project/layout.js'
import {displayText, marksOf, type SentenceMarks} from '../review/marks.js'
import {loadRecord, type ArticleRecord} from '../review/record.js'
import {reviewRows, type ReviewRow} from '../review/rows.js'

/** An article in the app's index, with its counts. */
export interface ArticleEntry {
  readonly name: string
  readonly path: string
  readonly title: string
  readonly built: boolean
  readonly sentences: number
  readonly machine: number
  readonly reviewed: number
  readonly stale: number
  readonly flagged: number
  readonly changed: number
  /** Sentences of the input the memory has no English for (the next build translates them). */
  readonly missing: number
}

/** A row as the app shows it: the review row's HTML, and what editing it needs. */
export interface AppRow {
  readonly id: string
  readonly line: number
  readonly kind: string
  readonly block?: ReviewRow['block']
  readonly status: ReviewRow['status']
  readonly de: string
  readonly en: string
  /** The English as tagged text, to edit; and what its placeholders stand for. */
  readonly target: string
  readonly marks: SentenceMarks
  readonly flags: readonly string[]
  readonly changed: boolean
  readonly before?: {readonly de: string; readonly en: string}
  readonly suggestion?: string
  /** The memory's most similar sentence, as HTML (label, score, German differences, English). */
  readonly match?: string
  /** A second model's rating, as HTML (score, judge, findings, the English a correction replaced). */
  readonly judge?: string
}

/** A German sentence or noun the project renders more than one way, as the app lists it. */
export interface AppInconsistency {
  readonly kind: 'sentence' | 'noun'
  readonly german: string
  readonly renderings: ReadonlyArray<{readonly english: string; readonly places: ReadonlyArray<{readonly name: string; readonly path: string; readonly line: number}>}>
}

/** What saving or approving did: stored and written, refused with the reason, or the output folder is busy. */
export type SaveResult =
  | {readonly ok: true}
  | {readonly ok: false; readonly refused: HumanRefusal | RefusedEdits}
  | {readonly ok: false; readonly busy: string}
  /** Stored in the memory, but the article could not be rewritten (the next build will). */
  | {readonly ok: false; readonly failed: readonly Diagnostic[]; readonly stored: true}

/**
 * The review app's view of a project, read fresh for every request (the
 * files are the truth: a build or an editor may change them meanwhile), and
 * its one way of changing it: a person's translation goes the one checked
 * way (`checkHuman`) into the memory, then the article is rebuilt from the
 * memory by the build itself, holding the output folder's lock.
 */
export class ReviewStore {
  constructor(
    private readonly cwd: string,
    private readonly flags: FolderFlags,
    /** The app's words (the user's language). */
    private readonly labels: ReviewLabels,
    /** The review page's words, in the project's `reviewLanguage`: a save rewrites the page as a build would. */
    private readonly pageLabels: ReviewLabels,
    private readonly reviewer: () => Reviewer,
    private readonly signal: AbortSignal
  ) {}

  /** The project as it is now; `readOnly` (for views, without the lock) leaves a journal that a build is appending to alone. */
  private async open(readOnly = true): Promise<{project: Project; articles: Article[]; context: GlossaryContext; memory: TranslationMemory}> {
    const project = await openProject(this.cwd, this.flags)
    const articles = await discoverArticles({cwd: this.cwd, inputDir: project.inputDir, outputDir: project.outputDir})
    const context = new GlossaryContext(await loadGlossary(project.glossaryDir, this.cwd))
    const memory = await TranslationMemory.open(project.layout.dir, memoryFileName('de', 'en'), {readOnly})
    return {project, articles, context, memory}
  }

  /** Every article with its counts. */
  async list(): Promise<ArticleEntry[]> {
    const {project, articles, context, memory} = await this.open()
    const checks = checksOf(project)
    const out: ArticleEntry[] = []
    for (const article of articles) {
      const record = await loadRecord(project.outputDir, article.name)
      const parsed = await readAndParse(article, {...extractOptionsOf(project.config), maxBytes: project.config.maxInputBytes})
      const segments = parsed.ok ? parsed.value.extraction.segments.filter((segment) => segment.translatable) : []
      const rows = record === undefined ? [] : reviewRows(record, context, checks)
      const count = (test: (row: ReviewRow) => boolean): number => rows.filter(test).length
      out.push({
        name: article.name,
        path: article.displayPath,
        title: rows.find((row) => row.kind === 'heading')?.de ?? article.name,
        built: record !== undefined,
        sentences: rows.length,
        machine: count((row) => row.status === 'machine'),
        reviewed: count((row) => row.status === 'reviewed'),
        stale: count((row) => row.status === 'stale'),
        flagged: count((row) => row.flags.length > 0),
        changed: count((row) => row.changed),
        missing: segments.filter((segment) => memory.get(segment.source) === undefined).length
      })
    }
    return out
  }

  /** One article's rows, markup rendered; undefined when there is no such built article. */
  async article(name: string): Promise<{readonly title: string; readonly path: string; readonly rows: readonly AppRow[]} | undefined> {
    const {project, articles, context} = await this.open()
    const article = articles.find((item) => item.name === name)
    const record = article === undefined ? undefined : await loadRecord(project.outputDir, article.name)
    if (article === undefined || record === undefined) return undefined
    const parsed = await readAndParse(article, {...extractOptionsOf(project.config), maxBytes: project.config.maxInputBytes})
    const marks = parsed.ok ? marksOf(parsed.value.extraction) : undefined
    const german = await readFile(article.outputs.de, 'utf8').catch(() => undefined)
    const rows = reviewRows(record, context, checksOf(project), marks, german?.split('\n')).map((row, index): AppRow => {
      const html = rowHtml(row, this.labels)
      const unit = record.units[index]
      const previous = row.changed ? row.previous : undefined
      return {
        id: unit?.id ?? String(index),
        line: row.line,
        kind: row.kind,
        ...(row.block === undefined ? {} : {block: row.block}),
        status: row.status,
        de: html.de,
        en: html.en,
        target: row.target,
        marks: row.marks ?? {},
        flags: row.flags,
        changed: row.changed,
        ...(previous === undefined ? {} : {before: {de: diffHtml(previous.de, row.de), en: diffHtml(previous.en, row.en)}}),
        ...(row.suggestion === undefined ? {} : {suggestion: row.suggestion}),
        ...(row.match === undefined ? {} : {match: matchHtml(row.match, row.de, this.labels)}),
        ...(row.judge === undefined ? {} : {judge: judgeHtml(row.judge, this.labels)})
      }
    })
    return {title: (parsed.ok ? parsed.value.title : undefined) ?? article.name, path: article.displayPath, rows}
  }

  /**
   * Where the project says one thing two ways (`qa.consistency`), from every
   * built article's record: each finding with every place (article name,
   * path, line), the most frequent rendering first.
   */
  async consistency(): Promise<AppInconsistency[]> {
    const {project, articles, context} = await this.open()
    if (!project.config.qa.consistency) return []
    const built: Array<{path: string; units: ArticleRecord['units']}> = []
    for (const article of articles) {
      const record = await loadRecord(project.outputDir, article.name)
      if (record !== undefined) built.push({path: article.name, units: record.units})
    }
    const shown = new Map(articles.map((article) => [article.name, article.displayPath]))
    return projectInconsistencies(built, context.glossary).map((found) => ({
      kind: found.kind,
      german: found.german,
      renderings: found.renderings.map((rendering) => ({english: rendering.english, places: rendering.places.map((place) => ({name: place.path, path: shown.get(place.path) ?? place.path, line: place.line}))}))
    }))
  }

  /**
   * Make one rendering of a German noun the rule: a glossary term with that
   * English, the others forbidden, added as `tandem glossary add` adds it
   * (the next build with a provider translates what breaks it again).
   */
  async addTerm(de: string, en: string, forbid: readonly string[]): Promise<{readonly ok: true; readonly path: string; readonly added: boolean} | {readonly ok: false; readonly error: TandemError}> {
    const project = await openProject(this.cwd, this.flags)
    try {
      const result = await addEntries(project.glossaryDir, this.cwd, [{kind: 'term', de, en, forbidden: forbid.filter((item) => item !== en)}])
      return {ok: true, path: result.path, added: result.added === 1}
    } catch (error) {
      if (error instanceof TandemError) return {ok: false, error}
      throw error
    }
  }

  /** Store a person's English for one sentence (tagged), then rewrite the article's outputs. */
  async save(name: string, id: string, target: string): Promise<SaveResult | undefined> {
    return this.change(name, id, () => target)
  }

  /** Mark the English the article has for one sentence as reviewed, unchanged. */
  async approve(name: string, id: string): Promise<SaveResult | undefined> {
    return this.change(name, id, (current) => current)
  }

  private async change(name: string, id: string, target: (current: string) => string): Promise<SaveResult | undefined> {
    let lock
    try {
      const project = await openProject(this.cwd, this.flags)
      lock = await acquireOutputLock(project.outputDir, 'review')
    } catch (error) {
      if (isTandemError(error, 'locked')) return {ok: false, busy: error.message}
      throw error
    }
    try {
      // Note: read again under the lock, and the memory opened for writing only now: what a build wrote meanwhile counts.
      const {project, articles, memory} = await this.open(false)
      const article = articles.find((item) => item.name === name)
      const record = article === undefined ? undefined : await loadRecord(project.outputDir, article.name)
      const unit = record?.units.find((item) => item.id === id)
      if (article === undefined || record === undefined || unit === undefined) return undefined
      const shown = relative(this.cwd, article.outputs.en)
      const built: BuiltArticle[] = []
      for (const other of articles) {
        const its = other === article ? record : await loadRecord(project.outputDir, other.name)
        if (its !== undefined) built.push({record: its, en: other.outputs.en, de: other.outputs.de, shown: relative(this.cwd, other.outputs.en), dialect: dialectOfInput(other.name)})
      }
      const {edits, refused} = await pendingEdits(built)
      // An .en.md edit the rebuild would refuse is said first: saving would store and then fail to write.
      const broken = refused.find((item) => item.file === shown)
      if (broken !== undefined) return {ok: false, refused: broken}
      const verdict = checkHuman({source: unit.source, target: target(unit.target), file: shown, line: unit.line}, this.reviewer())
      if (!verdict.ok) return {ok: false, refused: verdict.refusal}
      const ours = verdict.entry.target
      // Note: said as a reader sees the sentences, code and protected words included.
      const parsed = await readAndParse(article, {...extractOptionsOf(project.config), maxBytes: project.config.maxInputBytes})
      const marks = parsed.ok ? marksOf(parsed.value.extraction).get(unit.id) : undefined
      const shownText = (tagged: string): string => displayText(tagged, marks)
      const conflict = (other: string, theirs: string): SaveResult => ({
        ok: false,
        refused: {rule: 'human-conflict', file: shown, line: unit.line, params: {other, theirs: shownText(theirs), ours: shownText(ours), sentence: shownText(unit.source)}}
      })
      // Another person's version the page does not show yet (an import no build has written) is never replaced unseen.
      const known = memory.get(unit.source)
      if (known?.status === 'reviewed' && known.target !== unit.target && known.target !== ours) return conflict(relative(this.cwd, memory.path), known.target)
      // So is one that waits in an .en.md, of this article or another with the same sentence.
      const edit = edits.get(unit.source)
      if (edit !== undefined && edit.target !== ours) return conflict(`${edit.file}:${edit.line}`, edit.target)
      await memory.record([verdict.entry])
      await memory.save()
      const report = await runBuild(buildOptions(project, article, this.pageLabels, this.signal, this.reviewer))
      const failed = report.diagnostics.filter((item) => item.severity === 'error')
      return failed.length === 0 ? {ok: true} : {ok: false, failed, stored: true}
    } finally {
      await lock.release()
    }
  }
}

function checksOf(project: Project): Set<(typeof QA_CHECKS)[number]> {
  return new Set(QA_CHECKS.filter((check) => project.config.qa[check]))
}

/** The build of one article from the memory alone: the build's own writer, no provider. */
function buildOptions(project: Project, article: Article, labels: ReviewLabels, signal: AbortSignal, reviewer: () => Reviewer): BuildOptions {
  const {config} = project
  return {
    cwd: project.cwd,
    inputDir: project.inputDir,
    outputDir: project.outputDir,
    glossaryDir: project.glossaryDir,
    files: [article.displayPath],
    checks: checksOf(project),
    review: {labels, lang: config.reviewLanguage},
    checkGlossary: config.qa.glossary,
    target: config.target,
    concurrency: 1,
    workers: 1,
    frontmatterFields: config.frontmatterFields,
    textDrop: config.text.drop,
    mdxAttributes: config.mdx.attributes,
    maxInputBytes: config.maxInputBytes,
    dates: config.dates,
    judgeThreshold: config.judge.threshold,
    dryRun: false,
    signal,
    reviewer
  }
}
