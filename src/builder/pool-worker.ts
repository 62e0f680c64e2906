import {parentPort, workerData} from 'node:worker_threads'
import {ArticleJobs, type JobSettings} from './jobs.js'
import type {WorkerAnswer, WorkerRequest} from './pool.js'

/** A build worker: runs the per-article jobs the main thread sends (see pool.ts). */
const jobs = new ArticleJobs(workerData as JobSettings)
const port = parentPort
if (port === null) throw new Error('pool-worker.js runs only as a worker thread')

port.on('message', (request: WorkerRequest) => {
  const job = request.op === 'prepare' ? jobs.prepare(request.ref) : jobs.finish(request.name, request.translations)
  job.then(
    (value) => port.postMessage({id: request.id, ok: true, value} satisfies WorkerAnswer),
    (error: unknown) => port.postMessage({id: request.id, ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error)} satisfies WorkerAnswer)
  )
})
