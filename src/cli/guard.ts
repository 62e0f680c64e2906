import {isAbsolute, relative} from 'node:path'
import {ConfigError, InterchangeError, isTandemError, ProviderError, TandemError} from '../errors.js'
import {GlossaryError} from '../glossary/load.js'
import {createTranslator, type Translate, type UiLanguage} from './i18n.js'
import {EXIT, type CliIo} from './io.js'
import {printable} from '../util/printable.js'

/** How a command that failed as a whole ends: one line to print and the exit code. */
export interface Failure {
  readonly line: string
  readonly code: number
}

/**
 * The one mapping from an error to what the user reads and the exit code:
 * provider faults and a busy output folder exit 1 (try again later);
 * configuration, glossary, memory and file problems exit 2 (fix something
 * first: a file that is missing, a folder in a file's place, one that cannot
 * be read, each named by its path); anything else is an internal error, exit 1.
 */
export function describeFailure(error: unknown, t: Translate, cwd?: string): Failure {
  const file = fileProblem(error)
  if (file !== undefined) {
    // Note: a path the command already gave as the user typed it stays as it is.
    const path = cwd === undefined || !isAbsolute(file.path) ? file.path : relative(cwd, file.path) || '.'
    return {line: `tandem: ${t('error.file', {path, reason: t(`error.fileReason.${file.reason}`)})}`, code: EXIT.usage}
  }
  if (error instanceof ProviderError) return {line: `tandem: ${providerMessage(error, t)}`, code: EXIT.problems}
  if (isTandemError(error, 'locked')) return {line: `tandem: ${t('error.locked', {message: error.message})}`, code: EXIT.problems}
  if (isTandemError(error, 'memory-corrupt')) return {line: `tandem: ${t('error.memory', {message: error.message})}`, code: EXIT.usage}
  if (isTandemError(error, 'usage')) return {line: `tandem: ${printable(error.message)}`, code: EXIT.usage}
  if (error instanceof ConfigError || error instanceof GlossaryError || isTandemError(error, 'provider-unknown')) {
    return {line: `tandem: ${t('error.config', {message: configMessage(error, t)})}`, code: EXIT.usage}
  }
  if (error instanceof InterchangeError || error instanceof TandemError) return {line: `tandem: ${printable(error.message)}`, code: EXIT.usage}
  const message = error instanceof Error ? error.message : String(error)
  return {line: `tandem: ${t('error.internal', {message})}`, code: EXIT.problems}
}

/**
 * A provider's fault in the user's language, when it has a key: an HTTP
 * answer's detail and the fault it wraps (`cause`) are rendered first. What
 * a server said is quoted as it said it.
 */
function providerMessage(error: ProviderError, t: Translate): string {
  if (error.key === undefined) return printable(error.message)
  const params: Record<string, unknown> = {...error.params}
  if (error.key === 'http' || error.key === 'auth' || error.key === 'quota' || error.key === 'notTheApi') {
    params['detail'] = t(params['endpoint'] === '' ? 'provider.detail' : 'provider.detailFrom', params)
  }
  if (error.cause instanceof ProviderError) params['reason'] = providerMessage(error.cause, t)
  else if (typeof params['message'] === 'string') params['reason'] = params['message']
  return t(`provider.${error.key}`, params)
}

/** A configuration error in the user's language, when it has a key; `what` (what an option takes) is a key of its own. */
function configMessage(error: TandemError, t: Translate): string {
  if (!(error instanceof ConfigError) || error.key === undefined) return error.message
  const params: Record<string, unknown> = {...error.params}
  if (typeof params['what'] === 'string') params['what'] = t(`config.what.${params['what']}`, params)
  return t(`config.${error.key}`, params)
}

/** Why a file could not be used, as the key of its localized reason. */
type FileReason = 'missing' | 'folder' | 'notFolder' | 'inTheWay' | 'denied' | 'loop' | 'other'

const REASONS: Readonly<Record<string, FileReason>> = {ENOENT: 'missing', EISDIR: 'folder', ENOTDIR: 'notFolder', EEXIST: 'inTheWay', EACCES: 'denied', EPERM: 'denied', ELOOP: 'loop'}

/** A file-system error of Node's (it has a code and a path) as a path and a reason. */
function fileProblem(error: unknown): {readonly path: string; readonly reason: FileReason} | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const {code, path} = error as {code?: unknown; path?: unknown}
  if (typeof code !== 'string' || typeof path !== 'string' || !/^E[A-Z]+$/.test(code)) return undefined
  return {path, reason: REASONS[code] ?? 'other'}
}

/**
 * Run a command; an error it throws is printed as one line (see
 * `describeFailure`) and becomes the exit code. With `debug`, the stack
 * follows the line.
 */
export async function runGuarded(io: CliIo, action: () => Promise<number>, language: UiLanguage = 'en', debug = false): Promise<number> {
  try {
    return await action()
  } catch (error) {
    const failure = describeFailure(error, await createTranslator(language), io.cwd)
    io.stderr.write(`${failure.line}\n`)
    if (debug && error instanceof Error && error.stack !== undefined) io.stderr.write(`${error.stack}\n`)
    return failure.code
  }
}
