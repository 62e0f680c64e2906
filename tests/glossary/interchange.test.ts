import {XMLParser} from 'fast-xml-parser'
import {describe, expect, it} from 'vitest'
import {exportCsv, exportTbx, importCsv, importTbx, InterchangeError} from '../../src/glossary/interchange.js'
import {parseGlossaryFile} from '../../src/glossary/parse-file.js'

const glossary = {
  files: ['g.yaml'],
  entries: parseGlossaryFile(
    'names:\n  - name: X\n    note: a platform\n  - "Tesla, Inc."\nterms:\n  - de: Abwerbung\n    en: poaching\n    forbidden: [headhunting, "hiring <away>"]\n    note: "R&D"\n',
    'g.yaml'
  )
}

describe('CSV (DeepL format)', () => {
  it('exports source,target lines with quoting and imports them back', () => {
    const csv = exportCsv(glossary)
    expect(csv).toBe('X,X\n"Tesla, Inc.","Tesla, Inc."\nAbwerbung,poaching\n')
    expect(importCsv(csv, 'g.csv')).toEqual([
      {kind: 'name', name: 'X', from: {file: 'g.csv', line: 1}},
      {kind: 'name', name: 'Tesla, Inc.', from: {file: 'g.csv', line: 2}},
      {kind: 'term', de: 'Abwerbung', en: 'poaching', forbidden: [], from: {file: 'g.csv', line: 3}}
    ])
  })

  it('skips rows of another language pair and names the line of a bad row', () => {
    expect(importCsv('KI,AI,de,en\nIA,AI,fr,en\n', 'g.csv')).toEqual([{kind: 'term', de: 'KI', en: 'AI', forbidden: [], from: {file: 'g.csv', line: 1}}])
    expect(() => importCsv('KI,AI\nnur eine Spalte\n', 'g.csv')).toThrow(new InterchangeError('g.csv', 2, 'a row needs a German and an English term', 'rowNeedsBoth'))
  })
})

describe('TBX', () => {
  it('exports well-formed TBX-Basic that a real XML parser reads', () => {
    const tbx = exportTbx(glossary)
    const doc = new XMLParser({ignoreAttributes: false}).parse(tbx) as {martif: {text: {body: {termEntry: unknown[]}}}}
    expect(doc.martif.text.body.termEntry).toHaveLength(3)
    expect(tbx).toContain('<term>hiring &lt;away&gt;</term>')
    expect(tbx).toContain('<descrip type="definition">R&amp;D</descrip>')
  })

  it('round-trips names, terms, forbidden renderings and notes', () => {
    expect(importTbx(exportTbx(glossary), 'g.tbx')).toEqual([
      {kind: 'name', name: 'X', note: 'a platform'},
      {kind: 'name', name: 'Tesla, Inc.'},
      {kind: 'term', de: 'Abwerbung', en: 'poaching', forbidden: ['headhunting', 'hiring <away>'], note: 'R&D'}
    ])
  })

  it('rejects XML that is not well-formed, with the line', () => {
    expect(() => importTbx('<martif>\n<text>\n</martif>', 'g.tbx')).toThrow(/g\.tbx:\d+: not well-formed XML/)
  })
})
