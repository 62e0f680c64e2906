import {basename, relative, resolve} from 'node:path'
import {ConfigError} from '../errors.js'
import {articleStem} from './layout.js'

/** What selecting needs to know of an article. */
export interface Selectable {
  /** Path below the input folder, with `/` separators. */
  readonly name: string
  /** Path as the user would type it. */
  readonly displayPath: string
  readonly inputPath: string
}

/**
 * The articles a command was asked for: all, or the one `only` names, by
 * its path (as typed, or relative to the input folder), its file name, or
 * its base name without extension when no other article has that one.
 * @throws ConfigError when no article, or more than one by base name, fits.
 */
export function selectArticles<T extends Selectable>(articles: readonly T[], only: string | undefined, cwd: string, inputDir: string): T[] {
  if (only === undefined) return [...articles]
  const exact = articles.filter((article) => article.name === only || article.displayPath === only || article.name === `${only}.md` || resolve(cwd, only) === article.inputPath)
  if (exact.length > 0) return exact
  const byBase = articles.filter((article) => articleStem(basename(article.name)) === only || basename(article.name) === only)
  if (byBase.length === 1) return byBase
  if (byBase.length > 1) {
    const list = byBase.map((article) => article.displayPath).join(', ')
    throw new ConfigError(`"${only}" names ${byBase.length} articles (${list}); give its path`, {value: only, count: byBase.length, list}, 'ambiguousArticle')
  }
  throw new ConfigError(`no article "${only}" in ${relative(cwd, inputDir) || '.'}`, {value: only, folder: relative(cwd, inputDir) || '.'}, 'noArticle')
}
