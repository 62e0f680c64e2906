import {XMLParser} from 'fast-xml-parser'
import {parseXml} from '../util/xml.js'
import type {MemoryEntry, MemoryStatus} from '../memory/store.js'
import {escapeText, parseTagged} from '../segment/tags.js'
import type {ArticleRecord} from './record.js'

/** An interchange file that cannot be imported (shared with the glossary's CSV and TBX). */
export {InterchangeError as ImportError} from '../glossary/interchange.js'
import {InterchangeError as ImportError} from '../errors.js'

const xml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Tagged text as XLIFF 2 inline content: `<b1>…</b1>` → `<pc id="b1">…</pc>`, `<c2/>` → `<ph id="c2"/>`. */
export function taggedToXliff(tagged: string): string {
  return parseTagged(tagged)
    .map((token) => {
      switch (token.type) {
        case 'text':
          return xml(token.value)
        case 'open':
          return `<pc id="${token.kind}${token.id}">`
        case 'close':
          return '</pc>'
        case 'void':
          return `<ph id="${token.kind}${token.id}"/>`
      }
    })
    .join('')
}

/** A translation candidate for a unit: a similar sentence from the memory (tagged), its score and where its English came from. */
export interface XliffMatch {
  readonly source: string
  readonly target: string
  readonly similarity: number
  /** The memory entry's provider (`human` for a person's translation). */
  readonly origin: string
  readonly reviewed: boolean
}

const MATCHES_NAMESPACE = 'urn:oasis:names:tc:xliff:matches:2.0'

/**
 * An article as XLIFF 2.1: a unit per sentence of the last build (its id the
 * segment's identity), placeholders as inline codes, glossary hints as notes,
 * reviewed sentences in state "final", and for the others the memory's
 * similar sentences as Translation Candidates (`mtc:matches`, best first).
 */
export function exportXliff(
  original: string,
  record: ArticleRecord,
  hints: (source: string) => ReadonlyArray<{source: string; target: string}>,
  matches: (unit: ArticleRecord['units'][number]) => readonly XliffMatch[] = () => []
): string {
  let anyMatch = false
  const units = record.units
    .map((unit) => {
      const notes = hints(unit.source)
      const noteXml = notes.length === 0 ? '' : `\n      <notes>\n${notes.map((hint) => `        <note category="glossary">${xml(`${hint.source} → ${hint.target}`)}</note>`).join('\n')}\n      </notes>`
      const state = unit.status === 'reviewed' ? 'final' : 'translated'
      const candidates = unit.status === 'reviewed' ? [] : matches(unit)
      anyMatch ||= candidates.length > 0
      // Note: a candidate refers to the segment it is for (`ref`), which needs an id then.
      const matchXml =
        candidates.length === 0
          ? ''
          : `\n      <mtc:matches>\n${candidates
              .map(
                (match, index) =>
                  `        <mtc:match id="m${index + 1}" ref="#s1" similarity="${match.similarity}" type="tm" origin="${xml(match.origin)}"${match.reviewed ? ' subType="tandem:reviewed"' : ''}>\n          <source>${taggedToXliff(match.source)}</source>\n          <target>${taggedToXliff(match.target)}</target>\n        </mtc:match>`
              )
              .join('\n')}\n      </mtc:matches>`
      return `    <unit id="${xml(unit.id)}" name="line ${unit.line}">${matchXml}${noteXml}
      <segment${candidates.length === 0 ? '' : ' id="s1"'} state="${state}">
        <source>${taggedToXliff(unit.source)}</source>
        <target>${taggedToXliff(unit.target)}</target>
      </segment>
    </unit>`
    })
    .join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0"${anyMatch ? ` xmlns:mtc="${MATCHES_NAMESPACE}"` : ''} version="2.1" srcLang="de" trgLang="en">
  <file id="f1" original="${xml(original)}">
${units}
  </file>
</xliff>
`
}

type OrderedNode = Record<string, unknown> & {':@'?: Record<string, string>}

const parser = new XMLParser({preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, parseTagValue: false, processEntities: true})

function parse(text: string, file: string): OrderedNode[] {
  return parseXml<OrderedNode[]>(parser, text, (line, reason, key, params) => new ImportError(file, line, reason, key, params))
}

function nameOf(node: OrderedNode): string {
  return Object.keys(node).find((key) => key !== ':@') ?? ''
}

function childrenOf(node: OrderedNode): OrderedNode[] {
  const value = node[nameOf(node)]
  return Array.isArray(value) ? (value as OrderedNode[]) : []
}

function find(nodes: readonly OrderedNode[], name: string): OrderedNode[] {
  return nodes.filter((node) => nameOf(node) === name)
}

/** XLIFF inline content back to tagged text. */
function xliffToTagged(nodes: readonly OrderedNode[]): string {
  return nodes
    .map((node) => {
      const name = nameOf(node)
      if (name === '#text') return escapeText(String(node['#text'] ?? ''))
      const id = node[':@']?.['id'] ?? ''
      if (name === 'ph') return `<${id}/>`
      if (name === 'pc') return `<${id}>${xliffToTagged(childrenOf(node))}</${id}>`
      return xliffToTagged(childrenOf(node))
    })
    .join('')
}

/** The translations of an XLIFF file: unit id, source and target (tagged). */
/**
 * The translations of an XLIFF file: unit id, source and target (tagged),
 * the line the unit starts on, and the segment's state (`final`: approved).
 * @throws ImportError for a file that is no XLIFF and for a unit id used twice (naming both lines).
 */
export function readXliff(text: string, file: string): Array<{id: string; source: string; target: string; line: number; state: string}> {
  const root = find(parse(text, file), 'xliff')[0]
  if (root === undefined) throw new ImportError(file, 1, 'not an XLIFF file', 'notXliff')
  const lines = startLines(text, 'unit')
  const out: Array<{id: string; source: string; target: string; line: number; state: string}> = []
  const seen = new Map<string, number>()
  let order = 0
  for (const fileNode of find(childrenOf(root), 'file')) {
    for (const unit of find(childrenOf(fileNode), 'unit')) {
      const id = unit[':@']?.['id'] ?? ''
      const line = lines[order++] ?? 1
      const first = seen.get(id)
      if (first !== undefined) throw new ImportError(file, line, `unit "${id}" again (first at line ${first}); keep one of the two`, 'duplicateUnit', {id, first})
      seen.set(id, line)
      for (const segment of find(childrenOf(unit), 'segment')) {
        const source = find(childrenOf(segment), 'source')[0]
        const target = find(childrenOf(segment), 'target')[0]
        if (source === undefined || target === undefined) continue
        out.push({id, source: xliffToTagged(childrenOf(source)), target: xliffToTagged(childrenOf(target)), line, state: segment[':@']?.['state'] ?? ''})
      }
    }
  }
  return out
}

/** The line of each start tag `<name …>` in the text, in order (the parser keeps no positions). */
function startLines(text: string, name: string): number[] {
  const lines: number[] = []
  let line = 1
  let from = 0
  for (const match of text.matchAll(new RegExp(`<${name}[\\s/>]`, 'g'))) {
    for (let at = text.indexOf('\n', from); at !== -1 && at < match.index; at = text.indexOf('\n', at + 1)) line++
    from = match.index
    lines.push(line)
  }
  return lines
}

/** Tagged text as TMX 1.4b segment content: paired tags as bpt/ept, void tags as ph. */
function taggedToTmx(tagged: string): string {
  const pairs = new Map<number, number>()
  let next = 1
  return parseTagged(tagged)
    .map((token) => {
      switch (token.type) {
        case 'text':
          return xml(token.value)
        case 'open':
          pairs.set(token.id, next)
          return `<bpt i="${next++}">${xml(`<${token.kind}${token.id}>`)}</bpt>`
        case 'close':
          return `<ept i="${pairs.get(token.id) ?? 0}">${xml(`</${token.kind}${token.id}>`)}</ept>`
        case 'void':
          return `<ph>${xml(`<${token.kind}${token.id}/>`)}</ph>`
      }
    })
    .join('')
}

/** The whole memory as TMX 1.4b; status, provider and glossary keys as properties. */
export function exportTmx(entries: readonly MemoryEntry[]): string {
  const units = entries
    .map((entry) => {
      const props = [`<prop type="x-tandem-status">${entry.status}</prop>`, `<prop type="x-tandem-provider">${xml(entry.provider)}</prop>`]
      if (entry.glossary !== undefined && entry.glossary.length > 0) props.push(`<prop type="x-tandem-glossary">${entry.glossary.join(' ')}</prop>`)
      if (entry.by !== undefined) props.push(`<prop type="x-tandem-by">${xml(entry.by)}</prop>`)
      if (entry.at !== undefined) props.push(`<prop type="x-tandem-at">${xml(entry.at)}</prop>`)
      return `    <tu>
      ${props.join('\n      ')}
      <tuv xml:lang="de"><seg>${taggedToTmx(entry.source)}</seg></tuv>
      <tuv xml:lang="en"><seg>${taggedToTmx(entry.target)}</seg></tuv>
    </tu>`
    })
    .join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="tandem" creationtoolversion="0.1.0" segtype="sentence" o-tmf="tandem" adminlang="en" srclang="de" datatype="plaintext"/>
  <body>
${units}
  </body>
</tmx>
`
}

/** TMX segment content back to tagged text: bpt, ept and ph hold the original tags. */
function tmxToTagged(nodes: readonly OrderedNode[]): string {
  return nodes
    .map((node) => {
      const name = nameOf(node)
      if (name === '#text') return escapeText(String(node['#text'] ?? ''))
      if (name === 'bpt' || name === 'ept' || name === 'ph') return childrenOf(node).map((child) => String(child['#text'] ?? '')).join('')
      return tmxToTagged(childrenOf(node))
    })
    .join('')
}

/** One translation an imported file (XLIFF, TMX) brings, with the line it is on. */
export interface ImportCandidate {
  readonly source: string
  readonly target: string
  readonly line: number
  readonly status: MemoryStatus
  readonly provider: string
  readonly glossary?: readonly string[]
  /** A person approved these words as they are (an XLIFF segment in state `final`): the same words as the memory's still count. */
  readonly approval?: boolean
  /** Who made a reviewed translation and when, as the file says (TMX from tandem). */
  readonly by?: string
  readonly at?: string
}

/**
 * Translations from TMX, with the line of their unit: German and English
 * segments; status, provider, reviewer and time from properties (default
 * reviewed, tmx). Checked and stored by `import.ts`.
 */
export function importTmx(text: string, file: string): ImportCandidate[] {
  const root = find(parse(text, file), 'tmx')[0]
  const body = root === undefined ? undefined : find(childrenOf(root), 'body')[0]
  if (body === undefined) throw new ImportError(file, 1, 'not a TMX file', 'notTmx')
  const lines = startLines(text, 'tu')
  return find(childrenOf(body), 'tu').flatMap((tu, index): ImportCandidate[] => {
    const props = new Map(find(childrenOf(tu), 'prop').map((prop) => [prop[':@']?.['type'] ?? '', childrenOf(prop).map((c) => String(c['#text'] ?? '')).join('')]))
    const segOf = (lang: string): string | undefined => {
      const tuv = find(childrenOf(tu), 'tuv').find((item) => (item[':@']?.['xml:lang'] ?? '').toLowerCase().startsWith(lang))
      const seg = tuv === undefined ? undefined : find(childrenOf(tuv), 'seg')[0]
      return seg === undefined ? undefined : tmxToTagged(childrenOf(seg))
    }
    const source = segOf('de')
    const target = segOf('en')
    if (source === undefined || target === undefined) return []
    const status = props.get('x-tandem-status') === 'machine' ? 'machine' : 'reviewed'
    const glossary = props.get('x-tandem-glossary')
    const by = props.get('x-tandem-by')
    const at = props.get('x-tandem-at')
    return [
      {
        source,
        target,
        line: lines[index] ?? 1,
        status,
        provider: props.get('x-tandem-provider') ?? 'tmx',
        ...(glossary === undefined || glossary === '' ? {} : {glossary: glossary.split(' ')}),
        ...(by === undefined || by === '' ? {} : {by}),
        ...(at === undefined || at === '' ? {} : {at})
      }
    ]
  })
}
