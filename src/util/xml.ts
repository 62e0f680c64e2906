import {XMLValidator, type XMLParser} from 'fast-xml-parser'

/**
 * Parse an imported XML file (XLIFF, TMX, TBX) or fail with `fail(line, reason, key, params)`
 * (`key` names the reason among `interchange.*` of the CLI's locales):
 * not well-formed XML, and any DOCTYPE that declares entities, are refused
 * before parsing (an entity can name a local file or expand without end),
 * and whatever else the parser refuses becomes the same kind of error.
 */
export function parseXml<T>(parser: XMLParser, text: string, fail: (line: number, reason: string, key: string, params?: Record<string, string>) => Error): T {
  const entity = /<!DOCTYPE[^>[]*\[|<!ENTITY/i.exec(text)
  if (entity !== null) throw fail(lineAt(text, entity.index), 'a DOCTYPE that declares entities is refused: an entity can read local files or expand without end', 'entities')
  const valid = XMLValidator.validate(text)
  if (valid !== true) {
    // Note: a file cut short leaves elements open; the parser names them, but at line 1.
    const open = /^Invalid '\[(.*)\]' found\.$/s.exec(valid.err.msg)?.[1] ?? /^Unclosed tag '([^']+)'\.$/.exec(valid.err.msg)?.[1]
    if (open !== undefined) {
      const list = open.split(',').map((name) => `<${name.trim().replace(/^"|"$/g, '')}>`).join(', ')
      throw fail(text.trimEnd().split('\n').length, `the file ends with elements still open (${list}): is it cut short?`, 'unclosed', {list})
    }
    throw fail(valid.err.line, `not well-formed XML: ${valid.err.msg}`, 'notWellFormed', {detail: valid.err.msg})
  }
  try {
    return parser.parse(text) as T
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    throw fail(1, `cannot read the XML: ${detail}`, 'xmlUnreadable', {detail})
  }
}

function lineAt(text: string, index: number): number {
  let line = 1
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) line++
  return line
}
