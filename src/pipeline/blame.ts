import type {Heading, Parent, PhrasingContent, Root, RootContent} from 'mdast'
import type {Place} from '../diagnostics.js'
import {parseMarkdown, stringifyMarkdown} from '../markdown/processor.js'
import {compareStructure, structureOf, type StructureMismatch} from '../qa/structure.js'
import {sentenceNodes, type Lookup} from '../segment/assemble.js'
import type {Extraction, PhrasingSlot} from '../segment/model.js'

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
  const refused: Refusal[] = []
  for (const slot of extraction.slots) {
    if (slot.type !== 'phrasing') continue
    for (const unit of slot.sentences) {
      const {segment} = unit
      if (!segment.translatable || english(segment) === german(segment)) continue
      let mismatch: StructureMismatch | undefined
      try {
        const germanNodes = sentenceNodes(unit, german)
        const definitions = definitionsFor(germanNodes)
        const expected = structureOf(blockOf(slot, germanNodes, definitions))
        mismatch = compareStructure(expected, parseMarkdown(stringifyMarkdown(blockOf(slot, sentenceNodes(unit, english), definitions))))
      } catch (error) {
        mismatch = {place: segment.place, expected: 'well-formed placeholders', actual: (error as Error).message}
      }
      if (mismatch !== undefined) refused.push({source: segment.source, place: segment.place, mismatch})
    }
  }
  return refused
}

/**
 * Stand-ins for the definitions the sentence's references point at: without
 * them a reference would read back as plain text.
 */
function definitionsFor(nodes: readonly PhrasingContent[]): RootContent[] {
  const out = new Map<string, RootContent>()
  const visit = (node: PhrasingContent): void => {
    if (node.type === 'linkReference' || node.type === 'imageReference') {
      out.set(`d${node.identifier}`, {type: 'definition', identifier: node.identifier, label: node.label ?? node.identifier, url: 'x'})
    } else if (node.type === 'footnoteReference') {
      out.set(`f${node.identifier}`, {type: 'footnoteDefinition', identifier: node.identifier, label: node.label ?? node.identifier, children: [{type: 'paragraph', children: [{type: 'text', value: 'x'}]}]})
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
