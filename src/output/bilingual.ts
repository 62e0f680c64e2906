import type {Nodes, PhrasingContent, Root, RootContent} from 'mdast'
import {stringifyMarkdown, type Dialect, type Start} from '../markdown/processor.js'
import {dialectOf, sentenceNodes, type Lookup} from '../segment/assemble.js'
import type {AttributeSlot, Extraction, FrontmatterSlot, PhrasingSlot, SentenceUnit, Slot} from '../segment/model.js'
import {taggedToPlain} from '../segment/tags.js'

/** Column headings of the bilingual file; fixed, so the file does not depend on the user's locale. */
const HEADER = '| Deutsch | English |\n| - | - |'
const GAP = '| | |'

/** The German and English files as written, and where their blocks start: the bilingual file is cut from them. */
export interface WrittenPair {
  readonly de: string
  readonly en: string
  readonly starts: ReadonlyMap<Nodes, Start>
}

/**
 * The bilingual file: a two-column table (Deutsch | English) with one row per
 * sentence, in document order. Headings stay headings (German · English);
 * code, HTML and other untranslated blocks appear in place, between tables.
 * A sentence's Markdown is cut from the line the German and English files
 * already have for it, so nothing is written a third time; only table cells
 * and the rare sentence that spans lines are written on their own.
 */
export function renderBilingual(tree: Root, extraction: Extraction, de: Lookup, en: Lookup, written: WrittenPair): string {
  const slots = new Map<object, Slot>()
  // MDX: the text attributes of an element, by the block they are shown after (the element's own block, or the paragraph holding it).
  const attributes = new Map<object, AttributeSlot[]>()
  let block: object | undefined
  for (const slot of extraction.slots) {
    if (slot.type !== 'attribute') {
      slots.set(slot.node, slot)
      block = slot.node
      continue
    }
    const owner = slot.node.type === 'mdxJsxTextElement' || slot.node.type === 'textDirective' ? block : slot.node
    if (owner !== undefined) attributes.set(owner, [...(attributes.get(owner) ?? []), slot])
  }
  const writer = new BilingualWriter(slots, attributes, de, en, written, dialectOf(extraction))
  for (const child of tree.children) writer.block(child, '')
  writer.flush()
  return `${writer.out.join('\n\n')}\n`
}

/** Keeps the table being filled and the finished blocks together. */
class BilingualWriter {
  readonly out: string[] = []
  private rows: string[] = []
  private pendingGap = false
  private emitted: RootContent[] = []
  private readonly deLines: readonly string[]
  private readonly enLines: readonly string[]

  constructor(
    private readonly slotMap: ReadonlyMap<object, Slot>,
    private readonly attributes: ReadonlyMap<object, readonly AttributeSlot[]>,
    private readonly de: Lookup,
    private readonly en: Lookup,
    private readonly written: WrittenPair,
    private readonly dialect: Dialect
  ) {
    this.deLines = written.de.split('\n')
    this.enLines = written.en.split('\n')
  }

  flush(): void {
    this.flushEmitted()
    if (this.rows.length === 0) return
    this.out.push([HEADER, ...this.rows].join('\n'))
    this.rows = []
    this.pendingGap = false
  }

  /** Untranslated blocks in a row are written together, so the serializer joins them as it would in one document. */
  private flushEmitted(): void {
    if (this.emitted.length === 0) return
    this.out.push(stringifyMarkdown({type: 'root', children: this.emitted}, this.dialect).replace(/\n+$/, ''))
    this.emitted = []
  }

  add(left: string, right: string): void {
    this.flushEmitted()
    if (this.pendingGap && this.rows.length > 0) this.rows.push(GAP)
    this.pendingGap = false
    this.rows.push(`| ${left} | ${right} |`)
  }

  /** Mark a paragraph boundary: an empty row separates paragraphs inside one table. */
  gap(): void {
    this.pendingGap = true
  }

  emit(node: RootContent): void {
    if (this.rows.length > 0) this.flush()
    this.emitted.push(structuredClone(node))
  }

  block(node: RootContent, prefix: string): void {
    const {slotMap} = this
    const slot = slotMap.get(node)
    // Note: TOML and JSON frontmatter show their fields like YAML's.
    if ((node.type as string) === 'toml' || (node.type as string) === 'json') {
      if (slot?.type === 'frontmatter') this.frontmatter(slot)
      return
    }
    switch (node.type) {
      case 'yaml':
        if (slot?.type === 'frontmatter') this.frontmatter(slot)
        return
      case 'heading': {
        if (slot?.type !== 'phrasing') return this.emit(node)
        this.flush()
        const text = (lines: readonly string[], lookup: Lookup): string => this.headingText(slot, lines, lookup)
        this.out.push(`${'#'.repeat(node.depth)} ${text(this.deLines, this.de)} · ${text(this.enLines, this.en)}`)
        return
      }
      case 'paragraph': {
        if (slot?.type !== 'phrasing') return this.emit(node)
        const left = this.sentences(slot, this.deLines, this.de)
        const right = this.sentences(slot, this.enLines, this.en)
        left.forEach((cell, index) => {
          const lead = index === 0 ? cellText(prefix.replace(/\[/g, '\\[')) : ''
          this.add(lead + cell, lead + (right[index] ?? ''))
        })
        this.attributeRows(node)
        this.gap()
        return
      }
      case 'mdxJsxFlowElement':
      case 'containerDirective': {
        // An MDX component or a `:::note` around Markdown: its attributes, then its blocks, in the table.
        // Note: as inline code, so that the review table shows the name, not an element a Markdown viewer would drop.
        const name = node.type === 'mdxJsxFlowElement' ? `\`<${node.name ?? ''}>\`` : `\`:::${node.name}\``
        this.attributeRows(node, `${prefix}${name} `)
        for (const child of node.children) this.block(child as RootContent, `${prefix}${name} `)
        return
      }
      case 'list':
        node.children.forEach((item, index) => {
          const marker = node.ordered === true ? `${(node.start ?? 1) + index}. ` : '• '
          item.children.forEach((child, position) => this.block(child, position === 0 ? prefix + marker : prefix))
        })
        return
      case 'blockquote':
        for (const child of node.children) this.block(child, `${prefix}> `)
        return
      case 'footnoteDefinition':
        node.children.forEach((child, position) => this.block(child, position === 0 ? `${prefix}[^${node.label ?? node.identifier}]: ` : prefix))
        return
      case 'table':
        node.children.forEach((tableRow, row) => {
          tableRow.children.forEach((cell, column) => {
            const cellSlot = slotMap.get(cell)
            if (cellSlot?.type !== 'phrasing') return
            const [only] = cellSlot.sentences
            // Note: a cell of one sentence is cut from its row's line, as a paragraph's sentence is; the rest is written alone.
            if (cellSlot.sentences.length === 1 && only !== undefined && !spansLines(only)) {
              const left = this.cell(node, row, column, this.deLines) ?? alone(only, this.de, this.dialect)
              const right = this.cell(node, row, column, this.enLines) ?? alone(only, this.en, this.dialect)
              this.add(left, right)
              return
            }
            const right = cellSlot.sentences.map((unit) => alone(unit, this.en, this.dialect))
            cellSlot.sentences.forEach((unit, index) => this.add(alone(unit, this.de, this.dialect), right[index] ?? ''))
          })
          this.gap()
        })
        return
      default:
        this.emit(node)
    }
  }

  /** A row for each translated attribute shown after `node`. */
  private attributeRows(node: object, prefix = ''): void {
    for (const slot of this.attributes.get(node) ?? []) {
      const row = (lookup: Lookup): string => cellText(prefix) + phrasingText([{type: 'strong', children: [{type: 'text', value: `${slot.name}:`}]}, {type: 'text', value: ` ${taggedToPlain(lookup(slot.segment))}`}], this.dialect)
      this.add(row(this.de), row(this.en))
    }
  }

  private frontmatter(slot: FrontmatterSlot): void {
    const row = (lookup: Lookup): string[] => slot.fields.map((field) => phrasingText([{type: 'strong', children: [{type: 'text', value: `${field.path}:`}]}, {type: 'text', value: ` ${field.sentences.map((s) => taggedToPlain(lookup(s))).join(' ')}`}]))
    const right = row(this.en)
    row(this.de).forEach((left, index) => this.add(left, right[index] ?? ''))
    this.gap()
  }

  /** Each sentence of a paragraph as a cell: cut from its line, which holds it alone. */
  private sentences(slot: PhrasingSlot, lines: readonly string[], lookup: Lookup): string[] {
    const start = this.written.starts.get(slot.node as Nodes)
    // Note: a sentence whose HTML or code spans lines makes the lines of its block uncertain: each is written alone.
    if (start === undefined || slot.joiner !== '\n' || slot.sentences.some(spansLines)) return slot.sentences.map((unit) => alone(unit, lookup, this.dialect))
    return slot.sentences.map((unit, index) => {
      const line = lines[start.line - 1 + index] ?? ''
      // Note: trimmed, because a footnote's serializer counts the space after `]:` as part of its content.
      let text = line.slice(index === 0 ? start.column - 1 : start.lineShift).trimStart()
      if (unit.breakAfter !== undefined) text = text.replace(/\\$/, '')
      return cellText(cellStart(text))
    })
  }

  /**
   * A table cell's Markdown cut from its row's line (GFM writes a row a line,
   * `| a | b |`, a pipe inside a cell escaped), or undefined when the line is
   * not as expected or the serializer had to encode a character (a line
   * break as `&#xA;`), which a cell of its own writes otherwise.
   */
  private cell(table: Nodes, row: number, column: number, lines: readonly string[]): string | undefined {
    const start = this.written.starts.get(table)
    if (start === undefined) return undefined
    // Note: the delimiter row follows the head row.
    const line = lines[start.line - 1 + (row === 0 ? 0 : row + 1)]
    if (line === undefined) return undefined
    const text = line.slice(row === 0 ? start.column - 1 : start.lineShift)
    if (!text.startsWith('|')) return undefined
    const cells: string[] = []
    let from = 1
    for (let index = 1; index < text.length; index++) {
      if (text[index] === '\\') index++
      else if (text[index] === '|') {
        cells.push(text.slice(from, index))
        from = index + 1
      }
    }
    const found = cells[column]?.trim()
    if (found === undefined || found.includes('&#x')) return undefined
    return cellText(cellStart(found))
  }

  private headingText(slot: PhrasingSlot, lines: readonly string[], lookup: Lookup): string {
    const start = this.written.starts.get(slot.node as Nodes)
    if (start === undefined) return slot.sentences.map((unit) => alone(unit, lookup, this.dialect)).join(' ')
    return (lines[start.line - 1] ?? '').slice(start.column - 1).replace(/^#{1,6}(?: |$)/, '')
  }
}

/** A sentence's Markdown written on its own, fit for a table cell. */
function alone(unit: SentenceUnit, lookup: Lookup, dialect: Dialect): string {
  return phrasingText(cellSafe(sentenceNodes(unit, lookup)), dialect)
}

function phrasingText(nodes: PhrasingContent[], dialect: Dialect = 'markdown'): string {
  return cellText(cellStart(stringifyMarkdown({type: 'root', children: [{type: 'paragraph', children: nodes}]}, dialect).replace(/\n+$/, '')))
}

/** Markdown fit for a table cell: one line, every pipe escaped once (a pipe behind an odd run of backslashes is already). */
function cellText(text: string): string {
  return text.replace(/\n/g, ' ').replace(/(\\*)\|/g, (_, slashes: string) => (slashes.length % 2 === 0 ? `${slashes}\\|` : `${slashes}|`))
}

/**
 * A sentence written as a paragraph of its own, for a cell: the escapes that
 * only a line start needs (a heading, list or quote marker) are dropped,
 * since a cell never starts a line.
 */
function cellStart(text: string): string {
  return text.replace(/^\\([#>+=-])/, '$1').replace(/^(\d+)\\([.)])/, '$1$2')
}

/**
 * Whether a sentence's Markdown holds a line break: only its placeholders'
 * nodes (a hard break inside markup, HTML, code) can, in either language,
 * since the words are normalized.
 */
function spansLines(unit: SentenceUnit): boolean {
  for (const {node} of unit.entries.values()) if (node.type === 'break' || ('value' in node && node.value.includes('\n'))) return true
  return false
}

/** A table cell is one line: line breaks inside a sentence become `<br>`. */
function cellSafe(nodes: PhrasingContent[]): PhrasingContent[] {
  return nodes.map((node): PhrasingContent => {
    if (node.type === 'break') return {type: 'html', value: '<br>'}
    if (node.type === 'text') return {...node, value: node.value.replace(/\n/g, ' ')}
    if ('children' in node) return {...node, children: cellSafe(node.children as PhrasingContent[])} as PhrasingContent
    return node
  })
}
