import {describe, expect, it} from 'vitest'
import {fromHtml, toHtml} from '../../src/providers/libretranslate.js'
import {createProvider} from '../../src/providers/registry.js'
import {fakeLibreTranslate} from '../helpers/fakes/libretranslate.js'
import {fakeEnglish, startLoopback, withFaults, type Reply} from '../helpers/loopback.js'

const KEY = 'libre-canary-key-93b1'
const signal = new AbortController().signal

async function setup(faults: Reply[] = [], withKey = true, options: Record<string, unknown> = {}) {
  const server = await startLoopback(withFaults(fakeLibreTranslate(KEY), faults, /translate/))
  const delays: number[] = []
  const provider = createProvider('libretranslate', {
    env: {LIBRETRANSLATE_URL: server.url, ...(withKey ? {LIBRETRANSLATE_API_KEY: KEY} : {})},
    options,
    target: 'en',
    retry: {sleep: async (ms) => void delays.push(ms), random: () => 0.5, timeoutMs: 500}
  })
  return {server, provider, delays}
}

const request = {
  segments: [
    {id: 'a', text: 'Die <b1>Abwerbung</b1> von <c2/>.', context: ''},
    {id: 'b', text: 'Noch ein Satz.', context: ''}
  ],
  source: 'de',
  target: 'en',
  glossary: []
} as const

describe('libretranslate adapter', () => {
  it('posts q as an array with format html and the key in the body', async () => {
    const {server, provider} = await setup()
    const answer = await provider.translate(request, {signal})
    const [sent] = server.requests
    expect(sent?.method).toBe('POST')
    expect(sent?.path).toBe('/translate')
    expect(sent?.json).toEqual({q: ['Die <b1>Abwerbung</b1> von <c2></c2>.', 'Noch ein Satz.'], source: 'de', target: 'en', format: 'html', api_key: KEY})
    expect(answer).toEqual([
      {id: 'a', text: fakeEnglish('Die <b1>Abwerbung</b1> von <c2/>.')},
      {id: 'b', text: fakeEnglish('Noch ein Satz.')}
    ])
  })

  it('honours Retry-After on 429 and retries 500 and resets', async () => {
    const {server, provider, delays} = await setup([
      {status: 429, headers: {'retry-after': '3'}, body: {error: 'Slowdown: 10 per 1 minute'}},
      {status: 500, body: {error: 'translation failed'}},
      {reset: true}
    ])
    expect(await provider.translate(request, {signal})).toHaveLength(2)
    expect(server.requests).toHaveLength(4)
    expect(delays[0]).toBe(3000)
  })

  it('waits retryDelayMs (from the project config) before its first retry, doubling after, and refuses a wait that is no number above 0', async () => {
    const {server, provider, delays} = await setup([{status: 500, body: {error: 'translation failed'}}, {reset: true}], true, {retryDelayMs: 40})
    expect(await provider.translate(request, {signal})).toHaveLength(2)
    expect(server.requests).toHaveLength(3)
    // Full jitter at 0.5: half of 40 ms, then half of 80 ms (the default first wait is 500 ms).
    expect(delays).toEqual([20, 40])
    for (const retryDelayMs of [0, -5, '50', null]) await expect(setup([], true, {retryDelayMs})).rejects.toThrow(/providers\.libretranslate\.retryDelayMs must be a number above 0/)
  })

  it('reads a missing key (400 "API key required") as an authorization error, never retried', async () => {
    const {server, provider} = await setup([], false)
    await expect(provider.translate(request, {signal})).rejects.toMatchObject({code: 'provider-auth'})
    expect(server.requests).toHaveLength(1)
  })

  it('keeps a wrong key out of the message', async () => {
    const server = await startLoopback(fakeLibreTranslate('other-key'))
    const provider = createProvider('libretranslate', {env: {LIBRETRANSLATE_URL: server.url, LIBRETRANSLATE_API_KEY: KEY}, options: {}, target: 'en'})
    const error = (await provider.translate(request, {signal}).catch((caught: unknown) => caught)) as Error
    expect(error.message).toContain('HTTP 403')
    expect(error.message).not.toContain(KEY)
  })

  it('reports a wrong number of results and malformed JSON as bad responses', async () => {
    const short = await setup([{status: 200, body: {translatedText: ['one']}}])
    await expect(short.provider.translate(request, {signal})).rejects.toMatchObject({code: 'provider-bad-response'})
    const malformed = await setup([{status: 200, raw: 'not json'}])
    await expect(malformed.provider.translate(request, {signal})).rejects.toMatchObject({code: 'provider-bad-response'})
  })

  it('needs LIBRETRANSLATE_URL', () => {
    expect(() => createProvider('libretranslate', {env: {}, options: {}, target: 'en'})).toThrow(/LIBRETRANSLATE_URL/)
  })
})

describe('LibreTranslate HTML mapping', () => {
  it('round-trips void tags through HTML as parsers write them', () => {
    expect(fromHtml(toHtml('a <c1/> <b2>x</b2> <br3/>'))).toBe('a <c1/> <b2>x</b2> <br3/>')
    expect(fromHtml('a <c1> b')).toBe('a <c1/> b')
  })
})
