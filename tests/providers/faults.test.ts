import {describe, expect, it} from 'vitest'
import type {ProviderError} from '../../src/errors.js'
import type {TranslationProvider} from '../../src/providers/port.js'
import {createProvider} from '../../src/providers/registry.js'
import type {RetryEvent} from '../../src/providers/retry.js'
import {fakeDeepL} from '../helpers/fakes/deepl.js'
import {fakeLibreTranslate} from '../helpers/fakes/libretranslate.js'
import {completion, fakeOpenAI} from '../helpers/fakes/openai.js'
import {closedPort, startLoopback, withFaults, type Handler, type Reply} from '../helpers/loopback.js'

const KEY = 'canary-fault-key-9d3e:fx'
const signal = new AbortController().signal
const request = {segments: [{id: 'a', text: 'Hallo <b1>Welt</b1>.', context: 'Hallo Welt.'}], source: 'de', target: 'en', glossary: []} as const

/** Each adapter: its environment for a server URL, its fake server, its translation path, and a 200 answer carrying `text`. */
const ADAPTERS: ReadonlyArray<[string, (url: string) => Record<string, string>, () => Handler, RegExp, (text: string) => Reply]> = [
  ['deepl', (url) => ({DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: url}), () => fakeDeepL(KEY).handler, /^\/v2\/translate/, (text) => ({status: 200, body: {translations: [{detected_source_language: 'DE', text}]}})],
  ['openai', (url) => ({OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${url}/v1`}), () => fakeOpenAI(KEY), /^\/v1\/chat/, (text) => completion(JSON.stringify({translations: [{id: 'a', text}]}))],
  ['libretranslate', (url) => ({LIBRETRANSLATE_URL: url, LIBRETRANSLATE_API_KEY: KEY}), () => fakeLibreTranslate(KEY), /^\/translate/, (text) => ({status: 200, body: {translatedText: [text]}})]
]

function provider(name: string, env: Record<string, string>, events: RetryEvent[] = [], delays?: number[]): TranslationProvider {
  return createProvider(name, {
    env,
    options: {},
    target: 'en',
    retry: {timeoutMs: 1000, onRetry: (event) => void events.push(event), ...(delays === undefined ? {} : {sleep: async (ms: number) => void delays.push(ms)})}
  })
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail')
    },
    (error: unknown) => error as ProviderError
  )
}

describe.each(ADAPTERS)('%s against servers that fail', (name, envOf, fake, path, answer) => {
  it('a closed port: three quick attempts, then one error naming the endpoint, and every later call fails at once', async () => {
    const port = await closedPort()
    const events: RetryEvent[] = []
    const client = provider(name, envOf(`http://127.0.0.1:${port}`), events)
    const started = performance.now()
    const error = await failure(client.translate(request, {signal}))
    const elapsed = performance.now() - started
    expect(error.code).toBe('provider-unreachable')
    expect(error.stopsBuild).toBe(true)
    expect(error.message).toContain(`cannot reach http://127.0.0.1:${port} (ECONNREFUSED)`)
    expect(error.message).not.toContain(KEY)
    expect(events.map((event) => [event.attempt, event.attempts, event.reason])).toEqual([
      [1, 3, `ECONNREFUSED from 127.0.0.1:${port}`],
      [2, 3, `ECONNREFUSED from 127.0.0.1:${port}`]
    ])
    expect(elapsed).toBeLessThan(4000)
    const again = performance.now()
    expect(await failure(client.translate(request, {signal}))).toBe(error)
    expect(performance.now() - again).toBeLessThan(100)
    expect(events).toHaveLength(2)
  })

  it('a TLS failure (https to a server that speaks plain HTTP): no retry, one error naming the endpoint', async () => {
    const server = await startLoopback(fake())
    const tls = server.url.replace('http://', 'https://')
    const events: RetryEvent[] = []
    const error = await failure(provider(name, envOf(tls), events).translate(request, {signal}))
    expect(error.code).toBe('provider-unreachable')
    expect(error.message).toContain(`cannot reach ${tls} (ERR_SSL_WRONG_VERSION_NUMBER)`)
    expect(events).toEqual([])
    expect(server.requests).toEqual([])
  })

  it('a plain web server answering 501 with an HTML page: no retry, a short message that says so', async () => {
    const page = `<!DOCTYPE HTML>\n<html><head><title>Error response</title></head>\n<body>\n${'<p>Error code: 501</p>\n'.repeat(400)}</body></html>\n`
    const server = await startLoopback(() => ({status: 501, headers: {'content-type': 'text/html;charset=utf-8'}, raw: page}))
    const error = await failure(provider(name, envOf(server.url)).translate(request, {signal}))
    expect(error.code).toBe('provider-endpoint')
    expect(error.stopsBuild).toBe(true)
    expect(error.message).toContain(`${server.url} answered an HTML page (HTTP 501), not the API: is the URL right?`)
    expect(error.message.length).toBeLessThan(200)
    expect(server.requests).toHaveLength(1)
  })

  it.each([
    [404, 'provider-endpoint', true],
    [405, 'provider-endpoint', true],
    [505, 'provider-endpoint', true],
    [400, 'provider-bad-request', false],
    [422, 'provider-bad-request', false]
  ] as const)('HTTP %i is not retried (%s)', async (status, code, stops) => {
    const server = await startLoopback(() => ({status, body: {message: `no ${'such thing '.repeat(100)}`}}))
    const error = await failure(provider(name, envOf(server.url)).translate(request, {signal}))
    expect(error.code).toBe(code)
    expect(error.stopsBuild).toBe(stops)
    expect(error.message.length).toBeLessThan(260)
    expect(server.requests).toHaveLength(1)
  })

  it('a connection closed mid-answer is retried like a reset', async () => {
    const server = await startLoopback(withFaults(fake(), [{truncate: true}], path))
    const events: RetryEvent[] = []
    const answer = await provider(name, envOf(server.url), events, []).translate(request, {signal})
    expect(answer).toHaveLength(1)
    expect(server.requests.filter((item) => path.test(item.path))).toHaveLength(2)
    expect(events[0]?.reason).toBe(`UND_ERR_SOCKET from ${server.url.replace('http://', '')}`)
  })

  it('honours Retry-After: waits what the server asks, and stops at once when it asks for an hour', async () => {
    const short = await startLoopback(withFaults(fake(), [{status: 429, headers: {'retry-after': '2'}, body: {message: 'slow down'}}], path))
    const delays: number[] = []
    const events: RetryEvent[] = []
    expect(await provider(name, envOf(short.url), events, delays).translate(request, {signal})).toHaveLength(1)
    expect(delays).toEqual([2000])
    expect(events[0]?.reason).toBe(`429 from ${short.url.replace('http://', '')}`)
    const long = await startLoopback(() => ({status: 429, headers: {'retry-after': '3600'}, body: {message: 'slow down'}}))
    const error = await failure(provider(name, envOf(long.url), [], []).translate(request, {signal}))
    expect(error.code).toBe('provider-rate-limit')
    expect(error.stopsBuild).toBe(true)
    expect(error.message).toContain('the server asks to wait 3600 s, longer than tandem waits (120 s)')
    expect(long.requests).toHaveLength(1)
  })

  it('refuses an answer that holds the API key, in any letter case, without quoting it', async () => {
    for (const echoed of [KEY, KEY.toUpperCase()]) {
      const server = await startLoopback(() => answer(`Hello <b1>world</b1>, your key is ${echoed}.`))
      const error = await failure(provider(name, envOf(server.url)).translate(request, {signal}))
      expect(error.code).toBe('provider-unsafe')
      expect(error.stopsBuild).toBe(true)
      expect(error.message.toLowerCase()).not.toContain(KEY.toLowerCase())
    }
  })
})

describe('deepl setup', () => {
  it('lists and creates its glossary under the same retry policy as translations', async () => {
    const fake = fakeDeepL(KEY)
    const server = await startLoopback(withFaults(fake.handler, [{reset: true}, {status: 503, body: {message: 'Service unavailable'}}, {hang: true}, {truncate: true}], /^\/v3\/glossaries/))
    const events: RetryEvent[] = []
    const client = provider('deepl', envOf(server.url), events, [])
    await client.prepare?.([{source: 'Abwerbung', target: 'poaching', kind: 'term'}], {signal})
    expect(fake.glossaries.map((glossary) => glossary.entries)).toEqual(['Abwerbung\tpoaching'])
    expect(events).toHaveLength(4)
    expect(await client.translate(request, {signal})).toHaveLength(1)
    expect(server.requests.find((item) => item.path === '/v2/translate')?.form?.get('glossary_id')).toBe(fake.glossaries[0]?.glossary_id)
  })
})

function envOf(url: string): Record<string, string> {
  return {DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: url}
}
