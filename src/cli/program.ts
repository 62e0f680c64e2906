import {Command, CommanderError} from 'commander'
import {languageFromEnv, type UiLanguage} from './i18n.js'
import {EXIT, type CliIo} from './io.js'

/**
 * Parse argv once and run the command. Commands are loaded lazily so that
 * `tandem --help` starts fast. Only the CLI decides exit codes.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok
  const program = new Command()
    .name('tandem')
    .description('Translate German Markdown articles into English, aligned sentence by sentence.')
    .option('--lang <language>', 'language of tandem\'s own messages: de or en (default: from LANG)')
    .exitOverride()
    .configureOutput({writeOut: (text) => void io.stdout.write(text), writeErr: (text) => void io.stderr.write(text)})

  const language = (): UiLanguage => {
    const flag = program.opts<{lang?: string}>().lang
    if (flag === undefined) return languageFromEnv(io.env)
    if (flag !== 'de' && flag !== 'en') throw new CommanderError(EXIT.usage, 'tandem.lang', `error: --lang must be de or en, not "${flag}"`)
    return flag
  }

  program
    .command('build')
    .description('translate input/ into output/: <name>.de.md, <name>.en.md (line N translates line N) and <name>.de-en.md')
    .argument('[files...]', 'only these articles (inside the input folder)')
    .option('--input <dir>', 'folder of German articles (default: input)')
    .option('--output <dir>', 'folder for outputs and the translation memory (default: output)')
    .option('--glossary <dir>', 'folder of glossary files (default: glossary)')
    .option('--provider <name>', 'translation provider for sentences the memory lacks: deepl, openai, libretranslate, identity, pseudo')
    .option('--base-url <url>', 'provider endpoint (overrides DEEPL_SERVER_URL, OPENAI_BASE_URL or LIBRETRANSLATE_URL)')
    .option('--model <name>', 'model for the openai provider (default: OPENAI_MODEL or gpt-4o-mini)')
    .option('--concurrency <n>', 'requests in flight at once (default: 4)')
    .option('--max-chars <n>', 'refuse to start a build that would send more characters than this')
    .option('--dry-run', 'show what would be sent (sentences, characters per article); send and write nothing')
    .option('--json', 'print a machine-readable summary per article')
    .option('--quiet', 'print only problems')
    .option('--strict', 'fail the build on warnings too: glossary violations and QA findings')
    .action(async (files: string[], flags: Record<string, unknown>) => {
      const {buildCommand} = await import('./build-command.js')
      exitCode = await buildCommand(files, flags, language(), io)
    })

  try {
    await program.parseAsync([...argv], {from: 'user'})
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok
      if (error.code === 'tandem.lang') io.stderr.write(`${error.message}\n`)
      return EXIT.usage
    }
    throw error
  }
  return exitCode
}
