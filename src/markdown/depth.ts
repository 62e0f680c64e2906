import type {Nodes} from 'mdast'

/**
 * Nesting limits. remark parses deeply nested lists in quadratic time and
 * serializes them recursively, so a document with lists or block quotes
 * nested hundreds of levels deep would take minutes or overflow the stack.
 * tandem refuses such a document with the line where it gets too deep.
 */

/** Levels of lists and block quotes tandem translates. */
export const MAX_NESTING = 100

const QUOTES = /^(?: {0,3}>)+/
const LIST_ITEM = /^( *)(?:[-*+]|\d{1,9}[.)])(?: |$)/

/**
 * The first line whose prefix alone shows nesting beyond the limit (more
 * than `MAX_NESTING` `>` markers, or a list item indented more than
 * `MAX_NESTING` × 2 columns), found before parsing. Undefined when none.
 */
export function tooDeepLine(markdown: string): number | undefined {
  let line = 1
  let start = 0
  while (start <= markdown.length) {
    const end = markdown.indexOf('\n', start)
    const text = markdown.slice(start, end < 0 ? markdown.length : end)
    const quotes = QUOTES.exec(text)?.[0]
    if (quotes !== undefined && quotes.split('>').length - 1 > MAX_NESTING) return line
    const rest = quotes === undefined ? text : text.slice(quotes.length)
    const indent = LIST_ITEM.exec(rest.replace(/\t/g, '    '))?.[1]?.length ?? 0
    if (indent > MAX_NESTING * 2) return line
    if (end < 0) break
    start = end + 1
    line++
  }
  return undefined
}

/** The deepest nesting of lists and block quotes in a tree, counted without recursion. */
export function nestingDepth(tree: Nodes): {depth: number; line: number | undefined} {
  let deepest = 0
  let line: number | undefined
  const stack: Array<[Nodes, number]> = [[tree, 0]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [Nodes, number]
    const here = node.type === 'list' || node.type === 'blockquote' ? depth + 1 : depth
    if (here > deepest) {
      deepest = here
      line = node.position?.start.line
    }
    if ('children' in node) for (const child of node.children) stack.push([child, here])
  }
  return {depth: deepest, line}
}
