import {wordDiff} from './diff.js'
import type {ReviewRow} from './rows.js'

/**
 * What changed in a pull request as a Markdown document for a comment: per
 * article a table of its changed sentences, old and new German and English
 * with the words that changed marked (~~removed~~, **added**), the findings
 * under each, and a link to the sentence's line. Pure.
 */

/** GitHub's limit on the length of a comment. */
export const COMMENT_LIMIT = 65_536

/** The words of the document, in the reader's language. */
export interface CommentLabels {
  readonly title: string
  readonly article: (path: string, count: number) => string
  readonly line: string
  readonly german: string
  readonly english: string
  readonly nothing: string
  readonly cut: (sentences: number, articles: number) => string
}

/** One article's changed sentences, and where its English is (for the links). */
export interface CommentArticle {
  readonly path: string
  readonly english: string
  readonly rows: readonly ReviewRow[]
}

/**
 * The comment, never longer than `limit` characters: what does not fit is
 * left out whole (sentence by sentence), and a last line says how much.
 * `link` gives the address of a line of a file, when there is one to give.
 */
export function changesComment(articles: readonly CommentArticle[], labels: CommentLabels, options: {readonly limit?: number; readonly link?: (path: string, line: number) => string | undefined} = {}): string {
  const limit = options.limit ?? COMMENT_LIMIT
  const changed = articles.filter((article) => article.rows.length > 0)
  const parts = [`## ${labels.title}\n`]
  if (changed.length === 0) return `${parts[0]}\n${labels.nothing}\n`
  // Note: room for the last line, however much is left out.
  const room = limit - 400
  let length = parts[0]?.length ?? 0
  let leftRows = 0
  const leftArticles = new Set<string>()
  for (const article of changed) {
    const head = `\n### ${escape(labels.article(article.path, article.rows.length))}\n\n| ${labels.line} | ${labels.german} | ${labels.english} |\n| - | - | - |\n`
    let wrote = false
    for (const row of article.rows) {
      const text = rowText(row, article, options.link)
      const adding = (wrote ? 0 : head.length) + text.length
      if (leftRows > 0 || length + adding > room) {
        leftRows++
        leftArticles.add(article.path)
        continue
      }
      if (!wrote) parts.push(head)
      parts.push(text)
      length += adding
      wrote = true
    }
  }
  if (leftRows > 0) parts.push(`\n${labels.cut(leftRows, leftArticles.size)}\n`)
  return parts.join('')
}

function rowText(row: ReviewRow, article: CommentArticle, link: ((path: string, line: number) => string | undefined) | undefined): string {
  const address = link?.(article.english, row.line)
  const line = address === undefined ? String(row.line) : `[${row.line}](${address})`
  const before = row.previous
  const de = before === undefined ? escape(row.de) : marked(before.de, row.de)
  const en = before === undefined ? escape(row.en) : marked(before.en, row.en)
  const flags = row.flags.map((flag) => `<br>⚠ ${escape(flag)}`).join('')
  return `| ${line} | ${de} | ${en}${flags} |\n`
}

/** The new text with the words that changed marked: removed ones struck, added ones bold. */
function marked(before: string, after: string): string {
  if (before === '') return escape(after)
  const steps = wordDiff(before, after)
  return steps
    .map(({op, text}, index) => {
      if (op === 'same') return escape(text)
      // Note: the marks go around the words, the spaces stay outside (Markdown emphasis cannot start with one).
      const [, lead = '', words = '', trail = ''] = /^(\s*)(.*?)(\s*)$/s.exec(text) ?? []
      if (words === '') return text
      // Removed words right before the added ones that replace them: a space between, so both read.
      const gap = op === 'insert' && steps[index - 1]?.op === 'delete' && lead === '' ? ' ' : ''
      return `${gap}${lead}${op === 'delete' ? `~~${escape(words)}~~` : `**${escape(words)}**`}${trail}`
    })
    .join('')
}

/** Text as it reads in a table cell: markup characters escaped, one line. */
function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>|~#]/g, '\\$&').replace(/\r?\n/g, ' ')
}
