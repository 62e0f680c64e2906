import type {ElementContent} from 'hast'
import type {Delete, Emphasis, PhrasingContent, Strong} from 'mdast'
import {escapeText} from '../segment/tags.js'
import {isSentElement} from './elements.js'
import type {TagSource} from './model.js'

/** The mdast nodes an HTML article's inline content becomes: text with its URL literals held, emphasis, nodes with their source tags. */

/** What a Markdown reader would take for a link (GFM's URL, www. and e-mail literals): never sent, kept as written. */
const URL_LITERAL = /(?:https?:\/\/|www\.)[^\s<]*[^\s<.,:;"')\]!?*_~]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g

export function textNodes(value: string, position: PhrasingContent['position']): PhrasingContent[] {
  const out: PhrasingContent[] = []
  let last = 0
  for (const match of value.matchAll(URL_LITERAL)) {
    if (match.index > last) out.push({type: 'text', value: value.slice(last, match.index)})
    out.push(withSource({type: 'inlineCode', value: match[0]}, {open: escapeText(match[0]), close: '', attributes: []}))
    last = match.index + match[0].length
  }
  if (last === 0) return [{type: 'text', value, position}]
  if (last < value.length) out.push({type: 'text', value: value.slice(last)})
  const first = out[0]
  if (first !== undefined) first.position = position
  return out
}

/**
 * `<strong> Wort </strong>`: the spaces inside the tags go outside them, as
 * Markdown emphasis cannot start or end with a space (it would be written as
 * `&#x20;` and take the line break after it along, out of the line alignment).
 */
export function hoistSpace(node: Strong | Emphasis | Delete): PhrasingContent[] {
  const first = node.children[0]
  const last = node.children.at(-1)
  if (node.children.every((child) => child.type === 'text' && child.value.trim() === '')) return [node]
  const lead = first?.type === 'text' ? (/^\s+/.exec(first.value)?.[0] ?? '') : ''
  if (first?.type === 'text' && lead !== '') first.value = first.value.slice(lead.length)
  const trail = last?.type === 'text' ? (/\s+$/.exec(last.value)?.[0] ?? '') : ''
  if (last?.type === 'text' && trail !== '') last.value = last.value.slice(0, last.value.length - trail.length)
  node.children = node.children.filter((child) => child.type !== 'text' || child.value !== '')
  return [...(lead === '' ? [] : [{type: 'text', value: lead} as const]), node, ...(trail === '' ? [] : [{type: 'text', value: trail} as const])]
}

export function withSource<T extends PhrasingContent>(node: T, source: TagSource): T {
  node.data = {...node.data, html: source} as unknown as T['data']
  return node
}

/** Whether a node holds words that would be sent (text outside elements never sent). */
export function hasWords(node: ElementContent): boolean {
  if (node.type === 'text') return /[\p{L}\p{N}]/u.test(node.value)
  if (node.type !== 'element' || !isSentElement(node) || node.tagName === 'code' || node.tagName === 'kbd' || node.tagName === 'samp') return false
  return node.children.some(hasWords)
}

export function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value
  return node.type === 'element' ? node.children.map(textOf).join('') : ''
}
