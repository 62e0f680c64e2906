import {readFile, stat} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {decodeText} from '../../src/article/read.js'
import {makeProject, tandem} from '../helpers/project.js'
import {recordingProvider} from '../helpers/providers.js'

const build = async (files: Record<string, string | Uint8Array>) => {
  const root = await makeProject(files)
  const provider = recordingProvider({maxBatchSegments: 500})
  const run = await tandem(root, ['build', '--provider', 'recording'], {providers: {recording: provider}})
  const en = await readFile(join(root, 'output/a.en.md'), 'utf8').catch(() => undefined)
  const de = await readFile(join(root, 'output/a.de.md'), 'utf8').catch(() => undefined)
  return {root, run, en, de, provider}
}

describe('decodeText', () => {
  it('names the line and column of the first invalid UTF-8 byte', () => {
    const bytes = Buffer.concat([Buffer.from('Erste Zeile\nZweite '), Buffer.from([0xc3, 0x28]), Buffer.from(' Zeile')])
    expect(decodeText(bytes)).toEqual({ok: false, rule: 'read-encoding', offset: 19, place: {line: 2, column: 8}})
  })

  it('drops a BOM and turns CRLF and CR into LF', () => {
    expect(decodeText(Buffer.from('\uFEFFEins\r\nZwei\rDrei'))).toEqual({ok: true, text: 'Eins\nZwei\nDrei'})
  })
})

describe('bad input', () => {
  it('an empty file gives empty outputs', async () => {
    const {run, en, de} = await build({'input/a.md': ''})
    expect(run.code).toBe(0)
    expect(en).toBe('')
    expect(de).toBe('')
  })

  it('a BOM is not part of the first sentence', async () => {
    const {run, provider} = await build({'input/a.md': '\uFEFF# Titel\n\nText.'})
    expect(run.code).toBe(0)
    expect(provider.received).toEqual(['Titel', 'Text.'])
  })

  it('CRLF line endings give the same result as LF', async () => {
    const lf = await build({'input/a.md': '# Titel\n\nEins. Zwei.\n\n- Punkt\n'})
    const crlf = await build({'input/a.md': '# Titel\r\n\r\nEins. Zwei.\r\n\r\n- Punkt\r\n'})
    expect(crlf.run.code).toBe(0)
    expect(crlf.en).toBe(lf.en)
  })

  it('invalid UTF-8 is an error with file, line and column; nothing is written', async () => {
    const bytes = Buffer.concat([Buffer.from('# Titel\n\nGr'), Buffer.from([0xfc]), Buffer.from('ße\n')])
    const {run, en} = await build({'input/a.md': bytes})
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('input/a.md:3:3  error  read-encoding  not valid UTF-8')
    expect(en).toBeUndefined()
  })

  it('a binary file named .md is an error; other articles are still built', async () => {
    const {root, run, en} = await build({'input/a.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), 'input/b.md': 'Gut.'})
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('input/a.md:3:1  error  read-binary')
    expect(en).toBeUndefined()
    expect((await stat(join(root, 'output/b.en.md'))).isFile()).toBe(true)
  })

  it('bad frontmatter YAML is an error with the line inside the article', async () => {
    const {run} = await build({'input/a.md': '---\ntitle: Gut\nliste: [offen\n---\n\nText.'})
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^input\/a\.md:[34]:\d+  error  parse-failed/m)
  })

  it('a 5 MB article comes out whole and aligned', async () => {
    const paragraph = 'Der Absatz Nummer # hat **zwei** Sätze mit `Code` und [Link](https://example.com/#). Hier ist der zweite Satz Nummer #.\n\n'
    const markdown = Array.from({length: 42_000}, (_, index) => paragraph.replaceAll('#', String(index))).join('')
    expect(markdown.length).toBeGreaterThan(5_000_000)
    const {run, en, de} = await build({'input/a.md': markdown})
    expect(run.code).toBe(0)
    expect(en?.split('\n').length).toBe(de?.split('\n').length)
    expect(en).toContain('https://example.com/41999')
    expect(en).toContain('Híér íst dér zwéíté Sátz Númmér 41999.')
    // Note: a correctness test, not a speed test (that is `npm run bench`): 84,000 sentences, each checked, on a shared machine.
  }, 300_000)
})
