import {existsSync} from 'node:fs'
import {mkdir, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Article} from '../../src/article/article.js'
import {updateState, type BuildState} from '../../src/builder/state.js'
import {translateWork} from '../../src/builder/translate.js'
import type {WorkItem} from '../../src/builder/plan.js'
import {ProviderError} from '../../src/errors.js'
import {GlossaryContext} from '../../src/glossary/context.js'
import {entryKey} from '../../src/glossary/matcher.js'
import {parseGlossaryFile} from '../../src/glossary/parse-file.js'
import type {MemoryEntry} from '../../src/memory/store.js'
import {decideReuse} from '../../src/memory/reuse.js'
import {outputPathsFor} from '../../src/project/layout.js'
import {bytesHash} from '../../src/util/hash.js'
import {recordingProvider} from '../helpers/providers.js'
import {tempDir} from '../helpers/temp.js'

/** The stage functions on their own, without a whole build around them. */

const context = new GlossaryContext({entries: parseGlossaryFile('terms:\n  - de: Abwerbung\n    en: poaching\n', 'glossary.yaml'), files: ['glossary.yaml']})
const entry = (target: string, extra: Partial<MemoryEntry> = {}): MemoryEntry => ({source: 'Die Abwerbung ist neu.', target, status: 'machine', provider: 'x', ...extra})

describe('decideReuse', () => {
  const keys = context.keys('Die Abwerbung ist neu.')
  it('always uses a reviewed translation, even one that breaks the glossary', () => {
    expect(decideReuse(entry('The headhunting is new.', {status: 'reviewed'}), context)).toEqual({use: true})
  })
  it('uses a machine translation made with the same glossary entries as they are', () => {
    expect(keys).toHaveLength(1)
    expect(decideReuse(entry('The hiring is new.', {glossary: keys}), context)).toEqual({use: true})
  })
  it('verifies one made with other entries: kept and updated when it complies, translated again when not', () => {
    expect(decideReuse(entry('The poaching is new.'), context)).toEqual({use: true, update: entry('The poaching is new.', {glossary: keys})})
    expect(decideReuse(entry('The hiring is new.'), context)).toEqual({use: false})
    expect(keys[0]).toBe(entryKey(context.glossary.entries[0] as never))
  })
})

function article(name: string): Article {
  return {inputPath: `/in/${name}`, name, displayPath: `input/${name}`, outputs: outputPathsFor('/out', name), diagnostics: [], failed: false}
}
function work(sources: readonly string[], owner: Article): WorkItem[] {
  return sources.map((source, index) => ({source, context: '', occurrences: [{article: owner, segment: {id: String(index), kind: 'paragraph', source, context: '', place: {line: index + 1, column: 1}, translatable: true}}]}))
}

describe('translateWork', () => {
  it('sends batches within the provider’s limits, records each accepted batch before it counts, and returns the translations', async () => {
    const provider = recordingProvider({maxBatchSegments: 2})
    const recorded: MemoryEntry[][] = []
    const owner = article('a.md')
    const sources = ['Eins.', 'Zwei.', 'Drei.', 'Vier.', 'Fünf.']
    const progress: number[] = []
    const result = await translateWork(work(sources, owner), {
      provider,
      target: 'en',
      concurrency: 1,
      signal: new AbortController().signal,
      record: async (entries) => void recorded.push([...entries]),
      onProgress: (done) => progress.push(done)
    })
    expect(provider.requests.map((request) => request.segments.length)).toEqual([2, 2, 1])
    expect(recorded.map((batch) => batch.map((item) => item.source))).toEqual([['Eins.', 'Zwei.'], ['Drei.', 'Vier.'], ['Fünf.']])
    expect(recorded.flat().every((item) => item.status === 'machine' && item.provider === 'recording')).toBe(true)
    expect([...result.keys()]).toEqual(sources)
    expect(progress).toEqual([2, 4, 5])
    expect(owner.failed).toBe(false)
  })

  it('fails the articles of a sentence whose answer lost a placeholder, with its place, and records nothing of it', async () => {
    const provider = recordingProvider({answer: (text) => ({id: '', text: text.replace(/<\/?b1>/g, '')})})
    const owner = article('a.md')
    const recorded: MemoryEntry[] = []
    const result = await translateWork(work(['Ein <b1>fetter</b1> Satz.', 'Ein Satz.'], owner), {
      provider,
      target: 'en',
      concurrency: 1,
      signal: new AbortController().signal,
      record: async (entries) => void recorded.push(...entries)
    })
    expect([...result.keys()]).toEqual(['Ein Satz.'])
    expect(recorded.map((item) => item.source)).toEqual(['Ein Satz.'])
    expect(owner.failed).toBe(true)
    expect(owner.diagnostics.map((item) => [item.rule, item.place?.line])).toEqual([['placeholder-missing', 1]])
  })

  it('stops sending once the provider refuses for good (authorization): later batches fail without a request or a message each', async () => {
    const provider = recordingProvider({maxBatchSegments: 1, fail: () => new ProviderError('provider-auth', 'recording: 403 Forbidden')})
    const owner = article('a.md')
    const stop = new AbortController()
    await translateWork(work(['Eins.', 'Zwei.', 'Drei.'], owner), {provider, target: 'en', concurrency: 1, signal: new AbortController().signal, record: async () => undefined, stop})
    expect(provider.requests).toHaveLength(1)
    // The article fails without a message per sentence: the build reports the fault once, from the stop's reason.
    expect(owner.failed).toBe(true)
    expect(owner.diagnostics).toEqual([])
    expect(stop.signal.reason).toMatchObject({code: 'provider-auth', message: 'recording: 403 Forbidden'})
  })
})

describe('updateState', () => {
  async function output(): Promise<{dir: string; state: BuildState}> {
    const dir = await tempDir()
    const files: Record<string, string> = {}
    for (const name of ['gone.md', 'kept.md']) {
      const paths = outputPathsFor(dir, name)
      for (const path of Object.values(paths)) {
        await mkdir(join(path, '..'), {recursive: true})
        await writeFile(path, `${name} ${path}`)
        files[path.slice(dir.length + 1)] = bytesHash(Buffer.from(`${name} ${path}`))
      }
    }
    await mkdir(join(dir, '.tandem/records'), {recursive: true})
    await writeFile(join(dir, '.tandem/records/gone.json'), '{}')
    await mkdir(join(dir, '.tandem/pending'), {recursive: true})
    await writeFile(join(dir, '.tandem/pending/gone.json'), '{}')
    await writeFile(join(dir, '.tandem/memory.de-en.jsonl'), 'memory\n')
    const entryOf = (name: string): {files: string[]; outputs: Record<string, string>} => {
      const own = Object.keys(files).filter((file) => file.startsWith(name.replace('.md', '')))
      return {files: [...own, '.tandem/memory.de-en.jsonl', '../elsewhere.md'], outputs: Object.fromEntries(own.map((file) => [file, files[file] as string]))}
    }
    return {dir, state: {version: 2, articles: {'gone.md': entryOf('gone.md'), 'kept.md': entryOf('kept.md')}}}
  }

  it('removes the outputs and record of a vanished input, only those, and writes the state of what is present', async () => {
    const {dir, state} = await output()
    const cleanup = await updateState({outputDir: dir, previous: state, present: ['kept.md'], entries: new Map(), complete: true})
    expect([...cleanup.removed].sort()).toEqual(['gone.de-en.md', 'gone.de.md', 'gone.en.md', 'gone.review.html'])
    expect(cleanup.kept).toEqual([])
    expect(existsSync(join(dir, '.tandem/records/gone.json'))).toBe(false)
    expect(existsSync(join(dir, '.tandem/pending/gone.json'))).toBe(false)
    expect(await readFile(join(dir, '.tandem/memory.de-en.jsonl'), 'utf8')).toBe('memory\n')
    expect(existsSync(join(dir, 'kept.en.md'))).toBe(true)
    const written = JSON.parse(await readFile(join(dir, '.tandem/state.json'), 'utf8')) as BuildState
    expect(Object.keys(written.articles)).toEqual(['kept.md'])
  })

  it('keeps a file changed since tandem wrote it, and removes nothing when only some inputs were built', async () => {
    const {dir, state} = await output()
    await writeFile(join(dir, 'gone.en.md'), 'edited by hand\n')
    const partial = await updateState({outputDir: dir, previous: state, present: ['kept.md'], entries: new Map(), complete: false})
    expect(partial).toEqual({removed: [], kept: []})
    const full = await updateState({outputDir: dir, previous: state, present: ['kept.md'], entries: new Map(), complete: true})
    expect(full.kept).toEqual(['gone.en.md'])
    expect(await readFile(join(dir, 'gone.en.md'), 'utf8')).toBe('edited by hand\n')
  })
})
