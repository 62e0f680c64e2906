import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {translateDocument} from '../../src/builder/document.js'
import {planBuild} from '../../src/builder/plan.js'
import {parseArticle} from '../../src/article/parse.js'
import {articleOf} from '../../src/article/article.js'
import {createIdentityProvider} from '../../src/providers/identity.js'
import {createPseudoProvider} from '../../src/providers/pseudo.js'
import {signatures} from '../helpers/mdast.js'
import {checkPlaceholders, parseTagged} from '../../src/segment/tags.js'

/**
 * Property tests of segment → translate → reassemble on generated German
 * Markdown: the structure survives, placeholders stay balanced, and the two
 * languages stay line for line.
 */

const WORDS = ['Der', 'Bericht', 'über', 'Größe', 'und', 'Maße', 'z. B.', 'Dr. Meier', 'am 3. Oktober', '200.000 Euro', '3,5 %', 'Straße', 'KI', '„Zitat“', 'sowie', 'u. a.', 'Ärger', 'Öl']

const word = fc.constantFrom(...WORDS)
const words = fc.array(word, {minLength: 1, maxLength: 4}).map((list) => list.join(' '))
const inline = fc.oneof(
  {weight: 5, arbitrary: words},
  {weight: 1, arbitrary: words.map((text) => `**${text}**`)},
  {weight: 1, arbitrary: words.map((text) => `*${text}*`)},
  {weight: 1, arbitrary: fc.constantFrom('`npm ci`', '`x < y`', '`const a = 1`')},
  {weight: 1, arbitrary: fc.tuple(words, fc.nat(99)).map(([text, n]) => `[${text}](https://example.org/${n})`)},
  {weight: 1, arbitrary: fc.constantFrom('<https://example.org>', '![Bild einer Straße](bild.png)', 'H~2~O')}
)
const sentence = fc.tuple(fc.array(inline, {minLength: 1, maxLength: 5}), fc.constantFrom('.', '?', '!', ':')).map(([parts, end]) => `${parts.join(' ')}${end}`)
const paragraph = fc.array(sentence, {minLength: 1, maxLength: 4}).map((list) => list.join(' '))
const heading = fc.tuple(fc.integer({min: 1, max: 4}), words).map(([depth, text]) => `${'#'.repeat(depth)} ${text}`)
const list = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(paragraph, fc.option(fc.array(paragraph, {minLength: 1, maxLength: 2}))), {minLength: 1, maxLength: 3}))
  .map(([ordered, items]) =>
    items
      .map(([text, nested], index) => {
        const marker = ordered ? `${index + 1}.` : '-'
        const indent = ' '.repeat(marker.length + 1)
        const sub = nested === null ? '' : `\n${nested.map((child) => `${indent}- ${child}`).join('\n')}`
        return `${marker} ${text}${sub}`
      })
      .join('\n')
  )
const quote = paragraph.map((text) => `> ${text}`)
const code = fc.constantFrom('```js\nconst größe = 1 // nie übersetzt\n```', '    eingerückter Code\n    zweite Zeile', '```\n# kein Titel\n```')
const table = fc
  .array(fc.tuple(words, words), {minLength: 1, maxLength: 3})
  .map((rows) => ['| Spalte | Wert |', '| --- | ---: |', ...rows.map(([a, b]) => `| ${a}. | ${b} |`)].join('\n'))
const block = fc.oneof({weight: 4, arbitrary: paragraph}, heading, list, quote, code, table, fc.constant('***'))
const documents = fc.array(block, {minLength: 1, maxLength: 8}).map((blocks) => `${blocks.join('\n\n')}\n`)


async function segmentsOf(markdown: string) {
  const ref = {inputPath: 'p.md', name: 'p.md', displayPath: 'p.md', outputs: {de: '', en: '', bilingual: '', review: ''}}
  const parsed = await parseArticle({ref, text: markdown, inputHash: ''}, {frontmatterFields: []})
  if (!parsed.ok) throw new Error('the generated document does not parse')
  return planBuild([{...articleOf(ref), segments: parsed.value.extraction.segments}], {get: () => undefined})
}

describe('segment → translate → reassemble, on generated Markdown', () => {
  it('keeps the structure and the lines, whatever the provider does to word order', async () => {
    await fc.assert(
      fc.asyncProperty(documents, fc.constantFrom('pseudo', 'identity'), async (markdown, providerName) => {
        const provider = providerName === 'pseudo' ? createPseudoProvider() : createIdentityProvider()
        const result = await translateDocument(markdown, {provider})
        expect(result.diagnostics.filter((item) => item.severity === 'error')).toEqual([])
        const rendered = result.rendered
        if (rendered === undefined) throw new Error('nothing rendered')
        // Structure: the English, the German and the input are the same document.
        expect(signatures(rendered.en)).toEqual(signatures(markdown))
        expect(signatures(rendered.de)).toEqual(signatures(markdown))
        // Alignment: line N of one file is line N of the other; untranslated lines are identical.
        const de = rendered.de.split('\n')
        const en = rendered.en.split('\n')
        expect(en).toHaveLength(de.length)
        let fenced = false
        de.forEach((line, index) => {
          const fence = line.startsWith('```')
          // Code, fences and lines without words (rules, table delimiters) are never translated.
          if (fenced || fence || !/\p{L}/u.test(line)) expect(en[index], `line ${index + 1}`).toBe(line)
          if (fence) fenced = !fenced
        })
        if (providerName === 'identity') expect(rendered.en).toBe(rendered.de)
      }),
      {numRuns: 150, seed: 20261128}
    )
  })

  it('cuts sentences whose placeholders are balanced, and the provider gets them back intact', async () => {
    await fc.assert(
      fc.asyncProperty(documents, async (markdown) => {
        for (const item of (await segmentsOf(markdown)).work) {
          const tokens = parseTagged(item.source)
          expect(checkPlaceholders(tokens, tokens)).toEqual([])
          let open = 0
          for (const token of tokens) {
            if (token.type === 'open') open++
            if (token.type === 'close') open--
            expect(open).toBeGreaterThanOrEqual(0)
          }
          expect(open).toBe(0)
        }
      }),
      {numRuns: 300, seed: 7}
    )
  })
})
