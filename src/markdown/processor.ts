import type {Nodes, Root} from 'mdast'
import {gfmTableToMarkdown} from 'mdast-util-gfm-table'
import {defaultHandlers, type Handle, type Info} from 'mdast-util-to-markdown'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkStringify from 'remark-stringify'
import {unified} from 'unified'

/** Where a block starts in serialized Markdown (1-based). */
export interface Start {
  readonly line: number
  readonly column: number
  /** How many characters of prefix (indent, `> `) the block's later lines have. */
  readonly lineShift: number
}

/** While a tracked serialization runs: the start of each block it writes. */
let starts: Map<Nodes, Start> | undefined

/** A handler that notes where its node starts, then writes it as usual. */
function tracked(handle: Handle): Handle {
  return (node: Nodes, parent, state, info: Info) => {
    starts?.set(node, {line: info.now.line, column: info.now.column, lineShift: info.lineShift})
    return handle(node, parent, state, info)
  }
}

/** Table settings; the table handler is wrapped with the same ones. */
const TABLES = {tablePipeAlign: false}
const tableHandler = gfmTableToMarkdown(TABLES).handlers?.['table'] as Handle

/**
 * The one place that decides how Markdown is read and written. German and
 * English are serialized by the same processor so that their lines match.
 */
const processor = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml', 'toml'])
  // Note: no pipe alignment, so a table's delimiter row does not depend on
  // the length of its (translated) cells and stays identical in both languages.
  .use(remarkGfm, TABLES)
  .use(remarkStringify, {
    bullet: '-',
    emphasis: '*',
    strong: '*',
    fence: '`',
    fences: true,
    rule: '*',
    listItemIndent: 'one',
    setext: false,
    resourceLink: false,
    // Note: the serializer's own position tracking says where each block lands, so no second pass has to find out.
    handlers: {
      paragraph: tracked(defaultHandlers.paragraph),
      heading: tracked(defaultHandlers.heading),
      definition: tracked(defaultHandlers.definition),
      table: tracked(tableHandler)
    }
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

/** Serialize like `stringifyMarkdown`, and say where each paragraph, heading, definition and table starts. */
export function stringifyWithStarts(tree: Root): {readonly text: string; readonly starts: ReadonlyMap<Nodes, Start>} {
  starts = new Map()
  try {
    return {text: processor.stringify(tree), starts}
  } finally {
    starts = undefined
  }
}
