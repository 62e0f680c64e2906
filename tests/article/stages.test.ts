import {describe, expect, it} from 'vitest'
import type {ArticleRef, ParsedArticle} from '../../src/article/article.js'
import {checkArticle} from '../../src/article/check.js'
import {parseArticle} from '../../src/article/parse.js'
import {recordArticle} from '../../src/article/record.js'
import {renderArticle} from '../../src/article/render.js'
import {refusedSentences} from '../../src/article/verify.js'
import {GlossaryContext} from '../../src/glossary/context.js'
import {parseGlossaryFile} from '../../src/glossary/parse-file.js'
import {pseudoTranslate} from '../../src/providers/pseudo.js'
import {ENGLISH_LABELS} from '../../src/review/html.js'

/** One article's stages on their own: each takes a value and returns an Outcome of the next. */

const ref: ArticleRef = {inputPath: '/in/a.md', name: 'a.md', displayPath: 'input/a.md', outputs: {de: '', en: '', bilingual: '', review: ''}}
const TEXT = '# Der Titel\n\nErster Satz mit **fett**. Zweiter Satz mit [Link](https://example.com).\n\n| Spalte |\n| --- |\n| Eine Zelle. |\n'

async function parsed(text = TEXT): Promise<ParsedArticle> {
  const outcome = await parseArticle({ref, text, inputHash: 'h'}, {frontmatterFields: []})
  if (!outcome.ok) throw new Error('does not parse')
  return outcome.value
}

describe('parseArticle', () => {
  it('gives the tree, the segments with their places, and the title, and changes nothing it was given', async () => {
    const read = {ref, text: TEXT, inputHash: 'h'}
    const outcome = await parseArticle(read, {frontmatterFields: []})
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    expect(outcome.value.title).toBe('Der Titel')
    expect(outcome.value.extraction.segments.filter((segment) => segment.translatable).map((segment) => [segment.source, segment.place.line])).toEqual([
      ['Der Titel', 1],
      ['Erster Satz mit <b1>fett</b1>.', 3],
      ['Zweiter Satz mit <a1>Link</a1>.', 3],
      ['Spalte', 5],
      ['Eine Zelle.', 7]
    ])
    expect(read).toEqual({ref, text: TEXT, inputHash: 'h'})
  })

  it('fails with the line for nesting too deep and for frontmatter that is not YAML', async () => {
    const deep = await parseArticle({ref, text: `${'>'.repeat(150)} tief\n`, inputHash: 'h'}, {frontmatterFields: []})
    expect(deep.ok).toBe(false)
    expect(deep.messages.map((item) => [item.rule, item.place?.line])).toEqual([['input-too-deep', 1]])
    const yaml = await parseArticle({ref, text: '---\ntitle: [kaputt\n---\n\nText.\n', inputHash: 'h'}, {frontmatterFields: ['title']})
    expect(yaml.ok).toBe(false)
    expect(yaml.messages[0]?.rule).toBe('parse-failed')
  })
})

describe('renderArticle', () => {
  it('writes German and English with the same lines and says where each segment stands', async () => {
    const outcome = renderArticle(await parsed(), (source) => pseudoTranslate(source))
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    const {de, en, bilingual, lines} = outcome.value
    expect(en.split('\n')).toHaveLength(de.split('\n').length)
    expect(de).toContain('Erster Satz mit **fett**.\nZweiter Satz mit [Link](https://example.com).')
    expect(en).toContain('https://example.com')
    expect(bilingual).toContain('| Deutsch | English |')
    const line = (source: string): number | undefined => lines.find((item) => item.segment.source === source)?.line
    expect([line('Der Titel'), line('Erster Satz mit <b1>fett</b1>.'), line('Zweiter Satz mit <a1>Link</a1>.'), line('Eine Zelle.')]).toEqual([1, 3, 4, 8])
    expect(de.split('\n')[7]).toBe('| Eine Zelle. |')
  })

  it('refuses a sentence with no English, and names the answers whose structure would change', async () => {
    const missing = renderArticle((await parsed()), (source) => (source.startsWith('Eine') ? undefined : source))
    expect(missing.ok).toBe(false)
    expect(missing.messages.map((item) => [item.rule, item.place?.line])).toEqual([['needs-provider', 7]])
    const autolink = renderArticle((await parsed()), (source) => (source.startsWith('Erster') ? 'Visit www.example.com <b1>now</b1>.' : source))
    expect(autolink.ok).toBe(false)
    if (autolink.ok) return
    expect(autolink.refused).toEqual(['Erster Satz mit <b1>fett</b1>.'])
    expect(autolink.messages.map((item) => [item.rule, item.place?.line])).toEqual([['structure', 3]])
  })
})

describe('refusedSentences', () => {
  it('finds the one bad answer among many good ones, and passes an English that only moves markup', async () => {
    const article = await parsed(`${Array.from({length: 300}, (_, index) => `Satz Nummer ${index} mit **fett**.`).join('\n\n')}\n`)
    const german = (segment: {source: string}): string => segment.source
    const moved = refusedSentences(article.extraction, german, (segment) => segment.source.replace(/mit <b1>fett<\/b1>\./, '<b1>mit</b1> fett.'))
    expect(moved).toEqual([])
    const bad = refusedSentences(article.extraction, german, (segment) => (segment.source.startsWith('Satz Nummer 299 ') ? 'Satz <b1></b1> leer.' : segment.source))
    expect(bad.map((item) => item.source)).toEqual(['Satz Nummer 299 mit <b1>fett</b1>.'])
  })
})

describe('checkArticle and recordArticle', () => {
  const context = new GlossaryContext({entries: parseGlossaryFile('terms:\n  - de: Zelle\n    en: cell\n', 'glossary.yaml'), files: ['glossary.yaml']})
  const english = (source: string): string => (source === 'Eine Zelle.' ? 'A box.' : pseudoTranslate(source))

  it('reports a glossary violation as a warning at the sentence, and a reviewed one as reviewed', async () => {
    const article = (await parsed())
    const machine = checkArticle('input/a.md', article.extraction.segments, {context, english, reviewed: () => false, checks: new Set(), glossary: true})
    expect(machine.map((item) => [item.severity, item.rule, item.place?.line])).toEqual([['warning', 'glossary-missing', 7]])
    const human = checkArticle('input/a.md', article.extraction.segments, {context, english, reviewed: () => true, checks: new Set(), glossary: true})
    expect(human.map((item) => item.rule)).toEqual(['glossary-reviewed'])
  })

  it('records every unit with its line and status, the English lines and the warnings, and a review page', async () => {
    const article = (await parsed())
    const rendered = renderArticle(article, english)
    if (!rendered.ok) throw new Error('not rendered')
    const warnings = checkArticle('input/a.md', article.extraction.segments, {context, english, reviewed: () => false, checks: new Set(), glossary: true})
    const recorded = recordArticle(article, rendered.value, {
      previous: undefined,
      english,
      reviewed: (source) => source === 'Der Titel',
      warnings,
      page: {context, checks: new Set(), labels: ENGLISH_LABELS, lang: 'en'}
    })
    expect(recorded.record.units.map((unit) => [unit.line, unit.status])).toEqual([
      [1, 'reviewed'],
      [3, 'machine'],
      [4, 'machine'],
      [6, 'machine'],
      [8, 'machine']
    ])
    expect(recorded.record.enLines).toHaveLength(rendered.value.en.split('\n').length)
    expect(recorded.record.warnings?.map((item) => item.rule)).toEqual(['glossary-missing'])
    expect(recorded.review).toContain('A box.')
    expect(recorded.en).toBe(rendered.value.en)
  })
})
