/**
 * Where a long Markdown text can be cut so that each piece parses to exactly
 * the blocks the whole text would: remark holds every parse event of a
 * document at once, so a 5 MB article parsed whole needs gigabytes. A cut
 * goes at a blank line, outside fenced code and frontmatter, before a line
 * that starts a paragraph or heading at its first column (so it continues no
 * list item, quote or code, and starts no list item of a list above). A text
 * with link or footnote definitions, or with HTML blocks that may span blank
 * lines, is never cut: a piece would lose what the others define.
 */

/** Texts shorter than this are parsed whole (default of `cutPoints`). */
export const CUT_ABOVE = 256 * 1024

/** About how long a piece is. */
const PIECE = 64 * 1024

const DEFINITION = /^ {0,3}\[[^\]\n]+\]:/m
const SPANNING_HTML = /^ {0,3}<(?:script|pre|style|textarea|!--|\?|![A-Za-z]|!\[CDATA\[)/im
/** A block directive (`:::note`) or a math block (`$$`), which may hold blank lines. */
const SPANNING_BLOCK = /^ {0,3}(?::{2,}[A-Za-z]|\$\$)/m
const FENCE = /^ {0,3}(`{3,}|~{3,})/
const STARTS_PARAGRAPH = /^(?:#{1,6}(?: |$)|[\p{L}\p{N}*_`„“"'([])/u
const LIST_ITEM = /^(?:[-+*][ \t]|\d{1,9}[.)](?:[ \t]|$))/
const FRONTMATTER_OPEN = /^(?:---|\+\+\+|\{)[ \t]*$/

/**
 * Offsets at which `text` can be cut into pieces that parse independently;
 * empty when it is short or must be parsed whole.
 */
export function cutPoints(text: string, above = CUT_ABOVE, piece = PIECE): number[] {
  if (text.length <= above || DEFINITION.test(text) || SPANNING_HTML.test(text) || SPANNING_BLOCK.test(text)) return []
  const cuts: number[] = []
  let fence: string | undefined
  let lineStart = 0
  let lastCut = 0
  let previousBlank = false
  // Note: frontmatter is skipped whole; its closing line is found as remark finds it.
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'))
  let inFrontmatter = FRONTMATTER_OPEN.test(firstLine)
  const frontmatterFence = firstLine.trim() === '{' ? '}' : firstLine.trim()
  let first = true
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart)
    const lineEnd = newline === -1 ? text.length : newline
    const line = text.slice(lineStart, lineEnd)
    if (inFrontmatter) {
      if (!first && line.trim() === frontmatterFence) inFrontmatter = false
    } else if (fence !== undefined) {
      const closing = FENCE.exec(line)
      if (closing?.[1] !== undefined && closing[1][0] === fence[0] && closing[1].length >= fence.length && line.trim() === closing[1]) fence = undefined
    } else {
      const opening = FENCE.exec(line)
      if (opening?.[1] !== undefined) fence = opening[1]
      else if (previousBlank && lineStart - lastCut >= piece && STARTS_PARAGRAPH.test(line) && !LIST_ITEM.test(line)) {
        cuts.push(lineStart)
        lastCut = lineStart
      }
    }
    previousBlank = fence === undefined && !inFrontmatter && line.trim() === ''
    first = false
    lineStart = lineEnd + 1
  }
  return cuts
}
