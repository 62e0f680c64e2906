import type {Nodes, PhrasingContent, Root} from 'mdast'
import {stringifyMarkdown, stringifyWithStarts, type Dialect, type Start} from '../markdown/processor.js'
import {TandemError} from '../errors.js'
import {replaceFrontmatter} from './frontmatter.js'
import type {AttributeSlot, Extraction, InlineEntry, Segment, SentenceUnit} from './model.js'
import {parseTagged, taggedToPlain, type Token} from './tags.js'

/** The tagged text to use for a segment in the language being written. */
export type Lookup = (segment: Segment) => string

/**
 * Rebuild every translatable block of `tree` from `lookup` and serialize it.
 * Called once with the German sentences and once with the English ones: the
 * same tree, slots and serializer give both files the same lines.
 * Note: rewrites the slot nodes of `tree` in place; call again to switch language.
 * @throws TandemError('internal') when a tagged text is not well-formed (validate first).
 */
export function assemble(tree: Root, extraction: Extraction, lookup: Lookup): string {
  rebuild(tree, extraction, lookup)
  return stringifyMarkdown(tree, dialectOf(extraction))
}

/** The Markdown an extraction was read in, hence written in. */
export function dialectOf(extraction: Extraction): Dialect {
  return extraction.mdx === undefined ? 'markdown' : 'mdx'
}

/** Like `assemble`, and where each block starts in the text (see `stringifyWithStarts`). */
export function assembleWithStarts(tree: Root, extraction: Extraction, lookup: Lookup): {readonly text: string; readonly starts: ReadonlyMap<Nodes, Start>} {
  rebuild(tree, extraction, lookup)
  return stringifyWithStarts(tree, dialectOf(extraction))
}

/** Put the sentences of `lookup` into the slots of the tree (the slots point into it). */
function rebuild(_tree: Root, extraction: Extraction, lookup: Lookup): void {
  for (const slot of extraction.slots) {
    switch (slot.type) {
      case 'phrasing':
        slot.node.children = joinSentences(slot.sentences, slot.joiner, lookup)
        break
      case 'definition':
        slot.node.title = taggedToPlain(lookup(slot.title))
        break
      case 'attribute':
        setAttribute(slot.node, slot.name, taggedToPlain(lookup(slot.segment)))
        break
      case 'frontmatter':
        slot.node.value = replaceFrontmatter(slot, (field) =>
          field.sentences.map((segment) => taggedToPlain(lookup(segment))).join(' ')
        )
        break
    }
  }
}

/** Set a text attribute of a JSX element or a directive. */
function setAttribute(node: AttributeSlot['node'], name: string, value: string): void {
  if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
    for (const attribute of node.attributes) if (attribute.type === 'mdxJsxAttribute' && attribute.name === name) attribute.value = value
  } else if (node.attributes) {
    node.attributes[name] = value
  }
}

/** The phrasing nodes of one sentence, rebuilt from its tagged text and side table. */
export function sentenceNodes(unit: SentenceUnit, lookup: Lookup): PhrasingContent[] {
  return buildNodes(parseTagged(lookup(unit.segment)), unit.entries, lookup)
}

function joinSentences(sentences: readonly SentenceUnit[], joiner: string, lookup: Lookup): PhrasingContent[] {
  const out: PhrasingContent[] = []
  sentences.forEach((unit, index) => {
    const nodes = sentenceNodes(unit, lookup)
    const previous = sentences[index - 1]
    if (index > 0 && previous?.breakAfter === undefined && nodes.length > 0) out.push({type: 'text', value: joiner})
    out.push(...nodes)
    if (unit.breakAfter !== undefined) out.push(structuredClone(unit.breakAfter))
  })
  return mergeText(out)
}

function buildNodes(tokens: readonly Token[], entries: ReadonlyMap<number, InlineEntry>, lookup: Lookup): PhrasingContent[] {
  const root: PhrasingContent[] = []
  const stack: Array<{node: PhrasingContent & {children: PhrasingContent[]}; id: number; parent: PhrasingContent[]; entry: InlineEntry}> = []
  let target = root
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
        target.push({type: 'text', value: token.value})
        break
      case 'void':
        target.push(restoreVoid(entryOf(entries, token.id), lookup))
        break
      case 'open': {
        const entry = entryOf(entries, token.id)
        const shell = {...entry.node, children: [] as PhrasingContent[]} as PhrasingContent & {children: PhrasingContent[]}
        if (shell.type === 'link' && entry.title !== undefined) shell.title = taggedToPlain(lookup(entry.title))
        stack.push({node: shell, id: token.id, parent: target, entry})
        target = shell.children
        break
      }
      case 'close': {
        const frame = stack.pop()
        if (frame === undefined || frame.id !== token.id) throw new TandemError('internal', `unbalanced placeholder </${token.kind}${token.id}>`)
        // An inline HTML element is its two tags around its content, siblings as they were read.
        if (frame.entry.close !== undefined) frame.parent.push({...frame.entry.node}, ...frame.node.children, {...frame.entry.close})
        else frame.parent.push({...frame.node, children: mergeText(frame.node.children)} as PhrasingContent)
        target = frame.parent
        break
      }
    }
  }
  if (stack.length > 0) throw new TandemError('internal', 'unclosed placeholder')
  return mergeText(root)
}

function entryOf(entries: ReadonlyMap<number, InlineEntry>, id: number): InlineEntry {
  const entry = entries.get(id)
  if (entry === undefined) throw new TandemError('internal', `unknown placeholder ${id}`)
  return entry
}

function restoreVoid(entry: InlineEntry, lookup: Lookup): PhrasingContent {
  // A shallow copy is enough: only alt and title are replaced.
  const node = {...entry.node}
  if ((node.type === 'image' || node.type === 'imageReference') && entry.alt !== undefined) node.alt = taggedToPlain(lookup(entry.alt))
  if (node.type === 'image' && entry.title !== undefined) node.title = taggedToPlain(lookup(entry.title))
  return node
}

function mergeText(nodes: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = []
  for (const node of nodes) {
    const last = out.at(-1)
    if (node.type === 'text' && last?.type === 'text') last.value += node.value
    else out.push(node)
  }
  return out
}
