import type {Element, ElementContent, Root as HastRoot, RootContent as HastContent} from 'hast'
import type {List, PhrasingContent, Root, RootContent, Yaml} from 'mdast'
import rehypeParse from 'rehype-parse'
import {unified} from 'unified'
import type {Place} from '../diagnostics.js'
import {VOID_ELEMENTS} from '../segment/inline.js'
import {attributeSpan, isGermanLang, isPhrasing, isSentElement, readerAttributes, type AttributeSpan} from './elements.js'
import type {Block, HtmlFix, HtmlSource, HtmlTarget, TagAttribute, TagSource} from './model.js'
import {hasWords, hoistSpace, textNodes, textOf, withSource} from './nodes.js'

/** Text of an HTML article that stays German on purpose, and why (a warning). */
export interface HtmlNote {
  readonly rule: 'html-kept'
  readonly place: Place
}

/** An HTML article as an mdast tree of its translatable blocks, and the source ranges they replace. */
export interface ParsedHtml {
  readonly tree: Root
  readonly html: HtmlSource
  readonly notes: readonly HtmlNote[]
}

const documentParser = unified().use(rehypeParse, {verbose: true}).freeze()
const fragmentParser = unified().use(rehypeParse, {fragment: true, verbose: true}).freeze()

/** A whole page (doctype, `<html>`, `<head>` or `<body>` before any text) rather than a CMS fragment. */
function isDocument(text: string): boolean {
  return /^(?:\s|<!--[\s\S]*?-->)*<(?:!doctype|html|head|body)[\s>]/i.test(text)
}

/** Parse HTML with rehype-parse: a page as a page, a fragment as a fragment. */
export function parseHast(text: string): HastRoot {
  return (isDocument(text) ? documentParser : fragmentParser).parse(text)
}

/**
 * Read an HTML article: the text of its blocks (one block per run of inline
 * content) and the attributes a reader sees become mdast paragraphs and
 * headings whose inline elements are mdast markup (strong, links, images,
 * code) or inline HTML, each remembering the bytes it came from. What is never
 * sent (`script`, `style`, `pre`, `svg`, `translate="no"`, another language…)
 * is not in the tree at all.
 */
export function parseHtml(text: string): ParsedHtml {
  const reader = new Reader(text)
  const front = FRONTMATTER.exec(text)
  if (front !== null) reader.frontmatter(front[1] ?? '', front[0].length)
  reader.container(parseHast(withoutFrontmatter(text)))
  return reader.finish()
}

/** A YAML frontmatter at the very top, between `---` lines. */
const FRONTMATTER = /^---\n([\s\S]*?)\n?---(?:\n|$)/

/** The text with its frontmatter blanked (newlines kept), so that the HTML parser's offsets stay those of the file. */
export function withoutFrontmatter(text: string): string {
  const front = FRONTMATTER.exec(text)
  return front === null ? text : front[0].replace(/[^\n]/g, ' ') + text.slice(front[0].length)
}

class Reader {
  private readonly blocks: RootContent[] = []
  private readonly targets: HtmlTarget[] = []
  private readonly fixes: HtmlFix[] = []
  private readonly notes: HtmlNote[] = []
  /** Source ranges of runs that stay as they are: no other run may be rewritten over them. */
  private readonly claimed: Array<{start: number; end: number}> = []
  /** Blocks whose text stays as it is (see `finish`). */
  private readonly dropped = new Set<Block>()
  /** The list the last list-item block went into, and the element that holds those items. */
  private list: {readonly node: List; readonly parent: Element} | undefined

  constructor(private readonly text: string) {}

  finish(): ParsedHtml {
    const targets = [...this.targets].sort((a, b) => a.start - b.start)
    const kept: HtmlTarget[] = []
    const overlaps = (target: HtmlTarget): boolean =>
      this.claimed.some((range) => range.start < target.end && target.start < range.end) ||
      targets.some((other) => other !== target && other.start < target.end && target.start < other.end)
    for (const target of targets) {
      // Note: two runs over the same bytes: the parser reopened markup of one in the other; neither can be replaced where it stands.
      if (overlaps(target)) {
        this.notes.push({rule: 'html-kept', place: this.place(target.start)})
        if (target.kind !== 'frontmatter') this.dropped.add(target.block)
      } else kept.push(target)
    }
    // Note: text that stays German is not sent either, nor shown as translated in the review files.
    const children = this.blocks.filter((block) => block.type === 'yaml' || !this.dropped.has(block as Block))
    for (const block of children) if (block.type === 'list') block.children = block.children.filter((item) => !item.children.some((child) => this.dropped.has(child as Block)))
    return {tree: {type: 'root', children: children.filter((block) => block.type !== 'list' || block.children.length > 0)}, html: {text: this.text, targets: kept, fixes: this.fixes}, notes: this.notes}
  }

  /** The frontmatter, as Markdown's: its fields are translated and written back by the same code. */
  frontmatter(value: string, length: number): void {
    const start = 4
    const node: Yaml = {type: 'yaml', value, position: this.position(0, length)}
    this.blocks.push(node)
    this.targets.push({kind: 'frontmatter', node, start, end: start + value.length})
  }

  /** Walk an element that is not inline: its attributes, then its runs of inline content and its block children. */
  container(node: HastRoot | Element, parent?: Element): void {
    if (node.type === 'element') {
      if (!isSentElement(node)) return
      this.attributes(node)
    }
    let run: ElementContent[] = []
    const flush = (): void => {
      if (run.length > 0 && node.type === 'element') this.run(run, node, parent)
      else if (run.length > 0) this.run(run, undefined, undefined)
      run = []
    }
    for (const child of node.children as HastContent[]) {
      if (child.type === 'doctype') continue
      if (child.type === 'text' || child.type === 'comment' || (child.type === 'element' && isPhrasing(child))) run.push(child)
      else {
        flush()
        if (child.type === 'element') this.container(child, node.type === 'element' ? node : undefined)
      }
    }
    flush()
  }

  /** The attributes of `element` a reader sees, each a block of its own; `lang="de"` becomes `en`. */
  private attributes(element: Element, inline?: Set<string>): TagAttribute[] {
    const own: TagAttribute[] = []
    const opening = element.data?.position?.opening?.start?.offset
    for (const span of this.spans(element)) {
      if ((span.name === 'lang' || span.name === 'xml:lang') && isGermanLang(span.value)) {
        this.fixes.push({start: span.start, end: span.end, value: 'en'})
        continue
      }
      if (!readerAttributes(element).has(span.name) || !/\p{L}/u.test(span.value)) continue
      if (inline?.has(span.name) === true && opening !== undefined) {
        own.push({start: span.start - opening, end: span.end - opening, quote: span.quote, from: span.name as 'alt' | 'title'})
        continue
      }
      const block: Block = {type: 'paragraph', children: [{type: 'text', value: span.value, position: this.position(span.start, span.end)}], position: this.position(span.start, span.end)}
      this.blocks.push(block)
      if (inline !== undefined && opening !== undefined) own.push({start: span.start - opening, end: span.end - opening, quote: span.quote, from: block})
      else this.targets.push({kind: 'attribute', block, start: span.start, end: span.end, quote: span.quote})
    }
    return own
  }

  private spans(element: Element): AttributeSpan[] {
    const positions = element.data?.position?.properties
    if (positions === undefined) return []
    const spans: AttributeSpan[] = []
    for (const position of Object.values(positions)) {
      const start = position?.start?.offset
      const end = position?.end?.offset
      if (start === undefined || end === undefined) continue
      const span = attributeSpan(element, this.text, start, end)
      if (span !== undefined) spans.push(span)
    }
    return spans
  }

  /** A run of inline content: a block when it has words; its range is the run without outer whitespace. */
  private run(nodes: readonly ElementContent[], element: Element | undefined, parent: Element | undefined): void {
    const first = nodes[0]?.position?.start?.offset
    const last = nodes.at(-1)?.position?.end?.offset
    if (!nodes.some((node) => hasWords(node))) {
      // Note: an image alone still has alt text to translate.
      for (const node of nodes) this.inlineAttributesOnly(node)
      return
    }
    const after: RootContent[] = []
    const children = this.phrasing(nodes, after)
    const inside = element?.data?.position?.opening?.end?.offset
    // Note: a run that starts before its element's start tag holds markup the parser reopened from earlier text.
    if (first === undefined || last === undefined || children === undefined || (inside !== undefined && first < inside)) {
      const at = nodes.find((node) => node.position !== undefined)?.position?.start?.offset ?? 0
      this.notes.push({rule: 'html-kept', place: this.place(at)})
      if (first !== undefined && last !== undefined) this.claimed.push({start: first, end: last})
      return
    }
    let start = first
    let end = last
    while (start < end && /\s/.test(this.text[start] ?? '')) start++
    while (end > start && /\s/.test(this.text[end - 1] ?? '')) end--
    const tag = element?.tagName ?? ''
    const heading = /^h[1-6]$/.exec(tag)
    const block: Block = heading === null ? {type: 'paragraph', children} : {type: 'heading', depth: Number(tag[1]) as 1, children}
    block.position = this.position(start, end)
    if (tag === 'li' && element !== undefined) this.listItem(block, element, parent)
    else {
      this.list = undefined
      this.blocks.push(block)
    }
    this.blocks.push(...after)
    this.targets.push({kind: 'text', block, start, end})
  }

  /** List items of one list stay one list in the review files. */
  private listItem(block: Block, element: Element, parent: Element | undefined): void {
    const holder = parent ?? element
    if (this.list === undefined || this.list.parent !== holder || this.blocks.at(-1) !== this.list.node) {
      const node: List = {type: 'list', ordered: holder.tagName === 'ol', spread: false, children: []}
      this.list = {node, parent: holder}
      this.blocks.push(node)
    }
    this.list.node.children.push({type: 'listItem', spread: false, children: [block]})
  }

  /** Inline nodes as mdast phrasing; attribute blocks of inline elements go to `after`. Undefined when a node has no place in the source. */
  private phrasing(nodes: readonly ElementContent[], after: RootContent[]): PhrasingContent[] | undefined {
    const out: PhrasingContent[] = []
    for (const node of nodes) {
      const start = node.position?.start?.offset
      const end = node.position?.end?.offset
      if (start === undefined || end === undefined) return undefined
      const position = this.position(start, end)
      if (node.type === 'text') {
        out.push(...textNodes(node.value, position))
        continue
      }
      const whole = this.text.slice(start, end)
      if (node.type === 'comment') {
        out.push(withSource({type: 'html', value: whole, position}, {open: whole, close: '', attributes: []}))
        continue
      }
      // Note: rehype-parse gives no MDX nodes; the types allow them since MDX is read too.
      if (node.type !== 'element') return undefined
      if (!isSentElement(node)) {
        // Note: an element never sent, held whole like inline code (as inline HTML its text would be read as text).
        out.push(withSource({type: 'inlineCode', value: whole, position}, {open: whole, close: '', attributes: []}))
        continue
      }
      const converted = this.element(node, after, position)
      if (converted === undefined) return undefined
      out.push(...converted)
    }
    return out
  }

  private element(node: Element, after: RootContent[], position: ReturnType<Reader['position']>): PhrasingContent[] | undefined {
    const opening = node.data?.position?.opening
    const closing = node.data?.position?.closing
    const tag = node.tagName
    // Note: a tag the parser implied (an unclosed <b>, one it reopened after misnested markup) changes what later text means when rewritten: such a run stays as it is.
    if (opening?.start?.offset === undefined || (closing?.start?.offset === undefined && !VOID_ELEMENTS.has(tag))) return undefined
    const open = this.text.slice(opening.start.offset, opening.end?.offset ?? opening.start.offset)
    const close = closing?.start?.offset === undefined ? '' : this.text.slice(closing.start.offset, closing.end?.offset ?? closing.start.offset)
    const own = tag === 'img' ? new Set(['alt', 'title']) : tag === 'a' ? new Set(['title']) : new Set<string>()
    const blocksBefore = this.blocks.length
    const attributes = this.attributes(node, own)
    // Note: an inline element's attribute blocks follow the block of its run in the review files.
    after.push(...this.blocks.splice(blocksBefore))
    const source: TagSource = {open, close, attributes}
    const props = node.properties
    if (tag === 'br') return [withSource({type: 'break', position}, source)]
    if (tag === 'img') return [withSource({type: 'image', url: String(props['src'] ?? ''), alt: String(props['alt'] ?? ''), title: typeof props['title'] === 'string' ? props['title'] : null, position}, source)]
    if (tag === 'code' || tag === 'kbd' || tag === 'samp') {
      const whole = this.text.slice(node.position?.start?.offset ?? 0, node.position?.end?.offset ?? 0)
      return [withSource({type: 'inlineCode', value: textOf(node), position}, {open: whole, close: '', attributes: []})]
    }
    const children = this.phrasing(node.children, after)
    if (children === undefined) return undefined
    if (tag === 'strong' || tag === 'b') return hoistSpace(withSource({type: 'strong', children, position}, source))
    if (tag === 'em' || tag === 'i') return hoistSpace(withSource({type: 'emphasis', children, position}, source))
    if (tag === 's' || tag === 'del' || tag === 'strike') return hoistSpace(withSource({type: 'delete', children, position}, source))
    if (tag === 'a' && typeof props['href'] === 'string') {
      return [withSource({type: 'link', url: props['href'], title: typeof props['title'] === 'string' ? props['title'] : null, children, position}, source)]
    }
    const pair: PhrasingContent[] = [withSource({type: 'html', value: open, position}, source), ...children]
    if (close !== '') pair.push(withSource({type: 'html', value: close}, {open: close, close: '', attributes: []}))
    return pair
  }

  /** A run without words: only the attributes of its elements (an image's alt text) are translated. */
  private inlineAttributesOnly(node: ElementContent): void {
    if (node.type !== 'element' || !isSentElement(node)) return
    this.attributes(node)
    for (const child of node.children) this.inlineAttributesOnly(child)
  }

  private position(start: number, end: number): {start: {line: number; column: number; offset: number}; end: {line: number; column: number; offset: number}} {
    return {start: {...this.place(start), offset: start}, end: {...this.place(end), offset: end}}
  }

  private lineStarts: number[] | undefined

  place(offset: number): Place {
    if (this.lineStarts === undefined) {
      this.lineStarts = [0]
      for (let index = this.text.indexOf('\n'); index >= 0; index = this.text.indexOf('\n', index + 1)) this.lineStarts.push(index + 1)
    }
    let low = 0
    let high = this.lineStarts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if ((this.lineStarts[middle] ?? 0) <= offset) low = middle
      else high = middle - 1
    }
    return {line: low + 1, column: offset - (this.lineStarts[low] ?? 0) + 1}
  }
}
