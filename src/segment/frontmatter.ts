import {parse as parseToml} from 'smol-toml'
import {isMap, isScalar, isSeq, parseDocument, type Document, type Scalar} from 'yaml'
import type {Place} from '../diagnostics.js'
import type {ExtractionNote, FrontmatterField, FrontmatterSlot, Segment} from './model.js'
import {splitSentences} from './sentences.js'
import {escapeText, taggedToPlain} from './tags.js'

type MakeSegment = (tagged: string, place: Place, blockContext: string) => Segment
type Note = (note: ExtractionNote) => void

/**
 * Find the configured string fields of a YAML frontmatter and cut each into
 * sentences. Keys, other fields and non-string values are never sent
 * anywhere. A frontmatter the YAML parser refuses (a site generator may
 * accept it) is kept byte for byte, with a note naming the problem.
 */
export function extractFrontmatter(node: FrontmatterSlot['node'], fieldPaths: readonly string[], makeSegment: MakeSegment, note: Note): FrontmatterSlot | undefined {
  if (node.type === 'toml') return extractToml(node, fieldPaths, makeSegment, note)
  if (node.type === 'json') return extractJson(node, fieldPaths, makeSegment, note)
  const startLine = (node.position?.start.line ?? 1) + 1
  const doc = parseDocument(node.value, {keepSourceTokens: false, prettyErrors: false})
  const firstError = doc.errors[0]
  if (firstError !== undefined) {
    const [line, column] = linePos(node.value, firstError.pos[0])
    const detail = firstError.message.split('\n')[0] ?? firstError.code
    const place = {line: startLine + line - 1, column}
    // Note: what site generators accept (Hugo: a quoted value whose next line is not indented) is kept, with a warning;
    // what no parser reads fails the article.
    const readable = parseDocument(lenient(node.value))
    if (readable.errors.length === 0) {
      // The warning names the listed fields that stay German.
      const kept = fieldPaths.filter((path) => readable.getIn(path.split('.')) !== undefined)
      note({severity: 'warning', rule: 'frontmatter-kept', params: {field: kept.map((path) => ` "${path}"`).join(','), detail, yaml: firstError.code}, place})
    }
    else note({severity: 'error', rule: 'parse-failed', params: {reason: `invalid YAML in the frontmatter: ${detail}`, reasonKey: 'frontmatter.invalidYaml', detail, yaml: firstError.code}, place})
    return undefined
  }
  if (!isMap(doc.contents)) return undefined
  const fields = listedStrings(doc, fieldPaths).map(({path, scalar, flow}) => ({
    ...field(node.value, path, [scalar.range[0], scalar.range[1]], quoteOf(scalar), scalar.value, startLine, makeSegment),
    ...(flow ? {flow} : {})
  }))
  return fields.length === 0 ? undefined : {type: 'frontmatter', format: 'yaml', node, yaml: node.value, fields}
}

/**
 * The string scalars of the listed fields, in the order they stand: a listed
 * field that is a list (`tags: [Politik, Wirtschaft]`, or one item a line)
 * gives each of its strings; `flow` when a flow collection holds it.
 */
function listedStrings(doc: Document, fieldPaths: readonly string[]): Array<{path: string; scalar: Scalar<string> & {range: [number, number, number]}; flow: boolean}> {
  const out: Array<{path: string; scalar: Scalar<string> & {range: [number, number, number]}; flow: boolean}> = []
  const add = (path: string, scalar: unknown, flow: boolean): void => {
    if (isScalar(scalar) && typeof scalar.value === 'string' && scalar.range != null) out.push({path, scalar: scalar as Scalar<string> & {range: [number, number, number]}, flow})
  }
  for (const path of fieldPaths) {
    const keys = path.split('.')
    const value = doc.getIn(keys, true)
    const flow = keys.some((_, depth) => (doc.getIn(keys.slice(0, depth), true) as {flow?: boolean} | undefined)?.flow === true)
    if (isSeq(value)) value.items.forEach((item, index) => add(`${path}.${index}`, item, flow || value.flow === true))
    else add(path, value, flow)
  }
  return out.sort((a, b) => a.scalar.range[0] - b.scalar.range[0])
}

/**
 * YAML as lenient parsers (Hugo's) read it: the lines of a double-quoted value
 * that runs on without indentation are indented; nothing else is changed.
 */
function lenient(yaml: string): string {
  let open = false
  return yaml
    .split('\n')
    .map((line) => {
      const quotes = (line.replace(/\\./g, '').match(/"/g) ?? []).length
      const wasOpen = open
      if (open) open = quotes % 2 === 0
      else open = /^[ \t]*(?:-[ \t]+)?[^\s"'#][^:]*:[ \t]+"/.test(line) && quotes % 2 === 1
      return wasOpen && !/^[ \t]/.test(line) ? `  ${line}` : line
    })
    .join('\n')
}

function field(text: string, path: string, range: [number, number], quote: FrontmatterField['quote'], raw: string, startLine: number, makeSegment: MakeSegment): FrontmatterField {
  const [line, column] = linePos(text, range[0])
  const place = {line: startLine + line - 1, column}
  const value = raw.replace(/[ \t\r\n]+/g, ' ').trim()
  const sentences = splitSentences(value).map((sentence) => makeSegment(escapeText(sentence), place, value))
  return {path, range, quote, sentences}
}

const TOML_LINE = /^([ \t]*)([A-Za-z0-9_-]+)[ \t]*=[ \t]*("(?:[^"\\\n]|\\.)*"|'[^'\n]*')[ \t]*(?:#.*)?$/
const TOML_TABLE = /^[ \t]*\[[ \t]*([A-Za-z0-9_.-]+)[ \t]*\][ \t]*(?:#.*)?$/
/** A table name no configured field can have: an array of tables (`[[resources]]`), a quoted name. */
const OTHER_TABLE = '\u0000'

/**
 * The configured fields of a TOML frontmatter (`+++`) that are one-line
 * strings, at the top or in a `[table]` (`params.description`). A field in
 * another form (a multi-line string, an array) is kept, with a note.
 */
function extractToml(node: FrontmatterSlot['node'], fieldPaths: readonly string[], makeSegment: MakeSegment, note: Note): FrontmatterSlot | undefined {
  const startLine = (node.position?.start.line ?? 1) + 1
  try {
    parseToml(node.value)
  } catch (error) {
    // Note: Hugo reads TOML strictly (go-toml): what a strict parser refuses, no site generator reads.
    const {line, column, message} = error as {line?: number; column?: number; message: string}
    const detail = (message.split('\n')[0] ?? '').replace(/^Invalid TOML document: /, '')
    note({severity: 'error', rule: 'parse-failed', params: {reason: `invalid TOML in the frontmatter: ${detail}`, reasonKey: 'frontmatter.invalidToml', detail}, place: {line: startLine + (line ?? 1) - 1, column: column ?? 1}})
    return undefined
  }
  const wanted = new Set(fieldPaths)
  const fields: FrontmatterField[] = []
  let table = ''
  let offset = 0
  let open: string | undefined
  for (const line of node.value.split('\n')) {
    // Note: lines inside a multi-line string are its content, never keys or headers.
    if (open !== undefined) {
      if (line.includes(open)) open = undefined
      offset += line.length + 1
      continue
    }
    const header = /^[ \t]*\[/.test(line) ? (TOML_TABLE.exec(line)?.[1] ?? OTHER_TABLE) : undefined
    if (header !== undefined) table = header
    else {
      const starts = /=[ \t]*("""|''')/.exec(line)
      if (starts !== null && !line.slice(starts.index + starts[0].length).includes(starts[1] as string)) open = starts[1]
      const key = /^[ \t]*([A-Za-z0-9_-]+)[ \t]*=/.exec(line)?.[1]
      const path = key === undefined ? undefined : table === '' ? key : `${table}.${key}`
      if (path !== undefined && wanted.has(path)) {
        const match = TOML_LINE.exec(line)
        const literal = match?.[3]
        const value = literal === undefined ? undefined : tomlString(literal)
        const at = match === null ? 0 : line.indexOf(literal as string, (match[1] ?? '').length + (match[2] ?? '').length)
        if (value === undefined || literal === undefined) {
          note({severity: 'warning', rule: 'frontmatter-kept', params: {field: ` "${path}"`, detail: 'not a one-line TOML string', toml: 'multiLine'}, place: {line: startLine + node.value.slice(0, offset).split('\n').length - 1, column: 1}})
        } else {
          fields.push(field(node.value, path, [offset + at, offset + at + literal.length], literal.startsWith("'") ? 'single' : 'double', value, startLine, makeSegment))
        }
      }
    }
    offset += line.length + 1
  }
  return fields.length === 0 ? undefined : {type: 'frontmatter', format: 'toml', node, yaml: node.value, fields}
}

/**
 * The configured string fields of a JSON frontmatter (Hugo's `{ … }` at the
 * top). JSON is YAML's flow style, so YAML's parser gives each string's place;
 * a frontmatter that is no JSON fails the article with its line.
 */
function extractJson(node: FrontmatterSlot['node'], fieldPaths: readonly string[], makeSegment: MakeSegment, note: Note): FrontmatterSlot | undefined {
  const startLine = node.position?.start.line ?? 1
  // Note: the braces on lines of their own, as in the file, so that a place in `text` is one in the file.
  const text = `{\n${node.value}\n}`
  try {
    JSON.parse(text)
  } catch (error) {
    const at = /position (\d+)/.exec((error as Error).message)?.[1]
    const [line, column] = linePos(text, at === undefined ? 0 : Number(at))
    const detail = (error as Error).message.replace(/ in JSON at position \d+.*$/s, '')
    note({severity: 'error', rule: 'parse-failed', params: {reason: `invalid JSON in the frontmatter: ${detail}`, reasonKey: 'frontmatter.invalidJson', detail}, place: {line: startLine + line - 1, column}})
    return undefined
  }
  const doc = parseDocument(text, {keepSourceTokens: false, prettyErrors: false})
  const firstError = doc.errors[0]
  if (firstError !== undefined) {
    // JSON that the YAML reader cannot place (a key given twice, which JSON allows): kept as it is, with a warning.
    const value = JSON.parse(text) as Record<string, unknown>
    const kept = fieldPaths.filter((path) => path.split('.').reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), value) !== undefined)
    const [line, column] = linePos(text, firstError.pos[0])
    note({severity: 'warning', rule: 'frontmatter-kept', params: {field: kept.map((path) => ` "${path}"`).join(','), detail: firstError.message.split('\n')[0] ?? firstError.code, yaml: firstError.code}, place: {line: startLine + line - 1, column}})
    return undefined
  }
  if (!isMap(doc.contents)) return undefined
  // Note: places in `text` are two past those in the value (the opening brace and its line break); every JSON string is double-quoted, in a flow map.
  const fields = listedStrings(doc, fieldPaths).map(({path, scalar}) => ({
    ...field(node.value, path, [scalar.range[0] - 2, scalar.range[1] - 2], 'double', scalar.value, startLine + 1, makeSegment),
    flow: true
  }))
  return fields.length === 0 ? undefined : {type: 'frontmatter', format: 'json', node, yaml: node.value, fields}
}

/** A one-line TOML string's value: a literal string as it is, a basic string with its escapes; undefined when unreadable. */
function tomlString(literal: string): string | undefined {
  if (literal.startsWith("'")) return literal.slice(1, -1)
  try {
    // Note: TOML's basic-string escapes are JSON's, plus \UXXXXXXXX.
    return JSON.parse(literal.replace(/\\U([0-9A-Fa-f]{8})/g, (_all, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))) as string
  } catch {
    return undefined
  }
}

/**
 * The frontmatter's text with each translatable field replaced by `render`'s
 * text for it, in the field's own quoting style where that is safe, over as
 * many lines as the field had (so that German and English stay aligned line
 * for line). Everything else stays byte for byte.
 */
export function replaceFrontmatter(slot: FrontmatterSlot, render: (field: FrontmatterField) => string): string {
  let out = ''
  let last = 0
  const source = slot.yaml
  for (const field of slot.fields) {
    const original = source.slice(field.range[0], field.range[1])
    const trailing = /\n*$/.exec(original)?.[0] ?? ''
    const lines = original.slice(0, original.length - trailing.length).split('\n').length
    const lineStart = source.lastIndexOf('\n', field.range[0] - 1) + 1
    // Note: continuation lines go deeper than the key, which in a sequence item stands after its `- `.
    const indent = `${' '.repeat((/^[ \t]*(?:-[ \t]+)*/.exec(source.slice(lineStart))?.[0] ?? '').length)}  `
    const value = render(field)
    // Note: a value that reads as the German reads keeps its bytes (a `|` block its line breaks).
    if (value === field.sentences.map((segment) => taggedToPlain(segment.source)).join(' ')) continue
    const written =
      slot.format === 'toml' ? tomlScalar(value, field.quote) : slot.format === 'json' ? JSON.stringify(value) : lines > 1 ? multiLineYaml(value, lines, indent) : yamlScalar(value, field.quote, field.flow === true)
    out += source.slice(last, field.range[0]) + written + trailing
    last = field.range[1]
  }
  return out + source.slice(last)
}

function quoteOf(scalar: Scalar): FrontmatterField['quote'] {
  if (scalar.type === 'QUOTE_SINGLE') return 'single'
  if (scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'BLOCK_LITERAL' || scalar.type === 'BLOCK_FOLDED') return 'double'
  return 'plain'
}

/**
 * A one-line YAML scalar for `value`: plain where that is safe, else quoted;
 * in a flow collection (`flow`) no flow indicator may stay plain, so that
 * `{title: …, draft: false}` stays a map of two.
 */
export function yamlScalar(value: string, preferred: FrontmatterField['quote'], flow = false): string {
  if (preferred === 'single') return `'${value.replace(/'/g, "''")}'`
  const plainSafe =
    value !== '' &&
    !/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(value) &&
    !(flow && /[,[\]{}]/.test(value)) &&
    !/\s$/.test(value) &&
    !/: |:$| #/.test(value) &&
    !/^(?:true|false|yes|no|on|off|null|~|[-+]?[\d.]+(?:e[-+]?\d+)?)$/i.test(value)
  if (preferred === 'plain' && plainSafe) return value
  return JSON.stringify(value)
}

/** A double-quoted YAML scalar over `lines` lines: escaped line breaks, which add nothing to the value, fill the lines after the first. */
function multiLineYaml(value: string, lines: number, indent: string): string {
  const rest = Array.from({length: lines - 1}, (_, index) => (index === lines - 2 ? `${indent}"` : `${indent}\\`))
  return [`${JSON.stringify(value).slice(0, -1)}\\`, ...rest].join('\n')
}

/** A one-line TOML string: literal where the value allows it and the field was literal, else basic (JSON's escapes are TOML's). */
function tomlScalar(value: string, preferred: FrontmatterField['quote']): string {
  if (preferred === 'single' && !/['\n\r]/.test(value)) return `'${value}'`
  return JSON.stringify(value)
}

function linePos(text: string, offset: number): [number, number] {
  const before = text.slice(0, offset).split('\n')
  return [before.length, (before.at(-1)?.length ?? 0) + 1]
}
