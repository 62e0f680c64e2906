import type {Heading, PhrasingContent, Root, RootContent, Table, TableCell, TableRow} from 'mdast'
import {stringifyMarkdown} from '../markdown/processor.js'
import {sentenceNodes, type Lookup} from '../segment/assemble.js'
import type {Extraction, PhrasingSlot, SentenceUnit, Slot} from '../segment/model.js'
import {taggedToPlain} from '../segment/tags.js'

/** Column headings of the bilingual file; fixed, so the file does not depend on the user's locale. */
const HEADER = ['Deutsch', 'English'] as const

/**
 * The bilingual file: a two-column table (Deutsch | English) with one row per
 * sentence, in document order. Headings stay headings (German · English);
 * code, HTML and other untranslated blocks appear in place, between tables.
 */
export function renderBilingual(tree: Root, extraction: Extraction, de: Lookup, en: Lookup): string {
  const slots = new Map<object, Slot>()
  for (const slot of extraction.slots) slots.set(slot.node, slot)
  const writer = new BilingualWriter(slots, de, en)
  for (const child of tree.children) writer.block(child, '')
  writer.flush()
  return stringifyMarkdown({type: 'root', children: writer.out})
}

function sentences(slot: PhrasingSlot, lookup: Lookup): PhrasingContent[][] {
  return slot.sentences.map((unit: SentenceUnit) => cellSafe(sentenceNodes(unit, lookup)))
}

/** Keeps the table being filled and the finished blocks together. */
class BilingualWriter {
  readonly out: RootContent[] = []
  private rows: TableRow[] = []
  private pendingGap = false

  constructor(
    private readonly slotMap: ReadonlyMap<object, Slot>,
    private readonly de: Lookup,
    private readonly en: Lookup
  ) {}

  flush(): void {
    if (this.rows.length === 0) return
    const table: Table = {type: 'table', align: [null, null], children: [row([[{type: 'text', value: HEADER[0]}], [{type: 'text', value: HEADER[1]}]]), ...this.rows]}
    this.out.push(table)
    this.rows = []
    this.pendingGap = false
  }

  add(left: PhrasingContent[], right: PhrasingContent[]): void {
    if (this.pendingGap && this.rows.length > 0) this.rows.push(row([[], []]))
    this.pendingGap = false
    this.rows.push(row([left, right]))
  }

  /** Mark a paragraph boundary: an empty row separates paragraphs inside one table. */
  gap(): void {
    this.pendingGap = true
  }

  emit(node: RootContent): void {
    this.flush()
    this.out.push(structuredClone(node))
  }

  block(node: RootContent, prefix: string): void {
    const {slotMap, de, en} = this
    const slot = slotMap.get(node)
    if ((node.type as string) === 'toml') return
    switch (node.type) {
      case 'yaml': {
        if (slot?.type !== 'frontmatter') return
        for (const field of slot.fields) {
          const label: PhrasingContent = {type: 'strong', children: [{type: 'text', value: `${field.path}:`}]}
          const text = (lookup: Lookup): PhrasingContent[] => [label, {type: 'text', value: ` ${field.sentences.map((s) => taggedToPlain(lookup(s))).join(' ')}`}]
          this.add(text(de), text(en))
        }
        this.gap()
        return
      }
      case 'heading': {
        if (slot?.type !== 'phrasing') return this.emit(node)
        this.flush()
        const heading: Heading = {type: 'heading', depth: node.depth, children: [...joined(sentences(slot, de)), {type: 'text', value: ' · '}, ...joined(sentences(slot, en))]}
        this.out.push(heading)
        return
      }
      case 'paragraph': {
        if (slot?.type !== 'phrasing') return this.emit(node)
        const left = sentences(slot, de)
        const right = sentences(slot, en)
        left.forEach((nodes, index) => {
          const lead: PhrasingContent[] = index === 0 && prefix !== '' ? [{type: 'text', value: prefix}] : []
          this.add([...lead, ...nodes], [...lead, ...(right[index] ?? [])])
        })
        this.gap()
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
        for (const tableRow of node.children) {
          for (const cell of tableRow.children) {
            const cellSlot = slotMap.get(cell)
            if (cellSlot?.type !== 'phrasing') continue
            const left = sentences(cellSlot, de)
            const right = sentences(cellSlot, en)
            left.forEach((nodes, index) => this.add(nodes, right[index] ?? []))
          }
          this.gap()
        }
        return
      default:
        this.emit(node)
    }
  }
}

function row(cells: PhrasingContent[][]): TableRow {
  return {type: 'tableRow', children: cells.map((children): TableCell => ({type: 'tableCell', children}))}
}

function joined(parts: PhrasingContent[][]): PhrasingContent[] {
  const out: PhrasingContent[] = []
  parts.forEach((nodes, index) => {
    if (index > 0) out.push({type: 'text', value: ' '})
    out.push(...nodes)
  })
  return out
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
