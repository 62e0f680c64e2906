import {spawn, type ChildProcess} from 'node:child_process'
import {cp, readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {generateCorpus, random} from '../../src/bench/generate.js'
import {TranslationMemory} from '../../src/memory/store.js'
import {fakeLibreTranslate} from '../helpers/fakes/libretranslate.js'
import {fakeEnglish, startLoopback, type Loopback} from '../helpers/loopback.js'
import {filesBelow, makeProject, put, tandem} from '../helpers/project.js'
import {tempDir} from '../helpers/temp.js'

/** The compiled CLI: these tests run tandem as a real process, so that it can be killed. */
const CLI = join(import.meta.dirname, '../../dist/cli/main.js')

const CORPUS = Object.fromEntries(generateCorpus(30, {seed: 11, bytes: 2000}).map(([name, text]) => [`input/${name}`, text]))

/**
 * A LibreTranslate that answers after `delayMs`; `sent` lists every text it was asked for, and
 * `reached(n)` resolves once it has received `n` requests in all.
 */
async function slowServer(delayMs: number): Promise<Loopback & {sent: () => string[]; reached: (count: number) => Promise<void>}> {
  const inner = fakeLibreTranslate()
  const waiting: {count: number; resolve: () => void}[] = []
  const server = await startLoopback(async (request) => {
    for (const waiter of waiting.filter((each) => server.requests.length >= each.count)) {
      waiting.splice(waiting.indexOf(waiter), 1)
      waiter.resolve()
    }
    await new Promise((resolve) => setTimeout(resolve, delayMs))
    return inner(request)
  })
  const sent = (): string[] => server.requests.flatMap((request) => {
    const q = (request.json as {q: string | string[]}).q
    return Array.isArray(q) ? q : [q]
  })
  const reached = (count: number): Promise<void> =>
    server.requests.length >= count ? Promise.resolve() : new Promise((resolve) => waiting.push({count, resolve}))
  return Object.assign(server, {sent, reached})
}

function startBuild(root: string, url: string): ChildProcess {
  return spawn(process.execPath, [CLI, 'build', '--provider', 'libretranslate', '--concurrency', '1', '--quiet'], {
    cwd: root,
    env: {PATH: process.env['PATH'] ?? '', LANG: 'en_US.UTF-8', LIBRETRANSLATE_URL: url},
    stdio: ['ignore', 'pipe', 'pipe']
  })
}

function finished(child: ChildProcess): Promise<{code: number | null; signal: NodeJS.Signals | null; stderr: string}> {
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({code, signal, stderr})))
}

/** Every file below `output/`, by path relative to the project (none when a build was killed before it made the folder). */
async function files(root: string): Promise<Map<string, string>> {
  const below = await filesBelow(join(root, 'output')).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return new Map<string, string>()
    throw error
  })
  return new Map([...below].map(([path, text]) => [`output/${path}`, text]))
}

describe('crash safety', () => {
  it('survives SIGKILL at random moments: nothing corrupt, nothing half-written, nothing paid for twice', async () => {
    const server = await slowServer(60)
    const reference = await makeProject(CORPUS)
    const full = await finished(startBuild(reference, server.url))
    expect(full.code).toBe(0)
    const expected = await files(reference)
    expect(expected.size).toBeGreaterThan(0)
    const requestsOfFullBuild = server.requests.length
    expect(requestsOfFullBuild).toBeGreaterThanOrEqual(10)

    const next = random(20261128)
    const template = await makeProject(CORPUS)
    const outcomes: string[] = []
    const remembered: number[] = []
    let afterLast = 300
    // Note: kills are placed by the build's progress, not by the clock, so that a loaded machine cannot
    // bunch them together: the k-th of ten kills lands in the k-th tenth of the build, counted in requests
    // to the provider, with the first tenth reaching back to process start and the last one past the
    // final answer, into the writing. A build that ends before its kill is checked, then tried again with
    // a shorter wait.
    for (let trial = 0; trial < 20 && outcomes.filter((outcome) => outcome === 'SIGKILL').length < 10; trial++) {
      const kills = outcomes.filter((outcome) => outcome === 'SIGKILL').length
      const root = await tempDir()
      await cp(template, root, {recursive: true})
      const base = server.requests.length
      const child = startBuild(root, server.url)
      const done = finished(child)
      const target = Math.floor(((kills + next()) / 10) * (requestsOfFullBuild + 2))
      if (target === 0) await new Promise((resolve) => setTimeout(resolve, 50 + Math.floor(next() * 300)))
      else {
        await Promise.race([server.reached(base + Math.min(target, requestsOfFullBuild)), done])
        await new Promise((resolve) => setTimeout(resolve, Math.floor(next() * (target > requestsOfFullBuild ? afterLast : 60))))
      }
      child.kill('SIGKILL')
      const killed = await done
      outcomes.push(killed.signal ?? `exit ${killed.code}`)
      if (killed.signal !== 'SIGKILL') afterLast = Math.floor(afterLast / 2)

      // Whatever is on disk is complete: outputs as the full build wrote them, a memory that loads.
      const memory = await TranslationMemory.open(join(root, 'output/.tandem'), 'memory.de-en.jsonl')
      for (const entry of memory.all()) expect(entry.target).toBe(fakeEnglish(entry.source))
      for (const [path, text] of await files(root)) {
        if (path.endsWith('.jsonl') || path.includes('.tandem/pending/') || path.endsWith('.tmp') || path.endsWith('/lock') || path.endsWith('state.json')) continue
        expect(text, `trial ${trial}: ${path}`).toBe(expected.get(path))
      }
      const known = new Set(memory.all().map((entry) => entry.source))
      remembered.push(known.size)

      // The rerun completes, takes over the lock, and asks for nothing the memory already has.
      const before = server.sent().length
      const rerun = await tandem(root, ['build', '--provider', 'libretranslate', '--quiet'], {env: {LIBRETRANSLATE_URL: server.url}})
      expect(rerun.code, rerun.stderr).toBe(0)
      const asked = server.sent().slice(before)
      expect(asked.filter((text) => known.has(text))).toEqual([])
      expect(await files(root)).toEqual(expected)
    }
    // Ten builds were killed, at different stages: before, during and after the translating.
    expect(outcomes.filter((outcome) => outcome === 'SIGKILL'), outcomes.join(' ')).toHaveLength(10)
    expect(outcomes.every((outcome) => outcome === 'SIGKILL' || outcome === 'exit 0'), outcomes.join(' ')).toBe(true)
    expect(new Set(remembered).size, remembered.join(' ')).toBeGreaterThanOrEqual(3)
  }, 240_000)

  it('survives SIGKILL during rebuilds: no translation of tandem’s own is ever recorded as a person’s', async () => {
    const server = await slowServer(40)
    const changed = (text: string): string => text.replace(/es ging um (\d+) Euro/, 'es ging um $1 Dollar')
    const built = await makeProject(CORPUS)
    expect((await finished(startBuild(built, server.url))).code).toBe(0)
    const reference = await tempDir()
    await cp(built, reference, {recursive: true})
    for (const [path, text] of Object.entries(CORPUS)) await put(reference, path, changed(text))
    const started = performance.now()
    expect((await finished(startBuild(reference, server.url))).code).toBe(0)
    const rebuildMs = performance.now() - started
    const expected = await files(reference)
    expect(expected.size).toBeGreaterThan(0)
    const next = random(20261201)
    for (let trial = 0; trial < 8; trial++) {
      const root = await tempDir()
      await cp(built, root, {recursive: true})
      for (const [path, text] of Object.entries(CORPUS)) await put(root, path, changed(text))
      const child = startBuild(root, server.url)
      const done = finished(child)
      await new Promise((resolve) => setTimeout(resolve, 30 + Math.floor(next() * Math.max(1, rebuildMs - 60))))
      child.kill('SIGKILL')
      await done
      const rerun = await tandem(root, ['build', '--provider', 'libretranslate', '--quiet'], {env: {LIBRETRANSLATE_URL: server.url}})
      expect(rerun.code, rerun.stderr).toBe(0)
      // No test here wrote English by hand: every entry is the provider's.
      const memory = await TranslationMemory.open(join(root, 'output/.tandem'), 'memory.de-en.jsonl')
      expect(memory.all().filter((entry) => entry.status === 'reviewed' || entry.provider === 'human'), `trial ${trial}`).toEqual([])
      for (const entry of memory.all()) expect(entry.target).toBe(fakeEnglish(entry.source))
      expect(await files(root)).toEqual(expected)
    }
  }, 240_000)

  it('lets exactly one of two builds started at the same moment run, and pays for each sentence once', async () => {
    const server = await slowServer(20)
    const root = await makeProject(CORPUS)
    const [a, b] = await Promise.all([finished(startBuild(root, server.url)), finished(startBuild(root, server.url))])
    expect([a.code, b.code].sort()).toEqual([0, 1])
    expect((a.code === 1 ? a : b).stderr).toContain('busy')
    const sent = server.sent()
    expect(new Set(sent).size).toBe(sent.length)
  })

  it('lets only one of two concurrent builds write; the other stops, naming the first', async () => {
    const server = await slowServer(150)
    const root = await makeProject(CORPUS)
    const reference = await makeProject(CORPUS)
    const first = startBuild(root, server.url)
    const firstDone = finished(first)
    // Start the second once the first holds the lock.
    const lock = join(root, 'output/.tandem/lock')
    for (let waited = 0; waited < 5000; waited += 20) {
      if ((await readFile(lock, 'utf8').catch(() => '')).includes(String(first.pid))) break
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const second = await finished(startBuild(root, server.url))
    expect(second.code).toBe(1)
    expect(second.stderr).toContain(`the output folder is busy: another tandem build (process ${first.pid}`)
    expect((await firstDone).code).toBe(0)
    expect((await finished(startBuild(reference, server.url))).code).toBe(0)
    const a = await files(root)
    const b = await files(reference)
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort())
    for (const [path, text] of b) expect(a.get(path), path).toBe(text)
  })
})
