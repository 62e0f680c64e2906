import {describe, expect, it} from 'vitest'
import {cutPoints, CUT_ABOVE} from '../../src/markdown/chunks.js'
import {parseInPieces, parseMarkdown, parseWhole} from '../../src/markdown/processor.js'
import {corpusArticles} from '../helpers/corpus.js'

/** Concatenated corpus articles that a cut may apply to (no definitions, no HTML blocks that span blank lines), frontmatter dropped. */
function longCorpusText(): string {
  const parts = corpusArticles()
    .map(([, markdown]) => markdown.replace(/^---\n[\s\S]*?\n---\n/, ''))
    .filter((markdown) => cutPoints(`${markdown}\n${'x'.repeat(CUT_ABOVE)}`, CUT_ABOVE, 1).length > 0)
  return parts.join('\n\n')
}

describe('parsing a long text in pieces', () => {
  it('gives the same tree, positions included, as parsing it whole: the corpus run together', () => {
    const text = longCorpusText()
    const cuts = cutPoints(text, 0, 4096)
    expect(cuts.length).toBeGreaterThan(20)
    // The cuts parseMarkdown makes, at a smaller piece size so that there are many.
    expect(parseInPieces(text, cuts)).toEqual(parseWhole(text))
  })

  it('cuts a 5 MB article and gives the tree of a whole parse', () => {
    const paragraph = 'Der Absatz Nummer # hat **zwei** Sätze mit `Code` und [Link](https://example.com/#). Hier ist der zweite Satz Nummer #.\n\n'
    const text = `---\ntitle: Groß\n---\n\n# Titel\n\n- eins\n\n- zwei\n\n${Array.from({length: 8000}, (_, index) => paragraph.replaceAll('#', String(index))).join('')}\`\`\`\ncode\n\nmehr code\n\`\`\`\n`
    expect(cutPoints(text).length).toBeGreaterThan(10)
    expect(parseMarkdown(text)).toEqual(parseWhole(text))
  })

  it('never cuts a text with definitions, HTML that spans blank lines, or short texts', () => {
    const long = 'Ein Absatz hier.\n\n'.repeat(CUT_ABOVE / 10)
    expect(cutPoints(long).length).toBeGreaterThan(0)
    expect(cutPoints(`${long}[a]: https://example.com\n`)).toEqual([])
    expect(cutPoints(`${long}[^1]: Fußnote\n`)).toEqual([])
    expect(cutPoints(`<pre>\n\n</pre>\n${long}`)).toEqual([])
    expect(cutPoints('Kurz.\n\nText.\n')).toEqual([])
  })
})
