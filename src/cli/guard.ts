import {ConfigError, TandemError} from '../errors.js'
import {GlossaryError} from '../glossary/load.js'
import {InterchangeError} from '../glossary/interchange.js'
import {EXIT, type CliIo} from './io.js'

/** Run a command, turning configuration and file errors into a message and exit code 2. */
export async function runGuarded(io: CliIo, action: () => Promise<number>): Promise<number> {
  try {
    return await action()
  } catch (error) {
    if (error instanceof GlossaryError || error instanceof ConfigError || error instanceof InterchangeError || error instanceof TandemError) {
      io.stderr.write(`tandem: ${error.message}\n`)
      return EXIT.usage
    }
    throw error
  }
}
