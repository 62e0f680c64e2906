import type {Extraction} from '../segment/model.js'
import {parseTagged, type TagKind} from '../segment/tags.js'

/** What a placeholder of a sentence stands for, as far as a reader needs it: the code, the link target, the text it protects. */
export interface Mark {
  readonly kind: TagKind
  readonly text?: string
  readonly url?: string
}

/** The marks of one sentence, by placeholder id (plain data: it goes into JSON). */
export type SentenceMarks = Readonly<Record<number, Mark>>

/** The marks of each sentence of an article, by segment id. */
export type ArticleMarks = ReadonlyMap<string, SentenceMarks>

/** A span of a sentence's display text to mark: a glossary term, with what to say about it. */
export interface MarkedRange {
  readonly start: number
  readonly end: number
  readonly title: string
  /** Shown right after the term (its required English, next to the German term). */
  readonly after?: string
}

/** The marks of every sentence of an extraction (from the nodes its placeholders stand for). */
export function marksOf(extraction: Extraction): Map<string, SentenceMarks> {
  const out = new Map<string, SentenceMarks>()
  for (const slot of extraction.slots) {
    if (slot.type !== 'phrasing') continue
    for (const sentence of slot.sentences) {
      const marks: Record<number, Mark> = {}
      for (const [id, entry] of sentence.entries) {
        const node = entry.node as {type: string; value?: unknown; url?: unknown; alt?: unknown; identifier?: unknown}
        const text = typeof node.value === 'string' ? node.value : typeof node.alt === 'string' ? node.alt : typeof node.identifier === 'string' ? node.identifier : undefined
        marks[id] = {kind: entry.kind, ...(text === undefined ? {} : {text}), ...(typeof node.url === 'string' ? {url: node.url} : {})}
      }
      if (sentence.entries.size > 0) out.set(sentence.segment.id, marks)
    }
  }
  return out
}

type Piece =
  | {readonly type: 'text'; readonly value: string}
  | {readonly type: 'open'; readonly kind: TagKind; readonly id: number}
  | {readonly type: 'close'; readonly kind: TagKind; readonly id: number}
  | {readonly type: 'void'; readonly kind: TagKind; readonly id: number; readonly value: string}

/** What a reader sees of a void placeholder: the code, the protected word, the footnote label. */
function voidText(kind: TagKind, mark: Mark | undefined): string {
  if (kind === 'br') return ''
  if (kind === 'f') return `[^${mark?.text ?? ''}]`
  return mark?.text ?? ''
}

/** The sentence as a reader sees it, without markup: protected words and code included (unlike `taggedToPlain`). */
export function displayText(tagged: string, marks: SentenceMarks | undefined): string {
  return pieces(tagged, marks)
    .map((piece) => (piece.type === 'text' || piece.type === 'void' ? piece.value : ''))
    .join('')
}

function pieces(tagged: string, marks: SentenceMarks | undefined): Piece[] {
  return parseTagged(tagged).map((token): Piece => (token.type === 'void' ? {...token, value: voidText(token.kind, marks?.[token.id])} : token))
}

/**
 * A tagged sentence as HTML, its markup rendered: bold, italics, struck
 * text, inline code, links (their target shown on hover; nothing navigates),
 * footnote references, images by their alt text; `ranges` of its display
 * text (see `displayText`) are marked. Every text is escaped.
 */
export function markupHtml(tagged: string, marks: SentenceMarks | undefined, ranges: readonly MarkedRange[] = []): string {
  // Note: of overlapping ranges the first is kept whole.
  const sorted: MarkedRange[] = []
  for (const range of [...ranges].sort((a, b) => a.start - b.start)) if (range.start >= (sorted.at(-1)?.end ?? 0)) sorted.push(range)
  let out = ''
  let at = 0
  const marked = (from: number, text: string): string => {
    let html = ''
    let last = 0
    for (const range of sorted) {
      const start = Math.max(range.start - from, last)
      const end = Math.min(range.end - from, text.length)
      if (end <= start) continue
      html += escapeHtml(text.slice(last, start)) + `<mark title="${escapeHtml(range.title)}">${escapeHtml(text.slice(start, end))}</mark>`
      if (range.after !== undefined && range.end - from <= text.length) html += `<span class="required">${escapeHtml(range.after)}</span>`
      last = end
    }
    return html + escapeHtml(text.slice(last))
  }
  for (const piece of pieces(tagged, marks)) {
    const mark = piece.type === 'text' ? undefined : marks?.[piece.id]
    if (piece.type === 'open') out += OPEN[piece.kind]?.(mark) ?? ''
    else if (piece.type === 'close') out += CLOSE[piece.kind] ?? ''
    else {
      out += piece.type === 'text' ? marked(at, piece.value) : voidHtml(piece.kind, mark, marked(at, piece.value))
      at += piece.value.length
    }
  }
  return out
}

const OPEN: Partial<Record<TagKind, (mark: Mark | undefined) => string>> = {
  b: () => '<strong>',
  i: () => '<em>',
  s: () => '<del>',
  a: (mark) => `<span class="link" title="${escapeHtml(mark?.url ?? '')}">`,
  m: (mark) => `<span class="element" title="${escapeHtml(mark?.text ?? '')}">`
}
const CLOSE: Partial<Record<TagKind, string>> = {b: '</strong>', i: '</em>', s: '</del>', a: '</span>', m: '</span>'}

function voidHtml(kind: TagKind, mark: Mark | undefined, inner: string): string {
  switch (kind) {
    case 'c':
      return `<code>${inner}</code>`
    case 'h':
      return `<code class="html">${inner}</code>`
    case 'f':
      return `<sup class="footnote">${inner}</sup>`
    case 'br':
      return '<br>'
    case 'img':
      return `<span class="image" title="${escapeHtml(mark?.url ?? '')}">[${inner}]</span>`
    default:
      return inner
  }
}

/** Escape text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}
