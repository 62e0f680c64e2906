import {createServer, type IncomingHttpHeaders, type ServerResponse} from 'node:http'
import type {AddressInfo, Socket} from 'node:net'
import {afterAll} from 'vitest'

/** A request as the loopback server saw it. */
export interface RecordedRequest {
  readonly method: string
  readonly path: string
  readonly headers: IncomingHttpHeaders
  readonly body: string
  /** The body parsed as a form, when it is one. */
  readonly form?: URLSearchParams
  /** The body parsed as JSON, when it is JSON. */
  readonly json?: unknown
}

/** What the server does with a request. */
export type Reply =
  | {readonly status: number; readonly headers?: Readonly<Record<string, string>>; readonly body?: unknown; readonly raw?: string | Uint8Array}
  /** Drop the connection without an answer. */
  | {readonly reset: true}
  /** Never answer (until the client gives up or the server closes). */
  | {readonly hang: true}
  /** Send the status line, the headers and part of the body, then close the connection ("terminated" in undici). */
  | {readonly truncate: true}

export type Handler = (request: RecordedRequest) => Reply | Promise<Reply>

/** A running loopback server. */
export interface Loopback {
  readonly url: string
  readonly requests: RecordedRequest[]
  close(): Promise<void>
}

const servers: Loopback[] = []
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()))
})

/** Start an HTTP server on 127.0.0.1 (a free port) that records every request and answers with `handler`. */
export async function startLoopback(handler: Handler): Promise<Loopback> {
  const requests: RecordedRequest[] = []
  const sockets = new Set<Socket>()
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const type = incoming.headers['content-type'] ?? ''
      let json: unknown
      if (type.includes('json') && body !== '') {
        try {
          json = JSON.parse(body)
        } catch {
          json = undefined
        }
      }
      const request: RecordedRequest = {
        method: incoming.method ?? 'GET',
        path: incoming.url ?? '/',
        headers: incoming.headers,
        body,
        ...(type.includes('x-www-form-urlencoded') ? {form: new URLSearchParams(body)} : {}),
        ...(json === undefined ? {} : {json})
      }
      requests.push(request)
      Promise.resolve(handler(request))
        .then((reply) => answer(reply, response))
        .catch((error: unknown) => answer({status: 599, raw: String(error)}, response))
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  const loopback: Loopback = {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
  servers.push(loopback)
  return loopback
}

function answer(reply: Reply, response: ServerResponse): void {
  if ('reset' in reply) {
    response.socket?.destroy()
    return
  }
  if ('hang' in reply) return
  if ('truncate' in reply) {
    response.writeHead(200, {'content-type': 'application/json', 'content-length': '1000'})
    response.write('{"translations": [')
    setTimeout(() => response.socket?.destroy(), 20)
    return
  }
  const text = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body))
  response.writeHead(reply.status, {'content-type': reply.raw === undefined ? 'application/json' : 'text/plain', ...reply.headers})
  response.end(text)
}

/** A port nothing listens on: taken from the system, then let go. */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/**
 * A handler that answers the first requests matching `path` with `faults`, in
 * order, and everything else with `inner`.
 */
export function withFaults(inner: Handler, faults: Reply[], path: RegExp): Handler {
  return (request) => {
    if (path.test(request.path) && faults.length > 0) return faults.shift() as Reply
    return inner(request)
  }
}

/** A handler that fails a share of matching requests with a deterministic mix of faults. */
export function flaky(inner: Handler, path: RegExp, share: number, mix: readonly Reply[], seed = 7): Handler {
  let state = seed
  let turn = 0
  const random = (): number => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state / 2 ** 31
  }
  return (request) => {
    if (path.test(request.path) && random() < share) return mix[turn++ % mix.length] as Reply
    return inner(request)
  }
}

/** Fake English for tests: vowels outside tags get accents, tags stay untouched. */
export function fakeEnglish(text: string): string {
  return text
    .split(/(<[^>]*>|&[a-z#0-9]+;)/)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/[aeiou]/g, (vowel) => ({a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú'})[vowel] ?? vowel)))
    .join('')
}
