import {describe, expect, it} from 'vitest'
import {createProvider} from '../../src/providers/registry.js'
import {fromHtml, toHtml} from '../../src/providers/html-tags.js'
import {fakeAzure} from '../helpers/fakes/azure.js'
import {fakeEnglish, startLoopback, withFaults, type Reply} from '../helpers/loopback.js'

const KEY = 'azure-canary-key-5d1c'
const signal = new AbortController().signal

async function setup(faults: Reply[] = [], env: Record<string, string> = {}) {
  const server = await startLoopback(withFaults(fakeAzure(KEY, 'westeurope'), faults, /translate/))
  const delays: number[] = []
  const provider = createProvider('azure', {
    env: {AZURE_TRANSLATOR_KEY: KEY, AZURE_TRANSLATOR_REGION: 'westeurope', AZURE_TRANSLATOR_ENDPOINT: server.url, ...env},
    options: {},
    target: 'en',
    retry: {sleep: async (ms) => void delays.push(ms), random: () => 0.5, timeoutMs: 500}
  })
  return {server, provider, delays}
}

const request = {
  segments: [
    {id: 'a', text: 'Die <g1/> von <b2>Ingenieuren</b2> mit <c3/> &amp; mehr.', context: '', terms: [{id: 1, german: 'Abwerbung', english: 'poaching'}]},
    {id: 'b', text: 'Noch ein Satz.', context: ''}
  ],
  source: 'de',
  target: 'en',
  glossary: []
} as const

describe('azure adapter', () => {
  it('posts the texts as HTML to /translate with the key and region headers, and a protected term as a dynamic dictionary entry', async () => {
    const {server, provider} = await setup()
    const answer = await provider.translate(request, {signal})
    const [sent] = server.requests
    expect(sent?.method).toBe('POST')
    expect(sent?.path).toBe('/translate?api-version=3.0&from=de&to=en&textType=html')
    expect(sent?.headers['ocp-apim-subscription-key']).toBe(KEY)
    expect(sent?.headers['ocp-apim-subscription-region']).toBe('westeurope')
    expect(sent?.json).toEqual([
      {Text: 'Die <span data-t="g1"><mstrans:dictionary translation="poaching">Abwerbung</mstrans:dictionary></span> von <span data-t="b2">Ingenieuren</span> mit <span data-t="c3" translate="no"></span> &amp; mehr.'},
      {Text: 'Noch ein Satz.'}
    ])
    // The term's span comes back with Azure's translation inside, which is dropped: the pipeline writes the required English.
    expect(answer).toEqual([
      {id: 'a', text: `${fakeEnglish('Die ')}<g1/>${fakeEnglish(' von ')}<b2>${fakeEnglish('Ingenieuren')}</b2>${fakeEnglish(' mit ')}<c3/>${fakeEnglish(' &amp; mehr.')}`},
      {id: 'b', text: fakeEnglish('Noch ein Satz.')}
    ])
  })

  it('splits a batch that would pass 50,000 characters as sent into several requests', async () => {
    const {server, provider} = await setup()
    const long = Array.from({length: 30}, (_, index) => ({id: `s${index}`, text: `${'Ein langer Satz mit vielen Wörtern. '.repeat(60)}<b1>Ende</b1>.`, context: ''}))
    const answer = await provider.translate({...request, segments: long}, {signal})
    expect(answer.map((item) => item.id)).toEqual(long.map((item) => item.id))
    expect(server.requests.length).toBeGreaterThan(1)
    for (const sent of server.requests) expect((sent.json as Array<{Text: string}>).reduce((sum, item) => sum + item.Text.length, 0)).toBeLessThanOrEqual(50_000)
  })

  it('honours Retry-After on 429, retries 500 and resets', async () => {
    const {server, provider, delays} = await setup([
      {status: 429, headers: {'retry-after': '2'}, body: {error: {code: 429001, message: 'The server rejected the request because the client has exceeded request limits.'}}},
      {status: 500, body: {error: {code: 500000, message: 'An unexpected error occurred.'}}},
      {reset: true}
    ])
    expect(await provider.translate(request, {signal})).toHaveLength(2)
    expect(server.requests).toHaveLength(4)
    expect(delays[0]).toBe(2000)
  })

  it('maps a wrong key or region to an authorization error and the free tier’s 403001 to quota, never retried, the key never in a message', async () => {
    const wrong = await setup([], {AZURE_TRANSLATOR_REGION: 'eastus'})
    const error = (await wrong.provider.translate(request, {signal}).catch((caught: unknown) => caught)) as Error & {code: string}
    expect(error.code).toBe('provider-auth')
    expect(error.message).toContain('The region of the resource does not match')
    expect(error.message).not.toContain(KEY)
    expect(wrong.server.requests).toHaveLength(1)
    const quota = await setup([{status: 403, body: {error: {code: 403001, message: 'The operation is not allowed because the subscription has exceeded its free quota.'}}}])
    await expect(quota.provider.translate(request, {signal})).rejects.toMatchObject({code: 'provider-quota'})
    expect(quota.server.requests).toHaveLength(1)
  })

  it('reports a wrong number of results, malformed JSON and an answer without text as bad responses', async () => {
    for (const reply of [{status: 200, body: [{translations: [{text: 'one', to: 'en'}]}]}, {status: 200, raw: 'not json'}, {status: 200, body: [{translations: []}, {translations: []}]}] as Reply[]) {
      const {provider} = await setup([reply])
      await expect(provider.translate(request, {signal})).rejects.toMatchObject({code: 'provider-bad-response'})
    }
  })

  it('needs AZURE_TRANSLATOR_KEY, and takes a region and endpoint from the config too', async () => {
    expect(() => createProvider('azure', {env: {}, options: {}, target: 'en'})).toThrow(/AZURE_TRANSLATOR_KEY/)
    const server = await startLoopback(fakeAzure(KEY, 'northeurope'))
    const provider = createProvider('azure', {env: {AZURE_TRANSLATOR_KEY: KEY}, options: {region: 'northeurope', endpoint: server.url}, target: 'en'})
    expect(await provider.translate(request, {signal})).toHaveLength(2)
  })
})

describe('placeholders as HTML spans', () => {
  it('go there and back, paired ones nested, void ones empty and protected', () => {
    const tagged = 'Eine <i1>verschachtelte <b2>Auszeichnung</b2></i1> und <f3/> und <img4/> &lt;tag&gt;.'
    expect(fromHtml(toHtml(tagged))).toBe(tagged)
  })

  it('come back from what services do to HTML: entities as characters, their own spans dropped, a void span with content empty', () => {
    expect(fromHtml('It&#39;s &quot;new&quot; &amp; <span data-t="c1" translate="no"></span>&nbsp;ok')).toBe('It\'s "new" &amp; <c1/>\u00a0ok')
    expect(fromHtml('<span class="x">Word</span> <span data-t="g1">poaching <b>x</b></span>')).toBe('Word <g1/>')
    expect(fromHtml('<span data-t="c1"/> and <span data-t=b2>w</span>')).toBe('<c1/> and <b2>w</b2>')
  })

  it('let no entity or raw character become a tag, and no marker of the wrong kind or form a placeholder', () => {
    expect(fromHtml('a < b and <b&#49;> and &#60;b1&#62; and <!-- x -->')).toBe('a &lt; b and &lt;b1&gt; and &lt;b1&gt; and &lt;!-- x --&gt;')
    expect(fromHtml('<span data-t="q1">x</span>')).toBe('&lt;span data-t="q1"&gt;x&lt;/span&gt;')
    expect(fromHtml('<span data-t="b1">x</span> <span data-t="b1"/>')).toBe('<b1>x</b1> &lt;span data-t="b1"/&gt;')
  })

  it('lose no words a service moved into a protected span, or left in one it never closed', () => {
    expect(fromHtml('The <span data-t="c1" translate="no">moved words</span> stay.')).toBe('The <c1/>moved words stay.')
    expect(fromHtml('Cut <span data-t="c1" translate="no"></span> here <span data-t="x2" translate="no">and the rest')).toBe('Cut <c1/> here <x2/>and the rest')
    // A glossary term's span holds the service's rendering of the term, which the pipeline replaces.
    expect(fromHtml('The <span data-t="g1">poaching</span> goes on.')).toBe('The <g1/> goes on.')
  })

  it('leave what they cannot read as text, for validation to refuse', () => {
    expect(fromHtml('A <em>new</em> tag and a stray </span>.')).toBe('A &lt;em&gt;new&lt;/em&gt; tag and a stray &lt;/span&gt;.')
    expect(fromHtml('Dropped: <span data-t="b1">open')).toBe('Dropped: <b1>open')
  })
})
