import {isAbsolute, relative} from 'node:path'
import {ConfigError, InterchangeError, isTandemError, ProviderError, TandemError} from '../errors.js'
import {GlossaryError} from '../glossary/load.js'
import {faultText} from './faults.js'
import {createTranslator, type Translate, type UiLanguage} from './i18n.js'
import {EXIT, type CliIo} from './io.js'
import {fileReason, type FileReason} from '../util/fs.js'

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
  if (error instanceof ProviderError) return {line: `tandem: ${faultText(error, t)}`, code: EXIT.problems}
  if (isTandemError(error, 'locked')) return {line: `tandem: ${t('error.locked', {message: faultText(error, t)})}`, code: EXIT.problems}
  if (isTandemError(error, 'memory-corrupt')) return {line: `tandem: ${t('error.memory', {message: faultText(error, t)})}`, code: EXIT.usage}
  if (error instanceof ConfigError || error instanceof GlossaryError || isTandemError(error, 'provider-unknown')) {
    return {line: `tandem: ${t('error.config', {message: faultText(error, t)})}`, code: EXIT.usage}
  }
  if (isTandemError(error, 'internal')) return {line: `tandem: ${faultText(error, t)}`, code: EXIT.problems}
  if (error instanceof InterchangeError || error instanceof TandemError) return {line: `tandem: ${faultText(error, t)}`, code: EXIT.usage}
  const message = error instanceof Error ? error.message : String(error)
  return {line: `tandem: ${t('error.internal', {message})}`, code: EXIT.problems}
}

/** A file-system error of Node's (it has a code and a path) as a path and a reason. */
function fileProblem(error: unknown): {readonly path: string; readonly reason: FileReason} | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const {code, path} = error as {code?: unknown; path?: unknown}
  if (typeof code !== 'string' || typeof path !== 'string' || !/^E[A-Z]+$/.test(code)) return undefined
  return {path, reason: fileReason(code)}
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
