import type {Root} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkStringify from 'remark-stringify'
import {unified} from 'unified'

/**
 * The one place that decides how Markdown is read and written. German and
 * English are serialized by the same processor so that their lines match.
 */
const processor = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml', 'toml'])
  // Note: no pipe alignment, so a table's delimiter row does not depend on
  // the length of its (translated) cells and stays identical in both languages.
  .use(remarkGfm, {tablePipeAlign: false})
  .use(remarkStringify, {
    bullet: '-',
    emphasis: '*',
    strong: '*',
    fence: '`',
    fences: true,
    rule: '*',
    listItemIndent: 'one',
    setext: false,
    resourceLink: false
  })
  .freeze()

/** Parse Markdown (CommonMark + GFM + YAML/TOML frontmatter) into mdast. */
export function parseMarkdown(markdown: string): Root {
  return processor.parse(markdown)
}

/** Serialize mdast to Markdown with tandem's fixed settings. */
export function stringifyMarkdown(tree: Root): string {
  return processor.stringify(tree)
}
