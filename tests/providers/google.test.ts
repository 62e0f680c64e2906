import {generateKeyPairSync} from 'node:crypto'
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {createGoogleProvider} from '../../src/providers/google.js'
import {createProvider} from '../../src/providers/registry.js'
import {fakeGoogle} from '../helpers/fakes/google.js'
import {fakeEnglish, startLoopback, withFaults, type Reply} from '../helpers/loopback.js'
import {tempDir} from '../helpers/temp.js'

const signal = new AbortController().signal
const {privateKey, publicKey} = generateKeyPairSync('rsa', {modulusLength: 2048})
const PEM = privateKey.export({type: 'pkcs8', format: 'pem'}).toString()
const EMAIL = 'tandem@canary-project.iam.gserviceaccount.com'

/** A key file as Google Cloud writes it, its token_uri at the loopback server. */
async function keyFile(url: string, extra: Record<string, unknown> = {}): Promise<string> {
  const dir = await tempDir()
  const path = join(dir, 'key.json')
  await writeFile(path, JSON.stringify({type: 'service_account', project_id: 'canary-project', private_key_id: 'abc', private_key: PEM, client_email: EMAIL, token_uri: `${url}/token`, ...extra}))
  return path
}

async function setup(faults: Reply[] = [], options: Record<string, unknown> = {}) {
  const fake = fakeGoogle({publicKey, clientEmail: EMAIL, project: 'canary-project', glossaries: {'press-terms': {Abwerbung: 'poaching'}}})
  const server = await startLoopback(withFaults(fake.handler, faults, /translateText/))
  const delays: number[] = []
  const provider = createProvider('google', {
    env: {GOOGLE_APPLICATION_CREDENTIALS: await keyFile(server.url), GOOGLE_TRANSLATE_ENDPOINT: server.url},
    options,
    target: 'en',
    retry: {sleep: async (ms) => void delays.push(ms), random: () => 0.5, timeoutMs: 2000}
  })
  return {server, fake, provider, delays}
}

const request = {
  segments: [
    {id: 'a', text: 'Die Abwerbung von <b1>Ingenieuren</b1> mit <c2/>.', context: ''},
    {id: 'b', text: 'Noch ein Satz.', context: ''}
  ],
  source: 'de',
  target: 'en',
  glossary: []
} as const

describe('google adapter', () => {
  it('exchanges the service account key for a token (a JWT it signs, RS256, verified by the server), then posts HTML to translateText', async () => {
    const {server, fake, provider} = await setup()
    const answer = await provider.translate(request, {signal})
    const [token, sent] = server.requests
    expect(token?.path).toBe('/token')
    expect(fake.claims).toHaveLength(1)
    const claim = fake.claims[0] as Record<string, number | string>
    expect(claim).toMatchObject({iss: EMAIL, scope: 'https://www.googleapis.com/auth/cloud-translation', aud: `${server.url}/token`})
    expect(Number(claim['exp']) - Number(claim['iat'])).toBe(3600)
    expect(sent?.path).toBe('/v3/projects/canary-project/locations/global:translateText')
    expect(sent?.headers.authorization).toBe(`Bearer ${fake.tokens[0]}`)
    expect(sent?.json).toEqual({contents: ['Die Abwerbung von <span data-t="b1">Ingenieuren</span> mit <span data-t="c2" translate="no"></span>.', 'Noch ein Satz.'], mimeType: 'text/html', sourceLanguageCode: 'de', targetLanguageCode: 'en'})
    expect(answer).toEqual([
      {id: 'a', text: `${fakeEnglish('Die Abwerbung von ')}<b1>${fakeEnglish('Ingenieuren')}</b1>${fakeEnglish(' mit ')}<c2/>.`},
      {id: 'b', text: fakeEnglish('Noch ein Satz.')}
    ])
    // The token is used until shortly before it expires: a second batch asks for none.
    await provider.translate(request, {signal})
    expect(fake.tokens).toHaveLength(1)
    expect(server.requests.filter((item) => item.path === '/token')).toHaveLength(1)
  })

  it('asks for a new token once the old one is about to expire', async () => {
    const fake = fakeGoogle({publicKey, clientEmail: EMAIL, project: 'canary-project'})
    const server = await startLoopback(fake.handler)
    let clock = 1_000_000
    const provider = createGoogleProvider({auth: {key: {client_email: EMAIL, private_key: PEM, token_uri: `${server.url}/token`}}, project: 'canary-project', endpoint: server.url, now: () => clock})
    await provider.translate(request, {signal})
    clock += 3_000_000
    await provider.translate(request, {signal})
    expect(fake.tokens).toHaveLength(1)
    clock += 600_000
    await provider.translate(request, {signal})
    expect(fake.tokens).toHaveLength(2)
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${fake.tokens[1]}`)
  })

  it('shares one token exchange between batches without tying it to one of them: a batch that gives up leaves the others their token; a token server that never answers is a retryable timeout', async () => {
    const fake = fakeGoogle({publicKey, clientEmail: EMAIL, project: 'canary-project'})
    const server = await startLoopback(async (request) => {
      if (request.path === '/token') await new Promise((resolve) => setTimeout(resolve, 300))
      return fake.handler(request)
    })
    const provider = createGoogleProvider({auth: {key: {client_email: EMAIL, private_key: PEM, token_uri: `${server.url}/token`}}, project: 'canary-project', endpoint: server.url})
    const impatient = new AbortController()
    const first = provider.translate(request, {signal: impatient.signal})
    const second = provider.translate(request, {signal})
    setTimeout(() => impatient.abort(), 50)
    await expect(first).rejects.toMatchObject({code: 'aborted'})
    expect(await second).toHaveLength(2)
    expect(fake.tokens).toHaveLength(1)
    const silent = await startLoopback((request) => (request.path === '/token' ? {hang: true} : fake.handler(request)))
    const waiting = createGoogleProvider({auth: {key: {client_email: EMAIL, private_key: PEM, token_uri: `${silent.url}/token`}}, project: 'canary-project', endpoint: silent.url, tokenTimeoutMs: 100})
    await expect(waiting.translate(request, {signal})).rejects.toMatchObject({code: 'provider-timeout', retryable: true})
  })

  it('takes an access token as it is (GOOGLE_ACCESS_TOKEN), and decodes the entities Google answers with', async () => {
    const fake = fakeGoogle({publicKey, clientEmail: EMAIL, project: 'canary-project'})
    fake.tokens.push('ya29.given-canary-token')
    const server = await startLoopback(fake.handler)
    const provider = createProvider('google', {env: {GOOGLE_ACCESS_TOKEN: 'ya29.given-canary-token', GOOGLE_CLOUD_PROJECT: 'canary-project', GOOGLE_TRANSLATE_ENDPOINT: server.url}, options: {}, target: 'en'})
    const answer = await provider.translate({...request, segments: [{id: 'q', text: "Es ist 'neu' &amp; gut.", context: ''}]}, {signal})
    expect(answer).toEqual([{id: 'q', text: `${fakeEnglish('Es ist ')}'${fakeEnglish('neu')}'${fakeEnglish(' &amp; gut.')}`}])
    expect(server.requests.map((item) => item.path)).toEqual(['/v3/projects/canary-project/locations/global:translateText'])
  })

  it('applies a glossary from the config (glossaryConfig in a region) and takes its translations', async () => {
    const {server, provider} = await setup([], {glossary: 'press-terms', location: 'us-central1'})
    expect(provider.capabilities.glossary).toBe('native')
    const answer = await provider.translate(request, {signal})
    const sent = server.requests.find((item) => item.path.endsWith(':translateText'))
    expect(sent?.path).toBe('/v3/projects/canary-project/locations/us-central1:translateText')
    expect((sent?.json as {glossaryConfig: unknown}).glossaryConfig).toEqual({glossary: 'projects/canary-project/locations/us-central1/glossaries/press-terms', ignoreCase: false})
    expect(answer[0]?.text).toContain('poaching')
    // Without one, names and terms are the pipeline's placeholders.
    expect((await setup()).provider.capabilities.glossary).toBe('none')
  })

  it('honours Retry-After on 429, retries 503 and resets; a daily quota is quota; a refused key or token is authorization, never retried', async () => {
    const {server, provider, delays} = await setup([
      {status: 429, headers: {'retry-after': '1'}, body: {error: {code: 429, message: "Quota exceeded for quota metric 'v3 general characters' per minute", status: 'RESOURCE_EXHAUSTED'}}},
      {status: 503, body: {error: {code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE'}}},
      {reset: true}
    ])
    expect(await provider.translate(request, {signal})).toHaveLength(2)
    expect(server.requests.filter((item) => item.path.endsWith(':translateText'))).toHaveLength(4)
    expect(delays[0]).toBe(1000)
    const daily = await setup([{status: 429, body: {error: {code: 429, message: "Quota exceeded for quota metric 'v3 general characters' per day", status: 'RESOURCE_EXHAUSTED'}}}])
    await expect(daily.provider.translate(request, {signal})).rejects.toMatchObject({code: 'provider-quota'})
    // A key the token server does not know (another key pair signed it): authorization, with no part of the key in the message.
    const other = generateKeyPairSync('rsa', {modulusLength: 2048}).privateKey.export({type: 'pkcs8', format: 'pem'}).toString()
    const fake = fakeGoogle({publicKey, clientEmail: EMAIL, project: 'canary-project'})
    const refusing = await startLoopback(fake.handler)
    const wrong = createProvider('google', {env: {GOOGLE_APPLICATION_CREDENTIALS: await keyFile(refusing.url, {private_key: other}), GOOGLE_TRANSLATE_ENDPOINT: refusing.url}, options: {}, target: 'en'})
    const error = (await wrong.translate(request, {signal}).catch((caught: unknown) => caught)) as Error & {code: string}
    expect(error.code).toBe('provider-auth')
    expect(error.message).not.toContain(other.slice(40, 80))
    expect(refusing.requests).toHaveLength(1)
  })

  it('reports a wrong number of results and malformed JSON as bad responses', async () => {
    for (const reply of [{status: 200, body: {translations: [{translatedText: 'one'}]}}, {status: 200, raw: 'not json'}, {status: 200, body: {translations: [{}, {}]}}] as Reply[]) {
      const {provider} = await setup([reply])
      await expect(provider.translate(request, {signal})).rejects.toMatchObject({code: 'provider-bad-response'})
    }
  })

  it('says what is missing or wrong in its configuration, naming the key file, never quoting the key', async () => {
    expect(() => createProvider('google', {env: {}, options: {}, target: 'en'})).toThrow(/GOOGLE_APPLICATION_CREDENTIALS .*or GOOGLE_ACCESS_TOKEN/)
    expect(() => createProvider('google', {env: {GOOGLE_ACCESS_TOKEN: 't'}, options: {}, target: 'en'})).toThrow(/needs the project/)
    expect(() => createProvider('google', {env: {GOOGLE_APPLICATION_CREDENTIALS: '/nonexistent/key.json'}, options: {}, target: 'en'})).toThrow('GOOGLE_APPLICATION_CREDENTIALS: /nonexistent/key.json cannot be read (ENOENT)')
    const dir = await tempDir()
    await writeFile(join(dir, 'user.json'), JSON.stringify({type: 'authorized_user', client_id: 'x', refresh_token: 'secret-refresh'}))
    expect(() => createProvider('google', {env: {GOOGLE_APPLICATION_CREDENTIALS: join(dir, 'user.json')}, options: {}, target: 'en'})).toThrow(/is not a service account key/)
    await writeFile(join(dir, 'broken.json'), `{"private_key": "${PEM.slice(0, 60)}`)
    const error = (() => {
      try {
        createProvider('google', {env: {GOOGLE_APPLICATION_CREDENTIALS: join(dir, 'broken.json')}, options: {}, target: 'en'})
      } catch (caught) {
        return caught as Error
      }
      return new Error('none')
    })()
    expect(error.message).toContain('is not JSON')
    expect(error.message).not.toContain('PRIVATE KEY')
  })
})
