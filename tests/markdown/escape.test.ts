import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import fc from 'fast-check'
import type {PhrasingContent, Root, RootContent} from 'mdast'
import {describe, expect, it} from 'vitest'
import {loadDialect, parseWhole, stringifyMarkdown, stringifyStock} from '../../src/markdown/processor.js'
import {commonmarkExamples, corpusArticles, fixtureCorpus} from '../helpers/corpus.js'

// Note: MDX loads on demand (see loadDialect); these tests read it directly.
await loadDialect('mdx')

/**
 * tandem writes text nodes with its own handler (`textHandler`), which must
 * give exactly what mdast-util-to-markdown's `state.safe` gives: the same
 * serializer with remark's own text handler is the reference.
 */

const gfmExamples = (JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/gfm/spec-extensions.json'), 'utf8')) as Array<{markdown: string}>).map(({markdown}) => markdown)

describe('the text handler', () => {
  it('writes every document of the corpus and every CommonMark and GFM example as remark does', () => {
    const documents = [...corpusArticles().map(([, markdown]) => markdown), ...commonmarkExamples().map(({markdown}) => markdown), ...gfmExamples]
    expect(documents.length).toBeGreaterThan(650)
    const different = documents.filter((markdown) => {
      const tree = parseWhole(markdown)
      return stringifyMarkdown(tree) !== stringifyStock(tree)
    })
    expect(different).toEqual([])
  })

  it('escapes a colon before a text directive, as the stock handler does knowing the node beside the text', () => {
    const tree = parseWhole('Hinweis\\::abbr[HTML]{title="x"}\n', 'mdx')
    expect(stringifyMarkdown(tree, 'mdx')).toBe(stringifyStock(tree, 'mdx'))
    expect(stringifyMarkdown(tree, 'mdx')).toBe('Hinweis\\::abbr[HTML]{title="x"}\n')
  })

  it('writes every MDX document of the MDX corpus as remark does', async () => {
    const {files} = await fixtureCorpus('mdx-corpus', '.mdx')
    expect(files.size).toBeGreaterThan(9)
    const different = [...files].filter(([, mdx]) => {
      const tree = parseWhole(mdx, 'mdx')
      return stringifyMarkdown(tree, 'mdx') !== stringifyStock(tree, 'mdx')
    })
    expect(different.map(([name]) => name)).toEqual([])
  })

  it('escapes what must be escaped, where it stands', () => {
    const paragraph = (value: string, around: PhrasingContent[] = []): Root => ({type: 'root', children: [{type: 'paragraph', children: [...around, {type: 'text', value}]}]})
    // A text that would start a heading, a list, a quote or emphasis at the start of a line, and an entity.
    for (const value of ['# Titel', '1. Oktober', '- Punkt', '> Zitat', '*betont*', 'a_b_c', 'A &amp; B', 'x < y', 'Pfad\\*', '[Link]', 'Zeile\nzwei', '  ', 'Ende\\']) {
      expect(stringifyMarkdown(paragraph(value)), value).toBe(stringifyStock(paragraph(value)))
    }
    expect(stringifyMarkdown(paragraph('# Titel'))).toBe('\\# Titel\n')
    expect(stringifyMarkdown(paragraph('Ein Satz ohne Zeichen, die etwas bedeuten.'))).toBe('Ein Satz ohne Zeichen, die etwas bedeuten.\n')
    // The character after the text (here a hard break's backslash) counts too.
    const beforeBreak: Root = {type: 'root', children: [{type: 'paragraph', children: [{type: 'text', value: 'Ende\\'}, {type: 'break'}, {type: 'text', value: 'weiter'}]}]}
    expect(stringifyMarkdown(beforeBreak)).toBe(stringifyStock(beforeBreak))
  })

  it('writes generated text in every kind of block and span as remark does', () => {
    const text = fc.string({unit: fc.constantFrom(...'ab Ä1.)#*_-+=~`<>[]()!&;\\|:$"\'\n\t'.split('')), maxLength: 12}).filter((value) => value.length > 0)
    const phrasing = fc.array(
      fc.oneof(
        text.map((value): PhrasingContent => ({type: 'text', value})),
        text.map((value): PhrasingContent => ({type: 'emphasis', children: [{type: 'text', value}]})),
        text.map((value): PhrasingContent => ({type: 'strong', children: [{type: 'text', value}]})),
        text.map((value): PhrasingContent => ({type: 'link', url: 'https://example.org/a', children: [{type: 'text', value}]})),
        text.map((value): PhrasingContent => ({type: 'inlineCode', value})),
        fc.constant<PhrasingContent>({type: 'break'}),
        // A text directive: a colon in the text before it is escaped only by a handler that knows the node beside the text.
        text.map((value): PhrasingContent => ({type: 'textDirective', name: 'abbr', attributes: {}, children: [{type: 'text', value}]}))
      ),
      {minLength: 1, maxLength: 4}
    )
    const block = fc.oneof(
      phrasing.map((children): RootContent => ({type: 'paragraph', children})),
      phrasing.map((children): RootContent => ({type: 'heading', depth: 2, children})),
      phrasing.map((children): RootContent => ({type: 'blockquote', children: [{type: 'paragraph', children}]})),
      phrasing.map((children): RootContent => ({type: 'list', ordered: true, children: [{type: 'listItem', children: [{type: 'paragraph', children}]}]})),
      phrasing.map((children): RootContent => ({type: 'table', children: [{type: 'tableRow', children: [{type: 'tableCell', children}]}, {type: 'tableRow', children: [{type: 'tableCell', children: [{type: 'text', value: 'x'}]}]}]}))
    )
    fc.assert(
      fc.property(fc.array(block, {minLength: 1, maxLength: 3}), fc.constantFrom('markdown' as const, 'mdx' as const), (children, dialect) => {
        const tree: Root = {type: 'root', children}
        expect(stringifyMarkdown(tree, dialect)).toBe(stringifyStock(tree, dialect))
      }),
      {numRuns: 4000, seed: 20261203}
    )
  })
})
