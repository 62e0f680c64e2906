import type {Element, ElementContent, Root as HastRoot, RootContent as HastContent} from 'hast'
import type {PhrasingContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {find, html as htmlSchema} from 'property-information'
import type {Place} from '../diagnostics.js'
import {escapeText} from '../segment/tags.js'
import {isPhrasing, isSentElement, readerAttributes} from './elements.js'
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
  // Note: inline elements inside translated text may change places (a translation reorders words); blocks never do.
  const moves = (node: Node): boolean => sent && node.type === 'element' && isPhrasing(node)
  const fixed = [left.filter((node) => !moves(node)), right.filter((node) => !moves(node))] as const
  const here = (node: Node | undefined): Place => ({line: node?.position?.start.line ?? 1, column: node?.position?.start.column ?? 1})
  for (let index = 0; index < Math.max(fixed[0].length, fixed[1].length); index++) {
    const one = fixed[0][index]
    const two = fixed[1][index]
    if (one === undefined || two === undefined || skeleton(one) !== skeleton(two)) return here(one ?? left.at(-1) ?? a[0])
    if (one.type === 'element' && two.type === 'element') {
      const inside = differ(one.children, two.children, sendsChildren(one, sent))
      if (inside !== undefined) return inside
    }
  }
  const moving = [left.filter(moves), right.filter(moves)] as const
  const unmatched = new Map<string, Node[]>()
  for (const node of moving[1]) unmatched.set(signature(node, sent), [...(unmatched.get(signature(node, sent)) ?? []), node])
  for (const node of moving[0]) {
    const twins = unmatched.get(signature(node, sent))
    if (twins !== undefined && twins.length > 0) {
      twins.shift()
      continue
    }
    // The German element has no equal in the English: the first of its kind left there shows where they differ.
    const other = [...unmatched.values()].flat().find((candidate) => skeleton(candidate) === skeleton(node))
    const inside = other?.type === 'element' && node.type === 'element' ? differ(node.children, other.children, sendsChildren(node, sent)) : undefined
    return inside ?? here(node)
  }
  const extra = [...unmatched.values()].flat()[0]
  return extra === undefined ? undefined : here(left.at(-1) ?? a[0])
}

function sendsChildren(node: Node & {type: 'element'}, sent: boolean): boolean {
  return sent && isSentElement(node) && !['code', 'kbd', 'samp'].includes(node.tagName)
}

/** A node's skeleton with, below it, everything that is never sent. */
function signature(node: Node, sent: boolean): string {
  if (node.type !== 'element') return skeleton(node)
  const inner = sendsChildren(node, sent)
  const children = node.children.filter((child) => keep(child, inner)).map((child) => signature(child, inner))
  return `${skeleton(node)}[${(inner ? children.sort() : children).join(',')}]`
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
