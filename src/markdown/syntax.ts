import type {Nodes, PhrasingContent, Root} from 'mdast'
import {directiveFromMarkdown, directiveToMarkdown} from 'mdast-util-directive'
import {mathToMarkdown, type InlineMath} from 'mdast-util-math'
import type {Handle} from 'mdast-util-to-markdown'
import {directive} from 'micromark-extension-directive'
import type {Processor} from 'unified'
import {looksLikeProse} from './dollars.js'

/**
 * The pieces of Markdown syntax beyond CommonMark and GFM that tandem reads
 * the way site generators do: admonitions (`:::note`, remark-directive's
 * blocks, as Starlight and Docusaurus write them) and TeX math
 * (remark-math), so that neither is ever sent or broken.
 */

/**
 * Block directives only (`:::note[Titel]` … `:::`, `::youtube[…]{#id}`), for
 * Markdown: text directives (`:name[…]`) would read German such as
 * "Achtung:Bitte" as one, so they are left to MDX.
 */
export function remarkBlockDirectives(this: Processor): void {
  const data = this.data() as {micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[]; toMarkdownExtensions?: unknown[]}
  const {flow} = directive()
  const write = directiveToMarkdown()
  ;(data.micromarkExtensions ??= []).push({flow})
  ;(data.fromMarkdownExtensions ??= []).push(directiveFromMarkdown())
  // Note: without the escape of `:` before a letter in text, which only text directives need.
  ;(data.toMarkdownExtensions ??= []).push({...write, unsafe: (write.unsafe ?? []).filter((pattern) => pattern.character !== ':' || ![pattern.inConstruct].flat().includes('phrasing'))})
}

/** A line that opens an admonition with Docusaurus' older title form, `:::tip Mein Titel`. */
const TITLED = /^( {0,3}:{3,}[A-Za-z][\w-]*)[ \t]+([^\s[{][^\n]*?)[ \t]*$/

/** Whether a text may hold `:::tip Mein Titel` lines (a cheap test before reading it). */
export function mayHoldTitledAdmonitions(text: string): boolean {
  return /^ {0,3}:{3,}[A-Za-z][\w-]*[ \t]+[^\s[{]/m.test(text)
}

/** The lines (1-based) inside paragraphs of a tree: only there is `:::tip Titel` an admonition, not in code, HTML, math or frontmatter. */
export function paragraphLines(tree: Root): Set<number> {
  const lines = new Set<number>()
  const visit = (node: Nodes): void => {
    if (node.type === 'paragraph' && node.position !== undefined) {
      for (let line = node.position.start.line; line <= node.position.end.line; line++) lines.add(line)
      return
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes)
  }
  visit(tree)
  return lines
}

/**
 * Docusaurus' older title form, `:::tip Mein Titel`, as the label form
 * remark-directive reads (`:::tip[Mein Titel]`; Docusaurus reads both), on
 * the given lines (those a first reading found in paragraphs).
 */
export function labelledAdmonitions(text: string, lines: ReadonlySet<number>): string {
  return text
    .split('\n')
    .map((line, index) => {
      const title = lines.has(index + 1) ? TITLED.exec(line) : null
      return title === null || /[[\]]/.test(title[2] ?? '') ? line : `${title[1]}[${title[2]}]`
    })
    .join('\n')
}

/**
 * A `$$` line that opens a math block no later line closes ("$$$ Geldregen
 * für alle"): remark-math would make the rest of the text math, never sent.
 * Its first dollar is escaped, so that the line stays prose.
 */
export function escapeUnclosedMath(text: string): string {
  if (!/^ {0,3}\$\$/m.test(text)) return text
  const lines = text.split('\n')
  let fence: string | undefined
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? ''
    const code = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (fence !== undefined) {
      if (code !== undefined && code[0] === fence[0] && code.length >= fence.length && line.trim() === code) fence = undefined
      continue
    }
    if (code !== undefined) {
      fence = code
      continue
    }
    const open = /^( {0,3})(\${2,})/.exec(line)
    if (open === null) continue
    const size = (open[2] ?? '').length
    const close = lines.findIndex((later, at) => at > index && new RegExp(`^ {0,3}\\\${${size},}[ \\t]*$`).test(later))
    if (close === -1) lines[index] = `${open[1]}\\${line.slice((open[1] ?? '').length)}`
    else index = close
  }
  return lines.join('\n')
}


/**
 * Inline math as pandoc reads it: no space just inside the dollars and no
 * digit after the closing one. What remark-math took for math otherwise
 * ("5 $ und 10 $") is prose again, with its characters as written.
 */
export function proseDollars(tree: Root, text: string, reread: (raw: string) => PhrasingContent[]): void {
  const visit = (node: Nodes): void => {
    if (!('children' in node)) return
    const children = node.children as PhrasingContent[]
    for (let index = 0; index < children.length; index++) {
      const child = children[index] as Nodes
      if (child.type === 'inlineMath') {
        const start = child.position?.start.offset
        const end = child.position?.end.offset
        const raw = start === undefined || end === undefined ? undefined : text.slice(start, end)
        const next = text[end ?? 0] ?? ''
        if (raw !== undefined && raw.startsWith('$') && ((!raw.startsWith('$$') && (/^\$\s|\s\$$/.test(raw) || /\d/.test(next))) || looksLikeProse(raw))) {
          // Prose after all: read again as Markdown without `$…$` math (its emphasis and links are markup again).
          const prose = reread(raw)
          if (child.position !== undefined) for (const node of prose) moveTo(node, child.position.start)
          children.splice(index, 1, ...prose)
          index += prose.length - 1
        } else if (raw !== undefined) {
          // Note: `$$…$$` in a line means display math to many renderers: it is written back with its own dollars.
          child.data = {...child.data, fence: /^\$+/.exec(raw)?.[0].length ?? 1} as typeof child.data
        }
      } else visit(child)
    }
    // Note: text next to text, as the parser would have given it.
    for (let index = children.length - 1; index > 0; index--) {
      const [left, right] = [children[index - 1], children[index]]
      if (left?.type === 'text' && right?.type === 'text') {
        left.value += right.value
        if (left.position !== undefined && right.position !== undefined) left.position = {start: left.position.start, end: right.position.end}
        children.splice(index, 1)
      }
    }
  }
  visit(tree)
}

const defaultInlineMath = mathToMarkdown().handlers?.['inlineMath'] as Handle

/** Inline math written with as many dollars as it was read with (`$$…$$` stays so), where its value allows. */
export const inlineMathHandler: Handle = Object.assign(
  (node: InlineMath, parent: Parameters<Handle>[1], state: Parameters<Handle>[2], info: Parameters<Handle>[3]): string => {
    const written = defaultInlineMath(node, parent, state, info)
    const fence = (node.data as {fence?: unknown} | undefined)?.fence
    const size = /^\$+/.exec(written)?.[0].length ?? 1
    if (typeof fence !== 'number' || fence <= size || node.value.includes('$')) return written
    return `${'$'.repeat(fence)}${written.slice(size, written.length - size)}${'$'.repeat(fence)}`
  },
  {peek: (defaultInlineMath as Handle & {peek?: unknown}).peek}
) as Handle

/** Move the positions of nodes read from a piece of text to where the piece starts. */
function moveTo(node: Nodes, start: {line: number; column: number; offset?: number | undefined}): void {
  const move = (point: {line: number; column: number; offset?: number | undefined}): {line: number; column: number; offset?: number} => ({
    line: start.line + point.line - 1,
    column: point.line === 1 ? start.column + point.column - 1 : point.column,
    ...(start.offset === undefined || point.offset === undefined ? {} : {offset: start.offset + point.offset})
  })
  if (node.position !== undefined) node.position = {start: move(node.position.start), end: move(node.position.end)}
  if ('children' in node) for (const child of node.children) moveTo(child as Nodes, start)
}

/**
 * Escapes in the label of a directive (`:::tip[…]`), which mdast-util-directive
 * writes outside the phrasing that escapes emphasis, brackets and (in MDX)
 * braces and tags: a translated label with `*`, `]` or `{` would become markup.
 */
export function remarkDirectiveLabels(this: Processor): void {
  const data = this.data() as {toMarkdownExtensions?: unknown[]}
  const inConstruct = ['containerDirectiveLabel', 'leafDirectiveLabel', 'textDirectiveLabel'] as const
  ;(data.toMarkdownExtensions ??= []).push({unsafe: ['*', '_', '`', '[', ']', '{', '}', '<', '\\'].map((character) => ({character, inConstruct}))})
}
