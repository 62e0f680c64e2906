import type {Element, ElementContent, Root as HastRoot, RootContent as HastContent} from 'hast'
import type {PhrasingContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {find, html as htmlSchema} from 'property-information'
import type {Place} from '../diagnostics.js'
import {escapeText} from '../segment/tags.js'
import {isSentElement, readerAttributes} from './elements.js'
import {tagSourceOf, type Block, type HtmlSource, type TagSource} from './model.js'
import {parseHast, withoutFrontmatter} from './parse.js'

/**
 * The English HTML: the source with only its translated text and attribute
 * values replaced. Each target is rendered from its block as the tree holds it
 * now (after `assemble` put a language's sentences in); a target whose
 * rendering is the same as in German keeps its bytes.
 */

/** How each target reads in the language the tree holds now. */
export function renderTargets(html: HtmlSource): string[] {
  return html.targets.map((target) =>
    target.kind === 'frontmatter' ? target.node.value : target.kind === 'text' ? renderPhrasing(target.block.children) : attributeValue(target.quote, plainOfBlock(target.block))
  )
}

/** The source with the targets whose English differs from their German replaced, and `lang` set to English. */
export function writeHtml(html: HtmlSource, german: readonly string[], english: readonly string[]): string {
  const changes: Array<{start: number; end: number; value: string}> = [...html.fixes]
  html.targets.forEach((target, index) => {
    const value = english[index] ?? ''
    if (value !== german[index]) changes.push({start: target.start, end: target.end, value})
  })
  changes.sort((a, b) => a.start - b.start)
  let out = ''
  let at = 0
  for (const change of changes) {
    out += html.text.slice(at, change.start) + change.value
    at = change.end
  }
  return out + html.text.slice(at)
}

function plainOfBlock(block: Block): string {
  return toString(block).replace(/\s+/g, ' ').trim()
}

function attributeValue(written: '"' | "'" | '' | undefined, value: string): string {
  const quote = written ?? '"'
  return quote === '' ? `"${escapeAttribute(value, '"')}"` : escapeAttribute(value, quote)
}

/** Text as HTML: escaped as in the tagged form, and a no-break space written so that an editor shows it. */
function htmlText(value: string): string {
  return escapeText(value).replace(/\u00a0/g, '&nbsp;')
}

function escapeAttribute(value: string, quote: '"' | "'"): string {
  const escaped = value.replace(/&/g, '&amp;')
  return quote === '"' ? escaped.replace(/"/g, '&quot;') : escaped.replace(/'/g, '&#39;')
}

/** Inline nodes as HTML: text escaped, every element from the bytes it came from. */
function renderPhrasing(nodes: readonly PhrasingContent[]): string {
  let out = ''
  for (const node of nodes) out += renderNode(node)
  return out
}

const FALLBACK: Readonly<Record<string, readonly [string, string]>> = {strong: ['<strong>', '</strong>'], emphasis: ['<em>', '</em>'], delete: ['<del>', '</del>']}

function renderNode(node: PhrasingContent): string {
  const source = tagSourceOf(node)
  switch (node.type) {
    case 'text':
      return htmlText(node.value)
    case 'break':
      // Note: a break that ended a sentence comes back as the node it was, with its source.
      return source?.open ?? '<br>'
    case 'html':
    case 'inlineCode':
      return source === undefined ? htmlText(node.value) : retag(source, node)
    case 'image':
      return source === undefined ? '' : retag(source, node)
    case 'strong':
    case 'emphasis':
    case 'delete':
    case 'link': {
      const [open, close] = source === undefined ? (FALLBACK[node.type] ?? ['', '']) : [retag(source, node), source.close]
      return open + renderPhrasing(node.children) + close
    }
    default:
      return htmlText(toString(node))
  }
}

/** A start tag with its translated attribute values put in. */
function retag(source: TagSource, node: PhrasingContent): string {
  let tag = source.open
  for (const attribute of [...source.attributes].sort((a, b) => b.start - a.start)) {
    const value =
      attribute.from === 'alt' ? ('alt' in node ? node.alt : undefined) : attribute.from === 'title' ? ('title' in node ? node.title : undefined) : plainOfBlock(attribute.from)
    if (typeof value !== 'string') continue
    const written = attribute.quote === '' ? `"${escapeAttribute(value, '"')}"` : escapeAttribute(value, attribute.quote)
    tag = tag.slice(0, attribute.start) + written + tag.slice(attribute.end)
  }
  return tag
}

/**
 * Where the English page's elements differ from the German's, if they do:
 * the same elements with the same attributes (the translated ones and `lang`
 * aside), the same comments, the same text wherever text is never sent.
 * Inline elements inside translated text may change places, not kind.
 * @returns the place in the German of the first difference, or undefined.
 */
export function structureDifference(german: string, english: string): Place | undefined {
  return differ(parseHast(withoutFrontmatter(german)).children, parseHast(withoutFrontmatter(english)).children, true)
}

type Node = HastRoot | HastContent | ElementContent

function differ(a: readonly Node[], b: readonly Node[], sent: boolean): Place | undefined {
  const left = a.filter((node) => keep(node, sent))
  const right = b.filter((node) => keep(node, sent))
  const here = (node: Node | undefined): Place => ({line: node?.position?.start.line ?? 1, column: node?.position?.start.column ?? 1})
  if (left.length !== right.length) return here(left[Math.min(left.length, right.length)] ?? a[0])
  const order = (nodes: Node[]): Node[] => (sent ? [...nodes].sort((x, y) => skeleton(x).localeCompare(skeleton(y))) : nodes)
  const [x, y] = [order(left), order(right)]
  for (let index = 0; index < x.length; index++) {
    const one = x[index]
    const two = y[index]
    if (one === undefined || two === undefined || skeleton(one) !== skeleton(two)) return here(one)
    if (one.type === 'element' && two.type === 'element') {
      const inside = differ(one.children, two.children, sent && isSentElement(one) && !['code', 'kbd', 'samp'].includes(one.tagName))
      if (inside !== undefined) return inside
    }
  }
  return undefined
}

/** Text inside translated elements is the translation's own: compared only where it is never sent. */
function keep(node: Node, sent: boolean): boolean {
  return node.type !== 'text' || !sent
}

function skeleton(node: Node): string {
  if (node.type === 'text' || node.type === 'comment') return `${node.type}:${node.value}`
  if (node.type !== 'element') return node.type
  const translated = new Set([...readerAttributes(node)].map((name) => find(htmlSchema, name).property))
  const attributes = Object.entries(node.properties)
    .filter(([name]) => name !== 'lang' && name !== 'xmlLang' && !translated.has(name))
    .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
    .sort()
  return `<${node.tagName} ${attributes.join(' ')}>`
}
