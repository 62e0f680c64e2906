import {readFileSync} from 'node:fs'
import {Command, CommanderError, Help} from 'commander'
import {createTranslator, languageFromEnv, type Translate, type UiLanguage} from './i18n.js'
import {EXIT, type CliIo} from './io.js'

/** The code of the commands but `build`, `check` and `merge`: loaded when one runs, never for `--help` (see commands.ts). */
const commands = (): Promise<typeof import('./commands.js')> => import('./commands.js')


/** tandem's version: the package's, read where the code is (two folders below the package, in `src/` or `dist/`). */
function packageVersion(): string {
  try {
    return String((JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version?: unknown}).version ?? 'unknown')
  } catch {
    return 'unknown'
  }
}

/** The value of `--lang` in argv, if given (`--lang de` or `--lang=de`). */
function languageFlag(argv: readonly string[]): string | undefined {
  for (const [index, arg] of argv.entries()) {
    if (arg === '--lang') return argv[index + 1]
    if (arg.startsWith('--lang=')) return arg.slice('--lang='.length)
  }
  return undefined
}

/** commander's section titles (Usage:, Options:, …) in the user's language. */
function localizedTitle(title: string, t: Translate): string {
  const key = {'Usage:': 'usage', 'Options:': 'options', 'Global Options:': 'globalOptions', 'Commands:': 'commands', 'Arguments:': 'arguments'}[title]
  return key === undefined ? title : t(`help.${key}`)
}

/** commander's own error messages (unknown option, missing argument, …) in the user's language. */
function localizedCommanderError(text: string, t: Translate): string {
  const suggestion = /\s*\(Did you mean (.+)\?\)$/.exec(text.trimEnd())
  const hint = suggestion === null ? '' : ` ${t('commander.didYouMean', {suggestion: suggestion[1]})}`
  const line = (suggestion === null ? text.trimEnd() : text.trimEnd().slice(0, suggestion.index)).replace(/^error: /, '')
  const patterns: ReadonlyArray<[RegExp, string, readonly string[]]> = [
    [/^unknown option '(.+)'$/, 'unknownOption', ['option']],
    [/^unknown command '(.+)'$/, 'unknownCommand', ['command']],
    [/^missing required argument '(.+)'$/, 'missingArgument', ['argument']],
    [/^option '(.+)' argument missing$/, 'optionValueMissing', ['option']],
    [/^too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/, 'tooManyArguments', ['command', 'expected', 'got']]
  ]
  for (const [pattern, key, names] of patterns) {
    const match = pattern.exec(line)
    if (match === null) continue
    const values = Object.fromEntries(names.map((name, index) => [name, match[index + 1] ?? '']))
    return `${t(`commander.${key}`, values)}${hint}\n`
  }
  return text
}

/**
 * Parse argv once and run the command. Commands are loaded lazily so that
 * `tandem --help` starts fast. Only the CLI decides exit codes.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok
  // Note: the language is needed before parsing, for the help texts and commander's own errors.
  const early = languageFlag(argv)
  const t = await createTranslator(early === 'de' || early === 'en' ? early : languageFromEnv(io.env))
  const program = new Command()
    .name('tandem')
    .description(t('help.program'))
    .option('--lang <language>', t('help.lang'))
    .option('--debug', t('help.debug'))
    .version(packageVersion(), '-V, --version', t('help.version'))
    .helpOption('-h, --help', t('help.help'))
    .helpCommand('help [command]', t('help.help'))
    .configureHelp({
      styleTitle: (title: string) => localizedTitle(title, t),
      // Note: the usage line's words in the user's language; argument names stay, as the errors quote them.
      commandUsage(this: Help, command: Command): string {
        return Help.prototype.commandUsage.call(this, command).replace('[options]', `[${t('help.optionsWord')}]`).replace('[command]', `[${t('help.commandWord')}]`)
      }
    })
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
      outputError: (text, write) => write(localizedCommanderError(text, t))
    })

  const language = (): UiLanguage => {
    const flag = program.opts<{lang?: string}>().lang
    if (flag === undefined) return languageFromEnv(io.env)
    if (flag !== 'de' && flag !== 'en') throw new CommanderError(EXIT.usage, 'tandem.lang', `error: --lang must be de or en, not "${flag}"`)
    return flag
  }

  program
    .command('build')
    .description(t('help.build'))
    .argument('[files...]', t('help.buildFiles'))
    .option('--input <dir>', t('help.input'))
    .option('--output <dir>', t('help.output'))
    .option('--glossary <dir>', t('help.glossaryDir'))
    .option('--provider <name>', t('help.provider'))
    .option('--base-url <url>', t('help.baseUrl'))
    .option('--model <name>', t('help.model'))
    .option('--concurrency <n>', t('help.concurrency'))
    .option('--workers <n>', t('help.workers'))
    .option('--max-chars <n>', t('help.maxChars'))
    .option('--judge <provider>', t('help.judge'))
    .option('--judge-model <name>', t('help.judgeModel'))
    .option('--judge-fix', t('help.judgeFix'))
    .option('--dry-run', t('help.dryRun'))
    .option('--json', t('help.buildJson'))
    .option('--quiet', t('help.quiet'))
    .option('--strict', t('help.strict'))
    .action(async (files: string[], flags: Record<string, unknown>) => {
      const {buildCommand} = await import('./build-command.js')
      exitCode = await buildCommand(files, {...flags, debug: program.opts<{debug?: boolean}>().debug === true}, language(), io)
    })

  const guarded = async (action: () => Promise<number>): Promise<number> => {
    const {runGuarded} = await import('./guard.js')
    return runGuarded(io, action, language(), program.opts<{debug?: boolean}>().debug === true)
  }

  /** The folder flags of every command that opens a project (see project/open.ts). */
  const folders = (command: Command): Command =>
    command
      .option('--input <dir>', t('help.input'))
      .option('--output <dir>', t('help.output'))
      .option('--glossary <dir>', t('help.glossaryDir'))

  folders(program.command('review'))
    .description(t('help.review'))
    .argument('[article]', t('help.article'))
    .option('--changed [rev]', t('help.changed'))
    .option('--json', t('help.json'))
    .option('--format <format>', t('help.reviewFormat'))
    .option('--serve', t('help.serve'))
    .option('--port <n>', t('help.port'))
    .option('--open', t('help.open'))
    .action(async (article: string | undefined, flags: Record<string, unknown>) => {
      if (flags['serve'] === true) {
        const {serveCommand} = await commands()
        exitCode = await guarded(() => serveCommand(io, flags, t, language()))
        return
      }
      const {reviewCommand} = await commands()
      exitCode = await guarded(() => reviewCommand(io, article, flags, t))
    })
  folders(program.command('check'))
    .description(t('help.ciCheck'))
    .option('--strict', t('help.checkStrict'))
    .option('--require-reviewed', t('help.requireReviewed'))
    .option('--since <revision>', t('help.since'))
    .option('--format <format>', t('help.format'))
    .action(async (flags: Record<string, unknown>) => {
      const {checkCommand} = await import('./check-command.js')
      exitCode = await guarded(() => checkCommand(io, flags, t))
    })
  program
    .command('merge')
    .description(t('help.merge'))
    .argument('<base>', t('help.mergeBase'))
    .argument('<ours>', t('help.mergeOurs'))
    .argument('<theirs>', t('help.mergeTheirs'))
    .argument('[path]', t('help.mergePath'))
    .action(async (base: string, ours: string, theirs: string, path: string | undefined) => {
      const {mergeCommand} = await import('./merge-command.js')
      exitCode = await guarded(() => mergeCommand(io, {base, ours, theirs, ...(path === undefined ? {} : {path})}, t))
    })
  folders(program.command('resolve'))
    .description(t('help.resolve'))
    .argument('[numbers...]', t('help.resolveNumbers'))
    .option('--take <version>', t('help.take'))
    .action(async (numbers: string[], flags: Record<string, unknown>) => {
      const {resolveCommand} = await commands()
      exitCode = await guarded(() => resolveCommand(io, numbers, flags, t))
    })
  folders(program.command('init'))
    .description(t('help.init'))
    .option('--git-config', t('help.gitConfig'))
    .action(async (flags: Record<string, unknown>) => {
      const {initCommand} = await commands()
      exitCode = await guarded(() => initCommand(io, flags, t))
    })
  folders(program.command('status'))
    .description(t('help.status'))
    .option('--json', t('help.json'))
    .action(async (flags: Record<string, unknown>) => {
      const {statusCommand} = await commands()
      exitCode = await guarded(() => statusCommand(io, flags, t))
    })

  folders(program.command('export'))
    .description(t('help.export'))
    .argument('[article]', t('help.exportArticle'))
    .option('--xliff', t('help.xliff'))
    .option('--tmx', t('help.tmx'))
    .option('--out <dir>', t('help.out'))
    .action(async (article: string | undefined, flags: Record<string, unknown>) => {
      const {exportCommand} = await commands()
      exitCode = await guarded(() => exportCommand(io, flags, t, article))
    })
  folders(program.command('import'))
    .description(t('help.import'))
    .argument('<file>')
    .action(async (file: string, flags: Record<string, unknown>) => {
      const {importCommand} = await commands()
      exitCode = await guarded(() => importCommand(io, file, flags, t))
    })

  const glossary = program.command('glossary').description(t('help.glossary'))
  const common = (command: Command): Command =>
    command.option('--glossary <dir>', t('help.glossaryDir')).option('--input <dir>', t('help.input')).option('--output <dir>', t('help.outputMemory'))
  const run = async (action: (module: typeof import('./commands.js')['glossary']) => Promise<number>): Promise<void> => {
    const module = (await commands()).glossary
    exitCode = await guarded(() => action(module))
  }
  common(glossary.command('add'))
    .description(t('help.add'))
    .argument('<german>')
    .argument('[english]')
    .option('--name', t('help.name'))
    .option('--note <text>', t('help.note'))
    .option('--forbid <english...>', t('help.forbid'))
    .option('--file <file>', t('help.file'))
    .action((german: string, english: string | undefined, flags: Record<string, unknown>) => run((m) => m.glossaryAdd(io, german, english, flags, t)))
  common(glossary.command('list'))
    .description(t('help.list'))
    .option('--json', t('help.json'))
    .action((flags: Record<string, unknown>) => run((m) => m.glossaryList(io, flags, t)))
  common(glossary.command('check'))
    .description(t('help.check'))
    .option('--json', t('help.json'))
    .action((flags: Record<string, unknown>) => run((m) => m.glossaryCheck(io, flags, t)))
  common(glossary.command('suggest'))
    .description(t('help.suggest'))
    .option('--json', t('help.json'))
    .option('--limit <n>', t('help.limit'))
    .action((flags: Record<string, unknown>) => run((m) => m.glossarySuggest(io, flags, t)))
  common(glossary.command('export'))
    .description(t('help.glossaryExport'))
    .option('--csv', t('help.csv'))
    .option('--tbx', t('help.tbx'))
    .option('--out <file>', t('help.outFile'))
    .action((flags: Record<string, unknown>) => run((m) => m.glossaryExport(io, flags, t)))
  common(glossary.command('import'))
    .description(t('help.glossaryImport'))
    .argument('<file>')
    .option('--file <file>', t('help.importFile'))
    .action((file: string, flags: Record<string, unknown>) => run((m) => m.glossaryImport(io, file, flags, t)))

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
    io.stderr.write(`${describeFailure(error, t, io.cwd).line}\n`)
    if (argv.includes('--debug') && error instanceof Error) io.stderr.write(`${error.stack ?? ''}\n`)
    return EXIT.problems
  }
  return exitCode
}
