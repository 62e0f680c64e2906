import {stat} from 'node:fs/promises'
import {availableParallelism} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {getHeapStatistics, setFlagsFromString} from 'node:v8'
import {Worker} from 'node:worker_threads'
import type {ArticleRef} from '../article/article.js'
import {TandemError} from '../errors.js'
import type {ArticleTranslations, Finished, JobSettings, Prepared} from './jobs.js'

/**
 * Where the per-article jobs run: in this thread, or spread over worker
 * threads (each article stays with the worker that prepared it, which keeps
 * its parsed tree until `finish`).
 */
export interface ArticlePool {
  /** Jobs worth having in flight at once. */
  readonly parallelism: number
  prepare(ref: ArticleRef): Promise<Prepared>
  finish(name: string, translations: ArticleTranslations | undefined): Promise<Finished>
  close(): Promise<void>
}

/**
 * Jobs in this thread; file reads and writes of a few articles still overlap.
 * Note: the stages (and remark with them) load only when an article needs them.
 */
export function inlinePool(settings: JobSettings): ArticlePool {
  let jobs: Promise<import('./jobs.js').ArticleJobs> | undefined
  const load = (): Promise<import('./jobs.js').ArticleJobs> => (jobs ??= import('./jobs.js').then(({ArticleJobs}) => new ArticleJobs(settings)))
  return {
    parallelism: 4,
    prepare: async (ref) => (await load()).prepare(ref),
    finish: async (name, translations) => (await load()).finish(name, translations),
    close: async () => undefined
  }
}

/** Threads a build's articles use by default (this one included, see `sharedPool`): one per core, at most 4. */
export function defaultWorkers(): number {
  return Math.min(4, availableParallelism())
}

/** The compiled worker script (tests run the sources, so they point at the build in `dist/`). */
function workerScript(): string {
  const here = fileURLToPath(import.meta.url)
  if (here.endsWith('.ts')) return join(dirname(here), '..', '..', 'dist', 'builder', 'pool-worker.js')
  return join(dirname(here), 'pool-worker.js')
}

/** A request to a worker and its answer. */
export type WorkerRequest =
  | {readonly id: number; readonly op: 'prepare'; readonly ref: ArticleRef}
  | {readonly id: number; readonly op: 'finish'; readonly name: string; readonly translations: ArticleTranslations | undefined}
export type WorkerAnswer = {readonly id: number; readonly ok: true; readonly value: Prepared | Finished} | {readonly id: number; readonly ok: false; readonly message: string}

/**
 * Jobs spread over `size` worker threads. A worker's heap has V8's own
 * limit (as this thread's, which `NODE_OPTIONS=--max-old-space-size` raises)
 * or, given, one of `heapMb`. Note: a limit under 2 GB makes V8 collect once
 * a heap is about twice its live size instead of four times: the
 * 2,000-article benchmark build peaked at 340 MB instead of 440 MB with
 * 1,536 MB, and took 1.06–1.10 × as long, so none is set by default.
 */
export function workerPool(settings: JobSettings, size: number, heapMb?: number): ArticlePool {
  const script = workerScript()
  const pending = new Map<number, {resolve: (value: Prepared | Finished) => void; reject: (error: Error) => void; worker: Worker}>()
  let failure: Error | undefined
  /** Where each article is prepared and finished (it keeps its parsed tree until then), and its path for messages. */
  const home = new Map<string, {worker: Worker; path: string}>()
  const workers = Array.from({length: size}, () => {
    const worker = new Worker(script, {workerData: settings, env: {}, ...(heapMb === undefined ? {} : {resourceLimits: {maxOldGenerationSizeMb: heapMb}})})
    worker.on('message', (answer: WorkerAnswer) => {
      const entry = pending.get(answer.id)
      if (entry === undefined) return
      pending.delete(answer.id)
      if (answer.ok) entry.resolve(answer.value)
      else entry.reject(new Error(answer.message))
    })
    const lost = (cause: Error): void => {
      const error = (cause as {code?: unknown}).code === 'ERR_WORKER_OUT_OF_MEMORY' ? outOfMemory(cause, [...home.values()].filter((entry) => entry.worker === worker).map((entry) => entry.path)) : cause
      failure ??= error
      for (const [id, entry] of pending) {
        if (entry.worker !== worker) continue
        pending.delete(id)
        entry.reject(error)
      }
    }
    worker.on('error', lost)
    worker.on('exit', (code) => lost(new Error(`internal: a build worker stopped (exit code ${code})`)))
    return worker
  })
  let next = 0
  let ids = 0
  const send = <T extends Prepared | Finished>(worker: Worker, request: WorkerRequest): Promise<T> => {
    if (failure !== undefined) return Promise.reject(failure)
    return new Promise<T>((resolve, reject) => {
      pending.set(request.id, {resolve: resolve as (value: Prepared | Finished) => void, reject, worker})
      worker.postMessage(request)
    })
  }
  return {
    // Note: eight jobs a worker, so that one waiting on the disk leaves it others to run (four took 1.03–1.06 × as long in paired 200-article builds).
    parallelism: size * 8,
    prepare(ref) {
      const worker = workers[next++ % workers.length] as Worker
      home.set(ref.name, {worker, path: ref.displayPath})
      return send<Prepared>(worker, {id: ids++, op: 'prepare', ref})
    },
    async finish(name, translations) {
      const entry = home.get(name)
      if (entry === undefined) throw new Error(`internal: article ${name} was not prepared`)
      try {
        return await send<Finished>(entry.worker, {id: ids++, op: 'finish', name, translations})
      } finally {
        home.delete(name)
      }
    },
    async close() {
      failure ??= new Error('internal: the build pool is closed')
      await Promise.all(workers.map((worker) => worker.terminate()))
    }
  }
}

/** The error of a worker that ran out of memory: which articles it held, and what to do. */
function outOfMemory(cause: Error, paths: readonly string[]): TandemError {
  const articles = paths.length === 0 ? '…' : paths.join(', ')
  return new TandemError('internal', `a build worker ran out of memory while it held ${articles}, so none of them was built. Give Node more (NODE_OPTIONS=--max-old-space-size=8192, in MB) or split a very large article`, {
    cause,
    key: 'worker.outOfMemory',
    params: {articles}
  })
}

/** Inputs larger than this are never built in this thread: a worker's out-of-memory error names them, and this thread stays free to plan. */
const SMALL_INPUT = 256 * 1024

/**
 * V8's heap growing factor for a build of many articles: a heap may grow to
 * 3.5 times what survived its last full collection before the next, instead
 * of the 4 times V8 allows a heap limit of 2 GB or more. Together with one
 * thread fewer, the 2,000-article build peaked at 325–367 MiB in 21 runs
 * instead of 398–440, in the same time (1.01, 0.97–1.04, 4 pairs) and with
 * 0.96 of the CPU; at 3 times it peaked at 312–335 MiB but took 1.08 times
 * as long (see BENCHMARKS.md). The flag replaces V8's own choice, so it is
 * set only where that choice would be 4, and only while the pool is open.
 */
const HEAP_GROWING_PERCENT = 250

/** The heap limit from which V8 lets a heap grow to 4 times its live size (below, it grows less: the flag would loosen it). */
const LARGE_HEAP = 2048 * 1024 * 1024

/**
 * Jobs on `threads` threads: `threads - 1` workers, and this thread, which
 * plans and translates besides, taking every `2 × threads - 1`-th article
 * (half a worker's share) as long as its input is small. A build on two
 * cores in two workers and an idle main thread held three heaps and took as
 * long; now it holds two. `close` waits for this thread's jobs: none writes
 * after the build has ended (a worker's failure ends it while they run).
 */
export function sharedPool(settings: JobSettings, threads: number, heapMb?: number): ArticlePool {
  const tuned = getHeapStatistics().heap_size_limit >= LARGE_HEAP && (heapMb === undefined || heapMb * 1024 * 1024 >= LARGE_HEAP)
  if (tuned) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`)
  const workers = workerPool(settings, threads - 1, heapMb)
  const here = inlinePool(settings)
  const home = new Map<string, ArticlePool>()
  const running = new Set<Promise<unknown>>()
  let closed: Error | undefined
  const turn = 2 * threads - 1
  let next = 0
  /** A job of this thread, which `close` waits for; none starts once the pool is closed. */
  const mine = <T>(job: () => Promise<T>): Promise<T> => {
    if (closed !== undefined) return Promise.reject(closed)
    const started = job()
    // Note: what close waits for never rejects; the job's own promise carries its failure to the caller.
    const tracked: Promise<unknown> = started.then(
      () => running.delete(tracked),
      () => running.delete(tracked)
    )
    running.add(tracked)
    return started
  }
  return {
    parallelism: workers.parallelism + here.parallelism,
    prepare(ref) {
      if (next++ % turn !== 0) {
        home.set(ref.name, workers)
        return workers.prepare(ref)
      }
      return mine(async () => {
        const small = ((await stat(ref.inputPath).catch(() => undefined))?.size ?? Infinity) <= SMALL_INPUT
        home.set(ref.name, small ? here : workers)
        return small ? here.prepare(ref) : workers.prepare(ref)
      })
    },
    async finish(name, translations) {
      const pool = home.get(name)
      if (pool === undefined) throw new Error(`internal: article ${name} was not prepared`)
      home.delete(name)
      return pool === here ? mine(() => here.finish(name, translations)) : pool.finish(name, translations)
    },
    async close() {
      closed ??= new Error('internal: the build pool is closed')
      try {
        await Promise.all([workers.close(), ...running])
      } finally {
        // Note: back to V8's own choice for whatever the process does next (tests build in one process, one after another).
        if (tuned) setFlagsFromString('--heap-growing-percent=0')
      }
    }
  }
}
