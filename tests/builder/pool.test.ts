import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {generateCorpus} from '../../src/bench/generate.js'
import {sharedPool} from '../../src/builder/pool.js'
import {runBuild, type BuildOptions} from '../../src/builder/run.js'
import {describeFailure} from '../../src/cli/guard.js'
import {createTranslator} from '../../src/cli/i18n.js'
import {TandemError} from '../../src/errors.js'
import {EMPTY_GLOSSARY} from '../../src/glossary/model.js'
import {ENGLISH_LABELS} from '../../src/review/html.js'
import {filesBelow, makeProject, tandem} from '../helpers/project.js'
import {recordingProvider, type RecordingProvider} from '../helpers/providers.js'

function options(root: string, provider: RecordingProvider, extra: Partial<BuildOptions> = {}): BuildOptions {
  return {cwd: root, inputDir: join(root, 'input'), outputDir: join(root, 'output'), provider, target: 'en', concurrency: 2, frontmatterFields: [], dryRun: false, signal: new AbortController().signal, workers: 2, ...extra}
}

describe('building in worker threads', () => {
  it('writes byte for byte what a build in one thread writes', async () => {
    const corpus = Object.fromEntries(generateCorpus(24, {seed: 7, bytes: 2500}).map(([name, text]) => [`input/${name}`, text]))
    // One article fails to parse its frontmatter, in both builds alike.
    corpus['input/kaputt.md'] = '---\ntitle: [offen\n---\n\nText.\n'
    const inline = await makeProject(corpus)
    const threaded = await makeProject(corpus)
    const one = await tandem(inline, ['build', '--provider', 'pseudo', '--workers', '1'])
    const two = await tandem(threaded, ['build', '--provider', 'pseudo', '--workers', '2'])
    expect(one.code).toBe(1)
    expect(two.code).toBe(1)
    expect(two.stdout).toContain('25 article(s): 24 built')
    const diagnostics = (text: string): string => text.replace(/^translated .*\n/gm, '')
    expect(diagnostics(two.stderr)).toBe(diagnostics(one.stderr))
    expect(two.stderr).toMatch(/kaputt\.md:2:\d+ +error +parse-failed/)
    const a = await filesBelow(join(inline, 'output'))
    const b = await filesBelow(join(threaded, 'output'))
    // Five files an article and the state; pseudo translations are not kept in a memory.
    expect(a.size).toBe(24 * 5 + 1)
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort())
    for (const [path, text] of a) expect(b.get(path), path).toBe(text)
  })
})

describe('a build worker that runs out of memory', () => {
  it('stops the build with an error naming the articles it held, and leaves the earlier outputs as they were', async () => {
    const files = Object.fromEntries(Array.from({length: 16}, (_, index) => [`input/a${String(index).padStart(2, '0')}.md`, `# Teil ${index}\n\nEin Satz Nummer ${index}.\n`]))
    const root = await makeProject(files)
    const provider = recordingProvider()
    const first = await runBuild(options(root, provider))
    expect(first.articles.every((article) => article.ok)).toBe(true)
    const before = await filesBelow(join(root, 'output'))
    expect(before.size).toBe(16 * 5 + 2)
    // Sixteen new articles beside the large one: enough to be built in workers.
    for (let index = 0; index < 16; index++) await writeFile(join(root, 'input', `b${String(index).padStart(2, '0')}.md`), `# Neu ${index}\n\nEin neuer Satz Nummer ${index}.\n`)
    await writeFile(join(root, 'input', 'gross.md'), Array.from({length: 12_000}, (_, index) => `Der Absatz Nummer ${index} hat **zwei** Sätze mit \`Code\` und [Link](https://example.com/${index}). Hier ist der zweite.\n\n`).join(''))
    const failed = await runBuild(options(root, provider, {workerHeapMb: 32})).then(
      () => undefined,
      (error: unknown) => error
    )
    expect(failed).toBeInstanceOf(TandemError)
    const error = failed as TandemError
    expect(error.key).toBe('worker.outOfMemory')
    expect(String(error.params['articles'])).toContain('input/gross.md')
    expect(error.message).toContain('NODE_OPTIONS=--max-old-space-size=')
    // The CLI prints it in the user's language and exits 1, as for a fault it cannot fix for the user.
    const english = describeFailure(error, await createTranslator('en'))
    expect(english.code).toBe(1)
    expect(english.line).toMatch(/^tandem: a build worker ran out of memory while it held .*input\/gross\.md/)
    const german = describeFailure(error, await createTranslator('de'))
    expect(german.code).toBe(1)
    expect(german.line).toContain('ging der Speicher aus')
    const after = await filesBelow(join(root, 'output'))
    for (const [path, text] of before) if (!path.startsWith('.tandem/')) expect(after.get(path), path).toBe(text)
    expect([...after.keys()].filter((path) => path.startsWith('gross'))).toEqual([])
  })
})

describe('the main thread as one of the build threads', () => {
  it('never builds a large input in the main thread, whose turn it is: it goes to a worker, whose out-of-memory error names it', async () => {
    // Sixteen small articles, and a large one first in order: the first article is the main thread's by turn.
    const files = Object.fromEntries(Array.from({length: 16}, (_, index) => [`input/a${String(index).padStart(2, '0')}.md`, `# Teil ${index}\n\nEin Satz Nummer ${index}.\n`]))
    files['input/0-gross.md'] = Array.from({length: 12_000}, (_, index) => `Der Absatz Nummer ${index} hat **zwei** Sätze mit \`Code\` und [Link](https://example.com/${index}). Hier ist der zweite.\n\n`).join('')
    const root = await makeProject(files)
    const failed = await runBuild(options(root, recordingProvider(), {workerHeapMb: 32})).then(
      () => undefined,
      (error: unknown) => error
    )
    expect(failed).toBeInstanceOf(TandemError)
    expect((failed as TandemError).key).toBe('worker.outOfMemory')
    expect(String((failed as TandemError).params['articles'])).toContain('input/0-gross.md')
    // Without the large one, the same build succeeds.
    const small = await makeProject(Object.fromEntries(Object.entries(files).filter(([path]) => !path.includes('gross'))))
    const report = await runBuild(options(small, recordingProvider(), {workerHeapMb: 32}))
    expect(report.articles.filter((article) => article.ok)).toHaveLength(16)
  })
})

describe('closing a pool whose main thread builds too', () => {
  it('waits for the jobs running in the main thread and starts no new one, so that nothing is written after the build ended', async () => {
    const root = await makeProject({'input/a.md': '# Titel\n\nEin Satz.\n', 'input/b.md': '# Titel\n\nNoch ein Satz.\n'})
    const settings = {cwd: root, outputDir: join(root, 'output'), frontmatterFields: [], maxInputBytes: 1_000_000, glossary: EMPTY_GLOSSARY, checks: [], checkGlossary: false, review: {labels: ENGLISH_LABELS, lang: 'en' as const}, judgeThreshold: 0}
    const ref = (name: string) => ({inputPath: join(root, 'input', name), name, displayPath: `input/${name}`, outputs: {} as never})
    const pool = sharedPool(settings, 2)
    let prepared = false
    // The first article is the main thread's by turn.
    const job = pool.prepare(ref('a.md')).then((value) => {
      prepared = true
      return value
    })
    await pool.close()
    expect(prepared).toBe(true)
    expect((await job).segments.length).toBeGreaterThan(0)
    await expect(pool.finish('a.md', new Map())).rejects.toThrow('internal: the build pool is closed')
  })
})
