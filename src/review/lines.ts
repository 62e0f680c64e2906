import type {Nodes, Root} from 'mdast'
import type {Start} from '../markdown/processor.js'
import {assemble} from '../segment/assemble.js'
import type {Extraction, InlineEntry, Segment, SentenceUnit} from '../segment/model.js'
import {parseTagged} from '../segment/tags.js'

/** Where a segment stands in the written files. */
export interface SegmentLine {
  readonly segment: Segment
  /** 1-based line in the `.de.md` and `.en.md`. */
  readonly line: number
  /** Ordinal of its block. */
  readonly slot: number
}

/**
 * The line of every translatable segment in the written files, from where
 * the serializer put each block (`starts`, see `stringifyWithStarts`): a
 * paragraph's sentences follow one another a line apart, plus the line
 * breaks the HTML or code inside a sentence holds; a table cell is on its
 * row's line; a frontmatter field where the YAML has it. Returns undefined
 * when a block's start is unknown or a code span spans lines (the serializer
 * may turn its line ending into a space): the caller then asks the slower way.
 */
export function segmentLines(tree: Root, extraction: Extraction, starts: ReadonlyMap<Nodes, Start>): SegmentLine[] | undefined {
  const lineOf = new Map<Segment, number>()
  const slotOf = new Map<Segment, number>()
  const rows = rowLines(tree, starts)
  for (const [ordinal, slot] of extraction.slots.entries()) {
    if (slot.type === 'frontmatter') {
      for (const field of slot.fields) {
        const line = 2 + newlines(slot.yaml.slice(0, field.range[0]))
        for (const segment of field.sentences) place(segment, line, ordinal)
      }
      continue
    }
    const node = slot.node as Nodes
    const start = node.type === 'tableCell' ? rows.get(node) : starts.get(node)?.line
    if (start === undefined) return undefined
    if (slot.type === 'attribute') {
      // A JSX block's attributes are on the line of its tag, unless a value holds a line break.
      if (node.type !== 'mdxJsxFlowElement' || node.attributes.some((attribute) => typeof attribute.value === 'string' && attribute.value.includes('\n'))) return undefined
      place(slot.segment, start, ordinal)
      continue
    }
    if (slot.type === 'definition') {
      place(slot.title, start, ordinal)
      continue
    }
    let line = start
    for (const unit of slot.sentences) {
      place(unit.segment, line, ordinal)
      for (const entry of unit.entries.values()) for (const field of [entry.alt, entry.title]) if (field !== undefined) place(field, line, ordinal)
      if (slot.joiner === ' ') continue
      const inside = breaksInside(unit)
      if (inside === undefined) return undefined
      line += inside + 1
    }
  }
  return extraction.segments.map((segment) => ({segment, line: lineOf.get(segment) ?? 0, slot: slotOf.get(segment) ?? -1}))

  function place(segment: Segment, line: number, slot: number): void {
    lineOf.set(segment, line)
    slotOf.set(segment, slot)
  }
}

/** The line of every table cell: the header row at the table's start, the others after the delimiter row. */
function rowLines(tree: Root, starts: ReadonlyMap<Nodes, Start>): Map<Nodes, number> {
  const out = new Map<Nodes, number>()
  const visit = (node: Nodes): void => {
    if (node.type === 'table') {
      const start = starts.get(node)?.line
      if (start === undefined) return
      node.children.forEach((row, index) => {
        for (const cell of row.children) out.set(cell, start + (index === 0 ? 0 : index + 1))
      })
      return
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes)
  }
  visit(tree)
  return out
}

/** Line breaks a sentence holds in its HTML; undefined when a code span holds one (it may be written as a space). */
function breaksInside(unit: SentenceUnit): number | undefined {
  let count = 0
  for (const token of parseTagged(unit.segment.source)) {
    if (token.type === 'text') {
      count += newlines(token.value)
      continue
    }
    if (token.type === 'close') continue
    const entry: InlineEntry | undefined = unit.entries.get(token.id)
    const node = entry?.node
    if (node?.type === 'html') count += newlines(node.value) + newlines(entry?.close?.value ?? '')
    else if (node?.type === 'inlineCode' && newlines(node.value) > 0) return undefined
  }
  return count
}

function newlines(text: string): number {
  let count = 0
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) count++
  return count
}

/**
 * The slower way: write the article once more with a marker before each
 * segment and read the markers' lines. Escaping may change a line's
 * characters, never the number of lines. Rewrites the tree's slots.
 */
export function probeLines(tree: Root, extraction: Extraction): SegmentLine[] {
  const index = new Map<Segment, number>()
  extraction.segments.forEach((segment, position) => index.set(segment, position))
  const probe = assemble(tree, extraction, (segment) => `QZX${index.get(segment) ?? 0}Q ${segment.source}`)
  const lineOf = new Map<number, number>()
  probe.split('\n').forEach((line, number) => {
    for (const match of line.matchAll(/QZX(\d+)Q/g)) lineOf.set(Number(match[1]), number + 1)
  })
  const slotOf = new Map<Segment, number>()
  extraction.slots.forEach((slot, ordinal) => {
    const segments: Segment[] =
      slot.type === 'phrasing'
        ? slot.sentences.flatMap((unit) => [unit.segment, ...[...unit.entries.values()].flatMap((entry) => [entry.alt, entry.title].filter((s): s is Segment => s !== undefined))])
        : slot.type === 'definition'
          ? [slot.title]
          : slot.type === 'attribute'
            ? [slot.segment]
            : slot.fields.flatMap((field) => field.sentences)
    for (const segment of segments) slotOf.set(segment, ordinal)
  })
  return extraction.segments.map((segment, position) => ({segment, line: lineOf.get(position) ?? 0, slot: slotOf.get(segment) ?? -1}))
}
