import {isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type YAMLMap} from 'yaml'
import {yamlScalar} from '../segment/frontmatter.js'

/** A new entry for `addToGlossaryFile`. */
export type NewEntry = (
  | {readonly kind: 'name'; readonly name: string; readonly note?: string}
  | {readonly kind: 'term'; readonly de: string; readonly en: string; readonly forbidden: readonly string[]; readonly note?: string}
) & {/** Where it comes from (a CSV file's line), for messages. */ readonly from?: {readonly file: string; readonly line: number}}

/**
 * Add entries to a glossary file's text by inserting lines after the last
 * item of their section (or a new section at the end). Everything else,
 * comments, order, quoting and blank lines, stays byte for byte.
 */
export function addToGlossaryFile(text: string, entries: readonly NewEntry[]): string {
  let out = text
  for (const entry of entries) out = addOne(out, entry)
  return out
}

function addOne(text: string, entry: NewEntry): string {
  const section = entry.kind === 'name' ? 'names' : 'terms'
  const doc = parseDocument(text)
  const root = doc.contents
  const pair = isMap(root) ? root.items.find((item) => isScalar(item.key) && item.key.value === section) : undefined
  const base = text === '' || text.endsWith('\n') ? text : `${text}\n`
  if (pair === undefined) return `${base}${section}:\n${render(entry, '  ')}`
  const value = pair.value as YamlNode | null
  if (isSeq(value) && value.items.length > 0 && value.flow !== true) {
    const last = value.items.at(-1) as YamlNode
    const start = last.range?.[0] ?? 0
    const lineStart = text.lastIndexOf('\n', start - 1) + 1
    const indent = /^\s*/.exec(text.slice(lineStart, start))?.[0].replace(/-\s*$/, '') ?? '  '
    // Right after the item's last line of content: blank lines and comments after it stay after the new entry.
    const end = last.range?.[2] ?? last.range?.[1] ?? start
    let at = start
    for (let lineStart = start; lineStart < end; ) {
      const lineEnd = text.indexOf('\n', lineStart)
      const stop = lineEnd < 0 ? text.length : lineEnd + 1
      const line = text.slice(lineStart, stop).trim()
      if (line !== '' && !line.startsWith('#')) at = stop
      if (lineEnd < 0) break
      lineStart = stop
    }
    const head = at > 0 && text[at - 1] !== '\n' ? `${text.slice(0, at)}\n` : text.slice(0, at)
    return `${head}${render(entry, indent)}${text.slice(at)}`
  }
  // An empty section (`terms:` or `terms: []`): write the list in block style.
  const keyStart = (pair.key as YamlNode).range?.[0] ?? 0
  const lineEnd = text.indexOf('\n', keyStart)
  const at = lineEnd < 0 ? text.length : lineEnd + 1
  const head = (lineEnd < 0 ? text : text.slice(0, lineEnd)).replace(new RegExp(`${section}:.*$`), `${section}:`)
  return `${head}\n${render(entry, '  ')}${text.slice(at)}`
}

function render(entry: NewEntry, indent: string): string {
  const field = (key: string, value: string): string => `${indent}  ${key}: ${yamlScalar(value, 'plain')}\n`
  if (entry.kind === 'name') {
    if (entry.note === undefined) return `${indent}- ${yamlScalar(entry.name, 'plain')}\n`
    return `${indent}- name: ${yamlScalar(entry.name, 'plain')}\n${field('note', entry.note)}`
  }
  let out = `${indent}- de: ${yamlScalar(entry.de, 'plain')}\n${field('en', entry.en)}`
  if (entry.forbidden.length > 0) out += `${indent}  forbidden: [${entry.forbidden.map((item) => yamlScalar(item, 'double')).join(', ')}]\n`
  if (entry.note !== undefined) out += field('note', entry.note)
  return out
}

/** What `updateInGlossaryFile` changes in an entry. */
export interface EntryChange {
  readonly note?: string
  readonly forbidden?: readonly string[]
}

/**
 * Change the note and the forbidden renderings of the entry for `de` in a
 * glossary file's text (a plain name `- OpenAI` becomes `- name: OpenAI`
 * with its note). Comments and the other entries stay.
 * @throws Error when the file has no such entry.
 */
export function updateInGlossaryFile(text: string, kind: 'name' | 'term', de: string, change: EntryChange): string {
  const doc = parseDocument(text)
  const section = doc.get(kind === 'name' ? 'names' : 'terms', true)
  if (!isSeq(section)) throw new Error(`no ${kind === 'name' ? 'names' : 'terms'} section`)
  const key = kind === 'name' ? 'name' : 'de'
  const index = section.items.findIndex((item) => (isScalar(item) ? String(item.value) : isMap(item) ? String(item.get(key)) : '') === de)
  const found = section.items[index]
  if (found === undefined) throw new Error(`no entry "${de}"`)
  const item = isScalar(found) ? (doc.createNode({name: String(found.value)}) as YAMLMap) : (found as YAMLMap)
  section.items[index] = item
  if (change.note !== undefined) item.set('note', change.note)
  if (change.forbidden !== undefined && change.forbidden.length > 0) {
    const list = doc.createNode([...change.forbidden])
    list.flow = true
    item.set('forbidden', list)
  }
  return doc.toString({lineWidth: 0})
}
