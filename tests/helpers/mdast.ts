import type {Nodes} from 'mdast'
import {parseMarkdown} from '../../src/markdown/processor.js'
import {structureOf} from '../../src/qa/structure.js'

type Plain = {type: string; children?: Plain[]; [key: string]: unknown}

/**
 * An mdast tree without positions, with adjacent text merged and whitespace in
 * text (and in titles and alt text) collapsed: what "the same document" means
 * for the fidelity tests.
 */
export function normalizeTree(node: Nodes): Plain {
  const {position: _position, ...rest} = node as Nodes & {position?: unknown}
  const out: Plain = {...(rest as Plain)}
  // MDX: attributes have places of their own, and expressions a parsed JavaScript tree (with places); neither is the document.
  if (Array.isArray(out['attributes'])) out['attributes'] = out['attributes'].map(withoutPlaces)
  if (out['data'] !== undefined) out['data'] = withoutPlaces(out['data'])
  for (const key of ['value', 'title', 'alt'] as const) {
    if (typeof out[key] === 'string' && (key !== 'value' || out.type === 'text')) out[key] = (out[key] as string).replace(/\s+/g, ' ').trim()
  }
  if ('children' in node) {
    const children: Plain[] = []
    for (const child of (node.children as Nodes[]).map(normalizeTree)) {
      const last = children.at(-1)
      if (child.type === 'text' && last?.type === 'text') last['value'] = `${String(last['value'])} ${String(child['value'])}`.replace(/\s+/g, ' ').trim()
      else children.push(child)
    }
    out.children = children.filter((child) => child.type !== 'text' || child['value'] !== '')
  }
  return out
}

function withoutPlaces(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPlaces)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'position' && key !== 'estree').map(([key, inner]) => [key, withoutPlaces(inner)]))
}

/** True when two trees are the same document in the sense of `normalizeTree`. */
export function sameDocument(a: Nodes, b: Nodes): boolean {
  return JSON.stringify(normalizeTree(a)) === JSON.stringify(normalizeTree(b))
}

const INLINE_PARENTS = new Set(['paragraph', 'heading', 'tableCell'])

/**
 * Line numbers (0-based) of a document's lines that a reader would not
 * translate: block code, block HTML, thematic breaks, table delimiter rows and
 * blank lines.
 */
export function untranslatedLines(markdown: string): Set<number> {
  const lines = new Set<number>()
  markdown.split('\n').forEach((line, index) => {
    if (line.trim() === '' || /^\|(?:\s*:?-+:?\s*\|)+$/.test(line)) lines.add(index)
  })
  const visit = (node: Nodes, inline: boolean): void => {
    if (!inline && ['code', 'html', 'thematicBreak'].includes(node.type) && node.position !== undefined) {
      for (let line = node.position.start.line; line <= node.position.end.line; line++) lines.add(line - 1)
    }
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child, inline || INLINE_PARENTS.has(node.type))
  }
  visit(parseMarkdown(markdown), false)
  return lines
}

/** The structure of a Markdown text as the build's structure check sees it, places aside. */
export function signatures(markdown: string): string[] {
  return structureOf(parseMarkdown(markdown)).map((entry) => entry.signature)
}
