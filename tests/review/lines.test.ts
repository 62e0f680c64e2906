import {describe, expect, it} from 'vitest'
import {parseMarkdown} from '../../src/markdown/processor.js'
import {probeLines, segmentLines} from '../../src/review/lines.js'
import {assembleWithStarts} from '../../src/segment/assemble.js'
import {extractSegments} from '../../src/segment/extract.js'
import {commonmarkExamples, corpusArticles} from '../helpers/corpus.js'

const documents: Array<[string, string]> = [...corpusArticles(), ...commonmarkExamples().map((example): [string, string] => [`commonmark #${example.number}`, example.markdown])]

describe('sentence lines from where the serializer put each block', () => {
  it(`agree with markers written into the text, on the corpus and every CommonMark example (${documents.length} documents)`, () => {
    expect(documents.length).toBeGreaterThan(600)
    let compared = 0
    let slower = 0
    for (const [name, markdown] of documents) {
      const tree = parseMarkdown(markdown)
      const extraction = extractSegments(tree, {frontmatterFields: ['title', 'description']})
      const {starts} = assembleWithStarts(tree, extraction, (segment) => segment.source)
      const tracked = segmentLines(tree, extraction, starts)
      const probed = probeLines(tree, extraction)
      if (tracked === undefined) {
        slower++
        continue
      }
      expect(tracked.map(({line, slot}) => [line, slot]), name).toEqual(probed.map(({line, slot}) => [line, slot]))
      compared += tracked.length
    }
    console.info(`sentence lines: ${compared} segments agree; ${slower} document(s) took the slower way (a code span over two lines)`)
    expect(compared).toBeGreaterThan(5000)
    expect(slower).toBeLessThan(10)
  })
})
