import type * as HtmlRead from '../html/parse.js'
import type * as HtmlWrite from '../html/write.js'
import {loadDialect} from '../markdown/processor.js'
import type {InputKind} from '../project/layout.js'

/**
 * What reading and writing an input needs beyond CommonMark, loaded once,
 * when the first input of its kind is parsed (`parseArticle` does it): the
 * MDX parser, or the HTML reader and writer (rehype-parse, parse5). A
 * Markdown build never loads them: they were about 20 ms of every process
 * and build worker.
 */

let html: {readonly read: typeof HtmlRead; readonly write: typeof HtmlWrite} | undefined

export async function loadReaders(kind: InputKind): Promise<void> {
  if (kind === 'mdx') await loadDialect('mdx')
  if (kind !== 'html' || html !== undefined) return
  const [read, write] = await Promise.all([import('../html/parse.js'), import('../html/write.js')])
  html ??= {read, write}
}

/** The HTML modules, once an HTML input was parsed. */
export function htmlModules(): NonNullable<typeof html> {
  if (html === undefined) throw new Error("internal: HTML is read only after loadReaders('html')")
  return html
}
