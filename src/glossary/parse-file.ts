import {isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type YAMLMap} from 'yaml'
import type {CaseRule, GlossaryEntry, NameEntry, Origin, QuoteEntry, TermEntry} from './model.js'
import {GlossaryError} from './errors.js'

/** Reading one glossary file (YAML, with lines for every message); loaded only when there is a file to read. */

const NAME_FIELDS = new Set(['name', 'note', 'case', 'forms'])
const TERM_FIELDS = new Set(['de', 'en', 'forbidden', 'note', 'case', 'forms'])
const QUOTE_FIELDS = new Set(['de', 'en', 'source'])
const TOP_FIELDS = new Set(['names', 'terms', 'quotes'])

/**
 * Parse one glossary file's text.
 * @throws GlossaryError
 */
export function parseGlossaryFile(text: string, file: string): GlossaryEntry[] {
  return parseGlossaryDocument(text, file).entries
}

/**
 * Parse one glossary file's text: its names and terms, and its quotations.
 * @throws GlossaryError
 */
export function parseGlossaryDocument(text: string, file: string): {entries: GlossaryEntry[]; quotes: QuoteEntry[]} {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: true})
  const lineOf = (offset: number | undefined): number => (offset === undefined ? 1 : lineCounter.linePos(offset).line)
  const firstError = doc.errors[0]
  if (firstError !== undefined) {
    const detail = firstError.message.split('\n')[0] ?? ''
    throw new GlossaryError(file, lineOf(firstError.pos[0]), `invalid YAML: ${detail}`, 'invalidYaml', {detail, yaml: firstError.code})
  }
  const root = doc.contents
  if (root === null || (isScalar(root) && root.value === null)) return {entries: [], quotes: []}
  if (!isMap(root)) throw new GlossaryError(file, lineOf(root.range?.[0]), 'a glossary file is a map with "names" and "terms"', 'notMap')
  const entries: GlossaryEntry[] = []
  const quotes: QuoteEntry[] = []
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : ''
    const at = lineOf((pair.key as YamlNode | null)?.range?.[0])
    if (!TOP_FIELDS.has(key)) throw new GlossaryError(file, at, `unknown section "${key}" (known: names, terms, quotes)`, 'unknownSection', {section: key})
    const value = pair.value as YamlNode | null
    if (value === null || (isScalar(value) && value.value === null)) continue
    if (!isSeq(value)) throw new GlossaryError(file, at, `"${key}" must be a list`, 'notList', {section: key})
    for (const item of value.items as YamlNode[]) {
      const origin: Origin = {file, line: lineOf(item.range?.[0])}
      if (key === 'quotes') quotes.push(parseQuote(item, origin, lineOf))
      else entries.push(key === 'names' ? parseName(item, origin, lineOf) : parseTerm(item, origin, lineOf))
    }
  }
  return {entries, quotes}
}

type LineOf = (offset: number | undefined) => number

function parseName(item: YamlNode, origin: Origin, lineOf: LineOf): NameEntry {
  if (isScalar(item)) {
    const name = text(item.value, origin)
    return {kind: 'name', de: name, en: name, case: 'sensitive', forms: [], origin}
  }
  if (!isMap(item)) throw new GlossaryError(origin.file, origin.line, 'a name is a string or a map with "name"', 'nameShape')
  const fields = fieldsOf(item, NAME_FIELDS, origin, lineOf)
  const name = text(fields.get('name'), origin, 'name')
  const note = optionalText(fields.get('note'), origin, 'note')
  return {
    kind: 'name',
    de: name,
    en: name,
    ...(note === undefined ? {} : {note}),
    case: caseRule(fields.get('case'), origin, 'sensitive'),
    forms: textList(fields.get('forms'), origin, 'forms'),
    origin
  }
}

function parseTerm(item: YamlNode, origin: Origin, lineOf: LineOf): TermEntry {
  if (!isMap(item)) throw new GlossaryError(origin.file, origin.line, 'a term is a map with "de" and "en"', 'termShape')
  const fields = fieldsOf(item, TERM_FIELDS, origin, lineOf)
  const de = text(fields.get('de'), origin, 'de')
  const en = text(fields.get('en'), origin, 'en')
  const note = optionalText(fields.get('note'), origin, 'note')
  // An all-caps acronym (KI, EU) matches case-sensitively unless told otherwise: "ki" is not KI.
  const acronym = /^\p{Lu}{2,}$/u.test(de)
  return {
    kind: 'term',
    de,
    en,
    forbidden: textList(fields.get('forbidden'), origin, 'forbidden'),
    ...(note === undefined ? {} : {note}),
    case: caseRule(fields.get('case'), origin, acronym ? 'sensitive' : 'insensitive'),
    forms: textList(fields.get('forms'), origin, 'forms'),
    origin
  }
}

function parseQuote(item: YamlNode, origin: Origin, lineOf: LineOf): QuoteEntry {
  if (!isMap(item)) throw new GlossaryError(origin.file, origin.line, 'a quotation is a map with "de", "en" and "source"', 'quoteShape')
  const fields = fieldsOf(item, QUOTE_FIELDS, origin, lineOf)
  // Note: the wording may be given with its quotation marks; they are not part of it.
  const de = text(fields.get('de'), origin, 'de').replace(/^[„“”"»«‚‘]+|[„“”"»«‘’]+$/gu, '').trim()
  const en = text(fields.get('en'), origin, 'en').replace(/^[“”"‘’]+|[“”"‘’]+$/gu, '').trim()
  if (de === '' || en === '') throw new GlossaryError(origin.file, origin.line, `"${de === '' ? 'de' : 'en'}" must be a non-empty text`, 'emptyField', {field: de === '' ? 'de' : 'en'})
  // A quotation without its source cannot be checked against it.
  const source = text(fields.get('source'), origin, 'source')
  return {de, en, source, origin}
}

function fieldsOf(map: YAMLMap, known: ReadonlySet<string>, origin: Origin, lineOf: LineOf): Map<string, unknown> {
  const fields = new Map<string, unknown>()
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : ''
    if (!known.has(key)) {
      throw new GlossaryError(origin.file, lineOf((pair.key as YamlNode | null)?.range?.[0]), `unknown field "${key}" (known: ${[...known].join(', ')})`, 'unknownField', {field: key, known: [...known].join(', ')})
    }
    const value = pair.value as YamlNode | null
    fields.set(key, value === null ? null : isSeq(value) ? value.items.map((v) => (isScalar(v) ? v.value : v)) : isScalar(value) ? value.value : value)
  }
  return fields
}

/** A text field's value (`field`), or a bare name (no `field`), trimmed, its spaces folded. */
function text(value: unknown, origin: Origin, field?: string): string {
  const what = field === undefined ? 'a name' : `"${field}"`
  const params = field === undefined ? {} : {field}
  if (typeof value === 'number') value = String(value)
  if (typeof value !== 'string' || value.trim() === '') {
    throw new GlossaryError(origin.file, origin.line, `${what} must be a non-empty text`, field === undefined ? 'emptyName' : 'emptyField', params)
  }
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u.test(value)) {
    throw new GlossaryError(origin.file, origin.line, `${what} contains a control character`, field === undefined ? 'controlName' : 'controlField', params)
  }
  return value.trim().replace(/\s+/g, ' ')
}

function optionalText(value: unknown, origin: Origin, field: string): string | undefined {
  return value === undefined || value === null ? undefined : text(value, origin, field)
}

function textList(value: unknown, origin: Origin, field: string): string[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) return [text(value, origin, field)]
  return value.map((item) => text(item, origin, field))
}

function caseRule(value: unknown, origin: Origin, fallback: CaseRule): CaseRule {
  if (value === undefined || value === null) return fallback
  if (value === 'sensitive' || value === 'insensitive') return value
  throw new GlossaryError(origin.file, origin.line, '"case" must be "sensitive" or "insensitive"', 'caseValue')
}
