import {randomBytes} from 'node:crypto'
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {APP_SCRIPT} from './client.js'
import {APP_STYLE, appShell, type AppLabels} from './page.js'
import type {TandemError} from '../errors.js'
import type {ReviewStore, SaveResult} from './store.js'

/** A running review app. */
export interface ReviewServer {
  /** `http://127.0.0.1:PORT/`. */
  readonly url: string
  readonly port: number
  /** Stop taking requests, let the ones in flight (a save writing) finish, then close. */
  close(): Promise<void>
}

/** The longest request body the app reads (an edited sentence is far less). */
const MAX_BODY = 256 * 1024

/** Headers every answer carries: no script but the app's own, no framing, no referrer, nothing sniffed. */
const SAFE_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store'
}

/**
 * Start the review app on 127.0.0.1 (only there) at `port` (0: a free one).
 * Every request must name this server in `Host` (no DNS rebinding) and, when
 * it has an `Origin`, come from it; every request that changes anything must
 * carry the session's token (another web page in the same browser has not
 * got it), sent in a header that a form or an image cannot send.
 */
export interface ServerOptions {
  readonly labels: AppLabels
  readonly lang: 'de' | 'en'
  /** 0 (the default): a free port. */
  readonly port?: number
  /** A refusal or a build's error, in the user's language. */
  readonly describe: (item: {readonly rule: string; readonly params: Readonly<Record<string, unknown>>}) => string
  /** A fault (a glossary conflict, say), in the user's language (default: its English message). */
  readonly fault?: (error: TandemError) => string
}

export async function startReviewServer(store: ReviewStore, options: ServerOptions): Promise<ReviewServer> {
  const {labels, lang, describe} = options
  const fault = options.fault ?? ((error: TandemError): string => error.message)
  const token = randomBytes(24).toString('base64url')
  let busy = Promise.resolve()
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, {error: error instanceof Error ? error.message : String(error)})
      else response.destroy()
    })
  })
  const origins = (actual: number): Set<string> => new Set([`127.0.0.1:${actual}`, `localhost:${actual}`])

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const actual = (server.address() as AddressInfo).port
    const remote = request.socket.remoteAddress ?? ''
    if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(remote)) return send(response, 403, {error: 'loopback only'})
    if (!origins(actual).has(request.headers.host ?? '')) return send(response, 421, {error: 'unknown host'})
    const origin = request.headers.origin
    if (origin !== undefined && !['http://127.0.0.1', 'http://localhost'].some((base) => origin === `${base}:${actual}`)) return send(response, 403, {error: 'foreign origin'})
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${actual}`)
    const method = request.method ?? 'GET'
    if (method === 'GET' && url.pathname === '/') return sendText(response, 200, 'text/html; charset=utf-8', appShell(labels, lang, token))
    if (method === 'GET' && url.pathname === '/app.js') return sendText(response, 200, 'text/javascript; charset=utf-8', APP_SCRIPT)
    if (method === 'GET' && url.pathname === '/app.css') return sendText(response, 200, 'text/css; charset=utf-8', APP_STYLE)
    if (method === 'GET' && url.pathname === '/api/articles') return send(response, 200, await store.list())
    if (method === 'GET' && url.pathname === '/api/article') {
      const article = await store.article(url.searchParams.get('name') ?? '')
      return article === undefined ? send(response, 404, {error: 'no such article'}) : send(response, 200, article)
    }
    if (method === 'GET' && url.pathname === '/api/consistency') return send(response, 200, await store.consistency())
    if (method === 'POST' && (url.pathname === '/api/save' || url.pathname === '/api/approve' || url.pathname === '/api/glossary')) {
      if (request.headers['x-tandem-token'] !== token) return send(response, 403, {error: 'missing or wrong token'})
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return send(response, 415, {error: 'JSON only'})
      const body = await readJson(request)
      if (url.pathname === '/api/glossary') {
        const {de, en, forbid} = body ?? {}
        const texts = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string' && item.trim() !== '')
        if (typeof de !== 'string' || de.trim() === '' || typeof en !== 'string' || en.trim() === '' || !(forbid === undefined || texts(forbid))) return send(response, 400, {error: 'de and en needed, forbid a list of texts'})
        const added = new Promise<Awaited<ReturnType<ReviewStore['addTerm']>>>((resolve, reject) => {
          busy = busy.then(() => store.addTerm(de.trim(), en.trim(), forbid ?? []).then(resolve, reject))
        })
        const outcome = await added
        return outcome.ok ? send(response, 200, outcome) : send(response, 422, {ok: false, message: fault(outcome.error)})
      }
      if (body === undefined || typeof body['name'] !== 'string' || typeof body['id'] !== 'string') return send(response, 400, {error: 'name and id needed'})
      const {name, id} = body as {name: string; id: string}
      const target = body['target']
      if (url.pathname === '/api/save' && typeof target !== 'string') return send(response, 400, {error: 'target needed'})
      // Note: one change at a time; each holds the output lock while it writes.
      const result = new Promise<SaveResult | undefined>((resolve, reject) => {
        busy = busy.then(() => (url.pathname === '/api/save' ? store.save(name, id, target as string) : store.approve(name, id)).then(resolve, reject))
      })
      const outcome = await result
      if (outcome === undefined) return send(response, 404, {error: 'no such sentence'})
      if (outcome.ok) return send(response, 200, {ok: true})
      if ('busy' in outcome) return send(response, 409, {ok: false, message: outcome.busy})
      if ('refused' in outcome) return send(response, 422, {ok: false, refused: outcome.refused, message: describe(outcome.refused)})
      return send(response, 500, {ok: false, failed: outcome.failed, message: `${labels.storedNotWritten}: ${outcome.failed.map(describe).join('; ')}`})
    }
    send(response, 404, {error: 'not found'})
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const actual = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${actual}/`,
    port: actual,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeIdleConnections()
      })
      await busy.catch(() => undefined)
    }
  }
}

function send(response: ServerResponse, status: number, value: unknown): void {
  sendText(response, status, 'application/json; charset=utf-8', JSON.stringify(value))
}

function sendText(response: ServerResponse, status: number, type: string, text: string): void {
  response.writeHead(status, {...SAFE_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(text)})
  response.end(text)
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY) return undefined
    chunks.push(chunk)
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
