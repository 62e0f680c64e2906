import {execFile} from 'node:child_process'
import {readFile} from 'node:fs/promises'
import {join, relative, sep} from 'node:path'
import {promisify} from 'node:util'
import {TandemError} from '../errors.js'
import {openProject, type FolderFlags} from '../project/open.js'
import {TANDEM_DIR} from '../project/layout.js'
import {writeFileAtomic} from '../util/fs.js'
import type {Translate} from './i18n.js'
import {EXIT, type CliIo} from './io.js'

const run = promisify(execFile)

/** The git configuration of tandem's merge driver (`%P`: the file's path, which says what it is). */
export const DRIVER = {name: 'tandem: translation memory, build state and records', driver: 'npx --no-install tandem merge %O %A %B %P'} as const

/**
 * `tandem init`: in a git repository, route the memory, the build state and
 * the records through tandem's merge driver: the `.gitattributes` lines
 * (added once, nothing else in the file changes) and the `git config`
 * commands, printed, or run with `--git-config`.
 */
export async function initCommand(io: CliIo, flags: FolderFlags & {readonly gitConfig?: boolean}, t: Translate): Promise<number> {
  const project = await openProject(io.cwd, flags)
  const top = await run('git', ['rev-parse', '--show-toplevel'], {cwd: io.cwd}).then(
    ({stdout}) => stdout.trim(),
    () => undefined
  )
  if (top === undefined) throw new TandemError('usage', `${io.cwd} is not in a git repository`, {params: {dir: io.cwd}, key: 'usage.initNotInGit'})
  const tandemDir = relative(top, join(project.outputDir, TANDEM_DIR)).split(sep).join('/')
  const lines = [`${tandemDir}/memory.*.jsonl merge=tandem`, `${tandemDir}/state.json merge=tandem`, `${tandemDir}/records/*.json merge=tandem`]
  const path = join(top, '.gitattributes')
  const before = await readFile(path, 'utf8').catch(() => '')
  const missing = lines.filter((line) => !before.split(/\r?\n/).includes(line))
  if (missing.length > 0) await writeFileAtomic(path, `${before}${before === '' || before.endsWith('\n') ? '' : '\n'}${missing.join('\n')}\n`)
  io.stdout.write(`${t(missing.length > 0 ? 'commands.initAttributes' : 'commands.initAttributesThere', {path: relative(io.cwd, path) || '.gitattributes'})}\n`)
  const commands = [
    ['config', 'merge.tandem.name', DRIVER.name],
    ['config', 'merge.tandem.driver', DRIVER.driver]
  ]
  if (flags.gitConfig === true) {
    for (const args of commands) await run('git', args, {cwd: top})
    io.stdout.write(`${t('commands.initConfigured')}\n`)
  } else {
    io.stdout.write(`${t('commands.initRun')}\n`)
    for (const args of commands) io.stdout.write(`  git ${args.slice(0, 2).join(' ')} ${JSON.stringify(args[2])}\n`)
  }
  return EXIT.ok
}
