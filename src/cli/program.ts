import {readFileSync} from 'node:fs'
import {Command, CommanderError} from 'commander'
import {languageFromEnv, type UiLanguage} from './i18n.js'
import {EXIT, type CliIo} from './io.js'


/** tandem's version: the package's, read where the code is (two folders below the package, in `src/` or `dist/`). */
function packageVersion(): string {
  try {
    return String((JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version?: unknown}).version ?? 'unknown')
  } catch {
    return 'unknown'
  }
}

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
    .option('--debug', 'print the stack of an error after its message')
    .version(packageVersion(), '-V, --version', 'print tandem\'s version')
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
    .option('--workers <n>', 'threads that parse and render articles (default: one per core, at most 4; 1 = none)')
    .option('--max-chars <n>', 'refuse to start a build that would send more characters than this')
    .option('--dry-run', 'show what would be sent (sentences, characters per article); send and write nothing')
    .option('--json', 'print a machine-readable summary per article')
    .option('--quiet', 'print only problems')
    .option('--strict', 'fail the build on warnings too: glossary violations and QA findings')
    .action(async (files: string[], flags: Record<string, unknown>) => {
      const {buildCommand} = await import('./build-command.js')
      exitCode = await buildCommand(files, flags, language(), io)
    })

  const guarded = async (action: () => Promise<number>): Promise<number> => {
    const {runGuarded} = await import('./guard.js')
    return runGuarded(io, action, language(), program.opts<{debug?: boolean}>().debug === true)
  }

  /** The folder flags of every command that opens a project (see project/open.ts). */
  const folders = (command: Command): Command =>
    command
      .option('--input <dir>', 'folder of German articles (default: input)')
      .option('--output <dir>', 'folder for outputs and the translation memory (default: output)')
      .option('--glossary <dir>', 'folder of glossary files (default: glossary)')

  folders(program.command('review'))
    .description('German | English side by side per sentence, with glossary terms and QA flags')
    .argument('[article]', 'one article (name or path); default: all')
    .option('--changed [rev]', 'only sentences whose German changed in the last build, or since a git revision')
    .option('--json', 'machine-readable')
    .action(async (article: string | undefined, flags: Record<string, unknown>) => {
      const {reviewCommand} = await import('./review-command.js')
      exitCode = await guarded(() => reviewCommand(io, article, flags))
    })
  folders(program.command('status'))
    .description('per article: sentences, reviewed, machine, stale, missing, QA and glossary issues')
    .option('--json', 'machine-readable')
    .action(async (flags: Record<string, unknown>) => {
      const {statusCommand} = await import('./review-command.js')
      exitCode = await guarded(() => statusCommand(io, flags))
    })

  folders(program.command('export'))
    .description('XLIFF 2.1 per article (--xliff) or the memory as TMX 1.4b (--tmx), for translators\' tools')
    .argument('[article]', 'with --xliff: one article (name or path); default: all')
    .option('--xliff', 'one XLIFF 2.1 file per article')
    .option('--tmx', 'the translation memory as TMX 1.4b')
    .option('--out <dir>', 'folder to write to (default: exports)')
    .action(async (article: string | undefined, flags: Record<string, unknown>) => {
      const {exportCommand} = await import('./interchange-command.js')
      exitCode = await guarded(() => exportCommand(io, flags, article))
    })
  folders(program.command('import'))
    .description('take translations back from XLIFF (as reviewed) or TMX into the memory')
    .argument('<file>')
    .action(async (file: string, flags: Record<string, unknown>) => {
      const {importCommand} = await import('./interchange-command.js')
      exitCode = await guarded(() => importCommand(io, file, flags))
    })

  const glossary = program.command('glossary').description('names and terms: add, list, check, suggest, import, export')
  const common = (command: Command): Command =>
    command.option('--glossary <dir>', 'folder of glossary files (default: glossary)').option('--input <dir>', 'folder of German articles (default: input)').option('--output <dir>', 'output folder with the memory (default: output)')
  const run = async (action: (module: typeof import('./glossary-command.js')) => Promise<number>): Promise<void> => {
    const module = await import('./glossary-command.js')
    exitCode = await guarded(() => action(module))
  }
  common(glossary.command('add'))
    .description('add a term (<german> <english>) or, with --name, a name that is never translated')
    .argument('<german>')
    .argument('[english]')
    .option('--name', 'a name: never translated')
    .option('--note <text>', 'a note for translators and reviewers')
    .option('--forbid <english...>', 'English renderings that must not appear')
    .option('--file <file>', 'glossary file to add to (default: the only file, or glossary.yaml)')
    .action((german: string, english: string | undefined, flags: Record<string, unknown>) => run((m) => m.glossaryAdd(io, german, english, flags)))
  common(glossary.command('list'))
    .description('list every entry with where it is defined')
    .option('--json', 'machine-readable')
    .action((flags: Record<string, unknown>) => run((m) => m.glossaryList(io, flags)))
  common(glossary.command('check'))
    .description('validate the glossary, show where each entry occurs, and whether the translations comply (exit 1 if not)')
    .option('--json', 'machine-readable')
    .action((flags: Record<string, unknown>) => run((m) => m.glossaryCheck(io, flags)))
  common(glossary.command('suggest'))
    .description('candidate names and terms from the input that the glossary lacks, ranked')
    .option('--json', 'machine-readable')
    .option('--limit <n>', 'at most this many (default: 30)')
    .action((flags: Record<string, unknown>) => run((m) => m.glossarySuggest(io, flags)))
  common(glossary.command('export'))
    .description('write the glossary as CSV (DeepL format) or TBX')
    .option('--csv', 'CSV: source,target per line')
    .option('--tbx', 'TBX-Basic XML')
    .option('--out <file>', 'write to a file instead of standard output')
    .action((flags: Record<string, unknown>) => run((m) => m.glossaryExport(io, flags)))
  common(glossary.command('import'))
    .description('add the entries of a CSV (DeepL format) or TBX file; conflicts are refused')
    .argument('<file>')
    .option('--file <file>', 'glossary file to add to')
    .action((file: string, flags: Record<string, unknown>) => run((m) => m.glossaryImport(io, file, flags)))

  // `tandem` alone (or with only global options) shows the help on stdout, as `tandem --help` does.
  const rest = argv.filter((arg, index) => arg !== '--debug' && arg !== '--lang' && argv[index - 1] !== '--lang' && !arg.startsWith('--lang='))
  if (rest.length === 0) {
    program.outputHelp()
    return EXIT.ok
  }
  try {
    await program.parseAsync([...argv], {from: 'user'})
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok
      if (error.code === 'tandem.lang') io.stderr.write(`${error.message}\n`)
      return EXIT.usage
    }
    // Note: what a command did not catch itself still ends as one line, never as a stack (unless --debug).
    const {describeFailure} = await import('./guard.js')
    const {createTranslator} = await import('./i18n.js')
    io.stderr.write(`${describeFailure(error, await createTranslator(languageFromEnv(io.env)), io.cwd).line}\n`)
    if (argv.includes('--debug') && error instanceof Error) io.stderr.write(`${error.stack ?? ''}\n`)
    return EXIT.problems
  }
  return exitCode
}
