import type {Definition, Nodes, PhrasingContent, Root} from 'mdast'
import {isMap, isScalar, parseDocument} from 'yaml'
import {loadDialect, parseMarkdown, type Dialect} from '../markdown/processor.js'
import {phrasingTokens} from '../segment/inline.js'
import {escapeText, normalizeTagged, parseTagged, taggedToPlain, tokensToTagged, type Token} from '../segment/tags.js'
import {lineHashes, type ArticleRecord, type RecordUnit} from './record.js'

/** Why edits in an English file cannot be taken over; `line` is 1-based. */
export interface EditProblem {
  readonly rule: 'edit-lines' | 'edit-untranslated' | 'edit-markup' | 'edit-ambiguous' | 'edit-empty'
  readonly line: number
  readonly params: Readonly<Record<string, string | number>>
}

/** A reviewer's version of one sentence, found on `line` (1-based) of the English file. */
export interface EditedSentence {
  readonly source: string
  readonly target: string
  readonly line: number
}

export type EditResult = {readonly ok: true; readonly edits: EditedSentence[]} | {readonly ok: false; readonly problem: EditProblem}

const SENTENCE_KINDS = new Set(['heading', 'paragraph', 'cell'])
const CONTAINERS = new Set(['paragraph', 'heading', 'tableCell'])

/**
 * Find a reviewer's edits in an `.en.md`: every line that differs from what the
 * last build wrote becomes a reviewed translation of its sentence (checked and
 * stored by `human.ts`). The file must still line up with the German (same
 * number of lines), edited lines must hold translated sentences and not be
 * empty, and links, code and formatting must stay as they were (link targets
 * and code are compared with the German line, `german`, when given);
 * otherwise nothing is taken over and the problem names the line. Loads
 * the reader of the article's dialect first (see `loadDialect`).
 */
export async function detectEdits(record: ArticleRecord, english: string, options: {readonly alsoWritten?: readonly string[]; readonly german?: string; readonly dialect?: Dialect} = {}): Promise<EditResult> {
  const dialect = options.dialect ?? 'markdown'
  await loadDialect(dialect)
  const hashes = lineHashes(english)
  // Note: a line that another build wrote at this place (one whose transaction was cut short) is tandem's own, never an edit.
  const also = options.alsoWritten?.length === record.enLines.length ? options.alsoWritten : undefined
  if (hashes.length === record.enLines.length && hashes.every((hash, index) => hash === record.enLines[index])) return {ok: true, edits: []}
  if (hashes.length !== record.enLines.length) {
    const first = hashes.findIndex((hash, index) => hash !== record.enLines[index])
    // Note: a file that ends with a line break has one line less than the pieces between its breaks.
    const lines = (count: number, last: string | undefined): number => count - (last === EMPTY_LINE ? 1 : 0)
    return fail('edit-lines', (first < 0 ? Math.min(hashes.length, record.enLines.length) : first) + 1, {lines: lines(hashes.length, hashes.at(-1)), expected: lines(record.enLines.length, record.enLines.at(-1))})
  }
  const textLines = english.split('\n')
  let tree: Root | undefined
  let germanTree: Root | undefined
  const edits: EditedSentence[] = []
  for (let index = 0; index < hashes.length; index++) {
    if (hashes[index] === record.enLines[index] || hashes[index] === also?.[index]) continue
    const line = index + 1
    const units = record.units.filter((unit) => unit.line === line)
    const sentences = units.filter((unit) => SENTENCE_KINDS.has(unit.kind))
    if (sentences.length === 0) {
      // A frontmatter field or a link definition's title: one value on the line, as YAML or Markdown writes it.
      const fields = units.filter((unit) => unit.kind === 'frontmatter' || unit.kind === 'title')
      if (fields.length === 0) return fail('edit-untranslated', line, {})
      if (fields.length > 1) return fail('edit-ambiguous', line, {count: fields.length})
      const field = fields[0] as RecordUnit
      tree ??= parseMarkdown(english, dialect)
      germanTree ??= options.german === undefined ? undefined : parseMarkdown(options.german, dialect)
      const value = field.kind === 'frontmatter' ? frontmatterValue(textLines[index] ?? '', options.german?.split('\n')[index]) : definitionTitle(tree, germanTree, line)
      if (value === undefined) return fail('edit-markup', line, {})
      if (value.trim() === '') return fail('edit-empty', line, {})
      const target = normalizeTagged(escapeText(value))
      if (target !== field.target) edits.push({source: field.source, target, line})
      continue
    }
    if ((textLines[index] ?? '').trim() === '') return fail('edit-empty', line, {})
    tree ??= parseMarkdown(english, dialect)
    const containers = containersOn(tree, line)
    const slots = [...new Set(sentences.map((unit) => unit.slot))]
    if (containers.length !== slots.length) return fail('edit-markup', line, {})
    if (options.german !== undefined) {
      germanTree ??= parseMarkdown(options.german, dialect)
      if (fixedParts(containersOn(germanTree, line), line) !== fixedParts(containers, line)) return fail('edit-markup', line, {})
    }
    for (const [position, slot] of slots.entries()) {
      const inSlot = sentences.filter((unit) => unit.slot === slot)
      if (inSlot.length > 1) return fail('edit-ambiguous', line, {count: inSlot.length})
      const unit = inSlot[0] as RecordUnit
      const nodes = lineNodes(containers[position] as Nodes & {children: PhrasingContent[]}, line)
      const {tokens, nodes: byId} = phrasingTokens(nodes)
      const mapped = mapIds(tokens, parseTagged(unit.target))
      if (mapped === undefined) return fail('edit-markup', line, {})
      const target = normalizeTagged(tokensToTagged(mapped))
      if (taggedToPlain(target).trim() === '') return fail('edit-empty', line, {})
      if (target !== unit.target) edits.push({source: unit.source, target, line})
      // Alt texts and titles of images and links on the line, in order.
      const fields = units.filter((other) => (other.kind === 'alt' || other.kind === 'title') && other.slot === slot)
      const values = [...byId.values()].flatMap((node) => fieldValues(node))
      for (const kind of ['alt', 'title'] as const) {
        const ofKind = fields.filter((field) => field.kind === kind)
        const edited = values.filter((value) => value.kind === kind)
        ofKind.forEach((field, order) => {
          const text = edited[order]?.text
          if (text !== undefined && escapeText(text) !== field.target) edits.push({source: field.source, target: escapeText(text), line})
        })
      }
    }
  }
  return {ok: true, edits}
}

const EMPTY_LINE = lineHashes('')[0]

/**
 * The value of a one-line frontmatter field (`title: "The title"`), as YAML
 * reads it; undefined when the line is no such field or, with the German line
 * known, names another field.
 */
function frontmatterValue(line: string, german: string | undefined): string | undefined {
  const field = (text: string): {key: string; value: string} | undefined => {
    const doc = parseDocument(text)
    if (doc.errors.length > 0 || !isMap(doc.contents) || doc.contents.items.length !== 1) return undefined
    const pair = doc.contents.items[0]
    return isScalar(pair?.key) && isScalar(pair?.value) && typeof pair.value.value === 'string' ? {key: String(pair.key.value), value: pair.value.value} : undefined
  }
  const edited = field(line)
  if (edited === undefined) return undefined
  if (german !== undefined && field(german)?.key !== edited.key) return undefined
  return edited.value
}

/** The title of the link definition on `line`; undefined when there is none or its target changed from the German's. */
function definitionTitle(tree: Root, german: Root | undefined, line: number): string | undefined {
  const find = (root: Root): Definition | undefined => root.children.find((node): node is Definition => node.type === 'definition' && node.position?.start.line === line)
  const edited = find(tree)
  if (edited === undefined || typeof edited.title !== 'string') return undefined
  const original = german === undefined ? undefined : find(german)
  if (original !== undefined && (original.url !== edited.url || original.identifier !== edited.identifier)) return undefined
  return edited.title
}

/**
 * What a line's blocks hold that no translation changes: link and image
 * targets, inline code, HTML, references, in a stable order. An edit that
 * changes one of them is refused, not reverted without a word by the next build.
 */
function fixedParts(containers: ReadonlyArray<Nodes & {children: PhrasingContent[]}>, line: number): string {
  const parts: string[] = []
  const walk = (node: Nodes): void => {
    if (node.type === 'link' || node.type === 'image') parts.push(`${node.type} ${node.url}`)
    else if (node.type === 'inlineCode' || node.type === 'html') parts.push(`${node.type} ${node.value}`)
    else if (node.type === 'linkReference' || node.type === 'imageReference' || node.type === 'footnoteReference') parts.push(`${node.type} ${node.identifier}`)
    if ('children' in node) for (const child of node.children as Nodes[]) walk(child)
  }
  for (const container of containers) for (const node of lineNodes(container, line)) walk(node)
  return parts.sort().join('\n')
}

function fail(rule: EditProblem['rule'], line: number, params: Record<string, string | number>): EditResult {
  return {ok: false, problem: {rule, line, params}}
}

/** Phrasing blocks of the edited file that have content on `line`, in order. */
function containersOn(tree: Root, line: number): Array<Nodes & {children: PhrasingContent[]}> {
  const found: Array<Nodes & {children: PhrasingContent[]}> = []
  const visit = (node: Nodes): void => {
    const position = node.position
    if (position !== undefined && (position.start.line > line || position.end.line < line)) return
    if (CONTAINERS.has(node.type) && 'children' in node) {
      found.push(node as Nodes & {children: PhrasingContent[]})
      return
    }
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child)
  }
  visit(tree)
  return found
}

/** The inline content of a block on one line (text nodes cut at line breaks). */
function lineNodes(container: Nodes & {children: PhrasingContent[]}, line: number): PhrasingContent[] {
  const out: PhrasingContent[] = []
  for (const child of container.children) {
    const start = child.position?.start.line ?? line
    const end = child.position?.end.line ?? line
    if (end < line || start > line) continue
    if (child.type === 'text' && start !== end) {
      const part = child.value.split('\n')[line - start]
      if (part !== undefined) out.push({type: 'text', value: part})
      continue
    }
    out.push(child)
  }
  return out
}

/** Give the edited line's placeholders the ids of the English the build wrote, kind by kind in order. */
function mapIds(edited: readonly Token[], generated: readonly Token[]): Token[] | undefined {
  const idsByKind = new Map<string, number[]>()
  for (const token of generated) if (token.type === 'open' || token.type === 'void') idsByKind.set(token.kind, [...(idsByKind.get(token.kind) ?? []), token.id])
  const used = new Map<string, number>()
  const renumber = new Map<number, number>()
  const out: Token[] = []
  for (const token of edited) {
    if (token.type === 'text') {
      out.push(token)
      continue
    }
    if (token.type === 'close') {
      const id = renumber.get(token.id)
      if (id === undefined) return undefined
      out.push({...token, id})
      continue
    }
    const n = used.get(token.kind) ?? 0
    const id = idsByKind.get(token.kind)?.[n]
    if (id === undefined) return undefined
    used.set(token.kind, n + 1)
    renumber.set(token.id, id)
    out.push({...token, id})
  }
  // Every placeholder the build wrote must still be there.
  for (const [kind, ids] of idsByKind) if ((used.get(kind) ?? 0) !== ids.length) return undefined
  return out
}

function fieldValues(node: PhrasingContent): Array<{kind: 'alt' | 'title'; text: string}> {
  const out: Array<{kind: 'alt' | 'title'; text: string}> = []
  if ((node.type === 'image' || node.type === 'imageReference') && node.alt) out.push({kind: 'alt', text: node.alt})
  if ((node.type === 'image' || node.type === 'link') && node.title) out.push({kind: 'title', text: node.title})
  return out
}
