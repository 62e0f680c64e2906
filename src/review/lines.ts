import type {Root} from 'mdast'
import {assemble} from '../segment/assemble.js'
import type {Extraction, Segment} from '../segment/model.js'
import {parseTagged, tokensToTagged, type Token} from '../segment/tags.js'

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
 * writing the article once more with a marker for each segment in place of
 * its words. Escaping may change a line's characters, never the number of
 * lines; the words themselves hold no line break (they are normalized), so
 * the markup around a marker keeps the lines of the real files. That is
 * checked against the German as written (`lines`): when the counts differ,
 * the markers are written beside the whole sentences instead.
 */
export function segmentLines(tree: Root, extraction: Extraction, lines: number): SegmentLine[] {
  const index = new Map<Segment, number>()
  extraction.segments.forEach((segment, position) => index.set(segment, position))
  const marker = (segment: Segment): string => `QZX${index.get(segment) ?? 0}Q`
  let probe = assemble(tree, extraction, (segment) => `${marker(segment)}${markupOnly(segment.source)}`)
  if (probe.split('\n').length !== lines) probe = assemble(tree, extraction, (segment) => `${marker(segment)} ${segment.source}`)
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

/** A tagged text with its words dropped: the placeholders, each paired one around a single letter. */
function markupOnly(tagged: string): string {
  const tokens = parseTagged(tagged)
  if (tokens.every((token) => token.type === 'text')) return ''
  const kept: Token[] = []
  for (const token of tokens) {
    if (token.type === 'text') continue
    kept.push(token)
    if (token.type === 'open') kept.push({type: 'text', value: 'x'})
  }
  return tokensToTagged(kept)
}
