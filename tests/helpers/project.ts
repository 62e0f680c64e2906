import {mkdir, readdir, readFile, writeFile} from 'node:fs/promises'
import {dirname, join, relative, sep} from 'node:path'
import {runCli} from '../../src/cli/program.js'
import type {TranslationProvider} from '../../src/providers/port.js'
import {tempDir} from './temp.js'

/** A temporary tandem project with the given input files (relative path → content). */
export async function makeProject(files: Readonly<Record<string, string | Uint8Array>>): Promise<string> {
  const root = await tempDir()
  await mkdir(join(root, 'input'), {recursive: true})
  for (const [path, content] of Object.entries(files)) await put(root, path, content)
  return root
}

/** Write a file in a project, creating its folder. */
export async function put(root: string, path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(join(root, path)), {recursive: true})
  await writeFile(join(root, path), content)
}

/** What a CLI run printed and returned. */
export interface CliRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Run `tandem` in-process in `cwd` with captured output. */
export async function tandem(
  cwd: string,
  args: readonly string[],
  options: {providers?: Record<string, TranslationProvider>; env?: Record<string, string>; signal?: AbortSignal} = {}
): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, {
    stdout: {write: (text: string) => (stdout += text)},
    stderr: {write: (text: string) => (stderr += text)},
    cwd,
    env: options.env ?? {LANG: 'en_US.UTF-8'},
    signal: options.signal ?? new AbortController().signal,
    ...(options.providers === undefined ? {} : {providers: options.providers})
  })
  return {code, stdout, stderr}
}

/**
 * Every file below `dir` (recursively), by path relative to `dir`, with its
 * text; without `.tandem/cache/`, which holds what only one checkout knows
 * (file stamps and absolute paths) and differs between any two builds.
 */
export async function filesBelow(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (const entry of await readdir(dir, {withFileTypes: true, recursive: true})) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    const name = relative(dir, path)
    if (name.split(sep).join('/').includes('.tandem/cache/')) continue
    out.set(name, await readFile(path, 'utf8'))
  }
  return out
}
