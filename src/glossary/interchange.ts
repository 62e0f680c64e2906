import {XMLParser} from 'fast-xml-parser'
import {parseXml} from '../util/xml.js'
import type {NewEntry} from './edit.js'
import type {Glossary} from './model.js'
import {InterchangeError} from '../errors.js'

export {InterchangeError} from '../errors.js'

/** The glossary as DeepL's CSV: `source,target` a line (names map to themselves). */
export function exportCsv(glossary: Glossary): string {
  return glossary.entries.map((entry) => `${csvField(entry.de)},${csvField(entry.en)}`).join('\n') + (glossary.entries.length > 0 ? '\n' : '')
}

/**
 * Entries from DeepL-style CSV: `source,target[,source_lang,target_lang]`.
 * Rows for another language pair are skipped; a row whose two terms are the
 * same becomes a name.
 * @throws InterchangeError naming the line of a malformed row.
 */
export function importCsv(text: string, file: string): NewEntry[] {
  const entries: NewEntry[] = []
  parseCsv(text, file).forEach(({fields, line}) => {
    if (fields.length === 1 && fields[0] === '') return
    if (fields.length < 2) throw new InterchangeError(file, line, 'a row needs a German and an English term', 'rowNeedsBoth')
    const [de, en, sourceLang, targetLang] = fields.map((field) => field.trim())
    if (sourceLang !== undefined && targetLang !== undefined && (sourceLang.toLowerCase() !== 'de' || !targetLang.toLowerCase().startsWith('en'))) return
    if (de === undefined || en === undefined || de === '' || en === '') throw new InterchangeError(file, line, 'empty term', 'emptyTerm')
    const from = {file, line}
    entries.push(de === en ? {kind: 'name', name: de, from} : {kind: 'term', de, en, forbidden: [], from})
  })
  return entries
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

function parseCsv(text: string, file: string): Array<{fields: string[]; line: number}> {
  const rows: Array<{fields: string[]; line: number}> = []
  let fields: string[] = []
  let field = ''
  let quoted = false
  let line = 1
  let rowLine = 1
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (char === '"') quoted = false
      else {
        if (char === '\n') line++
        field += char
      }
      continue
    }
    if (char === '"' && field === '') quoted = true
    else if (char === ',') {
      fields.push(field)
      field = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++
      fields.push(field)
      rows.push({fields, line: rowLine})
      fields = []
      field = ''
      line++
      rowLine = line
    } else field += char
  }
  if (quoted) throw new InterchangeError(file, rowLine, 'unclosed quote', 'unclosedQuote')
  if (field !== '' || fields.length > 0) {
    fields.push(field)
    rows.push({fields, line: rowLine})
  }
  return rows
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/**
 * The glossary as TBX-Basic: one termEntry per entry, the German and English
 * terms in their langSets, forbidden renderings as deprecated terms, names
 * marked as proper nouns, notes as definitions.
 */
export function exportTbx(glossary: Glossary): string {
  const entries = glossary.entries.map((entry, index) => {
    const note = entry.note === undefined ? '' : `\n      <descrip type="definition">${xml(entry.note)}</descrip>`
    const pos = entry.kind === 'name' ? '\n          <termNote type="partOfSpeech">properNoun</termNote>' : ''
    const forbidden = entry.kind === 'term' ? entry.forbidden : []
    const deprecated = forbidden
      .map((term) => `\n        <tig>\n          <term>${xml(term)}</term>\n          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>\n        </tig>`)
      .join('')
    return `    <termEntry id="e${index + 1}">${note}
      <langSet xml:lang="de">
        <tig>
          <term>${xml(entry.de)}</term>${pos}
        </tig>
      </langSet>
      <langSet xml:lang="en">
        <tig>
          <term>${xml(entry.en)}</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>${pos}
        </tig>${deprecated}
      </langSet>
    </termEntry>`
  })
  return `<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="de">
  <martifHeader>
    <fileDesc>
      <sourceDesc>
        <p>tandem glossary</p>
      </sourceDesc>
    </fileDesc>
  </martifHeader>
  <text>
    <body>
${entries.join('\n')}
    </body>
  </text>
</martif>
`
}

type XmlNode = Record<string, unknown>

const asList = (value: unknown): XmlNode[] => (value === undefined ? [] : (Array.isArray(value) ? value : [value]) as XmlNode[])
const textOf = (value: unknown): string => (typeof value === 'object' && value !== null ? String((value as XmlNode)['#text'] ?? '') : String(value ?? '')).trim()

/**
 * Entries from TBX (TBX-Basic `martif` or TBX v3 `tbx`): per termEntry the
 * German term, the preferred English term, deprecated English terms as
 * forbidden renderings, proper nouns as names.
 * @throws InterchangeError for XML that is not well-formed or an entry without both languages.
 */
export function importTbx(text: string, file: string): NewEntry[] {
  const parser = new XMLParser({ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['termEntry', 'conceptEntry', 'langSet', 'langSec', 'tig', 'termSec', 'termNote', 'descrip'].includes(name)})
  const doc = parseXml<XmlNode>(parser, text, (line, reason, key, params) => new InterchangeError(file, line, reason, key, params))
  const root = (doc['martif'] ?? doc['tbx']) as XmlNode | undefined
  const body = ((root?.['text'] as XmlNode | undefined)?.['body'] as XmlNode | undefined) ?? {}
  const entries: NewEntry[] = []
  for (const entry of [...asList(body['termEntry']), ...asList(body['conceptEntry'])]) {
    const terms: Record<string, Array<{term: string; status: string; pos: string}>> = {}
    for (const langSet of [...asList(entry['langSet']), ...asList(entry['langSec'])]) {
      const lang = String(langSet['@xml:lang'] ?? '').toLowerCase().slice(0, 2)
      for (const tig of [...asList(langSet['tig']), ...asList(langSet['termSec'])]) {
        const notes = asList(tig['termNote'])
        const note = (type: string): string => textOf(notes.find((item) => item['@type'] === type))
        ;(terms[lang] ??= []).push({term: textOf(tig['term']), status: note('administrativeStatus'), pos: note('partOfSpeech')})
      }
    }
    const de = terms['de']?.[0]
    const english = terms['en'] ?? []
    const preferred = english.find((item) => !item.status.startsWith('deprecated') && !item.status.startsWith('superseded'))
    if (de === undefined || preferred === undefined || de.term === '' || preferred.term === '') {
      const id = String(entry['@id'] ?? '')
      throw new InterchangeError(file, 1, `termEntry ${id} needs a German and an English term`, 'entryNeedsBoth', {id})
    }
    const noteText = textOf(asList(entry['descrip']).find((item) => item['@type'] === 'definition'))
    const note = noteText === '' ? {} : {note: noteText}
    if (de.pos === 'properNoun' && de.term === preferred.term) entries.push({kind: 'name', name: de.term, ...note})
    else entries.push({kind: 'term', de: de.term, en: preferred.term, forbidden: english.filter((item) => item.status.startsWith('deprecated')).map((item) => item.term), ...note})
  }
  return entries
}
