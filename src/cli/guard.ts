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
 * first); anything else is an internal error, exit 1.
 */
export function describeFailure(error: unknown, t: Translate): Failure {
  if (error instanceof ProviderError) return {line: `tandem: ${printable(error.message)}`, code: EXIT.problems}
  if (isTandemError(error, 'locked')) return {line: `tandem: ${t('error.locked', {message: error.message})}`, code: EXIT.problems}
  if (isTandemError(error, 'memory-corrupt')) return {line: `tandem: ${t('error.memory', {message: error.message})}`, code: EXIT.usage}
  if (error instanceof ConfigError || error instanceof GlossaryError || isTandemError(error, 'usage') || isTandemError(error, 'provider-unknown')) {
    return {line: `tandem: ${t('error.config', {message: error.message})}`, code: EXIT.usage}
  }
  if (error instanceof InterchangeError || error instanceof TandemError) return {line: `tandem: ${printable(error.message)}`, code: EXIT.usage}
  const message = error instanceof Error ? error.message : String(error)
  return {line: `tandem: ${t('error.internal', {message})}`, code: EXIT.problems}
}

/** Run a command; an error it throws is printed as one line (see `describeFailure`) and becomes the exit code. */
export async function runGuarded(io: CliIo, action: () => Promise<number>, language: UiLanguage = 'en'): Promise<number> {
  try {
    return await action()
  } catch (error) {
    const failure = describeFailure(error, await createTranslator(language))
    io.stderr.write(`${failure.line}\n`)
    return failure.code
  }
}
