import {describe, expect, it} from 'vitest'
import {fromDeepLXml, toDeepLXml} from '../../src/providers/deepl.js'
import type {TranslationProvider} from '../../src/providers/port.js'
import {createProvider} from '../../src/providers/registry.js'
import {fakeDeepL} from '../helpers/fakes/deepl.js'
import {startLoopback, withFaults, type Loopback, type Reply} from '../helpers/loopback.js'

const KEY = 'deepl-canary-5f2a:fx'
const signal = new AbortController().signal

async function setup(faults: Reply[] = []) {
  const fake = fakeDeepL(KEY)
  const server = await startLoopback(withFaults(fake.handler, faults, /^\/v2\/translate/))
  const delays: number[] = []
  const provider: TranslationProvider = createProvider('deepl', {
    env: {DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url},
    options: {timeoutMs: 300},
    target: 'en',
    retry: {sleep: async (ms) => void delays.push(ms), timeoutMs: 300}
  })
  return {fake, server, provider, delays}
}

const request = {
  segments: [
    {id: 'x1', text: 'Die <b1>Abwerbung</b1> von <c2/> &amp; mehr.', context: 'Der ganze Absatz.'},
    {id: 'x2', text: 'Zweiter Satz.', context: 'Der ganze Absatz.'}
  ],
  source: 'de',
  target: 'en',
  glossary: []
} as const

const translations = (server: Loopback) => server.requests.filter((r) => r.path === '/v2/translate')

describe('deepl adapter', () => {
  it('sends XML tags, context, languages and the auth header in a form body, as deepl-node does', async () => {
    const {server, provider} = await setup()
    const answer = await provider.translate(request, {signal})
    const [sent] = translations(server)
    expect(sent?.headers.authorization).toBe(`DeepL-Auth-Key ${KEY}`)
    expect(sent?.headers['content-type']).toContain('application/x-www-form-urlencoded')
    expect(sent?.form?.getAll('text')).toEqual(['Die <b i="1">Abwerbung</b> von <c i="2"/> &amp; mehr.', 'Zweiter Satz.'])
    expect(sent?.form?.get('tag_handling')).toBe('xml')
    expect(sent?.form?.get('context')).toBe('Der ganze Absatz.')
    expect(sent?.form?.get('source_lang')?.toLowerCase()).toBe('de')
    expect(sent?.form?.get('target_lang')?.toLowerCase()).toBe('en-us')
    expect(sent?.form?.get('non_splitting_tags')).toBe('b,i,s,a,m')
    expect(sent?.form?.get('ignore_tags')).toBe('c,h,f,img,x,br')
    expect(answer).toEqual([
      {id: 'x1', text: 'Díé <b1>Abwérbúng</b1> vón <c2/> &amp; méhr.'},
      {id: 'x2', text: 'Zwéítér Sátz.'}
    ])
  })

  it('creates the glossary once, reuses it while unchanged, makes a new one when it changes', async () => {
    const {fake, server, provider} = await setup()
    const glossary = [
      {source: 'Abwerbung', target: 'poaching', kind: 'term'},
      {source: 'xAI', target: 'xAI', kind: 'name'}
    ] as const
    await provider.prepare?.(glossary, {signal})
    await provider.translate(request, {signal})
    expect(fake.glossaries).toHaveLength(1)
    expect(fake.glossaries[0]?.entries).toBe('Abwerbung\tpoaching\nxAI\txAI')
    expect(translations(server)[0]?.form?.get('glossary_id')).toBe(fake.glossaries[0]?.glossary_id)
    // The next build (a new provider instance) finds and reuses it.
    const again = createProvider('deepl', {env: {DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url}, options: {}, target: 'en'})
    await again.prepare?.([...glossary].reverse(), {signal})
    expect(server.requests.filter((r) => r.method === 'POST' && r.path === '/v3/glossaries')).toHaveLength(1)
    // A changed glossary makes a new one; the old one stays, since another branch built now may still use it.
    await again.prepare?.([...glossary, {source: 'KI', target: 'AI', kind: 'term'}], {signal})
    expect(fake.glossaries).toHaveLength(2)
    expect(fake.glossaries[1]?.entries).toContain('KI\tAI')
    expect(server.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0)
  })

  it('removes only tandem glossaries older than 30 days, and makes the glossary again when it goes away during a build', async () => {
    const {fake, server, provider} = await setup()
    const old = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000).toISOString()
    const recent = new Date(Date.now() - 29 * 24 * 60 * 60 * 1000).toISOString()
    fake.glossaries.push(
      {glossary_id: 'old-tandem', name: 'tandem-0123456789abcdef', entries: 'A\tB', creation_time: old},
      {glossary_id: 'recent-tandem', name: 'tandem-fedcba9876543210', entries: 'A\tC', creation_time: recent},
      {glossary_id: 'old-other', name: 'team glossary', entries: 'A\tD', creation_time: old}
    )
    await provider.prepare?.([{source: 'Abwerbung', target: 'poaching', kind: 'term'}], {signal})
    expect(server.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/v3/glossaries/old-tandem'])
    expect(fake.glossaries.map((item) => item.glossary_id)).toEqual(['recent-tandem', 'old-other', expect.stringMatching(/^g-/)])
    // Someone removes it while the build runs: the next request makes it again and is sent once more, with the new id.
    fake.glossaries.splice(2, 1)
    const answer = await provider.translate({...request, segments: [{id: 'x1', text: 'Die Abwerbung.', context: ''}]}, {signal})
    expect(answer[0]?.text).toContain('poaching')
    const sent = translations(server)
    expect(sent).toHaveLength(2)
    expect(sent[1]?.form?.get('glossary_id')).toBe(fake.glossaries.at(-1)?.glossary_id)
    expect(sent[1]?.form?.get('glossary_id')).not.toBe(sent[0]?.form?.get('glossary_id'))
    // Requests in flight together that find it gone make it once between them.
    fake.glossaries.splice(2, 1)
    const posts = (): number => server.requests.filter((r) => r.method === 'POST' && r.path === '/v3/glossaries').length
    const before = posts()
    const together = await Promise.all([1, 2, 3].map((n) => provider.translate({...request, segments: [{id: `x${n}`, text: 'Die Abwerbung.', context: ''}]}, {signal})))
    expect(together.map((answer) => answer[0]?.text)).toEqual(Array.from({length: 3}, () => expect.stringContaining('poaching')))
    expect(posts() - before).toBe(1)
    expect(fake.glossaries.filter((item) => item.name.startsWith('tandem-') && item.glossary_id !== 'recent-tandem')).toHaveLength(1)
    // A 404 without a glossary is no reason to make one.
    const plain = await setup([{status: 404, body: {message: 'Not found'}}])
    await expect(plain.provider.translate(request, {signal})).rejects.toMatchObject({status: 404})
  })

  it.each([
    ['429', {status: 429, body: {message: 'Too many requests'}}],
    ['429 with Retry-After', {status: 429, headers: {'retry-after': '1'}, body: {message: 'Too many requests'}}],
    ['500', {status: 500, body: {message: 'Internal error'}}],
    ['503', {status: 503, body: {message: 'Service unavailable'}}],
    ['a reset connection', {reset: true}],
    ['a timeout', {hang: true}]
  ] as Array<[string, Reply]>)('retries after %s', async (_name, fault) => {
    const {server, provider, delays} = await setup([fault, fault])
    expect(await provider.translate(request, {signal})).toHaveLength(2)
    expect(translations(server)).toHaveLength(3)
    expect(delays).toHaveLength(2)
  })

  it.each([
    ['quota exceeded (456)', {status: 456, body: {message: 'Quota exceeded'}}, 'provider-quota'],
    ['a rejected key (403)', {status: 403, body: {message: `Wrong key ${KEY}`}}, 'provider-auth'],
    ['a bad request (400)', {status: 400, body: {message: 'Value for target_lang not supported'}}, 'provider-bad-request']
  ] as Array<[string, Reply, string]>)('fails at once, without retrying, on %s', async (_name, fault, code) => {
    const {server, provider} = await setup([fault])
    const error = (await provider.translate(request, {signal}).catch((caught: unknown) => caught)) as Error & {code: string}
    expect(error.code).toBe(code)
    expect(error.message).not.toContain(KEY)
    expect(translations(server)).toHaveLength(1)
  })

  it('reports malformed JSON and a wrong number of translations as bad responses', async () => {
    const malformed = await setup([{status: 200, raw: '{"translations": [oops'}])
    await expect(malformed.provider.translate(request, {signal})).rejects.toMatchObject({code: 'provider-bad-response'})
    const short = await setup([{status: 200, body: {translations: [{detected_source_language: 'DE', text: 'Only one.'}]}}])
    await expect(short.provider.translate(request, {signal})).rejects.toMatchObject({code: 'provider-bad-response'})
  })

  it('passes dropped and duplicated placeholders through for the pipeline to catch', async () => {
    const {provider} = await setup([
      {
        status: 200,
        body: {
          translations: [
            {detected_source_language: 'DE', text: 'The poaching of &amp; more.'},
            {detected_source_language: 'DE', text: 'Second <b i="1">x</b> <b i="1">y</b>.'}
          ]
        }
      }
    ])
    const answer = await provider.translate(request, {signal})
    expect(answer.map((item) => item.text)).toEqual(['The poaching of &amp; more.', 'Second <b1>x</b1> <b1>y</b1>.'])
  })
})

describe('DeepL XML mapping', () => {
  it('round-trips tandem tags', () => {
    const tagged = 'A <b1>b <i2>c</i2></b1> <c3/> <a4>d</a4> &amp; &lt;e&gt;'
    expect(fromDeepLXml(toDeepLXml(tagged))).toBe(tagged)
  })

  it('keeps a stray closing tag as text so validation catches it', () => {
    expect(fromDeepLXml('x </b> y')).toBe('x &lt;/b> y')
  })
})
