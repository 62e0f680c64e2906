import {readFile, readdir, rm, stat} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {makeProject, put, tandem} from '../helpers/project.js'
import {recordingProvider} from '../helpers/providers.js'

const ARTICLE = [
  '---',
  'title: Ein Artikel über KI',
  'author: Anna Beispiel',
  '---',
  '',
  '# Die Überschrift',
  '',
  'Erster Satz mit **fett** und `code()`. Zweiter Satz mit einem [Link](https://example.com).',
  '',
  '```js',
  'const x = 1 // nie übersetzt',
  '```',
  '',
  '- Punkt eins. Punkt zwei.',
  '- Punkt drei.',
  '',
  '| Spalte | Wert |',
  '| --- | ---: |',
  '| Eine Zelle. | 3,5 % |',
  ''
].join('\n')

const read = (root: string, path: string): Promise<string> => readFile(join(root, path), 'utf8')

describe('tandem build', () => {
  it('writes the three files, line-aligned, and a memory of what it translated', async () => {
    const root = await makeProject({'input/artikel.md': ARTICLE})
    const provider = recordingProvider()
    const run = await tandem(root, ['build', '--provider', 'recording'], {providers: {recording: provider}})
    expect(run.stderr).toMatch(/^translated 10 of 10 sentence\(s\), [\d.]+\/s, about 0 s left\n$/)
    expect(run.code).toBe(0)
    const de = await read(root, 'output/artikel.de.md')
    const en = await read(root, 'output/artikel.en.md')
    expect(de.split('\n')).toHaveLength(en.split('\n').length)
    expect(de).toContain('Erster Satz mit **fett** und `code()`.\nZweiter Satz mit einem [Link](https://example.com).')
    expect(en).toContain('```js\nconst x = 1 // nie übersetzt\n```')
    expect(en).toContain('author: Anna Beispiel')
    expect(en).not.toContain('Erster Satz')
    const bilingual = await read(root, 'output/artikel.de-en.md')
    expect(bilingual).toContain('| Deutsch | English |')
    expect(provider.received).toHaveLength(10)
    const memory = (await read(root, 'output/.tandem/memory.de-en.jsonl')).trimEnd().split('\n')
    expect(memory).toHaveLength(11)
    expect(JSON.parse(memory[1] ?? '{}')).toMatchObject({status: 'machine', provider: 'recording'})
  })

  it('rewrites nothing when nothing changed, and sends nothing', async () => {
    const root = await makeProject({'input/artikel.md': ARTICLE})
    await tandem(root, ['build', '--provider', 'recording'], {providers: {recording: recordingProvider()}})
    const files = ['output/artikel.de.md', 'output/artikel.en.md', 'output/artikel.de-en.md', 'output/.tandem/memory.de-en.jsonl', 'output/.tandem/state.json']
    const before = await Promise.all(files.map(async (file) => ({text: await read(root, file), mtime: (await stat(join(root, file))).mtimeMs})))
    await new Promise((resolve) => setTimeout(resolve, 20))
    const provider = recordingProvider()
    const run = await tandem(root, ['build', '--provider', 'recording'], {providers: {recording: provider}})
    expect(run.code).toBe(0)
    expect(provider.received).toEqual([])
    const after = await Promise.all(files.map(async (file) => ({text: await read(root, file), mtime: (await stat(join(root, file))).mtimeMs})))
    expect(after).toEqual(before)
  })

  it('sends exactly the edited sentence after an edit', async () => {
    const root = await makeProject({'input/artikel.md': ARTICLE})
    await tandem(root, ['build', '--provider', 'recording'], {providers: {recording: recordingProvider()}})
    await put(root, 'input/artikel.md', ARTICLE.replace('Punkt zwei.', 'Punkt zwei, geändert.'))
    const provider = recordingProvider()
    expect((await tandem(root, ['build', '--provider', 'recording'], {providers: {recording: provider}})).code).toBe(0)
    expect(provider.received).toEqual(['Punkt zwei, geändert.'])
  })

  it('sends only the sentences of an inserted paragraph', async () => {
    const root = await makeProject({'input/artikel.md': ARTICLE})
    await tandem(root, ['build', '--provider', 'recording'], {providers: {recording: recordingProvider()}})
    await put(root, 'input/artikel.md', ARTICLE.replace('# Die Überschrift\n', '# Die Überschrift\n\nNeu eingefügt. Noch ein *neuer* Satz.\n'))
    const provider = recordingProvider()
    expect((await tandem(root, ['build', '--provider', 'recording'], {providers: {recording: provider}})).code).toBe(0)
    expect(provider.received).toEqual(['Neu eingefügt.', 'Noch ein <i1>neuer</i1> Satz.'])
  })

  it('sends a sentence shared by two articles once', async () => {
    const root = await makeProject({'input/a.md': 'Gemeinsamer Satz. Nur in A.', 'input/sub/b.md': 'Gemeinsamer Satz. Nur in B.'})
    const provider = recordingProvider()
    expect((await tandem(root, ['build', '--provider', 'recording'], {providers: {recording: provider}})).code).toBe(0)
    expect(provider.received.sort()).toEqual(['Gemeinsamer Satz.', 'Nur in A.', 'Nur in B.'])
    expect(await read(root, 'output/sub/b.en.md')).toContain('Núr ín B.')
  })

  it('removes the outputs of a deleted input, and nothing else', async () => {
    const root = await makeProject({'input/a.md': 'Satz A.', 'input/b.md': 'Satz B.'})
    await put(root, 'output/notes.md', 'my own file')
    await tandem(root, ['build', '--provider', 'recording'], {providers: {recording: recordingProvider()}})
    await rm(join(root, 'input/b.md'))
    const run = await tandem(root, ['build'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('removed b.en.md')
    expect((await readdir(join(root, 'output'))).sort()).toEqual(['.tandem', 'a.de-en.md', 'a.de.md', 'a.en.md', 'a.review.html', 'notes.md'])
    expect(await readdir(join(root, 'output/.tandem/records'))).toEqual(['a.json'])
  })

  it('builds only the named files when given', async () => {
    const root = await makeProject({'input/a.md': 'Satz A.', 'input/b.md': 'Satz B.'})
    const provider = recordingProvider()
    expect((await tandem(root, ['build', 'input/a.md', '--provider', 'recording'], {providers: {recording: provider}})).code).toBe(0)
    expect(provider.received).toEqual(['Satz A.'])
    expect((await readdir(join(root, 'output'))).sort()).toEqual(['.tandem', 'a.de-en.md', 'a.de.md', 'a.en.md', 'a.review.html'])
  })
})

describe('tandem build: provider answers that would break Markdown', () => {
  const cases: Array<[string, (text: string) => string, string]> = [
    ['loses a placeholder', (text) => text.replace(/<c2\/>/, ''), 'placeholder-missing'],
    ['duplicates a placeholder', (text) => text.replace(/<c2\/>/, '<c2/> <c2/>'), 'placeholder-duplicate'],
    ['invents a placeholder', (text) => `${text} <c7/>`, 'placeholder-unknown'],
    ['breaks the nesting', (text) => text.replace('</b1>', ''), 'placeholder-nesting'],
    ['returns an empty sentence', () => '   ', 'translation-empty']
  ]

  it.each(cases)('catches an answer that %s: file and line, exit 1, nothing written', async (_name, breakIt, rule) => {
    const root = await makeProject({'input/artikel.md': ARTICLE})
    // Only the sentence at line 8 with **fett** and `code()` is broken.
    const provider = recordingProvider({answer: (text) => ({id: '', text: text.includes('<c2/>') ? breakIt(text) : text})})
    const run = await tandem(root, ['build', '--provider', 'recording'], {providers: {recording: provider}})
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(new RegExp(`^input/artikel\\.md:8:1  error  ${rule}  `, 'm'))
    await expect(stat(join(root, 'output/artikel.en.md'))).rejects.toThrow()
  })

  it('keeps the previous good outputs when a later build fails', async () => {
    const root = await makeProject({'input/artikel.md': ARTICLE})
    await tandem(root, ['build', '--provider', 'recording'], {providers: {recording: recordingProvider()}})
    const before = await read(root, 'output/artikel.en.md')
    await put(root, 'input/artikel.md', ARTICLE.replace('Punkt drei.', 'Punkt drei mit `neu()`.'))
    const broken = recordingProvider({answer: (text) => ({id: '', text: text.replace('<c1/>', '')})})
    const run = await tandem(root, ['build', '--provider', 'recording'], {providers: {recording: broken}})
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('input/artikel.md:15:3  error  placeholder-missing')
    expect(await read(root, 'output/artikel.en.md')).toBe(before)
  })

  it('rejects a batch with the wrong number of sentences', async () => {
    const root = await makeProject({'input/artikel.md': 'Eins. Zwei. Drei.'})
    const provider = recordingProvider({answer: (text, index) => (index === 1 ? [] : {id: '', text})})
    const run = await tandem(root, ['build', '--provider', 'recording'], {providers: {recording: provider}})
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('input/artikel.md:1:7  error  translation-missing')
    const extra = recordingProvider({answer: (text, index) => (index === 0 ? [{id: '', text}, {id: 'made-up', text: 'Extra.'}] : {id: '', text})})
    const second = await tandem(root, ['build', '--provider', 'recording'], {providers: {recording: extra}})
    expect(second.code).toBe(1)
    expect(second.stderr).toContain('translation-count')
  })

  it('reports a provider failure per sentence and keeps what arrived', async () => {
    const root = await makeProject({'input/artikel.md': 'Eins. Zwei. Drei.'})
    let calls = 0
    const provider = recordingProvider({maxBatchSegments: 1, answer: (text) => ({id: '', text})})
    const flaky = {
      ...provider,
      async translate(...args: Parameters<typeof provider.translate>) {
        calls++
        if (calls === 2) throw new Error('connection reset')
        return provider.translate(...args)
      }
    }
    const run = await tandem(root, ['build', '--provider', 'flaky', '--concurrency', '1'], {providers: {flaky}})
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('input/artikel.md:1:7  error  provider-failed  recording failed (connection reset)')
    const memory = await read(root, 'output/.tandem/memory.de-en.jsonl')
    expect(memory).toContain('"source":"Eins."')
    expect(memory).toContain('"source":"Drei."')
    expect(memory).not.toContain('"source":"Zwei."')
  })
})

describe('tandem build: without a provider', () => {
  it('names the articles and counts, writes no half-translated article, exits 2', async () => {
    const root = await makeProject({'input/a.md': 'Satz A.', 'input/b.md': 'Satz B. Noch einer.'})
    await tandem(root, ['build', 'input/a.md', '--provider', 'recording'], {providers: {recording: recordingProvider()}})
    const run = await tandem(root, ['build'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('input/b.md:1:1  error  needs-provider  2 sentence(s) are not in the translation memory')
    expect(run.stderr).toContain('tandem build --provider <name>')
    expect((await readdir(join(root, 'output'))).sort()).toEqual(['.tandem', 'a.de-en.md', 'a.de.md', 'a.en.md', 'a.review.html'])
  })
})

describe('tandem build --dry-run and --json', () => {
  it('reports sentences and characters per article and sends and writes nothing', async () => {
    const root = await makeProject({'input/a.md': 'Satz A. Satz B.', 'input/b.md': 'Satz A.'})
    const provider = recordingProvider()
    const run = await tandem(root, ['build', '--dry-run', '--provider', 'recording'], {providers: {recording: provider}})
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('input/a.md: 2 sentence(s), 0 from memory, 2 to translate (14 characters)')
    expect(run.stdout).toContain('Total to send: 2 unique sentence(s), 14 characters')
    expect(provider.received).toEqual([])
    await expect(stat(join(root, 'output'))).rejects.toThrow()
  })

  it('prints a machine-readable summary per article', async () => {
    const root = await makeProject({'input/a.md': 'Satz A. Satz B.'})
    const run = await tandem(root, ['build', '--json', '--provider', 'recording'], {providers: {recording: recordingProvider()}})
    const summary = JSON.parse(run.stdout) as {articles: Array<Record<string, unknown>>}
    expect(summary.articles).toEqual([
      {
        path: 'input/a.md',
        ok: true,
        sentences: 2,
        fromMemory: 0,
        translated: 2,
        failed: 0,
        characters: 14,
        outputs: ['output/a.de.md', 'output/a.en.md', 'output/a.de-en.md', 'output/a.review.html'],
        written: true
      }
    ])
  })
})

describe('tandem build: interrupted', () => {
  it('keeps every translation received before Ctrl-C and exits 130', async () => {
    const root = await makeProject({'input/a.md': 'Eins. Zwei. Drei. Vier.'})
    const controller = new AbortController()
    const provider = recordingProvider({maxBatchSegments: 1, delayMs: 30})
    const slow = {
      ...provider,
      async translate(...args: Parameters<typeof provider.translate>) {
        const answer = await provider.translate(...args)
        if (provider.requests.length === 2) controller.abort(new Error('interrupted'))
        return answer
      }
    }
    const run = await tandem(root, ['build', '--provider', 'slow', '--concurrency', '1'], {providers: {slow}, signal: controller.signal})
    expect(run.code).toBe(130)
    expect(run.stderr).toContain('interrupted')
    const memory = await read(root, 'output/.tandem/memory.de-en.jsonl')
    expect(memory).toContain('"source":"Eins."')
    expect(memory).toContain('"source":"Zwei."')
    await expect(stat(join(root, 'output/a.en.md'))).rejects.toThrow()
    const rerun = recordingProvider()
    expect((await tandem(root, ['build', '--provider', 'recording'], {providers: {recording: rerun}})).code).toBe(0)
    expect(rerun.received).toEqual(['Drei.', 'Vier.'])
  })
})
