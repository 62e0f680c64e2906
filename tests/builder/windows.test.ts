import {existsSync} from 'node:fs'
import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ProviderError} from '../../src/errors.js'
import {runBuild, type BuildOptions} from '../../src/builder/run.js'
import {filesBelow, makeProject} from '../helpers/project.js'
import {recordingProvider, type RecordingProvider} from '../helpers/providers.js'

/** Ten articles; every one repeats a sentence of the first, so windows share work. */
const FILES = Object.fromEntries(
  Array.from({length: 10}, (_, index) => [`input/a${index}.md`, `# Teil ${index}\n\nEin gemeinsamer Satz für alle. Der eigene Satz Nummer ${index}.\n`])
)

function options(root: string, provider: RecordingProvider, extra: Partial<BuildOptions> = {}): BuildOptions {
  return {
    cwd: root,
    inputDir: join(root, 'input'),
    outputDir: join(root, 'output'),
    provider,
    target: 'en',
    concurrency: 2,
    frontmatterFields: [],
    dryRun: false,
    signal: new AbortController().signal,
    workers: 1,
    ...extra
  }
}

/** The Markdown outputs of a project. */
async function outputs(root: string): Promise<Map<string, string>> {
  return new Map([...(await filesBelow(join(root, 'output')))].filter(([path]) => path.endsWith('.md')))
}

describe('building in windows', () => {
  it('writes what one window writes, sends a shared sentence once, and counts progress across windows', async () => {
    const whole = await makeProject(FILES)
    const windowed = await makeProject(FILES)
    const one = recordingProvider({maxBatchSegments: 4})
    const many = recordingProvider({maxBatchSegments: 4})
    await runBuild(options(whole, one))
    const seen: Array<[number, number]> = []
    const report = await runBuild(options(windowed, many, {window: 3, onProgress: (done, total) => void seen.push([done, total])}))
    expect(report.articles.every((article) => article.ok)).toBe(true)
    expect(await outputs(windowed)).toEqual(await outputs(whole))
    expect(many.received.filter((text) => text.startsWith('Ein gemeinsamer Satz'))).toHaveLength(1)
    expect([...many.received].sort()).toEqual([...one.received].sort())
    expect(report.plan.sentences).toBe(one.received.length)
    expect(seen.at(-1)).toEqual([one.received.length, one.received.length])
    for (let i = 1; i < seen.length; i++) expect(seen[i]?.[0]).toBeGreaterThan(seen[i - 1]?.[0] ?? 0)
  })

  it('stops sending in later windows once the provider refuses the key', async () => {
    const root = await makeProject(FILES)
    const provider = recordingProvider({fail: () => new ProviderError('provider-auth', 'recording: 403 Forbidden')})
    const report = await runBuild(options(root, provider, {window: 2}))
    expect(provider.requests).toHaveLength(1)
    expect(report.articles.filter((article) => article.ok)).toEqual([])
    // One fault for the whole build, not one message per sentence.
    expect(report.diagnostics).toEqual([])
    expect(report.stopped).toMatchObject({code: 'provider-auth', message: 'recording: 403 Forbidden'})
  })

  it('writes an article as soon as its last sentence arrives, while the provider works on the rest', async () => {
    const root = await makeProject(FILES)
    const inner = recordingProvider({maxBatchSegments: 2})
    const written: boolean[] = []
    const provider: RecordingProvider = {
      ...inner,
      capabilities: {...inner.capabilities, maxBatchSegments: 2},
      async translate(request, translateOptions) {
        written.push(existsSync(join(root, 'output/a0.en.md')))
        return inner.translate(request, translateOptions)
      }
    }
    const report = await runBuild(options(root, provider, {concurrency: 1}))
    expect(report.articles.every((article) => article.ok)).toBe(true)
    expect(written.length).toBeGreaterThan(5)
    // The first article was on disk before the last requests went out.
    expect(written[0]).toBe(false)
    expect(written.at(-1)).toBe(true)
  })

  it('applies a reviewer edit in the last window to the same sentence in the first', async () => {
    const root = await makeProject(FILES)
    await runBuild(options(root, recordingProvider(), {window: 3}))
    const last = join(root, 'output/a9.en.md')
    const english = await readFile(last, 'utf8')
    const line = english.split('\n').find((text) => text.startsWith('Éín géméínsámér')) ?? ''
    expect(line).not.toBe('')
    await writeFile(last, english.replace(line, 'One sentence all of them share.'))
    const provider = recordingProvider()
    const report = await runBuild(options(root, provider, {window: 3}))
    expect(report.articles.every((article) => article.ok)).toBe(true)
    expect(provider.received).toEqual([])
    expect(await readFile(join(root, 'output/a0.en.md'), 'utf8')).toContain('One sentence all of them share.')
  })
})

