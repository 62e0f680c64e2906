import type {Nodes, PhrasingContent, Table} from 'mdast'
import {describe, expect, it} from 'vitest'
import {parseMarkdown} from '../../src/markdown/processor.js'
import {renderBilingual} from '../../src/output/bilingual.js'
import {pseudoTranslate} from '../../src/providers/pseudo.js'
import {assemble, assembleWithStarts, sentenceNodes, type Lookup} from '../../src/segment/assemble.js'
import {extractSegments} from '../../src/segment/extract.js'
import {commonmarkExamples, corpusArticles} from '../helpers/corpus.js'

const documents: Array<[string, string]> = [...corpusArticles(), ...commonmarkExamples().map((example): [string, string] => [`commonmark #${example.number}`, example.markdown])]
const german: Lookup = (segment) => segment.source
const english: Lookup = (segment) => pseudoTranslate(segment.source)

/** Links, images, code, HTML and emphasis, as a sorted list: what a cell must carry of its sentence. */
function inventory(nodes: readonly Nodes[]): string[] {
  const out: string[] = []
  const visit = (node: Nodes): void => {
    if (node.type === 'link' || node.type === 'image') out.push(`${node.type}:${node.url}`)
    else if (node.type === 'inlineCode') out.push(`code:${node.value.replace(/\s+/g, ' ')}`)
    else if (node.type === 'emphasis' || node.type === 'strong' || node.type === 'delete') out.push(node.type)
    if ('children' in node) for (const child of node.children) visit(child as Nodes)
  }
  for (const node of nodes) visit(node)
  return out.sort()
}

describe('the bilingual file, cut from the lines the German and English files have', () => {
  it(`has one two-column row per sentence that carries the sentence's markup (${documents.length} documents, pseudo English)`, () => {
    let rows = 0
    for (const [name, markdown] of documents) {
      const tree = parseMarkdown(markdown)
      const extraction = extractSegments(tree, {frontmatterFields: ['title', 'description']})
      const sentences = extraction.slots.flatMap((slot) => (slot.type === 'phrasing' && slot.node.type !== 'heading' ? slot.sentences : []))
      const expected = sentences.map((unit) => [inventory(sentenceNodes(unit, german)), inventory(sentenceNodes(unit, english))])
      const {text: de, starts} = assembleWithStarts(tree, extraction, german)
      const en = assemble(tree, extraction, english)
      const bilingual = parseMarkdown(renderBilingual(tree, extraction, german, english, {de, en, starts}))
      const cells = bilingual.children
        .filter((node): node is Table => node.type === 'table')
        .flatMap((table) => table.children.slice(1))
        .filter((row) => row.children.some((cell) => cell.children.length > 0))
      const frontmatter = extraction.slots.filter((slot) => slot.type === 'frontmatter').flatMap((slot) => (slot.type === 'frontmatter' ? slot.fields : [])).length
      expect(cells.length, name).toBe(sentences.length + frontmatter)
      for (const row of cells) expect(row.children, name).toHaveLength(2)
      const sentenceRows = cells.slice(frontmatter)
      sentenceRows.forEach((row, index) => {
        const [left, right] = row.children.map((cell) => inventory(cell.children as PhrasingContent[]))
        expect(left, `${name} row ${index + 1}`).toEqual(expected[index]?.[0])
        expect(right, `${name} row ${index + 1}`).toEqual(expected[index]?.[1])
      })
      rows += cells.length
    }
    expect(rows).toBeGreaterThan(5000)
  })
})

describe('table cells in the bilingual file', () => {
  it('are cut from their row with the escapes a cell needs, inside quotes and lists too', () => {
    const markdown = [
      '| Spalte | Wert |',
      '| - | - |',
      '| Ein Rohr \\| hier. | Code `a\\|b` bleibt. |',
      '| \\# Keine Überschrift. | Leer daneben. |',
      '| Und hier: | |',
      '',
      '> | Im *Zitat* steht das. | Mit [Link](https://example.com). |',
      '> | - | - |',
      '',
      '- Punkt:',
      '',
      '  | Eingerückt steht es. | Auch hier. |',
      '  | - | - |',
      ''
    ].join('\n')
    const tree = parseMarkdown(markdown)
    const extraction = extractSegments(tree, {frontmatterFields: []})
    const {text: de, starts} = assembleWithStarts(tree, extraction, german)
    const en = assemble(tree, extraction, english)
    const rows = renderBilingual(tree, extraction, german, english, {de, en, starts}).split('\n').filter((line) => line.startsWith('| ') && !/^\| (Deutsch|-) \|/.test(line) && line !== '| | |')
    expect(rows).toEqual([
      '| Spalte | Spálté |',
      '| Wert | Wért |',
      '| Ein Rohr \\| hier. | Éín Róhr \\| híér. |',
      '| Code `a\\|b` bleibt. | Códé bléíbt `a\\|b`. |',
      '| # Keine Überschrift. | # Kéíné Übérschríft. |',
      '| Leer daneben. | Léér dánébén. |',
      '| Und hier: | Únd híér: |',
      '| Im *Zitat* steht das. | Ím stéht dás *Zítát*. |',
      '| Mit [Link](https://example.com). | [Línk](https://example.com). Mít |',
      '| • Punkt: | • Púnkt: |',
      '| Eingerückt steht es. | Éíngérückt stéht és. |',
      '| Auch hier. | Áúch híér. |'
    ])
  })
})
