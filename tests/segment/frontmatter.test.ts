import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {parse as parseToml} from 'smol-toml'
import {parseDocument} from 'yaml'
import {describe, expect, it} from 'vitest'
import {makeProject, tandem} from '../helpers/project.js'
import {recordingProvider} from '../helpers/providers.js'

const read = (root: string, path: string): Promise<string> => readFile(join(root, path), 'utf8')
/** The frontmatter between the first two fences of a Markdown file. */
const frontmatter = (markdown: string, fence = '---'): string => markdown.split(`${fence}\n`)[1] ?? ''
/** A provider whose English has what breaks careless YAML: a comma, a colon and a quote. */
const awkward = () => recordingProvider({answer: (text) => ({id: '', text: `${text.replace(/\.$/, '')}, with: "quotes".`})})

async function built(article: string): Promise<{root: string; code: number; stderr: string; de: string; en: string}> {
  const root = await makeProject({'input/a.md': article})
  const run = await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: awkward()}})
  return {root, code: run.code, stderr: run.stderr, de: await read(root, 'output/a.de.md'), en: await read(root, 'output/a.en.md')}
}

describe('frontmatter in every style a site generator accepts', () => {
  it('writes block scalars back as valid YAML over as many lines, German and English aligned', async () => {
    const input = '---\ntitle: |\n  Ein Titel\n  über zwei Zeilen\ndescription: >-\n  Eine Beschreibung,\n  gefaltet.\ndraft: false\n---\n\nText.\n'
    const {code, de, en} = await built(input)
    expect(code).toBe(0)
    const yaml = parseDocument(frontmatter(en))
    expect(yaml.errors).toEqual([])
    const value = yaml.toJS() as Record<string, unknown>
    expect(Object.keys(value)).toEqual(['title', 'description', 'draft'])
    expect(value['draft']).toBe(false)
    for (const key of ['title', 'description']) expect(value[key]).toMatch(/^[^\n]+, with: "quotes"\.$/)
    expect(en.split('\n')).toHaveLength(de.split('\n').length)
    // The German keeps its bytes: a value that reads as the German reads is never rewritten.
    expect(frontmatter(de)).toBe(frontmatter(input))
  })

  it('keeps a flow map a map when the English has a comma', async () => {
    // Note: only a comma, nothing else that would make a careless writer quote the value.
    const root = await makeProject({'input/a.md': '---\n{title: Ein Titel hier, draft: false}\n---\n\nText.\n'})
    const comma = recordingProvider({answer: (text) => ({id: '', text: text.replace(' ', ', ')})})
    expect((await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: comma}})).code).toBe(0)
    const en = await read(root, 'output/a.en.md')
    const value = parseDocument(frontmatter(en)).toJS() as Record<string, unknown>
    expect(Object.keys(value)).toEqual(['title', 'draft'])
    expect(value['title']).toMatch(/^\S+, \S+ \S+$/)
    expect(value['draft']).toBe(false)
  })

  it('translates TOML frontmatter (+++), at the top and in a table, and keeps every other byte', async () => {
    const toml = '+++\ntitle = "Ein Titel hier"\ndate = 2024-05-01\n# ein Kommentar\n[params]\ndescription = \'Eine Beschreibung.\'\nauthor = "Erika"\n+++\n\nText.\n'
    const root = await makeProject({'input/a.md': toml, 'tandem.config.json': JSON.stringify({frontmatterFields: ['title', 'params.description']})})
    const run = await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: awkward()}})
    expect(run.code).toBe(0)
    const en = await read(root, 'output/a.en.md')
    const table = parseToml(frontmatter(en, '+++')) as {title: string; date: unknown; params: {description: string; author: string}}
    expect(table.title).toMatch(/^[^\n]+, with: "quotes"\.$/)
    expect(table.title).not.toContain('Ein Titel')
    expect((table.date as {toISOString(): string}).toISOString()).toMatch(/^2024-05-01/)
    expect(table.params.description).toMatch(/^[^\n]+, with: "quotes"\.$/)
    expect(table.params.author).toBe('Erika')
    expect(frontmatter(en, '+++')).toContain('# ein Kommentar\n[params]\n')
  })

  it('keeps a TOML field it cannot rewrite, and says so', async () => {
    const root = await makeProject({'input/a.md': '+++\ntitle = """\nEin Titel\nüber Zeilen"""\n+++\n\nText.\n'})
    const run = await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: awkward()}})
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('input/a.md:2:1  warning  frontmatter-kept  the frontmatter "title" is kept as it is, untranslated: not a one-line TOML string')
    expect(frontmatter(await read(root, 'output/a.en.md'), '+++')).toBe('title = """\nEin Titel\nüber Zeilen"""\n')
  })

  it('translates JSON frontmatter (Hugo\'s { … } at the top) as JSON, and keeps every other byte', async () => {
    const json = '{\n  "title": "Ein Titel hier",\n  "draft": false,\n  "tags": ["eins", "zwei"],\n  "params": {"description": "Eine Beschreibung."}\n}\n\nText.\n'
    const root = await makeProject({'input/a.md': json, 'tandem.config.json': JSON.stringify({frontmatterFields: ['title', 'params.description']})})
    const run = await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: awkward()}})
    expect(run.code).toBe(0)
    const en = await read(root, 'output/a.en.md')
    const value = JSON.parse(en.slice(0, en.indexOf('\n}\n') + 2)) as {title: string; draft: boolean; tags: string[]; params: {description: string}}
    expect(value.title).toBe('Éín Títél híér, with: "quotes".')
    expect(value.params.description).toBe('Éíné Béschréíbúng, with: "quotes".')
    expect(value.draft).toBe(false)
    expect(value.tags).toEqual(['eins', 'zwei'])
    expect(en).toContain('\n  "draft": false,\n  "tags": ["eins", "zwei"],\n')
    expect(await read(root, 'output/a.de.md')).toBe(json)
    expect(await read(root, 'output/a.de-en.md')).toContain('| **title:** Ein Titel hier | **title:** Éín Títél híér, with: "quotes". |')
  })

  it('translates each string of a listed JSON array, and keeps JSON with a key given twice as it is, with a warning naming the field', async () => {
    const root = await makeProject({'input/a.md': '{\n  "title": "Ein Titel",\n  "tags": ["Politik", "Wirtschaft"]\n}\n\nText.\n', 'tandem.config.json': JSON.stringify({frontmatterFields: ['title', 'tags']})})
    expect((await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: awkward()}})).code).toBe(0)
    const en = await read(root, 'output/a.en.md')
    expect((JSON.parse(en.slice(0, en.indexOf('\n}\n') + 2)) as {tags: string[]}).tags).toEqual(['Pólítík, with: "quotes".', 'Wírtscháft, with: "quotes".'])
    const twice = '{\n  "title": "Ein Titel",\n  "title": "Noch ein Titel"\n}\n\nText.\n'
    const other = await makeProject({'input/a.md': twice})
    const run = await tandem(other, ['build', '--provider', 'r', '--quiet'], {providers: {r: awkward()}})
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/^input\/a\.md:3:\d+ {2}warning {2}frontmatter-kept {2}the frontmatter "title" is kept as it is, untranslated: /m)
    expect((await read(other, 'output/a.en.md')).startsWith(twice.slice(0, twice.indexOf('}\n') + 2))).toBe(true)
  })

  it('fails an article whose JSON frontmatter is no JSON, with its line, and builds the others', async () => {
    const root = await makeProject({'input/a.md': '{\n  "title": "Ein Titel",\n  "draft": false,\n}\n\nText.\n', 'input/b.md': 'Ein Satz.\n'})
    const run = await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: awkward()}})
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('input/a.md:4:1  error  parse-failed  cannot parse: invalid JSON in the frontmatter: Expected double-quoted property name')
    await expect(read(root, 'output/a.en.md')).rejects.toThrow()
    expect(await read(root, 'output/b.en.md')).toContain('with: "quotes"')
  })

  it('keeps YAML that Hugo accepts but the YAML parser refuses, byte for byte, with a warning, instead of failing the article', async () => {
    const article = '---\ntitle: "Ein Titel\nüber zwei Zeilen"\n---\n\nText hier.\n'
    const {code, en, root} = await built(article)
    expect(code).toBe(0)
    expect(frontmatter(en)).toBe('title: "Ein Titel\nüber zwei Zeilen"\n')
    expect(en).toContain('Téxt híér, with: "quotes".')
    const run = await tandem(root, ['build', '--quiet'])
    expect(run.stderr).toMatch(/input\/a\.md:\d+:\d+ {2}warning {2}frontmatter-kept {2}the frontmatter "title" is kept as it is, untranslated: /)
  })

  it('still fails an article whose frontmatter no parser reads, with the line', async () => {
    const root = await makeProject({'input/a.md': '---\ntitle: gut\nbad: [unclosed\n---\n\nText.\n'})
    const run = await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: awkward()}})
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^input\/a\.md:[34]:\d+ {2}error {2}parse-failed {2}cannot parse: invalid YAML in the frontmatter: /m)
  })

  it('fails an article whose TOML frontmatter no TOML parser reads, with the line, and builds the others', async () => {
    for (const [toml, line] of [['das ist kein toml', 2], ['title = "offen', 2], ['title = "Ein Titel"\ntitle = "Noch einer"', 3], ['[params', 2]] as const) {
      const root = await makeProject({'input/a.md': `+++\n${toml}\n+++\n\nText.\n`, 'input/b.md': 'Ein Satz.\n'})
      const run = await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: awkward()}})
      expect(run.code, toml).toBe(1)
      expect(run.stderr, toml).toMatch(new RegExp(`^input/a\\.md:${line}:\\d+ {2}error {2}parse-failed {2}cannot parse: invalid TOML in the frontmatter: `, 'm'))
      expect(await read(root, 'output/b.en.md'), toml).toContain('with: "quotes"')
    }
  })

  it('translates each string of a listed field that is a list, flow or block, and keeps comments and key order', async () => {
    const yaml = '---\n# Kommentar oben\ntitle: Ein Titel # dahinter\ntags: [Politik, Wirtschaft]\nkeywords:\n  - Erstes Wort\n  - 42\ndraft: false\n---\n\nText.\n'
    const root = await makeProject({'input/a.md': yaml, 'tandem.config.json': JSON.stringify({frontmatterFields: ['title', 'tags', 'keywords']})})
    const run = await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: awkward()}})
    expect(run.code).toBe(0)
    const en = frontmatter(await read(root, 'output/a.en.md'))
    const value = parseDocument(en).toJS() as Record<string, unknown>
    expect(Object.keys(value)).toEqual(['title', 'tags', 'keywords', 'draft'])
    expect(value['tags']).toEqual(['Pólítík, with: "quotes".', 'Wírtscháft, with: "quotes".'])
    expect(value['keywords']).toEqual(['Érstés Wórt, with: "quotes".', 42])
    expect(en).toContain('# Kommentar oben\n')
    expect(en).toContain(' # dahinter\n')
    expect(en.split('\n')).toHaveLength(frontmatter(yaml).split('\n').length)
  })
  it('reads TOML tables as TOML does: an array of tables is no top level, a multi-line string holds no header', async () => {
    const toml = '+++\ntitle = "Ein Titel hier"\n[[resources]]\ntitle = "Ein Bild"\n[params]\nnote = """\n[Hinweis]\n"""\ndescription = "Eine Beschreibung."\n+++\n\nText.\n'
    const root = await makeProject({'input/a.md': toml, 'tandem.config.json': JSON.stringify({frontmatterFields: ['title', 'params.description']})})
    expect((await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}})).code).toBe(0)
    const table = parseToml(frontmatter(await read(root, 'output/a.en.md'), '+++')) as {title: string; resources: Array<{title: string}>; params: {description: string}}
    expect(table.title).not.toBe('Ein Titel hier')
    expect(table.resources[0]?.title).toBe('Ein Bild')
    expect(table.params.description).not.toBe('Eine Beschreibung.')
  })

  it('fails YAML that Hugo refuses too (a line that is no key), and indents a block scalar in a list item deeper than its key', async () => {
    const broken = await makeProject({'input/a.md': '---\ntitle: Mein Artikel\ndraft false\n---\n\nText.\n'})
    expect((await tandem(broken, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}})).code).toBe(1)
    const listed = '---\nitems:\n  - title: |\n      Ein Titel\n      über zwei Zeilen\n    draft: false\n---\n\nText.\n'
    const root = await makeProject({'input/a.md': listed, 'tandem.config.json': JSON.stringify({frontmatterFields: ['items.0.title']})})
    expect((await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}})).code).toBe(0)
    const yaml = parseDocument(frontmatter(await read(root, 'output/a.en.md')))
    expect(yaml.errors).toEqual([])
    const value = yaml.toJS() as {items: Array<{title: string; draft: boolean}>}
    expect(value.items[0]?.draft).toBe(false)
    expect(value.items[0]?.title).not.toContain('Ein Titel')
  })

  it('lets an answer keep template syntax its German has in an unprotected field (a title)', async () => {
    const root = await makeProject({'input/a.md': '---\ntitle: Vorlagen mit {{ .Title }}\n---\n\nText.\n'})
    const keeps = recordingProvider({answer: (text) => ({id: '', text: text.includes('{{') ? 'Templates with {{ .Title }}' : text})})
    const run = await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: keeps}})
    expect(run.stderr).toBe('')
    expect(parseDocument(frontmatter(await read(root, 'output/a.en.md'))).toJS()).toEqual({title: 'Templates with {{ .Title }}'})
  })
})
