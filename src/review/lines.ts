import type {Root} from 'mdast'
import {assemble} from '../segment/assemble.js'
import type {Extraction, Segment} from '../segment/model.js'

/** Where a segment stands in the written files. */
export interface SegmentLine {
  readonly segment: Segment
  /** 1-based line in the `.de.md` and `.en.md`. */
  readonly line: number
  /** Ordinal of its block. */
  readonly slot: number
}

/**
 * The line of every translatable segment in the written files, found by
 * writing the article once more with a marker before each segment. Escaping
 * may change a line's characters, never the number of lines, so the lines
 * are those of the real files.
 */
export function segmentLines(tree: Root, extraction: Extraction): SegmentLine[] {
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
          : slot.fields.flatMap((field) => field.sentences)
    for (const segment of segments) slotOf.set(segment, ordinal)
  })
  return extraction.segments.map((segment, position) => ({segment, line: lineOf.get(position) ?? 0, slot: slotOf.get(segment) ?? -1}))
}
