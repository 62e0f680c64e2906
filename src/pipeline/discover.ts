import {lstat, readdir, realpath} from 'node:fs/promises'
import {join, relative, resolve, sep} from 'node:path'
import {ConfigError} from '../errors.js'
import type {Article, OutputPaths} from './article.js'

const MARKDOWN = /\.(md|markdown)$/i

/** Output paths for an article name such as `sub/foo.md`. */
export function outputPathsFor(outputDir: string, name: string): OutputPaths {
  const stem = join(outputDir, name.replace(MARKDOWN, ''))
  return {de: `${stem}.de.md`, en: `${stem}.en.md`, bilingual: `${stem}.de-en.md`, review: `${stem}.review.html`}
}

/**
 * The articles to build: every Markdown file below `inputDir` (subfolders
 * mirrored, hidden files skipped, symbolic links not followed out of the
 * folder), or only `files` when given.
 * @throws ConfigError when the input folder is missing or a named file lies outside it.
 */
export async function discoverArticles(options: {cwd: string; inputDir: string; outputDir: string; files?: readonly string[]}): Promise<Article[]> {
  const {cwd, inputDir, outputDir} = options
  let root: string
  try {
    root = await realpath(inputDir)
  } catch {
    throw new ConfigError(`input folder not found: ${relative(cwd, inputDir) || '.'}`, {option: 'input', path: relative(cwd, inputDir) || '.'})
  }
  let paths: string[]
  if (options.files !== undefined && options.files.length > 0) {
    paths = []
    for (const file of options.files) {
      const absolute = resolve(cwd, file)
      const real = await realpath(absolute).catch(() => absolute)
      if (!real.startsWith(root + sep)) {
        throw new ConfigError(`not inside the input folder: ${file}`, {option: 'files', path: file})
      }
      paths.push(real)
    }
  } else {
    paths = await walk(root, root)
  }
  const names = new Map<string, string>()
  return paths.sort().map((inputPath) => {
    const name = relative(root, inputPath).split(sep).join('/')
    const stem = name.replace(MARKDOWN, '')
    const clash = names.get(stem)
    if (clash !== undefined) throw new ConfigError(`two inputs would write the same outputs: ${clash} and ${name}`, {path: name})
    names.set(stem, name)
    return {
      inputPath,
      name,
      displayPath: relative(cwd, inputPath) || inputPath,
      outputs: outputPathsFor(outputDir, name),
      diagnostics: [],
      failed: false
    }
  })
}

async function walk(dir: string, root: string): Promise<string[]> {
  const found: string[] = []
  for (const entry of await readdir(dir, {withFileTypes: true})) {
    if (entry.name.startsWith('.')) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) found.push(...(await walk(path, root)))
    else if (entry.isFile() && MARKDOWN.test(entry.name)) found.push(path)
    else if (entry.isSymbolicLink() && MARKDOWN.test(entry.name)) {
      // Note: a link is followed only when it stays inside the input folder.
      const target = await realpath(path).catch(() => undefined)
      const stat = target === undefined ? undefined : await lstat(target)
      if (target !== undefined && stat?.isFile() === true && target.startsWith(root + sep)) found.push(path)
    }
  }
  return found
}
