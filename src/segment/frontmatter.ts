import type {Yaml} from 'mdast'
import {isMap, isScalar, parseDocument, type Scalar} from 'yaml'
import type {Place} from '../diagnostics.js'
import {TandemError} from '../errors.js'
import type {FrontmatterField, FrontmatterSlot, Segment} from './model.js'
import {splitSentences} from './sentences.js'
import {escapeText} from './tags.js'

/** The YAML frontmatter could not be parsed; `place` points into the Markdown file. */
export class FrontmatterError extends TandemError {
  override name = 'FrontmatterError'
  readonly place: Place
  constructor(reason: string, place: Place, yamlCode: string) {
    super('input-unreadable', `invalid YAML in the frontmatter: ${reason}`, {params: {detail: reason, yaml: yamlCode}, key: 'frontmatter.invalidYaml'})
    this.place = place
  }
}

type MakeSegment = (tagged: string, place: Place, blockContext: string) => Segment

/**
 * Find the configured string fields of a YAML frontmatter and cut each into
 * sentences. Keys, other fields and non-string values are never sent anywhere.
 * @throws FrontmatterError on invalid YAML.
 */
export function extractFrontmatter(node: Yaml, fieldPaths: readonly string[], makeSegment: MakeSegment): FrontmatterSlot | undefined {
  const yamlStartLine = (node.position?.start.line ?? 1) + 1
  const doc = parseDocument(node.value, {keepSourceTokens: false, prettyErrors: false})
  const firstError = doc.errors[0]
  if (firstError !== undefined) {
    const [line, column] = linePos(node.value, firstError.pos[0])
    throw new FrontmatterError(firstError.message.split('\n')[0] ?? firstError.code, {line: yamlStartLine + line - 1, column}, firstError.code)
  }
  if (!isMap(doc.contents)) return undefined
  const fields: FrontmatterField[] = []
  for (const path of fieldPaths) {
    const scalar = doc.getIn(path.split('.'), true)
    if (!isScalar(scalar) || typeof scalar.value !== 'string' || scalar.range == null) continue
    const [start, end] = scalar.range
    const [line, column] = linePos(node.value, start)
    const place = {line: yamlStartLine + line - 1, column}
    const value = scalar.value.replace(/[ \t\r\n]+/g, ' ').trim()
    const sentences = splitSentences(value).map((sentence) => makeSegment(escapeText(sentence), place, value))
    fields.push({path, range: [start, end], quote: quoteOf(scalar), sentences})
  }
  fields.sort((a, b) => a.range[0] - b.range[0])
  return fields.length === 0 ? undefined : {type: 'frontmatter', node, yaml: node.value, fields}
}

/**
 * The frontmatter's YAML with each translatable field replaced by `render`'s
 * text for it, written on one line, in the field's own quoting style where
 * that is safe. Everything else stays byte for byte.
 */
export function replaceFrontmatter(slot: FrontmatterSlot, render: (field: FrontmatterField) => string): string {
  let out = ''
  let last = 0
  const source = slot.yaml
  for (const field of slot.fields) {
    out += source.slice(last, field.range[0]) + yamlScalar(render(field), field.quote)
    last = field.range[1]
  }
  return out + source.slice(last)
}

function quoteOf(scalar: Scalar): FrontmatterField['quote'] {
  if (scalar.type === 'QUOTE_SINGLE') return 'single'
  if (scalar.type === 'QUOTE_DOUBLE') return 'double'
  return 'plain'
}

/** A one-line YAML scalar for `value`. */
export function yamlScalar(value: string, preferred: FrontmatterField['quote']): string {
  if (preferred === 'single') return `'${value.replace(/'/g, "''")}'`
  const plainSafe =
    value !== '' &&
    !/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(value) &&
    !/\s$/.test(value) &&
    !/: |:$| #/.test(value) &&
    !/^(?:true|false|yes|no|on|off|null|~|[-+]?[\d.]+(?:e[-+]?\d+)?)$/i.test(value)
  if (preferred === 'plain' && plainSafe) return value
  return JSON.stringify(value)
}

function linePos(text: string, offset: number): [number, number] {
  const before = text.slice(0, offset).split('\n')
  return [before.length, (before.at(-1)?.length ?? 0) + 1]
}
