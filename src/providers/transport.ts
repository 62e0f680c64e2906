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
 * TLS, a protocol that is neither http nor https) or while its body was
 * read (`body`: the connection closed mid-answer, a body that does not
 * decompress). `cause` is the client's error.
 */
export class WireFailure extends Error {
  override name = 'WireFailure'
  constructor(
    readonly phase: 'connect' | 'body',
    override readonly cause: unknown
  ) {
    super(`${phase}: ${cause instanceof Error ? cause.message : String(cause)}`)
  }
}

/**
 * Send `request` to `url` and read the whole answer.
 * @throws WireFailure; the signal's abort surfaces as one too (check the signal).
 */
export async function exchange(url: URL, request: WireRequest, signal: AbortSignal): Promise<WireAnswer> {
  const client = url.protocol === 'https:' ? await import('node:https') : url.protocol === 'http:' ? await import('node:http') : undefined
  if (client === undefined) throw new WireFailure('connect', Object.assign(new Error(`unsupported protocol ${url.protocol}`), {code: 'ERR_INVALID_PROTOCOL'}))
  const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8')
  const headers: Record<string, string> = {accept: '*/*', 'user-agent': 'tandem'}
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value
  if (body !== undefined) headers['content-length'] = String(body.length)
  return new Promise<WireAnswer>((resolve, reject) => {
    let answered = false
    let outgoing: ReturnType<typeof client.request>
    try {
      outgoing = client.request(url, {method: request.method, headers, signal}, (response) => {
        answered = true
        readAll(response).then(resolve, (error: unknown) => reject(new WireFailure('body', error)))
      })
    } catch (error) {
      reject(new WireFailure('connect', error))
      return
    }
    outgoing.on('error', (error) => reject(answered ? new WireFailure('body', error) : new WireFailure('connect', withTlsCode(error))))
    outgoing.end(body)
  })
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

/** The body without its content coding (tandem asks for none; a server may send one anyway, as fetch would read it). */
async function decoded(bytes: Buffer, coding: string | undefined): Promise<Buffer> {
  const name = (coding ?? '').trim().toLowerCase()
  if (!['gzip', 'x-gzip', 'deflate', 'br'].includes(name)) return bytes
  const zlib = await import('node:zlib')
  if (name === 'gzip' || name === 'x-gzip') return zlib.gunzipSync(bytes, {finishFlush: zlib.constants.Z_SYNC_FLUSH})
  if (name === 'deflate') return (bytes[0] ?? 0) % 16 === 8 ? zlib.inflateSync(bytes) : zlib.inflateRawSync(bytes)
  if (name === 'br') return zlib.brotliDecompressSync(bytes)
  // Note: a coding fetch does not know either stays as sent.
  return bytes
}
