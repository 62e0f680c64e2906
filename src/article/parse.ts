import {toString} from 'mdast-util-to-string'
import {visit} from 'unist-util-visit'
import {diagnostic} from '../diagnostics.js'
import {MAX_NESTING, nestingDepth, tooDeepLine} from '../markdown/depth.js'
import {parseMarkdown} from '../markdown/processor.js'
import {extractSegments, type ExtractOptions} from '../segment/extract.js'
import {FrontmatterError} from '../segment/frontmatter.js'
import {fail, type Article} from './article.js'

/** Stage: parse the article into mdast and cut it into segments. */
export function parseArticle(article: Article, options: ExtractOptions): void {
  if (article.failed || article.source === undefined) return
  const early = tooDeepLine(article.source)
  if (early !== undefined) {
    fail(article, diagnostic('error', 'input-too-deep', article.displayPath, {limit: MAX_NESTING}, {line: early, column: 1}))
    return
  }
  try {
    const tree = parseMarkdown(article.source)
    const nesting = nestingDepth(tree)
    if (nesting.depth > MAX_NESTING) {
      fail(article, diagnostic('error', 'input-too-deep', article.displayPath, {limit: MAX_NESTING}, {line: nesting.line ?? 1, column: 1}))
      return
    }
    article.tree = tree
    article.extraction = extractSegments(tree, options)
    const heading = tree.children.find((node) => node.type === 'heading' && node.depth === 1)
    if (heading !== undefined) article.title = toString(heading)
    // Segments carry their places now; positions would only keep a large tree larger.
    visit(tree, (node) => {
      delete node.position
    })
  } catch (error) {
    if (error instanceof FrontmatterError) {
      fail(article, diagnostic('error', 'parse-failed', article.displayPath, {reason: error.message}, error.place))
      return
    }
    fail(article, diagnostic('error', 'parse-failed', article.displayPath, {reason: (error as Error).message}))
  }
}
