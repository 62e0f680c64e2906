import type {Definition, Parent, PhrasingContent, Root, RootContent} from 'mdast'
import type {Place} from '../diagnostics.js'
import {sha256} from '../util/hash.js'
import {extractFrontmatter} from './frontmatter.js'
import type {Dialect} from '../markdown/processor.js'
import {DEFAULT_FRONTMATTER_FIELDS, DEFAULT_MDX_ATTRIBUTES} from './defaults.js'
import type {AttributeSlot, Extraction, ExtractionNote, FrontmatterSlot, InlineEntry, Segment, SegmentKind, SentenceUnit, Slot} from './model.js'
import {sentenceBoundaries} from './sentences.js'
import {flatten, offsetPlace, plainOf, type FlatToken, type PendingEntry} from './inline.js'
import {normalizeTagged, taggedToPlain, tokensToTagged, type Token} from './tags.js'

/** Options for `extractSegments`. */
export interface ExtractOptions {
  /** Frontmatter fields to translate, dotted paths for nested maps (default: title, description, summary). */
  readonly frontmatterFields?: readonly string[]
  /** For scraped text (`.txt`): regular expressions of whole lines to leave out (page furniture). */
  readonly textDrop?: readonly string[]
  /** For MDX (`.mdx`): the attributes of JSX elements and directives whose text values are translated (default: title, alt, label, description). */
  readonly mdxAttributes?: readonly string[]
}



/**
 * Walk an mdast tree and cut every translatable block into sentences.
 * Pure: the tree is not changed; the slots keep references to its nodes so
 * that `assemble` can rebuild them in either language.
 * A frontmatter it cannot rewrite safely is left as it is, with a note.
 */
export function extractSegments(tree: Root, options: ExtractOptions = {}, dialect: Dialect = 'markdown'): Extraction {
  const context = new ExtractContext()
  const slots: Slot[] = []
  const notes: ExtractionNote[] = []
  const fields = options.frontmatterFields ?? DEFAULT_FRONTMATTER_FIELDS
  const attributes = new Set(dialect === 'mdx' ? (options.mdxAttributes ?? DEFAULT_MDX_ATTRIBUTES) : [])
  const walk = (node: Root | RootContent): void => {
    if (attributes.size > 0) slots.push(...attributeSlots(node, attributes, context))
    switch (node.type) {
      case 'yaml':
      case 'toml' as RootContent['type']:
      case 'json' as RootContent['type']: {
        const slot = extractFrontmatter(
          node as FrontmatterSlot['node'],
          fields,
          (source, place, blockContext) => context.segment('frontmatter', source, blockContext, place),
          (note) => notes.push(note)
        )
        if (slot !== undefined) slots.push(slot)
        return
      }
      case 'heading':
        return phrasing(node, 'heading', ' ')
      case 'paragraph':
        return phrasing(node, 'paragraph', '\n')
      case 'tableCell':
        return phrasing(node, 'cell', ' ')
      case 'leafDirective':
        // `::youtube[Der Titel]{#id}`: its label is its phrasing.
        return phrasing(node, 'paragraph', ' ')
      case 'definition':
        if (node.title) slots.push(definitionSlot(node, context))
        return
      default:
        if ('children' in node) for (const child of node.children) walk(child)
    }
  }
  const phrasing = (node: Parent & {children: PhrasingContent[]}, kind: SegmentKind, joiner: '\n' | ' '): void => {
    slots.push(phrasingSlot(node, kind, joiner, context))
    // Note: the attributes of inline elements follow their block, in order.
    if (attributes.size > 0) for (const inline of inlineElements(node)) slots.push(...attributeSlots(inline, attributes, context))
  }
  walk(tree)
  return {segments: context.segments, slots, ...(notes.length === 0 ? {} : {notes}), ...(dialect === 'mdx' ? {mdx: {attributes: [...attributes]}} : {})}
}

/** The listed text attributes of an MDX element or directive (string values only: an `{expression}` is never sent). */
function attributeSlots(node: Root | RootContent | PhrasingContent, names: ReadonlySet<string>, context: ExtractContext): AttributeSlot[] {
  const out: AttributeSlot[] = []
  const place = nodePlace(node)
  if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
    for (const attribute of node.attributes) {
      if (attribute.type !== 'mdxJsxAttribute' || !names.has(attribute.name) || typeof attribute.value !== 'string' || attribute.value.trim() === '') continue
      out.push({type: 'attribute', node, name: attribute.name, segment: context.segment('attribute', tokensToTagged([{type: 'text', value: attribute.value}]), attribute.value, place)})
    }
  } else if ((node.type === 'containerDirective' || node.type === 'leafDirective' || node.type === 'textDirective') && node.attributes) {
    for (const [name, value] of Object.entries(node.attributes)) {
      if (!names.has(name) || typeof value !== 'string' || value.trim() === '') continue
      out.push({type: 'attribute', node, name, segment: context.segment('attribute', tokensToTagged([{type: 'text', value}]), value, place)})
    }
  }
  return out
}

/** The JSX elements and text directives inside a paragraph, in document order. */
function inlineElements(node: Parent): PhrasingContent[] {
  const out: PhrasingContent[] = []
  for (const child of node.children as PhrasingContent[]) {
    if (child.type === 'mdxJsxTextElement' || child.type === 'textDirective') out.push(child)
    if ('children' in child) out.push(...inlineElements(child))
  }
  return out
}

class ExtractContext {
  readonly segments: Segment[] = []
  private readonly seen = new Map<string, number>()

  segment(kind: SegmentKind, tagged: string, blockContext: string, place: Place): Segment {
    const source = normalizeTagged(tagged)
    const base = sha256(`${kind}\u0000${source}`, 12)
    const count = (this.seen.get(base) ?? 0) + 1
    this.seen.set(base, count)
    const segment: Segment = {
      id: count === 1 ? base : `${base}-${count}`,
      kind,
      source,
      context: blockContext,
      place,
      translatable: /\p{L}/u.test(taggedToPlain(source))
    }
    this.segments.push(segment)
    return segment
  }
}

function phrasingSlot(
  node: Parent & {children: PhrasingContent[]},
  kind: SegmentKind,
  joiner: '\n' | ' ',
  context: ExtractContext
): Slot {
  const entries = new Map<number, PendingEntry>()
  const flat: FlatToken[] = []
  flatten(node.children, flat, entries, {next: 1})
  const blockContext = plainOf(flat)
  const pieces = cutSentences(flat, entries)
  const sentences: SentenceUnit[] = []
  for (const piece of pieces) {
    const unit = sentenceUnit(piece.tokens, entries, kind, blockContext, context, nodePlace(node))
    sentences.push(piece.breakAfter === undefined ? unit : {...unit, breakAfter: piece.breakAfter})
  }
  return {type: 'phrasing', node, sentences, joiner}
}

function definitionSlot(node: Definition, context: ExtractContext): Slot {
  const title = node.title ?? ''
  return {
    type: 'definition',
    node,
    title: context.segment('title', tokensToTagged([{type: 'text', value: title}]), title, nodePlace(node))
  }
}

const WIDTH_OF_VOID = '\uFFFC'

interface Piece {
  readonly tokens: FlatToken[]
  readonly breakAfter?: PhrasingContent
}

/**
 * Cut a block's tokens into sentences. A boundary inside paired markup is
 * dropped (the markup keeps its sentences together); a hard break outside
 * markup always ends a line, so it ends the sentence too.
 */
function cutSentences(flat: readonly FlatToken[], entries: ReadonlyMap<number, PendingEntry>): Piece[] {
  const plain = flat.map(({token}) => (token.type === 'text' ? token.value : token.type === 'void' ? WIDTH_OF_VOID : '')).join('')
  const boundaries = sentenceBoundaries(plain)
  const pieces: Piece[] = []
  let current: FlatToken[] = []
  let depth = 0
  let pos = 0
  let next = 0
  const cut = (): void => {
    if (current.length > 0) pieces.push({tokens: current})
    current = []
  }
  for (const item of flat) {
    const {token} = item
    if (token.type === 'text') {
      let value = token.value
      let start = pos
      while (next < boundaries.length && (boundaries[next] ?? 0) < pos + token.value.length) {
        const boundary = boundaries[next++] ?? 0
        if (boundary < start || depth > 0) continue
        const head = value.slice(0, boundary - start)
        if (head !== '') current.push({token: {type: 'text', value: head}, place: offsetPlace(item.place, token.value, start - pos)})
        cut()
        value = value.slice(boundary - start)
        start = boundary
      }
      if (value !== '') current.push({token: {type: 'text', value}, place: offsetPlace(item.place, token.value, start - pos)})
      pos += token.value.length
      continue
    }
    while (next < boundaries.length && (boundaries[next] ?? 0) <= pos) {
      const boundary = boundaries[next++] ?? 0
      if (boundary === pos && depth === 0 && token.type !== 'close') cut()
    }
    if (token.type === 'open') depth++
    if (token.type === 'close') depth--
    if (token.type === 'void') {
      pos += WIDTH_OF_VOID.length
      if (token.kind === 'br' && depth === 0) {
        // Note: the break as it was read (an HTML article's keeps the bytes of its `<br>`).
        pieces.push({tokens: current, breakAfter: entries.get(token.id)?.node ?? {type: 'break'}})
        current = []
        continue
      }
    }
    current.push(item)
  }
  cut()
  return pieces.filter((piece) => piece.breakAfter !== undefined || piece.tokens.some(({token}) => token.type !== 'text' || token.value.trim() !== ''))
}

/** Trim the sentence's outer whitespace, renumber its placeholders 1..n, and make its segment. */
function sentenceUnit(
  flat: readonly FlatToken[],
  entries: ReadonlyMap<number, PendingEntry>,
  kind: SegmentKind,
  blockContext: string,
  context: ExtractContext,
  fallback: Place
): SentenceUnit {
  const renumber = new Map<number, number>()
  const tokens: Token[] = flat.map(({token}) => {
    if (token.type === 'text') return token
    let id = renumber.get(token.id)
    if (id === undefined) {
      id = renumber.size + 1
      renumber.set(token.id, id)
    }
    return {...token, id}
  })
  const place = flat.find(({token, place: at}) => at !== undefined && (token.type !== 'text' || token.value.trim() !== ''))?.place ?? fallback
  const sentenceEntries = new Map<number, InlineEntry>()
  const segment = context.segment(kind, tokensToTagged(tokens), blockContext, place)
  for (const [oldId, newId] of renumber) {
    const entry = entries.get(oldId)
    if (entry === undefined) continue
    sentenceEntries.set(newId, withFields(entry, segment, context, place))
  }
  return {segment, entries: sentenceEntries}
}

/** Images carry alt text and a title, links a title: each is a segment of its own. */
function withFields(entry: PendingEntry, sentence: Segment, context: ExtractContext, place: Place): InlineEntry {
  const {node} = entry
  const sentenceText = taggedToPlain(sentence.source)
  const field = (kind: SegmentKind, value: string): Segment =>
    context.segment(kind, tokensToTagged([{type: 'text', value}]), sentenceText, place)
  let result: InlineEntry = entry.close === undefined ? {kind: entry.kind, node} : {kind: entry.kind, node, close: entry.close}
  if ((node.type === 'image' || node.type === 'imageReference') && node.alt) result = {...result, alt: field('alt', node.alt)}
  if ((node.type === 'image' || node.type === 'link') && node.title) result = {...result, title: field('title', node.title)}
  return result
}

function nodePlace(node: {position?: {start: {line: number; column: number}} | undefined}): Place {
  return node.position === undefined ? {line: 1, column: 1} : {line: node.position.start.line, column: node.position.start.column}
}

export {DEFAULT_FRONTMATTER_FIELDS, DEFAULT_MDX_ATTRIBUTES}
