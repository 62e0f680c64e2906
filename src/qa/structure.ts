import type {Nodes, Root} from 'mdast'
import type {Place} from '../diagnostics.js'

/** The first place where two documents' structures differ. */
export interface StructureMismatch {
  readonly place: Place
  readonly expected: string
  readonly actual: string
}

const PHRASING_CONTAINERS = new Set(['paragraph', 'heading', 'tableCell'])
const TEXTUAL = new Set(['text'])

/**
 * Compare the structure of two documents, text aside: block nodes in order
 * (type, depth, list kind, code and HTML verbatim, URLs), and per block the
 * multiset of its inline markup (links by URL, inline code by value, emphasis,
 * footnote references). Moving markup inside a block is fine; losing,
 * adding or changing it is not. Returns undefined when they match.
 */
export function compareStructure(expected: Root | Skeleton, actual: Root | Skeleton, translated: ReadonlySet<string> = NONE): StructureMismatch | undefined {
  const a = Array.isArray(expected) ? expected : structureOf(expected as Root, translated)
  const b = Array.isArray(actual) ? actual : structureOf(actual as Root, translated)
  const length = Math.max(a.length, b.length)
  for (let i = 0; i < length; i++) {
    const left = a[i]
    const right = b[i]
    if (left?.signature !== right?.signature) {
      return {
        place: left?.place ?? right?.place ?? {line: 1, column: 1},
        expected: left?.signature ?? '(nothing)',
        actual: right?.signature ?? '(nothing)'
      }
    }
  }
  return undefined
}

interface Entry {
  readonly signature: string
  readonly place: Place | undefined
}

/** A document's structure, text aside; take it once and compare it many times. */
export type Skeleton = readonly Entry[]

const NONE: ReadonlySet<string> = new Set()

/**
 * The structure of a document, as `compareStructure` compares it. MDX
 * elements and directives count with their names and attributes, but for the
 * `translated` ones (text values tandem translates).
 */
export function structureOf(tree: Root, translated: ReadonlySet<string> = NONE): Skeleton {
  const out: Entry[] = []
  const visit = (node: Nodes): void => {
    const place = node.position === undefined ? undefined : {line: node.position.start.line, column: node.position.start.column}
    if (PHRASING_CONTAINERS.has(node.type) && 'children' in node) {
      const inline: string[] = []
      collectInline(node.children as Nodes[], inline, translated)
      inline.sort()
      out.push({signature: `${blockSignature(node, translated)}[${inline.join(' ')}]`, place})
      return
    }
    out.push({signature: blockSignature(node, translated), place})
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child)
  }
  visit(tree)
  return out
}

function blockSignature(node: Nodes, translated: ReadonlySet<string>): string {
  if (((node.type as string) === 'toml' || (node.type as string) === 'json') && 'value' in node) return `${node.type}:${node.value}`
  const mdx = mdxSignature(node, translated)
  if (mdx !== undefined) return mdx
  switch (node.type) {
    case 'heading':
      return `heading:${node.depth}`
    case 'list':
      return `list:${node.ordered === true ? `ordered:${node.start ?? 1}` : 'bullet'}`
    case 'listItem':
      return `listItem:${node.checked ?? ''}`
    case 'code':
      return `code:${node.lang ?? ''}:${node.meta ?? ''}:${node.value}`
    case 'html':
      return `${node.type}:${node.value}`
    case 'definition':
      return `definition:${node.identifier}:${node.url}`
    case 'footnoteDefinition':
      return `footnoteDefinition:${node.identifier}`
    case 'table':
      return `table:${node.align?.join(',') ?? ''}:${node.children.length}`
    case 'tableRow':
      return `tableRow:${node.children.length}`
    default:
      return node.type
  }
}

function collectInline(nodes: readonly Nodes[], out: string[], translated: ReadonlySet<string>): void {
  for (const node of nodes) {
    if (TEXTUAL.has(node.type)) continue
    const mdx = mdxSignature(node, translated)
    if (mdx !== undefined) out.push(mdx)
    else switch (node.type) {
      case 'link':
        out.push(`link:${node.url}`)
        break
      case 'image':
        out.push(`image:${node.url}`)
        break
      case 'linkReference':
      case 'imageReference':
        // Note: full, collapsed and shortcut references point at the same definition.
        out.push(`${node.type}:${node.identifier}`)
        break
      case 'footnoteReference':
        out.push(`footnoteReference:${node.identifier}`)
        break
      case 'inlineCode':
        // CommonMark turns line endings inside a code span into spaces.
        out.push(`inlineCode:${node.value.replace(/\r?\n/g, ' ')}`)
        break
      case 'html':
        out.push(`html:${node.value}`)
        break
      default:
        out.push(node.type)
    }
    if ('children' in node) collectInline(node.children as Nodes[], out, translated)
  }
}

/** An MDX node's signature: ESM and expressions verbatim, elements and directives by name and attributes. */
function mdxSignature(node: Nodes, translated: ReadonlySet<string>): string | undefined {
  switch (node.type) {
    case 'mdxjsEsm':
    case 'mdxFlowExpression':
    case 'mdxTextExpression':
    case 'math':
    case 'inlineMath':
      return `${node.type}:${node.value}`
    case 'mdxJsxFlowElement':
    case 'mdxJsxTextElement': {
      const attributes = node.attributes.map((attribute) => {
        if (attribute.type === 'mdxJsxExpressionAttribute') return `{${attribute.value}}`
        const {value} = attribute
        if (typeof value === 'string') return translated.has(attribute.name) ? `${attribute.name}=…` : `${attribute.name}=${JSON.stringify(value)}`
        return value === null || value === undefined ? attribute.name : `${attribute.name}={${value.value}}`
      })
      return `${node.type}:${node.name ?? ''}(${attributes.join(' ')})`
    }
    case 'containerDirective':
    case 'leafDirective':
    case 'textDirective': {
      const attributes = Object.entries(node.attributes ?? {}).map(([name, value]) => (translated.has(name) ? `${name}=…` : `${name}=${JSON.stringify(value)}`))
      return `${node.type}:${node.name}(${attributes.sort().join(' ')})`
    }
    default:
      return undefined
  }
}
