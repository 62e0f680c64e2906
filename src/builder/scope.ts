import {mkdir} from 'node:fs/promises'
import {relative, sep} from 'node:path'
import pLimit from 'p-limit'
import {fail, type Article} from '../article/article.js'
import {diagnostic} from '../diagnostics.js'
import {DEFAULT_MAX_INPUT_BYTES} from '../article/read.js'
import {GlossaryContext} from '../glossary/context.js'
import {loadGlossary} from '../glossary/load.js'
import {EMPTY_GLOSSARY, type Glossary} from '../glossary/model.js'
import {memoryFileName, TranslationMemory} from '../memory/store.js'
import {tandemLayout} from '../project/layout.js'
import {QA_CHECKS} from '../qa/checks.js'
import {ENGLISH_LABELS} from '../review/html.js'
import {taggedToPlain} from '../segment/tags.js'
import {removeStaleTemporaries} from '../util/fs.js'
import {discoverArticles} from './discover.js'
import {pendingRecords, reviewerEdits} from './edits.js'
import type {JobSettings} from './jobs.js'
import {DEFAULT_JUDGE_THRESHOLD, type BuildOptions} from './options.js'
import {loadState, type BuildState} from './state.js'
import {buildFingerprint} from './fingerprint.js'
import {unchangedArticle, type Unchanged} from './unchanged.js'
import {HashCache} from './hashes.js'
import type {Reviewer} from '../review/human.js'

/** What a build works from, read once at its start. */
export interface Opened {
  readonly options: BuildOptions
  readonly articles: readonly Article[]
  readonly memory: TranslationMemory
  readonly glossary: Glossary
  readonly context: GlossaryContext
  /** What the per-article jobs need to know; plain data for worker threads. */
  readonly settings: JobSettings
  /** Everything besides the input and the memory that shapes an article's outputs. */
  readonly fingerprint: string
  readonly previous: BuildState
  /** The hashes of files by their stamps: what a rebuild need not read again. */
  readonly hashes: HashCache
}

/**
 * Find the articles and load what the build works from: memory, glossary,
 * the last build's state. What a killed build left half-written goes before
 * any output is read.
 * @throws ConfigError for a missing input folder; TandemError('memory-corrupt') for a damaged memory.
 */
export async function openBuild(options: BuildOptions): Promise<Opened> {
  // Note: read side by side, each waiting for the disk while another parses.
  const [articles, , memory, glossary, previous, hashes] = await allInOrder([
    discoverArticles({
      cwd: options.cwd,
      inputDir: options.inputDir,
      outputDir: options.outputDir,
      ...(options.files === undefined ? {} : {files: options.files})
    }),
    // What a killed build was writing is incomplete by definition: it goes before anything of the output is read.
    options.dryRun ? undefined : removeStaleTemporaries(options.outputDir),
    TranslationMemory.open(tandemLayout(options.outputDir).dir, memoryFileName('de', 'en')),
    options.glossaryDir === undefined ? EMPTY_GLOSSARY : loadGlossary(options.glossaryDir, options.cwd),
    loadState(options.outputDir),
    HashCache.load(options.outputDir)
  ] as const)
  const checks = [...(options.checks ?? QA_CHECKS)].sort()
  const review = options.review ?? {labels: ENGLISH_LABELS, lang: 'en' as const}
  const settings: JobSettings = {
    cwd: options.cwd,
    outputDir: options.outputDir,
    frontmatterFields: options.frontmatterFields,
    ...(options.textDrop === undefined ? {} : {textDrop: options.textDrop}),
    ...(options.mdxAttributes === undefined ? {} : {mdxAttributes: options.mdxAttributes}),
    maxInputBytes: options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES,
    glossary,
    checks,
    checkGlossary: options.checkGlossary ?? true,
    review,
    judgeThreshold: options.judgeThreshold ?? DEFAULT_JUDGE_THRESHOLD
  }
  const fingerprint = buildFingerprint(options, glossary)
  return {options, articles, memory, glossary, context: new GlossaryContext(glossary), settings, fingerprint, previous, hashes}
}

/**
 * Every value, once all have settled; otherwise the first failure in the
 * order given (a missing input folder before a damaged memory), as the loads
 * one after the other would have thrown, with none still running.
 */
async function allInOrder<T extends readonly unknown[]>(loads: T): Promise<{-readonly [K in keyof T]: Awaited<T[K]>}> {
  const settled = await Promise.allSettled(loads)
  for (const result of settled) if (result.status === 'rejected') throw result.reason
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as {-readonly [K in keyof T]: Awaited<T[K]>}
}

/** Warnings of a build a provider can put right (see `decideReuse`). */
const REPAIRABLE: ReadonlySet<string> = new Set(['glossary-missing', 'glossary-forbidden', 'qa-quote-original'])

/** Files read at once when every article is looked at. */
const io = pLimit(16)

/**
 * A reviewer's edits become reviewed translations first: before any article
 * is found unchanged or planned, so that an edit counts for every article
 * with that sentence. A refused edit fails its article.
 */
export async function takeEdits(opened: Opened): Promise<void> {
  const {options, articles, previous, memory, hashes} = opened
  let asked: Reviewer | undefined
  // Note: one reviewer and one moment for all edits of a build, asked only when there is an edit.
  const reviewer = (): Reviewer => (asked ??= options.reviewer?.() ?? {by: 'unknown', at: new Date().toISOString()})
  const enOf = (article: Article): string | undefined => previous.articles[article.name]?.outputs?.[relative(options.outputDir, article.outputs.en).split(sep).join('/')]
  const pending = pendingRecords(options.outputDir)
  const edits = await Promise.all(
    articles.map((article) => {
      const written = enOf(article)
      return io(() => reviewerEdits(article, {cwd: options.cwd, outputDir: options.outputDir, settle: !options.dryRun, reviewer, hashes, ...(pending === undefined ? {} : {pending}), ...(written === undefined ? {} : {written})}))
    })
  )
  // Two articles with the same sentence edited two ways: neither wins silently; both are refused, naming each other.
  const first = new Map<string, {readonly article: Article; readonly target: string; readonly line: number}>()
  edits.forEach((list, index) => {
    const article = articles[index] as Article
    for (const {source, target, line} of list) {
      const other = first.get(source)
      if (other === undefined) first.set(source, {article, target, line})
      else if (other.target !== target) {
        const where = (item: {article: Article; line: number}): string => `${relative(options.cwd, item.article.outputs.en)}:${item.line}`
        const sentence = taggedToPlain(source)
        fail(article, diagnostic('error', 'human-conflict', relative(options.cwd, article.outputs.en), {other: where(other), theirs: taggedToPlain(other.target), ours: taggedToPlain(target), sentence}, {line, column: 1}))
        fail(other.article, diagnostic('error', 'human-conflict', relative(options.cwd, other.article.outputs.en), {other: where({article, line}), theirs: taggedToPlain(target), ours: taggedToPlain(other.target), sentence}, {line: other.line, column: 1}))
      }
    }
  })
  const edited = edits.flatMap((list, index) => (articles[index]?.failed === true ? [] : list.map(({line: _line, ...entry}) => entry)))
  if (edited.length === 0 || options.dryRun) return
  await mkdir(tandemLayout(options.outputDir).dir, {recursive: true})
  await memory.record(edited)
}

/** The articles nothing they depend on changed since the last build; skipped without parsing, their last warnings repeated. */
export async function findUnchanged(opened: Opened): Promise<Map<Article, Unchanged>> {
  const {options, articles, previous, memory, fingerprint, hashes} = opened
  // Note: none once the memory changed (a killed build's journal replayed, a reviewer's edit just taken): then every record is compared again.
  const memoryHash = memory.unchangedHash
  const unchanged = new Map<Article, Unchanged>()
  await Promise.all(
    articles.map((article) =>
      io(async () => {
        // Note: an article discovery refused (a link out of input/) is not even hashed.
        if (article.failed) return
        const found = await unchangedArticle(article, previous.articles[article.name], {
          fingerprint,
          outputDir: options.outputDir,
          memory,
          hashes,
          ...(memoryHash === undefined ? {} : {memoryHash}),
          memoryVersion: memory.version,
          deterministicProvider: options.provider?.capabilities.persistent === false
        })
        if (found === undefined) return
        // Note: what a build without a provider could only report (a machine translation that breaks the glossary or
        // lacks a quotation's original words), a build with one translates again.
        // A reviewer's own English is never replaced: its warning waits for the reviewer, the article is not built again for it.
        if (options.provider !== undefined && found.warnings.some((warning) => REPAIRABLE.has(warning.rule) && warning.params['reviewed'] !== 1)) return
        unchanged.set(article, found)
        article.diagnostics.push(...found.warnings)
      })
    )
  )
  return unchanged
}
