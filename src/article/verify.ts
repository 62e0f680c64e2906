import type {Heading, Parent, PhrasingContent, Root, RootContent} from 'mdast'
import type {Place} from '../diagnostics.js'
import {parseMarkdown, stringifyMarkdown, type Dialect} from '../markdown/processor.js'
import {compareStructure, structureOf, type Skeleton, type StructureMismatch} from '../qa/structure.js'
import {dialectOf, sentenceNodes, type Lookup} from '../segment/assemble.js'
import {VOID_ELEMENTS} from '../segment/inline.js'
import type {Extraction, PhrasingSlot, SentenceUnit} from '../segment/model.js'

/** A translated sentence whose Markdown would not read back with the German's structure. */
export interface Refusal {
  readonly source: string
  readonly place: Place
  readonly mismatch: StructureMismatch
}

/**
 * The structure check of translated sentences, one at a time: each sentence
 * whose English differs from its German is written alone in a block of its
 * own kind (paragraph, heading, table cell), read back, and compared with the
 * German's nodes. The rest of the document is the German tree itself, so a
 * provider's answer can change the structure only through its sentences:
 * checking each of them stands in for reading the whole English back.
 */
export function refusedSentences(extraction: Extraction, german: Lookup, english: Lookup): Refusal[] {
  const changed: Array<{slot: PhrasingSlot; unit: SentenceUnit}> = []
  for (const slot of extraction.slots) {
    if (slot.type !== 'phrasing') continue
    for (const unit of slot.sentences) if (unit.segment.translatable && english(unit.segment) !== german(unit.segment)) changed.push({slot, unit})
  }
  if (changed.length === 0) return []
  const dialect = dialectOf(extraction)
  const refused: Refusal[] = []
  // Inline HTML comes as placeholders of its own, each once; their order is the answer's: a swapped pair would open after it closes.
  for (let index = changed.length - 1; index >= 0; index--) {
    const item = changed[index] as {slot: PhrasingSlot; unit: SentenceUnit}
    const problem = htmlOrder(sentenceNodes(item.unit, german), sentenceNodes(item.unit, english))
    if (problem === undefined) continue
    refused.push({source: item.unit.segment.source, place: item.unit.segment.place, mismatch: {place: item.unit.segment.place, expected: 'inline HTML opened and closed as in the German', actual: problem}})
    changed.splice(index, 1)
  }
  // Note: a group of sentences in one document first, a blank line apart, which reads back as fast as
  // one article of that size; only when that differs is each read alone, to find which.
  for (let start = 0; start < changed.length; start += GROUP) {
    const group = changed.slice(start, start + GROUP)
    if (!readsBackAsOne(group, german, english, dialect)) refused.push(...group.flatMap((item) => refusalOf(item, german, english, dialect)))
  }
  return refused
}

/** The inline HTML tags of a sentence in order: opening (`span`) and closing (`/span`) ones; void and self-closing ones are left out. */
function htmlTags(nodes: readonly PhrasingContent[]): string[] {
  const tags: string[] = []
  const visit = (node: PhrasingContent): void => {
    if (node.type === 'html') {
      for (const match of node.value.matchAll(/<\s*(\/?)\s*([A-Za-z][\w-]*)[^>]*?(\/?)\s*>/g)) {
        const name = (match[2] ?? '').toLowerCase()
        if (match[3] === '/' || VOID_ELEMENTS.has(name)) continue
        tags.push(`${match[1] === '/' ? '/' : ''}${name}`)
      }
    }
    if ('children' in node) for (const child of node.children) visit(child as PhrasingContent)
  }
  for (const node of nodes) visit(node)
  return tags
}

/** A closing tag without its opening one before it, in English inline HTML that is balanced in the German; undefined when it is in order. */
function htmlOrder(german: readonly PhrasingContent[], english: readonly PhrasingContent[]): string | undefined {
  const unbalanced = (tags: readonly string[]): string | undefined => {
    const open: string[] = []
    for (const tag of tags) {
      if (!tag.startsWith('/')) open.push(tag)
      else if (open.at(-1) === tag.slice(1)) open.pop()
      else return `<${tag}> before its <${tag.slice(1)}>`
    }
    return open.length > 0 ? `<${open.at(-1)}> never closed` : undefined
  }
  const tags = htmlTags(english)
  return tags.length === 0 || unbalanced(htmlTags(german)) !== undefined ? undefined : unbalanced(tags)
}

/**
 * Where the English MDX differs from the German when both are read back as
 * MDX (text and the `translated` attributes aside), or undefined; an English
 * that no longer reads as MDX differs at the place the parser names.
 */
export function mdxDifference(german: string, english: string, translated: ReadonlySet<string>): StructureMismatch | undefined {
  let expected: Skeleton | undefined
  try {
    expected = structureOf(parseMarkdown(german, 'mdx'), translated)
    return compareStructure(expected, structureOf(parseMarkdown(english, 'mdx'), translated))
  } catch (error) {
    const message = error as {reason?: unknown; line?: unknown; column?: unknown}
    const place = {line: typeof message.line === 'number' ? message.line : 1, column: typeof message.column === 'number' ? message.column : 1}
    return {place, expected: expected === undefined ? 'the German written back as MDX' : 'MDX', actual: typeof message.reason === 'string' ? message.reason : String(error)}
  }
}

/** Sentences checked in one document: enough to make each read cheap, few enough that a large article's check never holds much. */
const GROUP = 256

function readsBackAsOne(group: ReadonlyArray<{slot: PhrasingSlot; unit: SentenceUnit}>, german: Lookup, english: Lookup, dialect: Dialect): boolean {
  try {
    const expected: Array<Skeleton[number]> = []
    const blocks: RootContent[] = []
    const definitions = new Map<string, RootContent>()
    for (const {slot, unit} of group) {
      const germanNodes = sentenceNodes(unit, german)
      for (const definition of definitionsFor(germanNodes)) definitions.set(keyOf(definition), definition)
      expected.push(...structureOf(blockOf(slot, germanNodes, [])).slice(1))
      blocks.push(...blockOf(slot, sentenceNodes(unit, english), []).children)
    }
    expected.push(...structureOf({type: 'root', children: [...definitions.values()]}).slice(1))
    const root = structureOf({type: 'root', children: []})
    const actual = structureOf(parseMarkdown(stringifyMarkdown({type: 'root', children: [...blocks, ...definitions.values()]}, dialect), dialect))
    return compareStructure([...root, ...expected], actual) === undefined
  } catch {
    // A sentence that cannot be built at all is found one by one.
    return false
  }
}

/** One sentence read back alone: its refusal, if any. */
function refusalOf({slot, unit}: {slot: PhrasingSlot; unit: SentenceUnit}, german: Lookup, english: Lookup, dialect: Dialect): Refusal[] {
  const {segment} = unit
  let mismatch: StructureMismatch | undefined
  try {
    const germanNodes = sentenceNodes(unit, german)
    const definitions = definitionsFor(germanNodes)
    const expected = structureOf(blockOf(slot, germanNodes, definitions))
    mismatch = compareStructure(expected, parseMarkdown(stringifyMarkdown(blockOf(slot, sentenceNodes(unit, english), definitions), dialect), dialect))
  } catch (error) {
    mismatch = {place: segment.place, expected: 'well-formed placeholders', actual: (error as Error).message}
  }
  return mismatch === undefined ? [] : [{source: segment.source, place: segment.place, mismatch}]
}

function keyOf(definition: RootContent): string {
  return `${definition.type}:${'identifier' in definition ? definition.identifier : ''}`
}

/**
 * Stand-ins for the definitions the sentence's references point at: without
 * them a reference would read back as plain text.
 */
function definitionsFor(nodes: readonly PhrasingContent[]): RootContent[] {
  const out = new Map<string, RootContent>()
  const visit = (node: PhrasingContent): void => {
    if (node.type === 'linkReference' || node.type === 'imageReference') {
      out.set(`definition:${node.identifier}`, {type: 'definition', identifier: node.identifier, label: node.label ?? node.identifier, url: 'x'})
    } else if (node.type === 'footnoteReference') {
      out.set(`footnoteDefinition:${node.identifier}`, {type: 'footnoteDefinition', identifier: node.identifier, label: node.label ?? node.identifier, children: [{type: 'paragraph', children: [{type: 'text', value: 'x'}]}]})
    }
    if ('children' in node) for (const child of node.children) visit(child)
  }
  for (const node of nodes) visit(node)
  return [...out.values()]
}

/** A document of one block of the slot's kind holding `children`, then the definitions. */
function blockOf(slot: PhrasingSlot, children: PhrasingContent[], definitions: readonly RootContent[]): Root {
  const node = slot.node as Parent & {type: string; depth?: Heading['depth']}
  let block: RootContent
  if (node.type === 'heading') block = {type: 'heading', depth: node.depth ?? 1, children}
  else if (node.type === 'tableCell') block = {type: 'table', align: [null], children: [{type: 'tableRow', children: [{type: 'tableCell', children}]}]}
  else block = {type: 'paragraph', children}
  return {type: 'root', children: [block, ...definitions]}
}
