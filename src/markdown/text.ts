import type {Heading, List, ListItem, Paragraph, Root, RootContent, Text} from 'mdast'
import type {Point, Position} from 'unist'

/** A unit of scraped text: one line, or one blank-line block, with where it starts. */
interface Unit {
  readonly text: string
  readonly line: number
  readonly column: number
  readonly offset: number
  readonly end: Point
}

/** Longest line that may be a heading. */
const HEADING_MAX = 100
/** Stands for a line a drop pattern left out: neither text nor a blank line. */
const DROPPED = '\u0000dropped'
/** A line that ends a sentence or leads into something (`Quellenliste:`) is prose, not a heading. */
const FINAL_PUNCTUATION = /[.!?:;,…“”"»«)\]]$/u

/**
 * Text scraped from a web page as an article's tree, read the way a reader
 * would: one paragraph per line (or per blank-line block, when the file is
 * written that way), the first short line without final punctuation as the
 * title and such lines between paragraphs as headings, `- ` and `1.` lines
 * as lists. Whole lines matching `drop` (page furniture: comment forms,
 * share buttons) are left out. Positions point into the text file.
 */
export function parseScrapedText(text: string, drop: readonly RegExp[] = []): Root {
  const units = unitsOf(text, (line) => drop.some((pattern) => pattern.test(line)))
  const children: RootContent[] = []
  let list: List | undefined
  // Note: a numbered line alone is no list ("20. Juli 1944 scheiterte …", "1. FC Köln …"): an ordered list has two items in a row.
  const numbered = (other: Unit | undefined): boolean => other !== undefined && /^\d{1,3}[.)]\s+\S/u.test(other.text)
  const items = units.map((unit, index) => {
    const match = /^(?:([-*•–])|(\d{1,3})[.)])\s+(.+)$/u.exec(unit.text)
    return match !== null && (match[1] !== undefined || numbered(units[index - 1]) || numbered(units[index + 1])) ? match : null
  })
  units.forEach((unit, index) => {
    const item = items[index] ?? null
    if (item !== null) {
      const ordered = item[2] !== undefined
      if (list === undefined || list.ordered !== ordered) {
        list = {type: 'list', ordered, spread: false, children: [], position: positionOf(unit), ...(ordered ? {start: Number(item[2])} : {})}
        children.push(list)
      }
      const content = item[3] ?? ''
      const column = unit.column + unit.text.length - content.length
      const paragraph = paragraphOf({...unit, text: content, column, offset: unit.offset + (column - unit.column)})
      const entry: ListItem = {type: 'listItem', spread: false, checked: null, children: [paragraph], position: positionOf(unit)}
      list.children.push(entry)
      if (list.position !== undefined) list.position.end = unit.end
      return
    }
    list = undefined
    const next = units[index + 1]
    const heading = unit.text.length <= HEADING_MAX && !FINAL_PUNCTUATION.test(unit.text) && next !== undefined && items[index + 1] === null
    if (heading) {
      const node: Heading = {type: 'heading', depth: children.length === 0 ? 1 : 2, children: [textOf(unit)], position: positionOf(unit)}
      children.push(node)
    } else children.push(paragraphOf(unit))
  })
  const last = units.at(-1)
  return {type: 'root', children, position: {start: {line: 1, column: 1, offset: 0}, end: last?.end ?? {line: 1, column: 1, offset: 0}}}
}

/** Whether a text file has no line break at all where an article would have many: then it is no scraped article. */
export function oneLongLine(text: string): boolean {
  return !text.includes('\n') && text.trim() !== ''
}

/** The units of the text; a line `dropped` says is left out (before lines are joined into blocks). */
function unitsOf(text: string, dropped: (line: string) => boolean): Unit[] {
  const all = text.replace(/\r\n?/g, '\n').split('\n')
  const lines = all.map((line) => (line.trim() !== '' && dropped(line.trim()) ? DROPPED : line))
  const starts: number[] = []
  let offset = 0
  for (const line of all) {
    starts.push(offset)
    offset += line.length + 1
  }
  const blank = (line: string): boolean => line.trim() === ''
  const gone = (line: string | undefined): boolean => line === DROPPED
  // Blank-line blocks when the file has them and some block spans lines; else one unit per line.
  const first = lines.findIndex((line) => !blank(line))
  const end = lines.length - [...lines].reverse().findIndex((line) => !blank(line))
  const inner = first < 0 ? [] : lines.slice(first, end)
  const blocks = inner.some(blank) && inner.some((line, index) => !blank(line) && index + 1 < inner.length && !blank(inner[index + 1] ?? ''))
  const item = (line: string): boolean => /^\s*(?:[-*•–]|\d{1,3}[.)])\s+\S/u.test(line)
  const units: Unit[] = []
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? ''
    if (blank(line) || gone(line)) continue
    let last = index
    // Note: a list item is a unit of its own in a block too.
    // Note: a dropped line inside a block leaves the block whole.
    if (blocks && !item(line)) while (last + 1 < lines.length && !blank(lines[last + 1] ?? '') && (gone(lines[last + 1]) || !item(lines[last + 1] ?? ''))) last++
    while (last > index && gone(lines[last])) last--
    const indent = line.length - line.trimStart().length
    const joined = lines.slice(index, last + 1).filter((part) => !gone(part)).map((part) => part.trim()).join(' ')
    const lastLine = lines[last] ?? ''
    units.push({
      text: joined,
      line: index + 1,
      column: indent + 1,
      offset: (starts[index] ?? 0) + indent,
      end: {line: last + 1, column: lastLine.trimEnd().length + 1, offset: (starts[last] ?? 0) + lastLine.trimEnd().length}
    })
    index = last
  }
  return units
}

function positionOf(unit: Unit): Position {
  return {start: {line: unit.line, column: unit.column, offset: unit.offset}, end: {...unit.end}}
}

function textOf(unit: Unit): Text {
  return {type: 'text', value: unit.text, position: positionOf(unit)}
}

function paragraphOf(unit: Unit): Paragraph {
  return {type: 'paragraph', children: [textOf(unit)], position: positionOf(unit)}
}
