import {createServer as createNetServer, type AddressInfo, type Socket} from 'node:net'
import {brotliCompressSync, deflateRawSync, deflateSync, gzipSync} from 'node:zlib'
import {afterEach, describe, expect, it} from 'vitest'
import type {ProviderError} from '../../src/errors.js'
import {send, type Endpoint} from '../../src/providers/http.js'
import {exchange, WireFailure} from '../../src/providers/transport.js'
import {startLoopback} from '../helpers/loopback.js'

const KEY = 'canary-transport-key-51c2'
const signal = new AbortController().signal

/** What a test started besides the loopback servers (which close themselves), closed after it. */
const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

function endpoint(base: string): Endpoint {
  return {provider: 'test', base: new URL(base), secrets: [KEY]}
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail')
    },
    (error: unknown) => error as ProviderError
  )
}

describe('the HTTP transport', () => {
  it('sends the method, the path below the base, the headers and the body as UTF-8 with its length in bytes', async () => {
    const server = await startLoopback(() => ({status: 200, headers: {'content-type': 'application/json'}, raw: '{"ok":true}'}))
    const body = JSON.stringify({q: 'Grüße aus Köln – „Straße“'})
    const answer = await send(endpoint(`${server.url}/v2`), {path: 'translate', method: 'POST', headers: {'Content-Type': 'application/json', Authorization: `Key ${KEY}`}, body}, signal)
    expect(answer.json).toEqual({ok: true})
    expect(answer.header('Content-Type')).toBe('application/json')
    const [seen] = server.requests
    expect(seen?.method).toBe('POST')
    expect(seen?.path).toBe('/v2/translate')
    expect(seen?.headers['content-type']).toBe('application/json')
    expect(seen?.headers['authorization']).toBe(`Key ${KEY}`)
    expect(seen?.headers['content-length']).toBe(String(Buffer.byteLength(body)))
    expect(seen?.body).toBe(body)
    // Asked for no content coding: a server is free to send plain bytes.
    expect(seen?.headers['accept-encoding']).toBeUndefined()
  })

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['deflate', deflateRawSync],
    ['br', brotliCompressSync]
  ] as const)('reads an answer sent with content coding %s although none was asked for (as fetch would)', async (coding, compress) => {
    const text = JSON.stringify({translatedText: 'Greetings from Cologne – “street”'})
    const server = await startLoopback(() => ({status: 200, headers: {'content-type': 'application/json', 'content-encoding': coding}, raw: compress(Buffer.from(text))}))
    const answer = await send(endpoint(server.url), {path: 'translate', method: 'POST', body: '{}'}, signal)
    expect(answer.text).toBe(text)
  })

  it('decodes the body as fetch does: a byte order mark goes, a broken UTF-8 sequence becomes U+FFFD', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('"Gr'), Buffer.from([0xc3]), Buffer.from('"')])
    const server = await startLoopback(() => ({status: 200, headers: {'content-type': 'application/json'}, raw: bytes}))
    const answer = await send(endpoint(server.url), {path: 'x', method: 'GET'}, signal)
    expect(answer.text).toBe('"Gr\uFFFD"')
    expect(answer.json).toBe('Gr\uFFFD')
  })

  it('does not follow a redirect: one request, an error naming where it points, the key sent nowhere else', async () => {
    const elsewhere = await startLoopback(() => ({status: 200, body: {translatedText: 'stolen'}}))
    for (const status of [301, 302, 303, 307, 308]) {
      const server = await startLoopback(() => ({status, headers: {location: `${elsewhere.url}/collect?token=abc`}, raw: ''}))
      const error = await failure(send(endpoint(server.url), {path: 'translate', method: 'POST', headers: {authorization: KEY}, body: '{}'}, signal))
      expect(error.code).toBe('provider-endpoint')
      expect(error.stopsBuild).toBe(true)
      expect(error.message).toBe(`test: ${server.url} redirects to ${elsewhere.url} (HTTP ${status}); tandem does not follow redirects: set the URL to where it points`)
      expect(server.requests).toHaveLength(1)
    }
    expect(elsewhere.requests).toEqual([])
  })

  it('a relative redirect names the same server', async () => {
    const server = await startLoopback(() => ({status: 308, headers: {location: '/v3/translate'}, raw: ''}))
    const error = await failure(send(endpoint(server.url), {path: 'translate', method: 'POST', body: '{}'}, signal))
    expect(error.message).toContain(`redirects to ${server.url} (HTTP 308)`)
  })

  it('a redirect to a Location that is no URL is named without the key it may hold', async () => {
    const server = await startLoopback(() => ({status: 302, headers: {location: `http://h:99999/?key=${KEY}`}, raw: ''}))
    const error = await failure(send(endpoint(server.url), {path: 'translate', method: 'POST', body: '{}'}, signal))
    expect(error.code).toBe('provider-endpoint')
    expect(error.message).toContain('redirects to http://h:99999/?key=[redacted] (HTTP 302)')
    expect(error.message).not.toContain(KEY)
    expect(JSON.stringify(error.params)).not.toContain(KEY)
  })

  it('a body that does not decompress as its Content-Encoding says is a bad answer, not retried as a cut connection', async () => {
    const server = await startLoopback(() => ({status: 200, headers: {'content-type': 'application/json', 'content-encoding': 'gzip'}, raw: 'not gzip at all'}))
    const error = await failure(send(endpoint(server.url), {path: 'translate', method: 'POST', body: '{}'}, signal))
    expect(error.code).toBe('provider-bad-response')
    expect(error.retryable).toBe(false)
    expect(error.message).toBe(`test: the answer from ${server.url} does not decompress as its Content-Encoding says`)
  })

  it('undoes several content codings, the last applied first', async () => {
    const text = '{"translatedText":"two layers"}'
    const server = await startLoopback(() => ({status: 200, headers: {'content-type': 'application/json', 'content-encoding': 'gzip, br'}, raw: brotliCompressSync(gzipSync(Buffer.from(text)))}))
    expect((await send(endpoint(server.url), {path: 'x', method: 'GET'}, signal)).text).toBe(text)
  })

  it('a connection whose TLS handshake never completes gives up as unreachable (the code fetch gave)', async () => {
    const silent = createNetServer(() => undefined)
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    closers.push(() => new Promise((resolve) => silent.close(() => resolve())))
    const sockets: Socket[] = []
    silent.on('connection', (socket) => sockets.push(socket))
    closers.push(async () => void sockets.forEach((socket) => socket.destroy()))
    const {port} = silent.address() as AddressInfo
    const started = performance.now()
    const error = await exchange(new URL(`https://127.0.0.1:${port}/x`), {method: 'GET'}, signal, {connectTimeoutMs: 150}).catch((caught: unknown) => caught)
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)
    expect((error as WireFailure).phase).toBe('connect')
    expect(((error as WireFailure).cause as {code?: string}).code).toBe('UND_ERR_CONNECT_TIMEOUT')
    expect(sockets).toHaveLength(1)
  })

  it('a protocol other than http and https fails before anything is sent', async () => {
    const error = await exchange(new URL('ftp://127.0.0.1/x'), {method: 'GET'}, signal).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(WireFailure)
    expect((error as WireFailure).phase).toBe('connect')
    expect(((error as WireFailure).cause as {code?: string}).code).toBe('ERR_INVALID_PROTOCOL')
  })

  it('an abort while waiting for the answer is an abort, not a connection error', async () => {
    const server = await startLoopback(() => ({hang: true}))
    const controller = new AbortController()
    const pending = failure(send(endpoint(server.url), {path: 'x', method: 'GET'}, controller.signal))
    setTimeout(() => controller.abort(), 20)
    expect((await pending).code).toBe('aborted')
  })
})
