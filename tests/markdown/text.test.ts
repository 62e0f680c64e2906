import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parseScrapedText} from '../../src/markdown/text.js'
import {stringifyMarkdown} from '../../src/markdown/processor.js'
import {makeProject, put, tandem} from '../helpers/project.js'

const SEED = join(import.meta.dirname, '../../../shared/seeds/openai-abwerbung.txt')
const ARTICLE = join(import.meta.dirname, '../../input/openai-abwerbung.md')
/** The README's example: the comment form under the seed article is page furniture. */
/** The README's example of `text.drop`: the acceptance test uses what a newcomer would copy. */
async function readmeDrop(): Promise<string[]> {
  const readme = await readFile(join(import.meta.dirname, '../../README.md'), 'utf8')
  const line = /^\{"text": \{"drop": .*\}\}$/m.exec(readme)?.[0]
  if (line === undefined) throw new Error('README.md has no {"text": {"drop": [...]}} example')
  return (JSON.parse(line) as {text: {drop: string[]}}).text.drop
}

describe('scraped text (.txt) as an article', () => {
  it('turns the seed, copied unchanged, into exactly the sentences, headings and list of the hand-made Markdown article', async () => {
    const seed = await readFile(SEED, 'utf8')
    const markdown = await readFile(ARTICLE, 'utf8')
    const root = await makeProject({'input/seed.txt': seed, 'input/article.md': markdown, 'tandem.config.json': JSON.stringify({text: {drop: await readmeDrop()}})})
    const run = await tandem(root, ['build', '--provider', 'identity', '--quiet'])
    expect(run.stderr).not.toMatch(/ error /)
    expect(run.code).toBe(0)
    const fromText = await readFile(join(root, 'output/seed.de.md'), 'utf8')
    expect(fromText).toBe(await readFile(join(root, 'output/article.de.md'), 'utf8'))
    expect(fromText).toContain('# OpenAI pocht auf Talente')
    expect(fromText).toContain('\n## Fazit\n')
    expect(fromText).toContain('\n- SpaceX Valuation Insights\n')
    expect(fromText).not.toContain('Kommentar')
  })

  it('reads blank-line blocks as paragraphs when the file is written that way, and numbered lines as a list', () => {
    const tree = parseScrapedText('Ein Titel\n\nDer erste Absatz\nläuft über zwei Zeilen.\n\nSchritte\n\n1. Eins.\n2. Zwei.\n')
    expect(stringifyMarkdown(tree)).toBe('# Ein Titel\n\nDer erste Absatz läuft über zwei Zeilen.\n\nSchritte\n\n1. Eins.\n2. Zwei.\n')
    expect(tree.children[1]?.position?.start.line).toBe(3)
  })

  it('escapes what Markdown would read as markup in scraped prose', () => {
    const tree = parseScrapedText('Titel hier\n*Kein* Markdown, nur <b>Text</b> mit # Zeichen.\n')
    expect(stringifyMarkdown(tree)).toBe('# Titel hier\n\n\\*Kein\\* Markdown, nur \\<b>Text\\</b> mit # Zeichen.\n')
  })

  it('refuses a text file without a line break as no scraped article, and a drop pattern that is no regular expression', async () => {
    const root = await makeProject({'input/a.txt': `${'Ein sehr langer Satz ohne Ende. '.repeat(100)}`})
    const run = await tandem(root, ['build', '--provider', 'identity', '--quiet'])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('input/a.txt:1:1  error  text-one-line  a text file of 3200 characters without a single line break')
    // However short: scraped text always has its lines; the article fails alone and its earlier output stays.
    await put(root, 'input/b.txt', 'Ein Titel\nEin Satz.\n')
    expect((await tandem(root, ['build', '--provider', 'identity', '--quiet'])).code).toBe(1)
    const earlier = await readFile(join(root, 'output/b.en.md'), 'utf8')
    await put(root, 'input/b.txt', 'Ein Satz ohne Zeilenende.')
    const short = await tandem(root, ['build', '--provider', 'identity', '--quiet'])
    expect(short.code).toBe(1)
    expect(short.stderr).toContain('input/b.txt:1:1  error  text-one-line  a text file of 25 characters without a single line break')
    expect(await readFile(join(root, 'output/b.en.md'), 'utf8')).toBe(earlier)
    const bad = await makeProject({'input/a.txt': 'Titel\nEin Satz.\n', 'tandem.config.json': JSON.stringify({text: {drop: ['(unclosed']}})})
    const refused = await tandem(bad, ['build', '--provider', 'identity', '--quiet'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/^tandem: configuration error: tandem\.config\.json:1: "\(unclosed" in text\.drop is no regular expression/)
  })
  it('keeps a German ordinal at the start of a line in its sentence, and a block whole when a line of it is dropped', () => {
    expect(stringifyMarkdown(parseScrapedText('Titel hier\n20. Juli 1944 scheiterte das Attentat.\nEin Satz.\n'))).toBe('# Titel hier\n\n20\\. Juli 1944 scheiterte das Attentat.\n\nEin Satz.\n')
    expect(stringifyMarkdown(parseScrapedText('Titel\n\nAbsatz eins\nTeilen: X\nweiter.\n\nZwei.\n', [/^Teilen:/u]))).toBe('# Titel\n\nAbsatz eins weiter.\n\nZwei.\n')
  })
})
