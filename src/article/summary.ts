import type {Extraction} from '../segment/model.js'
import {taggedToPlain} from '../segment/tags.js'

/** Longest summary kept (characters); a provider's budget (`context.chars`) may cut it further. */
export const SUMMARY_CHARS = 600

/**
 * What an article is about, for providers that read the article's context:
 * its frontmatter `description` (or `summary`) when it has one, otherwise its
 * first paragraph, as plain text (no code: placeholders are left out), cut
 * at a word boundary to `SUMMARY_CHARS`.
 */
export function summaryOf(extraction: Extraction): string | undefined {
  for (const name of ['description', 'summary']) {
    for (const slot of extraction.slots) {
      if (slot.type !== 'frontmatter') continue
      const field = slot.fields.find((candidate) => candidate.path === name)
      if (field !== undefined) return cut(field.sentences.map((segment) => taggedToPlain(segment.source)).join(' '))
    }
  }
  // Note: a block's context is its text without code or URLs, which never leave the machine.
  const paragraph = extraction.slots.find((slot) => slot.type === 'phrasing' && slot.node.type === 'paragraph' && slot.sentences.some((unit) => unit.segment.translatable))
  return paragraph?.type === 'phrasing' ? cut(paragraph.sentences[0]?.segment.context ?? '') : undefined
}

/** `text` with its whitespace collapsed, at most `max` characters, cut before a word and marked with "…". */
export function cut(text: string, max = SUMMARY_CHARS): string | undefined {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat === '') return undefined
  if (flat.length <= max) return flat
  const head = flat.slice(0, Math.max(0, max - 1))
  const space = head.lastIndexOf(' ')
  return `${(space > max / 2 ? head.slice(0, space) : head).trimEnd()}…`
}
