import {realpathSync} from 'node:fs'
import {dirname, relative, resolve, sep} from 'node:path'
import {loadConfig, type TandemConfig} from '../config/config.js'
import {ConfigError} from '../errors.js'
import {tandemLayout, type TandemLayout} from './layout.js'

/** The folder flags every command takes; each overrides the config file. */
export interface FolderFlags {
  readonly input?: string
  readonly output?: string
  readonly glossary?: string
}

/** A project as every command sees it: its config with the flags applied, and its folders. */
export interface Project {
  readonly cwd: string
  readonly config: TandemConfig
  /** Absolute folders. */
  readonly inputDir: string
  readonly outputDir: string
  readonly glossaryDir: string
  readonly layout: TandemLayout
}

/**
 * Open the project in `cwd`: load `tandem.config.json`, apply the folder
 * flags, and refuse folders that overlap (tandem would translate its own outputs).
 * The one way into a project for every command.
 * @throws ConfigError for a bad config or overlapping folders.
 */
export async function openProject(cwd: string, flags: FolderFlags = {}): Promise<Project> {
  const config = await loadConfig(cwd)
  const inputDir = resolve(cwd, flags.input ?? config.input)
  const outputDir = resolve(cwd, flags.output ?? config.output)
  const glossaryDir = resolve(cwd, flags.glossary ?? config.glossary)
  refuseOverlap(cwd, inputDir, outputDir)
  return {cwd, config, inputDir, outputDir, glossaryDir, layout: tandemLayout(outputDir)}
}

/** The real path of a folder, or of its nearest existing parent with the rest appended. */
function realFolder(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    const parent = dirname(path)
    return parent === path ? path : resolve(realFolder(parent), relative(parent, path))
  }
}

function inside(child: string, parent: string): boolean {
  return child.startsWith(parent.endsWith(sep) ? parent : parent + sep)
}

/** @throws ConfigError when the input and output folders are the same or one holds the other. */
function refuseOverlap(cwd: string, inputDir: string, outputDir: string): void {
  const input = realFolder(inputDir)
  const output = realFolder(outputDir)
  const shown = (path: string): string => relative(cwd, path) || '.'
  const params = {option: 'output', input: shown(inputDir), output: shown(outputDir)}
  if (input === output) throw new ConfigError(`the input and output folders are the same folder (${shown(inputDir)}); choose another output folder`, params, 'sameFolder')
  if (inside(output, input)) throw new ConfigError(`the output folder ${shown(outputDir)} is inside the input folder ${shown(inputDir)}; tandem would translate its own outputs`, params, 'outputInsideInput')
  if (inside(input, output)) throw new ConfigError(`the input folder ${shown(inputDir)} is inside the output folder ${shown(outputDir)}; choose folders side by side`, params, 'inputInsideOutput')
}
