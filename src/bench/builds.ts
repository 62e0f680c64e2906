import {execFileSync} from 'node:child_process'
import {cp, mkdir, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {writeCorpus} from './generate.js'
import {startEchoServer} from './loopback-provider.js'
import {best, floorRun, tandemRun, timed, type ChildRun} from './processes.js'

/**
 * The whole-build benchmarks: each figure is measured in its own processes,
 * side by side with its baseline, on generated corpora.
 */

/**
 * The benchmark projects' config. Note: identity's English is the German, so the
 * untranslated and number checks would flag nearly every sentence of it, and
 * printing 30,000 warnings would be measured instead of the build.
 */
const BENCH_CONFIG = {qa: {untranslated: false, numbers: false}}

/** A project folder with a generated corpus in `input/` and the benchmark's config. */
export async function makeBenchProject(root: string, articles: number): Promise<{dir: string; bytes: number}> {
  const dir = join(root, `corpus-${articles}`)
  const bytes = await writeCorpus(join(dir, 'input'), articles)
  await writeFile(join(dir, 'tandem.config.json'), `${JSON.stringify(BENCH_CONFIG, null, 2)}\n`)
  return {dir, bytes}
}

/** A full build from an empty output folder. */
export async function fullBuild(dir: string, args: readonly string[], env: Record<string, string> = {}): Promise<ChildRun> {
  await rm(join(dir, 'output'), {recursive: true, force: true})
  const run = await tandemRun(dir, ['build', '--quiet', ...args], env)
  if (run.code !== 0) throw new Error(`benchmark build in ${dir} exited with ${run.code}`)
  return run
}

/** Floor and full build with `identity`, best of `times` each. */
export async function floorAndBuild(dir: string, times: number): Promise<{floor: ChildRun; build: ChildRun}> {
  const floor = await best(times, () => floorRun(join(dir, 'input')))
  const build = await best(times, () => fullBuild(dir, ['--provider', 'identity']))
  return {floor, build}
}

/** Whether Debian's po4a is installed. */
export function hasPo4a(): boolean {
  try {
    execFileSync('po4a', ['--version'], {stdio: 'ignore'})
    return true
  } catch {
    return false
  }
}

/**
 * po4a on the same files, all in one call: extract every file into a POT/PO
 * and write each translated document (`--keep 0` writes them although the PO
 * is empty, which makes po4a's "translation" the German, like `identity`).
 */
export async function po4aRun(dir: string): Promise<ChildRun> {
  const work = join(dir, 'po4a')
  await rm(work, {recursive: true, force: true})
  await mkdir(work, {recursive: true})
  const names = (await readdir(join(dir, 'input'))).filter((name) => name.endsWith('.md')).sort()
  const config = [
    '[po4a_langs] en',
    '[po4a_paths] po4a/tandem.pot en:po4a/en.po',
    '[options] opt:"--option markdown --master-charset UTF-8 --localized-charset UTF-8"',
    ...names.map((name) => `[type: text] input/${name} en:po4a/out/${name.replace(/\.md$/, '.en.md')}`)
  ]
  await writeFile(join(work, 'po4a.cfg'), `${config.join('\n')}\n`)
  return timed('po4a', ['--keep', '0', '--force', 'po4a/po4a.cfg'], {cwd: dir})
}

/** The currencies the changed sentence names in turn: each rebuild has one sentence the memory does not have yet. */
const CURRENCIES = ['Dollar', 'Franken', 'Pfund', 'Kronen', 'Yen']

/**
 * Rebuilds of a built project: nothing changed, then one sentence changed
 * (through a persistent provider), best of `times`, with the sentences each
 * of those rebuilds sent.
 */
export async function rebuilds(dir: string, times: number): Promise<{full: ChildRun; unchanged: ChildRun; oneFull: ChildRun; oneChanged: ChildRun; sent: readonly number[]}> {
  const full = await best(times, () => fullBuild(dir, ['--provider', 'identity']))
  const unchanged = await best(times, () => tandemRun(dir, ['build', '--quiet', '--provider', 'identity']))
  // One sentence: a provider whose translations are kept, so that the memory has the rest.
  const server = await startEchoServer(0)
  try {
    const env = {LIBRETRANSLATE_URL: server.url}
    const copy = `${dir}-one`
    await rm(copy, {recursive: true, force: true})
    await cp(dir, copy, {recursive: true})
    const oneFull = await fullBuild(copy, ['--provider', 'libretranslate'], env)
    const first = join(copy, 'input', (await readdir(join(copy, 'input'))).sort()[0] ?? '')
    const text = await readFile(first, 'utf8')
    const sentence = /es ging um ([\d.]+) Euro\./
    if (!sentence.test(text)) throw new Error(`no sentence to change in ${first}`)
    const runs: ChildRun[] = []
    const sent: number[] = []
    for (const currency of CURRENCIES.slice(0, Math.max(1, Math.min(times, CURRENCIES.length)))) {
      await writeFile(first, text.replace(sentence, `es ging um $1 ${currency}.`))
      const before = server.texts()
      runs.push(await tandemRun(copy, ['build', '--quiet', '--provider', 'libretranslate'], env))
      sent.push(server.texts() - before)
    }
    const oneChanged = runs.reduce((fastest, run) => (run.ms < fastest.ms ? run : fastest))
    return {full, unchanged, oneFull, oneChanged, sent}
  } finally {
    await server.close()
  }
}

/**
 * `tandem check` of a project with nothing to report, beside the full build
 * that made it so (a persistent provider: the memory has every sentence).
 */
export async function checkAfterBuild(dir: string, times: number): Promise<{build: ChildRun; check: ChildRun; code: number}> {
  const server = await startEchoServer(0)
  try {
    const copy = `${dir}-checked`
    await rm(copy, {recursive: true, force: true})
    await cp(dir, copy, {recursive: true})
    const build = await fullBuild(copy, ['--provider', 'libretranslate'], {LIBRETRANSLATE_URL: server.url})
    let code = 0
    const check = await best(times, async () => {
      const run = await tandemRun(copy, ['check'])
      code = Math.max(code, run.code ?? 0)
      return run
    })
    return {build, check, code}
  } finally {
    await server.close()
  }
}

/**
 * A build that waits on its provider: a loopback LibreTranslate answering
 * after `delayMs`, refusing more than `rate` requests a second, which the
 * project's config tells tandem. The minimum its limits allow is the larger
 * of the concurrency bound and the rate bound.
 */
export async function latencyBound(dir: string, options: {delayMs: number; rate: number; concurrency: number}): Promise<{run: ChildRun; requests: number; refused: number; minimumMs: number}> {
  const server = await startEchoServer(options.delayMs, {requestsPerSecond: options.rate})
  try {
    await writeFile(join(dir, 'tandem.config.json'), `${JSON.stringify({...BENCH_CONFIG, providers: {libretranslate: {requestsPerSecond: options.rate}}}, null, 2)}\n`)
    const run = await fullBuild(dir, ['--provider', 'libretranslate', '--concurrency', String(options.concurrency)], {LIBRETRANSLATE_URL: server.url})
    const requests = server.requests()
    const byConcurrency = Math.ceil(requests / options.concurrency) * options.delayMs
    const byRate = ((requests - 1) * 1000) / options.rate + options.delayMs
    return {run, requests, refused: server.refused(), minimumMs: Math.max(byConcurrency, byRate)}
  } finally {
    await server.close()
  }
}

/** `tandem --help` from a cold process, median of `times`. */
export async function coldStart(times: number): Promise<number> {
  const runs: number[] = []
  for (let i = 0; i < times; i++) runs.push((await timed(process.execPath, [join(import.meta.dirname, '..', 'cli', 'main.js'), '--help'])).ms)
  runs.sort((a, b) => a - b)
  return runs[Math.floor(runs.length / 2)] ?? 0
}

/** The paragraph of the 5 MB article, `#` standing for its number. */
const BIG_PARAGRAPH = 'Der Absatz Nummer # hat **zwei** Sätze mit `Code` und [Link](https://example.com/#). Hier ist der zweite Satz Nummer #.\n\n'

/** A project with one article of `paragraphs` paragraphs (42,000 make 5.6 MB), for the one-large-article figure. */
export async function makeBigProject(root: string, paragraphs: number): Promise<{dir: string; bytes: number}> {
  const dir = join(root, `big-${paragraphs}`)
  await mkdir(join(dir, 'input'), {recursive: true})
  const text = Array.from({length: paragraphs}, (_, index) => BIG_PARAGRAPH.replaceAll('#', String(index))).join('')
  await writeFile(join(dir, 'input', 'big.md'), text)
  await writeFile(join(dir, 'tandem.config.json'), `${JSON.stringify(BENCH_CONFIG, null, 2)}\n`)
  return {dir, bytes: Buffer.byteLength(text)}
}
