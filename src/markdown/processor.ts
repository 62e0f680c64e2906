import type {Nodes, PhrasingContent, Root} from 'mdast'
import {gfmTableToMarkdown} from 'mdast-util-gfm-table'
import {gfmTaskListItemToMarkdown} from 'mdast-util-gfm-task-list-item'
import {defaultHandlers, type Handle, type Info} from 'mdast-util-to-markdown'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkParse from 'remark-parse'
import remarkStringify from 'remark-stringify'
import {unified} from 'unified'
import {cutPoints} from './chunks.js'
import type {mdxProcessors} from './mdx.js'
import {textHandler} from './escape.js'
import {escapeUnclosedMath, inlineMathHandler, labelledAdmonitions, mayHoldTitledAdmonitions, paragraphLines, proseDollars, remarkBlockDirectives, remarkDirectiveLabels} from './syntax.js'

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
/** GFM writes a task list item's checkbox in its paragraph: the paragraph handler wrapped here must be that one, or `[ ]` is lost. */
const paragraphHandler = gfmTaskListItemToMarkdown().handlers?.['paragraph'] as Handle

/** JSON frontmatter as remark-frontmatter reads a custom matter: `{` and `}` on lines of their own (the value is what lies between). */
const JSON_MATTER = {type: 'json', fence: {open: '{', close: '}'}} as const

/** Which Markdown: CommonMark + GFM (`.md`), or MDX with directives (`.mdx`: JSX, expressions, `import`/`export`, `:::note`). */
export type Dialect = 'markdown' | 'mdx'

const STRINGIFY = {
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
    paragraph: tracked(paragraphHandler),
    heading: tracked(defaultHandlers.heading),
    definition: tracked(defaultHandlers.definition),
    table: tracked(tableHandler),
    inlineMath: inlineMathHandler,
    text: textHandler
  }
} as const

/** The same settings with mdast-util-to-markdown's own text handler (`state.safe`): the benchmark's floor, and what the tests hold `textHandler` to. */
const STOCK = {...STRINGIFY, handlers: {...STRINGIFY.handlers, text: defaultHandlers.text}}
/** remark's own serializer with tandem's settings, made when first asked for. */
let stock: ReturnType<typeof markdownProcessor> | undefined

/** CommonMark + GFM + frontmatter + math + directives, read and written with `settings`. */
function markdownProcessor(settings: typeof STRINGIFY) {
  return (
    unified()
      .use(remarkParse)
      // Note: Hugo's JSON frontmatter is an object whose braces stand on lines of their own at the top.
      .use(remarkFrontmatter, ['yaml', 'toml', JSON_MATTER])
      // Note: no pipe alignment, so a table's delimiter row does not depend on
      // the length of its (translated) cells and stays identical in both languages.
      .use(remarkGfm, TABLES)
      .use(remarkMath)
      .use(remarkBlockDirectives)
      .use(remarkDirectiveLabels)
      .use(remarkStringify, settings)
      .freeze()
  )
}

/**
 * The one place that decides how Markdown is read and written. German and
 * English are serialized by the same processor so that their lines match.
 */
const processor = markdownProcessor(STRINGIFY)

/** The MDX processors, once an MDX input was read (see `loadDialect`). */
let mdx: ReturnType<typeof mdxProcessors> | undefined

/**
 * Load what reading and writing `dialect` needs: nothing for Markdown; the
 * MDX parser (remark-mdx, acorn) once, for MDX. Every function here that
 * takes a dialect needs it loaded first (`parseArticle` loads it).
 */
export async function loadDialect(dialect: Dialect): Promise<void> {
  if (dialect !== 'mdx' || mdx !== undefined) return
  const {mdxProcessors} = await import('./mdx.js')
  mdx ??= mdxProcessors({stringify: STRINGIFY, stock: STOCK, tables: TABLES, tracked})
}

function mdxLoaded(): NonNullable<typeof mdx> {
  if (mdx === undefined) throw new Error("internal: MDX is read only after loadDialect('mdx')")
  return mdx
}

function processorFor(dialect: Dialect): typeof processor {
  return dialect === 'mdx' ? (mdxLoaded().processor as unknown as typeof processor) : processor
}

/**
 * Parse Markdown (CommonMark + GFM + YAML/TOML frontmatter) into mdast. A
 * long text is parsed in pieces where that gives the same tree (see
 * `chunks.ts`), positions included, so that its parse never holds more than
 * a piece's events.
 */
export function parseMarkdown(markdown: string, dialect: Dialect = 'markdown'): Root {
  const text = readable(markdown, dialect)
  // Note: MDX is read whole: a JSX block may hold blank lines, so no cut point is safe.
  const cuts = dialect === 'mdx' ? [] : cutPoints(text)
  const tree = cuts.length === 0 ? (processorFor(dialect).parse(text) as Root) : parseInPieces(text, cuts)
  proseDollars(tree, text, rereader(dialect))
  return tree
}

/**
 * The text as the parser gets it: an unclosed `$$` line kept prose, and
 * Docusaurus' `:::tip Titel` read as `:::tip[Titel]` where a first reading
 * finds it in a paragraph (never in code, HTML, math or frontmatter).
 */
function readable(markdown: string, dialect: Dialect): string {
  const text = escapeUnclosedMath(markdown)
  return mayHoldTitledAdmonitions(text) ? labelledAdmonitions(text, paragraphLines(processorFor(dialect).parse(text) as Root)) : text
}

/** The same Markdown without `$…$` math: for what remark-math took for math but reads as prose. */
const withoutSingleDollar = unified().use(remarkParse).use(remarkGfm, TABLES).use(remarkMath, {singleDollarTextMath: false}).freeze()

function rereader(dialect: Dialect): (raw: string) => PhrasingContent[] {
  const reader = dialect === 'mdx' ? mdxLoaded().withoutSingleDollar : withoutSingleDollar
  return (raw) => {
    const [block] = (reader.parse(raw) as Root).children
    return block?.type === 'paragraph' ? block.children : [{type: 'text', value: raw}]
  }
}

/** Parse `markdown` cut at `cuts` (offsets at line starts, see `cutPoints`), each piece on its own, as one tree. */
export function parseInPieces(markdown: string, cuts: readonly number[]): Root {
  const root: Root = {type: 'root', children: []}
  let start = 0
  let line = 0
  for (const end of [...cuts, markdown.length]) {
    const piece = markdown.slice(start, end)
    const tree = processor.parse(piece)
    if (start > 0) shift(tree, line, start)
    root.children.push(...tree.children)
    for (let index = piece.indexOf('\n'); index >= 0; index = piece.indexOf('\n', index + 1)) line++
    start = end
  }
  const lastLine = markdown.slice(markdown.lastIndexOf('\n') + 1)
  root.position = {start: {line: 1, column: 1, offset: 0}, end: {line: line + 1, column: lastLine.length + 1, offset: markdown.length}}
  return root
}

/** Parse the text as one piece, never cut: the tree `parseMarkdown` must give (tests hold one to the other). */
export function parseWhole(markdown: string, dialect: Dialect = 'markdown'): Root {
  const text = readable(markdown, dialect)
  const tree = processorFor(dialect).parse(text)
  proseDollars(tree, text, rereader(dialect))
  return tree
}

/** Move the positions of a piece's tree to where the piece stands in the whole text. */
function shift(tree: Root, lines: number, offset: number): void {
  const move = (node: Nodes): void => {
    const {position} = node
    if (position !== undefined) {
      position.start = {...position.start, line: position.start.line + lines, ...(position.start.offset === undefined ? {} : {offset: position.start.offset + offset})}
      position.end = {...position.end, line: position.end.line + lines, ...(position.end.offset === undefined ? {} : {offset: position.end.offset + offset})}
    }
    if ('children' in node) for (const child of node.children) move(child as Nodes)
  }
  for (const child of tree.children) move(child)
}

/** Serialize mdast to Markdown with tandem's fixed settings. */
export function stringifyMarkdown(tree: Root, dialect: Dialect = 'markdown'): string {
  return processorFor(dialect).stringify(tree)
}

/** Serialize like `stringifyMarkdown`, escaping text as remark itself does. */
export function stringifyStock(tree: Root, dialect: Dialect = 'markdown'): string {
  if (dialect === 'mdx') return mdxLoaded().stock.stringify(tree)
  stock ??= markdownProcessor(STOCK)
  return stock.stringify(tree)
}

/** Serialize like `stringifyMarkdown`, and say where each paragraph, heading, definition and table starts. */
export function stringifyWithStarts(tree: Root, dialect: Dialect = 'markdown'): {readonly text: string; readonly starts: ReadonlyMap<Nodes, Start>} {
  starts = new Map()
  try {
    return {text: processorFor(dialect).stringify(tree), starts}
  } finally {
    starts = undefined
  }
}
