import type {IncomingMessage} from 'node:http'

/**
 * Bytes over the wire for `http.ts`: one request, its answer read whole.
 * Node's own `http`/`https` clients, not `fetch`: fetch loads undici on its
 * first call, about 35 ms of every build that sends a sentence (a rebuild
 * after one sentence changed takes about 400 ms). A redirect is answered as
 * it is, never followed: the caller says where it points, and the API key
 * never travels to a server the user did not name.
 */

/** What a server answered: its status, a header by name, its body decoded as UTF-8. */
export interface WireAnswer {
  readonly status: number
  header(name: string): string | null
  readonly text: string
}

/** The request: method, headers and body; the URL is separate. */
export interface WireRequest {
  readonly method: string
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
}

/**
 * An exchange that failed: before an answer began (`connect`: refused, DNS,
 * TLS, a connection that does not open within 10 s, a protocol that is
 * neither http nor https), while its body was read (`body`: the connection
 * closed mid-answer), or after (`decode`: a body that does not decompress).
 * `cause` is the client's error.
 */
export class WireFailure extends Error {
  override name = 'WireFailure'
  constructor(
    readonly phase: 'connect' | 'body' | 'decode',
    override readonly cause: unknown
  ) {
    super(`${phase}: ${cause instanceof Error ? cause.message : String(cause)}`)
  }
}

/** How long a connection (with its TLS handshake) may take to open, as fetch allowed: then the server counts as unreachable. */
const CONNECT_TIMEOUT_MS = 10_000

/**
 * Send `request` to `url` and read the whole answer.
 * @throws WireFailure; the signal's abort surfaces as one too (check the signal).
 */
export async function exchange(url: URL, request: WireRequest, signal: AbortSignal, options: {readonly connectTimeoutMs?: number} = {}): Promise<WireAnswer> {
  const client = url.protocol === 'https:' ? await import('node:https') : url.protocol === 'http:' ? await import('node:http') : undefined
  if (client === undefined) throw new WireFailure('connect', Object.assign(new Error(`unsupported protocol ${url.protocol}`), {code: 'ERR_INVALID_PROTOCOL'}))
  const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8')
  const headers: Record<string, string> = {accept: '*/*', 'user-agent': 'tandem'}
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value
  if (body !== undefined) headers['content-length'] = String(body.length)
  const connected = url.protocol === 'https:' ? 'secureConnect' : 'connect'
  const agent = agentFor(url.protocol, client.Agent)
  return new Promise<WireAnswer>((resolve, reject) => {
    let answered = false
    let outgoing: ReturnType<typeof client.request>
    try {
      outgoing = client.request(url, {method: request.method, headers, signal, agent}, (response) => {
        answered = true
        readAll(response).then(resolve, (error: unknown) => reject(new WireFailure((error as {decoding?: boolean}).decoding === true ? 'decode' : 'body', error)))
      })
    } catch (error) {
      reject(new WireFailure('connect', error))
      return
    }
    outgoing.on('socket', (socket) => {
      // Note: a kept-alive socket is open already; a new one gets as long as fetch gave it.
      if (!socket.connecting) return
      const timer = setTimeout(() => outgoing.destroy(Object.assign(new Error('connect timeout'), {code: 'UND_ERR_CONNECT_TIMEOUT'})), options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS)
      socket.once(connected, () => clearTimeout(timer))
      socket.once('close', () => clearTimeout(timer))
    })
    outgoing.on('error', (error) => {
      reject(answered ? new WireFailure('body', error) : new WireFailure('connect', withTlsCode(error)))
    })
    outgoing.end(body)
  })
}

/** Connections kept open between requests, per protocol. */
const agents = new Map<string, import('node:http').Agent>()

/**
 * Kept-alive connections, closed after 4 s idle (fetch's default): a server
 * that drops idle connections at 5 s (uvicorn, behind vLLM and LiteLLM)
 * would otherwise reset a request sent on one it just closed.
 */
function agentFor(protocol: string, Agent: typeof import('node:http').Agent): import('node:http').Agent {
  let agent = agents.get(protocol)
  if (agent === undefined) agents.set(protocol, (agent = new Agent({keepAlive: true, timeout: 4000})))
  return agent
}

/**
 * A TLS fault with OpenSSL's reason as its code (`ERR_SSL_WRONG_VERSION_NUMBER`),
 * as a failed handshake reads elsewhere: when the request is written during
 * the handshake, Node says only `EPROTO`, which would pass for a network fault.
 */
function withTlsCode(error: Error): Error {
  const reason = /SSL routines:[^:]*:([^:]+)/.exec(error.message)?.[1]
  if ((error as NodeJS.ErrnoException).code !== 'EPROTO' || reason === undefined) return error
  return Object.assign(new Error(error.message), {code: `ERR_SSL_${reason.trim().toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`})
}

async function readAll(response: IncomingMessage): Promise<WireAnswer> {
  const chunks: Buffer[] = []
  // Note: the iteration throws when the connection closes before the body is complete.
  for await (const chunk of response) chunks.push(chunk as Buffer)
  if (!response.complete) throw Object.assign(new Error('the connection closed mid-answer'), {code: 'ECONNRESET'})
  const bytes = await decoded(Buffer.concat(chunks), response.headers['content-encoding'])
  const {headers} = response
  return {
    status: response.statusCode ?? 0,
    header: (name) => {
      const value = headers[name.toLowerCase()]
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value
    },
    // Note: as fetch's text(): UTF-8, a byte order mark dropped, a broken sequence as U+FFFD.
    text: new TextDecoder().decode(bytes)
  }
}

/** The body without its content codings, last applied first (tandem asks for none; a server may send them anyway, as fetch would read them). */
async function decoded(bytes: Buffer, codings: string | undefined): Promise<Buffer> {
  const names = (codings ?? '').split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== '' && name !== 'identity')
  if (names.length === 0) return bytes
  const zlib = await import('node:zlib')
  let out = bytes
  for (const name of names.reverse()) {
    try {
      if (name === 'gzip' || name === 'x-gzip') out = zlib.gunzipSync(out, {finishFlush: zlib.constants.Z_SYNC_FLUSH})
      else if (name === 'deflate') out = (out[0] ?? 0) % 16 === 8 ? zlib.inflateSync(out) : zlib.inflateRawSync(out)
      else if (name === 'br') out = zlib.brotliDecompressSync(out)
      // Note: a coding fetch does not know either stays as sent.
      else return out
    } catch (error) {
      throw Object.assign(error as Error, {decoding: true})
    }
  }
  return out
}
