import {describe, expect, it} from 'vitest'
import {parseMarkdown} from '../../src/markdown/processor.js'
import {extractSegments} from '../../src/segment/extract.js'

const segmentsOf = (markdown: string, fields?: readonly string[]) =>
  extractSegments(parseMarkdown(markdown), fields === undefined ? {} : {frontmatterFields: fields}).segments

const sourcesOf = (markdown: string, fields?: readonly string[]) => segmentsOf(markdown, fields).map((segment) => `${segment.kind}: ${segment.source}`)

describe('extractSegments: what is translated', () => {
  it('takes headings, paragraphs, list items, blockquotes, table cells and footnotes', () => {
    const markdown = [
      '# Titel hier',
      '',
      'Ein Absatz. Noch ein Satz.',
      '',
      '- Punkt eins',
      '',
      '> Ein Zitat.',
      '',
      '| Kopf | Spalte |',
      '| - | - |',
      '| Zelle | Wert |',
      '',
      'Mit Fußnote[^1].',
      '',
      '[^1]: Die Fußnote.'
    ].join('\n')
    expect(sourcesOf(markdown)).toEqual([
      'heading: Titel hier',
      'paragraph: Ein Absatz.',
      'paragraph: Noch ein Satz.',
      'paragraph: Punkt eins',
      'paragraph: Ein Zitat.',
      'cell: Kopf',
      'cell: Spalte',
      'cell: Zelle',
      'cell: Wert',
      'paragraph: Mit Fußnote<f1/>.',
      'paragraph: Die Fußnote.'
    ])
  })

  it('takes image alt text, link and image titles and definition titles as fields of their own', () => {
    const markdown = 'Sieh ![Ein Bild](bild.png "Bildtitel") und [den Link](https://example.com "Linktitel").\n\n[ref]: https://x.de "Definitionstitel"'
    expect(sourcesOf(markdown)).toEqual([
      'paragraph: Sieh <img1/> und <a2>den Link</a2>.',
      'alt: Ein Bild',
      'title: Bildtitel',
      'title: Linktitel',
      'title: Definitionstitel'
    ])
  })

  it('takes the configured frontmatter fields, nested ones by dotted path', () => {
    const markdown = '---\ntitle: Ein Titel. Zweiter Satz.\nslug: ein-titel\nhero:\n  tagline: "Kurz und gut"\ntags: [KI, Politik]\n---\n\nText.'
    expect(sourcesOf(markdown, ['title', 'hero.tagline', 'description'])).toEqual([
      'frontmatter: Ein Titel.',
      'frontmatter: Zweiter Satz.',
      'frontmatter: Kurz und gut',
      'paragraph: Text.'
    ])
  })
})

describe('extractSegments: what is never sent', () => {
  const markdown = [
    '---',
    'title: Titel',
    'author: Geheime Person',
    '---',
    '',
    '```js',
    'const gruss = "Hallo Welt"',
    '```',
    '',
    '    eingerückter Code',
    '',
    '<div class="hinweis">HTML Block</div>',
    '',
    'Rufe `geheim()` auf, siehe https://example.com/pfad oder <span>inline</span> und {{< shortcode arg >}}.',
    '',
    '[ref]: https://example.com/def'
  ].join('\n')
  const sent = segmentsOf(markdown).map((segment) => `${segment.source} ${segment.context}`).join('\n')

  it.each(['Hallo Welt', 'eingerückter Code', 'HTML Block', 'geheim()', 'example.com', '<span>', 'shortcode', 'Geheime Person', 'author'])(
    'never sends %s',
    (secret) => {
      expect(sent).not.toContain(secret)
    }
  )

  it('replaces inline code, URLs, HTML and shortcodes with placeholders', () => {
    expect(sourcesOf(markdown)).toContain('paragraph: Rufe <c1/> auf, siehe <x2/> oder <m3>inline</m3> und <x4/>.')
  })

  it('marks sentences without letters as not translatable', () => {
    const [image, number] = segmentsOf('![](bild.png)\n\n2024 – 2025')
    expect(image?.translatable).toBe(false)
    expect(number?.translatable).toBe(false)
  })
})

describe('extractSegments: sentences and markup', () => {
  it('keeps sentences together when markup spans their boundary', () => {
    expect(sourcesOf('Erst das. **Fett eins. Fett zwei.** Danach.')).toEqual([
      'paragraph: Erst das.',
      'paragraph: <b1>Fett eins. Fett zwei.</b1>',
      'paragraph: Danach.'
    ])
  })

  it('numbers placeholders per sentence, so equal sentences have equal sources', () => {
    expect(sourcesOf('Ein *Wort*. Ein *Wort*.')).toEqual(['paragraph: Ein <i1>Wort</i1>.', 'paragraph: Ein <i1>Wort</i1>.'])
  })

  it('ends a sentence at a hard break outside markup', () => {
    expect(sourcesOf('Zeile eins  \nZeile zwei')).toEqual(['paragraph: Zeile eins', 'paragraph: Zeile zwei'])
  })

  it('records where each sentence starts', () => {
    const segments = segmentsOf('# Titel\n\nErster Satz. Zweiter Satz.\nDritter Satz.')
    expect(segments.map((segment) => `${segment.place.line}:${segment.place.column}`)).toEqual(['1:3', '3:1', '3:14', '4:1'])
  })
})

describe('extractSegments: identity', () => {
  const article = 'Erster Absatz. Mit zwei Sätzen.\n\nZweiter Absatz.\n\nDritter Absatz.'
  const ids = (markdown: string): Map<string, string> => new Map(segmentsOf(markdown).map((segment) => [segment.source, segment.id]))

  it('is stable when a paragraph is inserted before', () => {
    const before = ids(article)
    const after = ids(`Ganz neu. Noch neuer.\n\n${article.replace('Zweiter Absatz.', 'Eingefügt.\n\nZweiter Absatz.')}`)
    for (const [source, id] of before) expect(after.get(source)).toBe(id)
  })

  it('is stable when a neighbouring sentence changes', () => {
    const before = ids(article)
    const after = ids(article.replace('Mit zwei Sätzen.', 'Mit zwei geänderten Sätzen.'))
    expect(after.get('Erster Absatz.')).toBe(before.get('Erster Absatz.'))
  })

  it('tells repeated sentences apart', () => {
    const segments = segmentsOf('Ja. Nein. Ja.')
    expect(new Set(segments.map((segment) => segment.id)).size).toBe(3)
  })
})

describe('extractSegments: bad frontmatter', () => {
  it('notes YAML that no parser reads as an error with its line inside the Markdown file, and sends none of it', () => {
    const extraction = extractSegments(parseMarkdown('---\ntitle: gut\nbad: [unclosed\n---\n\nText.'))
    expect(extraction.notes?.map((note) => [note.severity, note.rule])).toEqual([['error', 'parse-failed']])
    expect(extraction.notes?.[0]?.place.line).toBeGreaterThanOrEqual(3)
    expect(extraction.segments.map((segment) => segment.kind)).toEqual(['paragraph'])
  })
})
