import {availableParallelism} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {Worker} from 'node:worker_threads'
import type {ArticleRef} from '../article/article.js'
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

/** Worker threads a build uses by default: one per core, at most 4. */
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

/** Jobs spread over `size` worker threads. */
export function workerPool(settings: JobSettings, size: number): ArticlePool {
  const script = workerScript()
  const pending = new Map<number, {resolve: (value: Prepared | Finished) => void; reject: (error: Error) => void; worker: Worker}>()
  let failure: Error | undefined
  const workers = Array.from({length: size}, () => {
    const worker = new Worker(script, {workerData: settings, env: {}})
    worker.on('message', (answer: WorkerAnswer) => {
      const entry = pending.get(answer.id)
      if (entry === undefined) return
      pending.delete(answer.id)
      if (answer.ok) entry.resolve(answer.value)
      else entry.reject(new Error(answer.message))
    })
    const lost = (error: Error): void => {
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
  const home = new Map<string, Worker>()
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
    parallelism: size * 4,
    prepare(ref) {
      const worker = workers[next++ % workers.length] as Worker
      home.set(ref.name, worker)
      return send<Prepared>(worker, {id: ids++, op: 'prepare', ref})
    },
    finish(name, translations) {
      const worker = home.get(name)
      home.delete(name)
      if (worker === undefined) return Promise.reject(new Error(`internal: article ${name} was not prepared`))
      return send<Finished>(worker, {id: ids++, op: 'finish', name, translations})
    },
    async close() {
      failure ??= new Error('internal: the build pool is closed')
      await Promise.all(workers.map((worker) => worker.terminate()))
    }
  }
}
