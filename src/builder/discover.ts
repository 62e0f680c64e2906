import {lstat, readdir, realpath} from 'node:fs/promises'
import {join, relative, resolve, sep} from 'node:path'
import {ConfigError} from '../errors.js'
import {diagnostic} from '../diagnostics.js'
import {articleStem, isInputName, outputPathsFor} from '../project/layout.js'
import {fail, type Article} from '../article/article.js'

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
    throw new ConfigError(`input folder not found: ${relative(cwd, inputDir) || '.'}`, {option: 'input', path: relative(cwd, inputDir) || '.'}, 'inputMissing')
  }
  let paths: string[]
  const outside = new Map<string, string>()
  if (options.files !== undefined && options.files.length > 0) {
    paths = []
    for (const file of options.files) {
      const absolute = resolve(cwd, file)
      const real = await realpath(absolute).catch(() => absolute)
      if (!real.startsWith(root + sep)) {
        throw new ConfigError(`not inside the input folder: ${file}`, {option: 'files', path: file}, 'notInsideInput')
      }
      paths.push(real)
    }
  } else {
    paths = await walk(root, root, outside)
  }
  const names = new Map<string, string>()
  return paths.sort().map((inputPath) => {
    const name = relative(root, inputPath).split(sep).join('/')
    const stem = articleStem(name)
    const clash = names.get(stem)
    if (clash !== undefined) throw new ConfigError(`two inputs would write the same outputs: ${clash} and ${name}`, {path: name, other: clash}, 'sameOutputs')
    names.set(stem, name)
    const article: Article = {
      inputPath,
      name,
      displayPath: relative(cwd, inputPath) || inputPath,
      outputs: outputPathsFor(outputDir, name),
      diagnostics: [],
      failed: false
    }
    const target = outside.get(inputPath)
    if (target !== undefined) fail(article, diagnostic('error', 'input-outside', article.displayPath, {target}))
    return article
  })
}

/** Markdown files below `dir`; links to files outside `root` are listed and noted in `outside` (path → target), never read. */
async function walk(dir: string, root: string, outside: Map<string, string>): Promise<string[]> {
  const found: string[] = []
  for (const entry of await readdir(dir, {withFileTypes: true})) {
    if (entry.name.startsWith('.')) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) found.push(...(await walk(path, root, outside)))
    else if (entry.isFile() && isInputName(entry.name)) found.push(path)
    else if (entry.isSymbolicLink() && isInputName(entry.name)) {
      // Note: a link is followed only when it stays inside the input folder.
      const target = await realpath(path).catch(() => undefined)
      const stat = target === undefined ? undefined : await lstat(target)
      if (target === undefined || stat?.isFile() !== true) continue
      found.push(path)
      if (!target.startsWith(root + sep)) outside.set(path, target)
    }
  }
  return found
}
