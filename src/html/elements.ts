import type {Element, ElementContent} from 'hast'
import {find, html as htmlSchema} from 'property-information'

/** What HTML tandem reads as text, what it never sends, and which attributes a reader sees. */

/** Elements whose content is never sent: code, scripts, styles, graphics, templates, form fields. */
const NEVER_SENT = new Set(['script', 'style', 'pre', 'svg', 'math', 'template', 'textarea', 'select', 'noscript', 'iframe', 'object', 'canvas', 'audio', 'video'])

/** Phrasing content (HTML's inline elements): inside a block's run of text, a placeholder. */
const PHRASING = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'br', 'button', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'img', 'input', 'ins',
  'kbd', 'label', 'mark', 'meter', 'output', 'progress', 'q', 'ruby', 'rt', 'rp', 's', 'samp', 'select', 'small', 'span', 'strike', 'strong',
  'sub', 'sup', 'textarea', 'time', 'tt', 'u', 'var', 'wbr', 'svg', 'math', 'script', 'noscript', 'template', 'iframe', 'object', 'canvas', 'audio', 'video'
])

/** Whether an element is inline: phrasing itself and holding only phrasing (a custom element too, when it holds only phrasing). */
export function isPhrasing(element: Element): boolean {
  if (!PHRASING.has(element.tagName) && !element.tagName.includes('-')) return false
  if (NEVER_SENT.has(element.tagName)) return true
  return element.children.every((child: ElementContent) => child.type !== 'element' || isPhrasing(child))
}

/** A `lang` value that says German (`de`, `de-DE`, `de-AT`, `de-CH`…). */
export function isGermanLang(value: string): boolean {
  return /^de(?:-|$)/i.test(value.trim())
}

/**
 * Whether the element's text is German prose tandem may send: not code or a
 * script, not marked `translate="no"` or `class="notranslate"` (the HTML and
 * Google conventions), not in another language (`lang="en"`).
 */
export function isSentElement(element: Element): boolean {
  if (NEVER_SENT.has(element.tagName)) return false
  const {properties} = element
  if (String(properties['translate'] ?? '').toLowerCase() === 'no') return false
  const classes = properties['className']
  if (Array.isArray(classes) && classes.some((name) => String(name).toLowerCase() === 'notranslate')) return false
  const lang = properties['lang'] ?? properties['xmlLang']
  if (typeof lang === 'string' && lang.trim() !== '' && !isGermanLang(lang)) return false
  return true
}

/** `<meta name=…>` and `<meta property=…>` whose `content` a reader sees (search results, link previews). */
const READER_META = new Set(['description', 'og:title', 'og:description', 'og:image:alt', 'twitter:title', 'twitter:description', 'twitter:image:alt'])

const EVERYWHERE = ['title', 'aria-label', 'aria-description', 'aria-roledescription', 'aria-placeholder', 'aria-valuetext']

/** The attributes of `element` whose values a reader sees and tandem translates. */
export function readerAttributes(element: Element): ReadonlySet<string> {
  const names = new Set(EVERYWHERE)
  const {tagName, properties} = element
  if (tagName === 'img' || tagName === 'area' || (tagName === 'input' && properties['type'] === 'image')) names.add('alt')
  if (tagName === 'input' || tagName === 'textarea') names.add('placeholder')
  if (tagName === 'input' && ['button', 'submit', 'reset'].includes(String(properties['type'] ?? ''))) names.add('value')
  if (tagName === 'meta') {
    const key = String(properties['name'] ?? properties['property'] ?? '').toLowerCase()
    if (READER_META.has(key)) names.add('content')
  }
  if (tagName === 'track') names.add('label')
  if (tagName === 'optgroup' || tagName === 'option') names.add('label')
  return names
}

/** One attribute as written: its name, its value as the parser read it (entities decoded) and where the value stands. */
export interface AttributeSpan {
  readonly name: string
  readonly value: string
  /** Offsets of the value, inside its quotes. */
  readonly start: number
  readonly end: number
  readonly quote: '"' | "'" | ''
}

const ATTRIBUTE = /^([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/

/** Read the attribute written at `start…end` of `text` (a position rehype-parse gives in verbose mode); its value is the element's property. */
export function attributeSpan(element: Element, text: string, start: number, end: number): AttributeSpan | undefined {
  const written = text.slice(start, end)
  const match = ATTRIBUTE.exec(written)
  if (match === null) return undefined
  const name = (match[1] ?? '').toLowerCase()
  const raw = match[2] ?? match[3] ?? match[4]
  if (raw === undefined) return undefined
  const quote = match[2] !== undefined ? '"' : match[3] !== undefined ? "'" : ''
  const valueEnd = start + match[0].length - (quote === '' ? 0 : 1)
  const valueStart = valueEnd - raw.length
  const value = element.properties[find(htmlSchema, name).property]
  return {name, value: Array.isArray(value) ? value.join(' ') : String(value ?? ''), start: valueStart, end: valueEnd, quote}
}
