import {relative} from 'node:path'
import {outputSettings} from './build-settings.js'
import {createTranslator, type Translate, type UiLanguage} from './i18n.js'
import {EXIT, type CliIo} from './io.js'
import {environmentWithDotenv} from './env-file.js'
import {progressReporter} from './progress.js'
import {formatDiagnostic, ruleText, sortDiagnostics} from './reporter.js'
import {openProject} from '../project/open.js'
import {ConfigError} from '../errors.js'
import {faultText} from './faults.js'
import {describeFailure} from './guard.js'
import {createJudge, createProvider, providerNames} from '../providers/registry.js'
import {acquireOutputLock} from '../builder/lock.js'
import {runBuild, type BuildReport} from '../builder/run.js'
import {reviewerNow} from '../review/human.js'

/** Warnings about the judge itself, not about a translation: never counted by --strict. */
const JUDGE_FAULTS: ReadonlySet<string> = new Set(['judge-failed', 'judge-invalid', 'judge-fix-refused'])

/** Flags of `tandem build`, as commander parsed them. */
export interface BuildFlags {
  readonly input?: string
  readonly output?: string
  readonly glossary?: string
  readonly provider?: string
  readonly concurrency?: string
  readonly workers?: string
  readonly dryRun?: boolean
  readonly json?: boolean
  readonly quiet?: boolean
  /** The stack of the fault that stopped or failed the build after its line (the global --debug). */
  readonly debug?: boolean
  readonly baseUrl?: string
  readonly model?: string
  readonly maxChars?: string
  readonly strict?: boolean
  readonly judge?: string
  readonly judgeModel?: string
  readonly judgeFix?: boolean
}

/** `tandem build [files…]`: returns the exit code. */
export async function buildCommand(files: readonly string[], flags: BuildFlags, language: UiLanguage, io: CliIo): Promise<number> {
  const t = await createTranslator(language)
  let report: BuildReport
  let strictConfig = false
  try {
    const project = await openProject(io.cwd, flags)
    const {config, outputDir} = project
    strictConfig = config.strict
    const concurrency = flags.concurrency === undefined ? config.concurrency : Number(flags.concurrency)
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
      throw new ConfigError('option --concurrency must be a whole number from 1 to 64', {option: 'concurrency'}, 'flagRange')
    }
    const workers = flags.workers === undefined ? undefined : Number(flags.workers)
    if (workers !== undefined && (!Number.isInteger(workers) || workers < 1 || workers > 64)) {
      throw new ConfigError('option --workers must be a whole number from 1 to 64', {option: 'workers'}, 'flagRange')
    }
    const maxChars = flags.maxChars === undefined ? undefined : Number(flags.maxChars)
    if (maxChars !== undefined && (!Number.isInteger(maxChars) || maxChars < 0)) {
      throw new ConfigError('option --max-chars must be a whole number of characters', {option: 'max-chars'}, 'maxChars')
    }
    const providerName = flags.provider ?? config.provider
    const env = await environmentWithDotenv(io.cwd, io.env)
    const progress = flags.quiet === true || flags.json === true ? undefined : progressReporter(io, t)
    const provider =
      providerName === undefined
        ? undefined
        : (io.providers?.[providerName] ??
          createProvider(providerName, {
            env,
            options: config.providers[providerName] ?? {},
            target: config.target,
            ...(flags.baseUrl === undefined ? {} : {baseUrl: flags.baseUrl}),
            ...(flags.model === undefined ? {} : {model: flags.model}),
            ...(progress === undefined ? {} : {retry: {onRetry: progress.retrying}}),
            dryRun: flags.dryRun === true
          }))
    // Note: a second opinion, from the flag or the config; only where there is a provider whose translations it rates.
    const judgeName = flags.judge ?? config.judge.provider
    if (flags.judge !== undefined && provider === undefined) throw new ConfigError('--judge rates what a provider translates: give --provider too', {option: 'judge'}, 'judgeNeedsProvider')
    const judge =
      judgeName === undefined || provider === undefined
        ? undefined
        : createJudge(judgeName, {
            env,
            options: {
              ...(config.judge.model === undefined ? {} : {model: config.judge.model}),
              ...(config.judge.baseUrl === undefined ? {} : {baseUrl: config.judge.baseUrl}),
              ...(config.judge.responseFormat === undefined ? {} : {responseFormat: config.judge.responseFormat})
            },
            ...(flags.judgeModel === undefined ? {} : {model: flags.judgeModel}),
            ...(progress === undefined ? {} : {retry: {onRetry: progress.retrying}}),
            dryRun: flags.dryRun === true
          })
    // A dry run writes nothing; every other build holds the output folder's lock.
    const lock = flags.dryRun === true ? undefined : await acquireOutputLock(outputDir, 'build')
    try {
      report = await runBuild({
        cwd: io.cwd,
        inputDir: project.inputDir,
        outputDir,
        glossaryDir: project.glossaryDir,
        ...(maxChars === undefined ? {} : {maxChars}),
        ...(await outputSettings(config)),
        ...(files.length > 0 ? {files} : {}),
        ...(provider === undefined ? {} : {provider}),
        concurrency,
        ...(workers === undefined ? {} : {workers}),
        maxInputBytes: config.maxInputBytes,
        fuzzyShow: config.fuzzy.show,
        fuzzyHint: config.fuzzy.hint,
        contextChars: config.context.chars,
        ...(judge === undefined ? {} : {judge: {judge, fix: flags.judgeFix === true || config.judge.fix}}),
        dryRun: flags.dryRun === true,
        signal: io.signal,
        reviewer: () => reviewerNow(io.env, io.cwd),
        ...(progress === undefined ? {} : {onProgress: progress})
      })
    } finally {
      await lock?.release()
    }
  } catch (error) {
    return reportFailure(error, io, t, flags.debug === true)
  }
  for (const item of sortDiagnostics(report.diagnostics)) io.stderr.write(`${formatDiagnostic(t, item)}\n`)
  if (flags.json === true) io.stdout.write(`${JSON.stringify(jsonSummary(report, io.cwd, t), null, 2)}\n`)
  else if (flags.quiet !== true) printSummary(report, io, t)
  if (report.needsProvider) io.stderr.write(`${t('build.needsProviderHint', {providers: providerNames().join(', ')})}\n`)
  if (report.stopped !== undefined && !io.signal.aborted) {
    // The fault that stopped the build, once, instead of once per sentence it left untranslated.
    io.stderr.write(`${describeFailure(report.stopped, t).line}\n`)
    if (flags.debug === true) writeStack(report.stopped, io)
    io.stderr.write(`${t('build.stopped', {count: report.articles.filter((article) => !article.ok).length})}\n`)
  }
  if (io.signal.aborted) {
    io.stderr.write(`${t('error.aborted')}\n`)
    return EXIT.interrupted
  }
  if (report.needsProvider) return EXIT.usage
  if (report.stopped !== undefined) return EXIT.problems
  const errors = report.diagnostics.filter((item) => item.severity === 'error').length
  // Note: a judge that failed or answered badly says so, but never fails a build, not even under --strict.
  const warnings = report.diagnostics.filter((item) => item.severity === 'warning' && !JUDGE_FAULTS.has(item.rule)).length
  const strict = flags.strict === true || strictConfig
  if (errors === 0 && strict && warnings > 0) {
    io.stderr.write(`${t('build.strictFailed', {count: warnings})}\n`)
    return EXIT.problems
  }
  return errors > 0 ? EXIT.problems : EXIT.ok
}

function printSummary(report: BuildReport, io: CliIo, t: Translate): void {
  const out = (line: string): void => void io.stdout.write(`${line}\n`)
  if (report.dryRun) {
    out(t('build.dryRunHeader'))
    for (const entry of report.plan.articles) {
      out(
        t('build.dryRunArticle', {
          path: entry.article.displayPath,
          sentences: entry.total,
          fromMemory: entry.fromMemory,
          toTranslate: entry.toTranslate,
          characters: entry.characters
        })
      )
    }
    out(t('build.dryRunTotal', {sentences: report.plan.sentences, characters: report.plan.characters}))
    if (report.fuzzy !== undefined && report.plan.sentences > 0) out(t('build.dryRunFuzzy', {count: report.fuzzy.matched, minimum: report.fuzzy.minimum}))
    for (const path of report.removed) out(t('build.dryRunRemove', {path}))
    if (report.cost.tokens !== undefined) out(t('build.dryRunTokens', {provider: report.provider ?? '', tokens: report.cost.tokens}))
    if (report.judgeTokens !== undefined) out(t('build.dryRunJudgeTokens', {judge: report.judge ?? '', tokens: report.judgeTokens}))
    return
  }
  for (const article of report.articles) {
    if (!article.ok) continue
    for (const path of article.outputs) out(t(article.written ? 'build.written' : 'build.unchanged', {path: relative(io.cwd, path)}))
  }
  for (const path of report.removed) out(t('build.removed', {path}))
  const sum = (pick: (a: BuildReport['articles'][number]) => number): number => report.articles.reduce((total, a) => total + pick(a), 0)
  out(
    t('build.summary', {
      articles: report.articles.length,
      ok: report.articles.filter((a) => a.ok).length,
      unchanged: report.unchanged,
      failed: report.articles.filter((a) => !a.ok).length,
      sentences: sum((a) => a.sentences),
      fromMemory: sum((a) => a.fromMemory),
      translated: sum((a) => a.translated)
    })
  )
}

/** The `--json` summary: one entry per article, paths relative to the working directory. */
function jsonSummary(report: BuildReport, cwd: string, t: Translate): unknown {
  return {
    dryRun: report.dryRun,
    provider: report.provider ?? null,
    cost: report.cost,
    ...(report.judgeTokens === undefined ? {} : {judge: {id: report.judge ?? null, tokens: report.judgeTokens}}),
    needsProvider: report.needsProvider,
    unchanged: report.unchanged,
    articles: report.articles.map((article) => ({
      path: article.path,
      ok: article.ok,
      sentences: article.sentences,
      fromMemory: article.fromMemory,
      translated: article.translated,
      failed: article.failed,
      characters: article.characters,
      outputs: article.outputs.map((path) => relative(cwd, path)),
      written: article.written
    })),
    removed: report.removed,
    stopped: report.stopped === undefined ? null : {code: report.stopped.code, message: faultText(report.stopped, t), ...(report.stopped.endpoint === undefined ? {} : {endpoint: report.stopped.endpoint})},
    // Note: the message as printed, in the user's language, beside the rule and its values.
    diagnostics: report.diagnostics.map((item) => ({...item, message: ruleText(t, item)}))
  }
}

function reportFailure(error: unknown, io: CliIo, t: Translate, debug: boolean): number {
  const failure = describeFailure(error, t, io.cwd)
  io.stderr.write(`${failure.line}\n`)
  if (debug) writeStack(error, io)
  return failure.code
}

/** The stack of a fault and of the faults it wraps, for --debug. */
function writeStack(error: unknown, io: CliIo): void {
  for (let fault = error; fault instanceof Error; fault = fault.cause) io.stderr.write(`${fault.stack ?? String(fault)}\n`)
}
