import {existsSync} from 'node:fs'
import {mkdir, readFile, rename, rm, utimes, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {TranslationMemory} from '../../src/memory/store.js'
import {makeProject, put, tandem} from '../helpers/project.js'
import {recordingProvider} from '../helpers/providers.js'

/**
 * The build core's promise under faults: nothing lost, nothing faked. Each
 * case is a defect reproduced on an earlier main.
 */

const ARTICLE = '# Titel\n\nErster Satz hier. Zweiter Satz dort.\n\nDritter Satz am Ende.\n'
const read = (root: string, path: string): Promise<string> => readFile(join(root, path), 'utf8')

async function memoryOf(root: string): Promise<ReturnType<TranslationMemory['all']>> {
  return (await TranslationMemory.open(join(root, 'output/.tandem'), 'memory.de-en.jsonl')).all()
}

/** A project with ARTICLE built once through a remembering provider, and the same build to run again. */
async function builtOnce(): Promise<{root: string; build: () => ReturnType<typeof tandem>}> {
  const root = await makeProject({'input/a.md': ARTICLE})
  const providers = {recording: recordingProvider()}
  const build = (): ReturnType<typeof tandem> => tandem(root, ['build', '--provider', 'recording'], {providers})
  expect((await build()).code).toBe(0)
  return {root, build}
}

describe('a write that fails halfway through an article', () => {
  it('never turns tandem’s own English into a reviewer’s edit, and leaves the earlier outputs as they were', async () => {
    const {root, build} = await builtOnce()
    const before = await read(root, 'output/a.en.md')
    await put(root, 'input/a.md', ARTICLE.replace('Dritter Satz', 'Vierter Satz'))
    // One output cannot be written: a folder stands in its place.
    await rm(join(root, 'output/a.de-en.md'))
    await mkdir(join(root, 'output/a.de-en.md'))
    const failed = await build()
    expect(failed.code).toBe(1)
    expect(failed.stderr).toContain('a.de-en.md')
    // Nothing of the article became visible: its English is the earlier one.
    expect(await read(root, 'output/a.en.md')).toBe(before)
    await rm(join(root, 'output/a.de-en.md'), {recursive: true})
    const again = await build()
    expect(again.code, again.stderr).toBe(0)
    const memory = await memoryOf(root)
    expect(memory.filter((entry) => entry.status === 'reviewed' || entry.provider === 'human')).toEqual([])
    expect(await read(root, 'output/a.en.md')).toContain(memory.find((entry) => entry.source.startsWith('Vierter'))?.target)
  })

  it('recognises its own English from a transaction a kill cut short, and rolls it forward', async () => {
    const {root, build} = await builtOnce()
    const oldEn = await read(root, 'output/a.en.md')
    const oldRecord = await read(root, 'output/.tandem/records/a.json')
    await put(root, 'input/a.md', ARTICLE.replace('Dritter Satz', 'Vierter Satz'))
    expect((await build()).code).toBe(0)
    // As if killed after the new English was renamed into place but before the record was:
    // the new .en.md stands beside the old record, with the transaction's marker still there.
    const newRecord = await read(root, 'output/.tandem/records/a.json')
    await mkdir(join(root, 'output/.tandem/pending'), {recursive: true})
    await writeFile(join(root, 'output/.tandem/pending/a.json'), newRecord)
    await writeFile(join(root, 'output/.tandem/records/a.json'), oldRecord)
    expect(await read(root, 'output/a.en.md')).not.toBe(oldEn)
    const again = await build()
    expect(again.code, again.stderr).toBe(0)
    expect((await memoryOf(root)).filter((entry) => entry.status === 'reviewed')).toEqual([])
    expect(existsSync(join(root, 'output/.tandem/pending/a.json'))).toBe(false)
    expect(await read(root, 'output/.tandem/records/a.json')).toBe(newRecord)
  })
})

describe('a first build killed before its first record was committed', () => {
  it('commits the pending record although no records folder exists yet', async () => {
    const {root, build} = await builtOnce()
    const record = await read(root, 'output/.tandem/records/a.json')
    await mkdir(join(root, 'output/.tandem/pending'), {recursive: true})
    await writeFile(join(root, 'output/.tandem/pending/a.json'), record)
    await rm(join(root, 'output/.tandem/records'), {recursive: true})
    await rm(join(root, 'output/.tandem/state.json'))
    const again = await build()
    expect(again.code, again.stderr).toBe(0)
    expect(await read(root, 'output/.tandem/records/a.json')).toBe(record)
    expect((await memoryOf(root)).filter((entry) => entry.status === 'reviewed')).toEqual([])
  })
})

describe('an answer refused by the structure check', () => {
  it('is never kept in the memory, so the next build asks again instead of failing forever', async () => {
    const root = await makeProject({'input/a.md': '# Titel\n\nEin Satz mit Wörtern.\n'})
    // The answer turns plain text into an autolink: the English would gain a link.
    const poisoned = recordingProvider({answer: (text, index) => ({id: '', text: index === 1 ? 'Visit www.example.com today.' : text})})
    const first = await tandem(root, ['build', '--provider', 'recording'], {providers: {recording: poisoned}})
    expect(first.code).toBe(1)
    expect(first.stderr).toContain('structure')
    expect((await memoryOf(root)).map((entry) => entry.target)).not.toContain('Visit www.example.com today.')
    const honest = recordingProvider()
    const second = await tandem(root, ['build', '--provider', 'recording'], {providers: {recording: honest}})
    expect(second.code, second.stderr).toBe(0)
    expect(honest.received).toContain('Ein Satz mit Wörtern.')
  })
})

describe('removing the outputs of vanished inputs', () => {
  it('removes only files tandem wrote for that input, never the memory, a record or another article’s output', async () => {
    const root = await makeProject({'input/a.md': ARTICLE, 'input/b.md': '# Zwei\n\nNoch ein Satz.\n'})
    expect((await tandem(root, ['build', '--provider', 'pseudo'])).code).toBe(0)
    const statePath = join(root, 'output/.tandem/state.json')
    const state = JSON.parse(await read(root, 'output/.tandem/state.json')) as {articles: Record<string, unknown>}
    state.articles['gone.md'] = {files: ['.tandem/memory.de-en.jsonl', '.tandem/records/a.json', 'b.en.md', '../input/a.md']}
    await writeFile(statePath, JSON.stringify(state))
    await put(root, 'output/.tandem/memory.de-en.jsonl', '{"tandem":"translation-memory","version":1}\n')
    const run = await tandem(root, ['build', '--provider', 'pseudo'])
    expect(run.code, run.stderr).toBe(0)
    for (const path of ['output/.tandem/memory.de-en.jsonl', 'output/.tandem/records/a.json', 'output/b.en.md', 'input/a.md']) {
      expect(existsSync(join(root, path)), path).toBe(true)
    }
  })

  it('keeps the fresh outputs of an input renamed from x.md to x.markdown', async () => {
    const root = await makeProject({'input/x.md': ARTICLE})
    expect((await tandem(root, ['build', '--provider', 'pseudo'])).code).toBe(0)
    await rename(join(root, 'input/x.md'), join(root, 'input/x.markdown'))
    const run = await tandem(root, ['build', '--provider', 'pseudo'])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).not.toContain('removed')
    for (const suffix of ['de.md', 'en.md', 'de-en.md', 'review.html']) expect(existsSync(join(root, `output/x.${suffix}`)), suffix).toBe(true)
  })

  it('removes the outputs of a deleted input, but not one a person changed since', async () => {
    const root = await makeProject({'input/a.md': ARTICLE, 'input/b.md': '# Zwei\n\nNoch ein Satz.\n'})
    expect((await tandem(root, ['build', '--provider', 'pseudo'])).code).toBe(0)
    await rm(join(root, 'input/b.md'))
    await writeFile(join(root, 'output/b.de-en.md'), 'my own notes\n')
    const run = await tandem(root, ['build', '--provider', 'pseudo'])
    expect(run.code, run.stderr).toBe(0)
    expect(existsSync(join(root, 'output/b.en.md'))).toBe(false)
    expect(existsSync(join(root, 'output/b.de.md'))).toBe(false)
    expect(await read(root, 'output/b.de-en.md')).toBe('my own notes\n')
    expect(run.stderr).toContain('b.de-en.md')
  })
})

describe('a dry run', () => {
  it('lists the removals the same plan would make, and removes nothing', async () => {
    const root = await makeProject({'input/a.md': ARTICLE, 'input/b.md': '# Zwei\n\nNoch ein Satz.\n'})
    expect((await tandem(root, ['build', '--provider', 'pseudo'])).code).toBe(0)
    await rm(join(root, 'input/b.md'))
    const run = await tandem(root, ['build', '--provider', 'pseudo', '--dry-run'])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain('would remove b.en.md (its input is gone)')
    expect(run.stdout).not.toContain('would remove a.')
    expect(existsSync(join(root, 'output/b.en.md'))).toBe(true)
  })
})

describe('overlapping input and output folders', () => {
  for (const [label, args] of [
    ['output inside input', ['--output', 'input/out']],
    ['the same folder', ['--output', 'input']],
    ['input inside output', ['--input', 'output/in']]
  ] as const) {
    it(`refuses ${label} with a configuration error, exit 2, writing nothing`, async () => {
      const root = await makeProject({'input/a.md': ARTICLE, 'output/in/b.md': ARTICLE})
      const run = await tandem(root, ['build', '--provider', 'pseudo', ...args])
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(/tandem: .*(inside|same folder)/)
      expect(existsSync(join(root, 'input/out'))).toBe(false)
      expect(existsSync(join(root, 'input/a.en.md'))).toBe(false)
    })
  }
})

describe('one way into a project', () => {
  it('gives every command the same folders and the same refusal of overlapping ones', async () => {
    const root = await makeProject({'input/a.md': ARTICLE, 'tandem.config.json': JSON.stringify({output: 'input/out'})})
    for (const args of [['build', '--provider', 'pseudo'], ['status'], ['review'], ['export', '--tmx'], ['glossary', 'check']]) {
      const run = await tandem(root, args)
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.stderr, args.join(' ')).toContain('inside the input folder')
    }
  })
})

describe('the folder flags', () => {
  it('let every command work on a trial build in another output folder', async () => {
    const root = await makeProject({'input/a.md': ARTICLE})
    expect((await tandem(root, ['build', '--provider', 'recording', '--output', 'try'], {providers: {recording: recordingProvider()}})).code).toBe(0)
    const status = await tandem(root, ['status', '--json', '--output', 'try'])
    expect(status.code, status.stderr).toBe(0)
    expect(JSON.parse(status.stdout)).toMatchObject([{article: 'input/a.md', sentences: 4, machine: 4, missing: 0}])
    const review = await tandem(root, ['review', '--output', 'try'])
    expect(review.code, review.stderr).toBe(0)
    expect(review.stdout).toContain('Erster Satz hier.')
    const exported = await tandem(root, ['export', '--tmx', '--output', 'try'])
    expect(exported.stdout).toContain('(4 translation units)')
    expect(existsSync(join(root, 'output'))).toBe(false)
  })
})

describe('the output lock', () => {
  it('counts an empty lock as busy while it is young, and as stale once its age proves it', async () => {
    const root = await makeProject({'input/a.md': ARTICLE})
    const lock = join(root, 'output/.tandem/lock')
    await put(root, 'output/.tandem/lock', '')
    const busy = await tandem(root, ['build', '--provider', 'pseudo'])
    expect(busy.code).toBe(1)
    expect(busy.stderr).toContain('busy')
    expect(existsSync(join(root, 'output/a.en.md'))).toBe(false)
    const old = new Date(Date.now() - 10 * 60_000)
    await utimes(lock, old, old)
    const run = await tandem(root, ['build', '--provider', 'pseudo'])
    expect(run.code, run.stderr).toBe(0)
    expect(existsSync(lock)).toBe(false)
  })
})

describe('the memory file', () => {
  it('refuses a conflicting duplicate key, naming both lines', async () => {
    const root = await makeProject({'input/a.md': ARTICLE})
    const entry = (target: string): string => JSON.stringify({source: 'Erster Satz hier.', target, status: 'machine', provider: 'x'})
    await put(root, 'output/.tandem/memory.de-en.jsonl', ['{"tandem":"translation-memory","version":1}', entry('First sentence here.'), entry('Another English.'), ''].join('\n'))
    const run = await tandem(root, ['build', '--provider', 'pseudo'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/memory\.de-en\.jsonl:3: .*line 2/)
    // An identical repeat is no conflict.
    await put(root, 'output/.tandem/memory.de-en.jsonl', ['{"tandem":"translation-memory","version":1}', entry('First sentence here.'), entry('First sentence here.'), ''].join('\n'))
    expect((await tandem(root, ['build', '--provider', 'pseudo'])).code).toBe(0)
  })

  it('names a memory path that is a folder, without an internal error', async () => {
    const root = await makeProject({'input/a.md': ARTICLE})
    await mkdir(join(root, 'output/.tandem/memory.de-en.jsonl'), {recursive: true})
    const run = await tandem(root, ['build', '--provider', 'pseudo'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('memory.de-en.jsonl')
    expect(run.stderr).toContain('folder')
    expect(run.stderr).not.toContain('internal')
  })
})
