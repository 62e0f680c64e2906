import type {Html, PhrasingContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Place} from '../diagnostics.js'
import {looksLikeProse} from '../markdown/dollars.js'
import type {TagKind, Token, VoidKind} from './tags.js'

/**
 * Inline Markdown as a flat list of tagged tokens: text, and a numbered
 * placeholder for each piece of inline markup, whose node goes to a side
 * table. The first step of cutting a block into sentences.
 */

/** Text a reader would not translate, inside otherwise translatable text: template shortcodes. */
/** Template syntax (Hugo shortcodes, Jinja/Liquid tags) that is never sent, and that no answer may bring. */
export const TEMPLATE_TEXT = /\{\{[<%].*?[%>]\}\}|\{\{.*?\}\}|\{%.*?%\}/gs

/**
 * Text that is never sent: template syntax, and TeX math as Markdown sites
 * write it (`$$…$$`; `$…$` as pandoc reads it: no space inside the dollars,
 * no digit after the closing one, so that "5 $ und 10 $" stays prose).
 */
const PROTECTED_TEXT = new RegExp(`${TEMPLATE_TEXT.source}|\\$\\$[\\s\\S]+?\\$\\$|\\$(?=[^\\s$])(?:[^$\\\\\\n]|\\\\.)+?(?<=[^\\s$\\\\])\\$(?!\\d)`, 'gs')

/** A token with the place in the input where it starts. */
export interface FlatToken {
  readonly token: Token
  readonly place: Place | undefined
}

/** A placeholder's kind and the node it stands for (for an inline HTML element, its opening tag, with its closing one). */
export interface PendingEntry {
  readonly kind: TagKind
  readonly node: PhrasingContent
  readonly close?: Html
}

/**
 * Inline Markdown as tagged tokens, placeholders numbered in order of
 * appearance, with the node each stands for (for reading back edited English).
 */
export function phrasingTokens(nodes: readonly PhrasingContent[]): {tokens: Token[]; nodes: Map<number, PhrasingContent>} {
  const flat: FlatToken[] = []
  const entries = new Map<number, PendingEntry>()
  flatten(nodes, flat, entries, {next: 1})
  return {tokens: flat.map((item) => item.token), nodes: new Map([...entries].map(([id, entry]) => [id, entry.node]))}
}

/** Turn phrasing nodes into a flat token list; inline markup goes to the side table. */
export function flatten(nodes: readonly PhrasingContent[], out: FlatToken[], entries: Map<number, PendingEntry>, ids: {next: number}): void {
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index] as PhrasingContent
    const place = node.position === undefined ? undefined : {line: node.position.start.line, column: node.position.start.column}
    const paired = isBareUrl(node) ? undefined : pairedKind(node)
    const closing = node.type === 'html' ? closingSibling(nodes, index) : undefined
    if (node.type === 'text') {
      flattenText(node.value, place, out, entries, ids)
    } else if (node.type === 'html' && closing !== undefined) {
      // An inline HTML element whose tags are siblings: one paired placeholder, so a provider moves it whole.
      const id = ids.next++
      entries.set(id, {kind: 'm', node, close: nodes[closing] as Html})
      out.push({token: {type: 'open', kind: 'm', id}, place})
      flatten(nodes.slice(index + 1, closing), out, entries, ids)
      out.push({token: {type: 'close', kind: 'm', id}, place: undefined})
      index = closing
    } else if (paired !== undefined && 'children' in node) {
      const id = ids.next++
      entries.set(id, {kind: paired, node})
      out.push({token: {type: 'open', kind: paired, id}, place})
      flatten(node.children as PhrasingContent[], out, entries, ids)
      out.push({token: {type: 'close', kind: paired, id}, place: undefined})
    } else {
      const id = ids.next++
      const kind = voidKind(node)
      entries.set(id, {kind, node})
      out.push({token: {type: 'void', kind, id}, place})
    }
  }
}

/** HTML elements that have no content, hence no closing tag. */
export const VOID_ELEMENTS: ReadonlySet<string> = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'])

const OPENING_TAG = /^<([A-Za-z][\w-]*)(?:\s[^<>]*)?>$/
const CLOSING_TAG = /^<\/([A-Za-z][\w-]*)\s*>$/

/**
 * Where the closing tag of the inline HTML opened by `nodes[index]` is among
 * its siblings (same name, nested ones of that name counted), when the node
 * is exactly one opening tag; undefined otherwise (a lone tag, a comment).
 */
function closingSibling(nodes: readonly PhrasingContent[], index: number): number | undefined {
  const node = nodes[index]
  const open = node?.type === 'html' ? OPENING_TAG.exec(node.value) : null
  const name = open?.[1]?.toLowerCase()
  if (name === undefined || VOID_ELEMENTS.has(name) || open?.[0].endsWith('/>')) return undefined
  let depth = 0
  for (let at = index + 1; at < nodes.length; at++) {
    const sibling = nodes[at]
    if (sibling?.type !== 'html') continue
    if (OPENING_TAG.exec(sibling.value)?.[1]?.toLowerCase() === name && !sibling.value.endsWith('/>')) depth++
    else if (CLOSING_TAG.exec(sibling.value)?.[1]?.toLowerCase() === name && depth-- === 0) return at
  }
  return undefined
}

function flattenText(value: string, place: Place | undefined, out: FlatToken[], entries: Map<number, PendingEntry>, ids: {next: number}): void {
  let last = 0
  for (const match of value.matchAll(PROTECTED_TEXT)) {
    // Note: dollars around prose are prices ("US$, der Gewinn bei 1 Mrd. US$"), not math: the words are sent.
    if (match[0].startsWith('$') && looksLikeProse(match[0])) continue
    if (match.index > last) out.push({token: {type: 'text', value: value.slice(last, match.index)}, place: offsetPlace(place, value, last)})
    const id = ids.next++
    entries.set(id, {kind: 'x', node: {type: 'text', value: match[0]}})
    out.push({token: {type: 'void', kind: 'x', id}, place: offsetPlace(place, value, match.index)})
    last = match.index + match[0].length
  }
  if (last < value.length) out.push({token: {type: 'text', value: value.slice(last)}, place: offsetPlace(place, value, last)})
}

export function offsetPlace(place: Place | undefined, value: string, offset: number): Place | undefined {
  if (place === undefined || offset === 0) return place
  const before = value.slice(0, offset)
  const lines = before.split('\n')
  return lines.length === 1
    ? {line: place.line, column: place.column + offset}
    : {line: place.line + lines.length - 1, column: (lines.at(-1)?.length ?? 0) + 1}
}

/** An autolink or a bare URL in text: its text is the URL, which never leaves the machine. */
function isBareUrl(node: PhrasingContent): boolean {
  if (node.type !== 'link') return false
  const text = toString(node)
  return text === node.url || `mailto:${text}` === node.url || `http://${text}` === node.url || `https://${text}` === node.url
}

function pairedKind(node: PhrasingContent): 'b' | 'i' | 's' | 'a' | 'm' | undefined {
  switch (node.type) {
    case 'mdxJsxTextElement':
    case 'textDirective':
      // Note: an MDX component or a `:directive[…]` in text: its words are translated, the element travels as one paired tag.
      return 'm'
    case 'strong':
      return 'b'
    case 'emphasis':
      return 'i'
    case 'delete':
      return 's'
    case 'link':
    case 'linkReference':
      return 'a'
    default:
      return undefined
  }
}

function voidKind(node: PhrasingContent): VoidKind {
  switch (node.type) {
    case 'inlineCode':
      return 'c'
    case 'html':
      return 'h'
    case 'footnoteReference':
      return 'f'
    case 'break':
      return 'br'
    case 'image':
    case 'imageReference':
      return 'img'
    case 'link':
      return 'x'
    default:
      return 'x'
  }
}

/** The plain text of a block's tokens, whitespace folded: the context sent with its sentences. */
export function plainOf(flat: readonly FlatToken[]): string {
  return flat
    .map(({token}) => (token.type === 'text' ? token.value : token.type === 'void' ? ' ' : ''))
    .join('')
    .replace(/[ \t\r\n]+/g, ' ')
    .trim()
}

