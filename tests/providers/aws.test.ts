import {describe, expect, it} from 'vitest'
import {awsFault} from '../../src/providers/aws.js'
import {createProvider} from '../../src/providers/registry.js'
import {awsError, fakeAws, sigV4Problem} from '../helpers/fakes/aws.js'
import {fakeEnglish, startLoopback, withFaults, type Reply} from '../helpers/loopback.js'

const CREDENTIALS = {accessKeyId: 'AKIACANARY0EXAMPLE7', secretAccessKey: 'canary/secret+Key0000aws000EXAMPLE1234'}
const signal = new AbortController().signal

async function setup(faults: Reply[] = [], env: Record<string, string> = {}) {
  const fake = fakeAws(CREDENTIALS)
  const server = await startLoopback(withFaults(fake.handler, faults, /^\//))
  const delays: number[] = []
  const provider = createProvider('aws', {
    env: {AWS_REGION: 'eu-central-1', AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey, AWS_TRANSLATE_ENDPOINT: server.url, ...env},
    options: {},
    target: 'en',
    retry: {sleep: async (ms) => void delays.push(ms), random: () => 0.5, timeoutMs: 5000}
  })
  return {server, fake, provider, delays}
}

const request = {
  segments: [{id: 'a', text: 'Die Abwerbung von <b1>Ingenieuren</b1> mit <c2/>.', context: ''}],
  source: 'de',
  target: 'en',
  glossary: []
} as const

describe('aws adapter', () => {
  it('sends TranslateText over AWS JSON 1.1, signed with SigV4 (recomputed here and equal), HTML spans for the placeholders', async () => {
    const {server, provider} = await setup()
    const answer = await provider.translate(request, {signal})
    const [sent] = server.requests
    expect(sent?.headers['x-amz-target']).toBe('AWSShineFrontendService_20170701.TranslateText')
    expect(sent?.headers['content-type']).toBe('application/x-amz-json-1.1')
    expect(sigV4Problem(sent as NonNullable<typeof sent>, CREDENTIALS.accessKeyId, CREDENTIALS.secretAccessKey, 'eu-central-1', 'translate')).toBeUndefined()
    // The check can fail: another secret does not give the same signature.
    expect(sigV4Problem(sent as NonNullable<typeof sent>, CREDENTIALS.accessKeyId, 'another-secret', 'eu-central-1', 'translate')).toBe('InvalidSignatureException')
    expect(sent?.json).toEqual({Text: 'Die Abwerbung von <span data-t="b1">Ingenieuren</span> mit <span data-t="c2" translate="no"></span>.', SourceLanguageCode: 'de', TargetLanguageCode: 'en'})
    expect(answer).toEqual([{id: 'a', text: `${fakeEnglish('Die Abwerbung von ')}<b1>${fakeEnglish('Ingenieuren')}</b1>${fakeEnglish(' mit ')}<c2/>.`}])
  })

  it('imports the glossary as a custom terminology named by its content, reuses it while unchanged, and passes it with every sentence', async () => {
    const {server, fake, provider} = await setup()
    const glossary = [{source: 'Abwerbung', target: 'poaching', kind: 'term' as const}, {source: 'OpenAI', target: 'OpenAI', kind: 'name' as const}]
    await provider.prepare?.(glossary, {signal})
    expect(fake.terminologies).toHaveLength(1)
    const name = fake.terminologies[0]?.name ?? ''
    expect(name).toMatch(/^tandem-[0-9a-f]{16}$/)
    expect(fake.terminologies[0]?.csv).toBe('de,en\nAbwerbung,poaching\nOpenAI,OpenAI\n')
    const answer = await provider.translate(request, {signal})
    expect(answer[0]?.text).toContain('poaching')
    expect((server.requests.at(-1)?.json as {TerminologyNames: string[]}).TerminologyNames).toEqual([name])
    // Unchanged: found, not imported again.
    const again = await setup()
    again.fake.terminologies.push(...fake.terminologies)
    await again.provider.prepare?.(glossary, {signal})
    expect(again.server.requests.map((item) => item.headers['x-amz-target'])).not.toContain('AWSShineFrontendService_20170701.ImportTerminology')
    // Changed: a new one; the old one stays, for another project or a branch built at the same time.
    await again.provider.prepare?.([{source: 'Abwerbung', target: 'talent raid', kind: 'term'}], {signal})
    expect(again.fake.terminologies.map((item) => item.name)).toHaveLength(2)
    expect(again.fake.terminologies.map((item) => item.name)).toContain(name)
  })

  it('retries throttling and 500, and resets; a wrong key, a bad signature and a limit stop at once; no secret in a message', async () => {
    const {server, provider, delays} = await setup([
      awsError(400, 'ThrottlingException', 'Rate exceeded'),
      awsError(500, 'InternalServerException', 'Internal error'),
      {reset: true}
    ])
    expect(await provider.translate(request, {signal})).toHaveLength(1)
    expect(server.requests).toHaveLength(4)
    expect(delays).toHaveLength(3)
    const wrong = await setup([], {AWS_ACCESS_KEY_ID: 'AKIAOTHER0000000000'})
    const error = (await wrong.provider.translate(request, {signal}).catch((caught: unknown) => caught)) as Error & {code: string}
    expect(error.code).toBe('provider-auth')
    expect(error.message).toContain('UnrecognizedClientException')
    expect(wrong.server.requests).toHaveLength(1)
    const forged = await setup([], {AWS_SECRET_ACCESS_KEY: 'a-secret-that-is-not-it'})
    const signed = (await forged.provider.translate(request, {signal}).catch((caught: unknown) => caught)) as Error & {code: string}
    expect(signed.code).toBe('provider-auth')
    expect(signed.message).not.toContain('a-secret-that-is-not-it')
    const limited = await setup([awsError(400, 'LimitExceededException', 'You have exceeded a limit.')])
    await expect(limited.provider.translate(request, {signal})).rejects.toMatchObject({code: 'provider-quota'})
  })

  it('refuses a sentence over the service’s 10,000 bytes before sending it, and an answer without text', async () => {
    const {server, provider} = await setup()
    await expect(provider.translate({...request, segments: [{id: 'l', text: 'Wort '.repeat(2100), context: ''}]}, {signal})).rejects.toMatchObject({code: 'provider-bad-request'})
    expect(server.requests).toHaveLength(0)
    const empty = await setup([{status: 200, body: {SourceLanguageCode: 'de'}}])
    await expect(empty.provider.translate(request, {signal})).rejects.toMatchObject({code: 'provider-bad-response'})
    // A body that is not JSON: the SDK cannot read it, and the build is told so, never given a guess.
    const garbage = await setup([{status: 200, raw: 'not json at all'}])
    await expect(garbage.provider.translate(request, {signal})).rejects.toMatchObject({code: 'provider-bad-response', message: 'aws: the answer is not valid JSON'})
    expect(garbage.server.requests).toHaveLength(1)
  })

  it('retries only what can heal: a network fault and a timeout; missing credentials are authorization, a fault without an answer a bad request, never retried', () => {
    const fault = (error: unknown) => awsFault(error, signal, 'translate.eu-central-1.amazonaws.com', ['s3cr3t-value'])
    expect(fault(Object.assign(new Error('socket hang up'), {code: 'ECONNRESET'}))).toMatchObject({code: 'provider-connection', retryable: true})
    expect(fault(Object.assign(new Error('timed out'), {name: 'TimeoutError'}))).toMatchObject({code: 'provider-timeout', retryable: true})
    expect(fault(Object.assign(new Error('Could not load credentials from any providers'), {name: 'CredentialsProviderError'}))).toMatchObject({code: 'provider-auth', retryable: false})
    expect(fault(Object.assign(new Error('Token is expired'), {name: 'TokenProviderError'}))).toMatchObject({code: 'provider-auth', retryable: false})
    const bad = fault(new TypeError('Invalid URL s3cr3t-value'))
    expect(bad).toMatchObject({code: 'provider-bad-request', retryable: false})
    expect(bad.message).not.toContain('s3cr3t-value')
    expect(fault(Object.assign(new Error('busy'), {name: 'ConcurrentModificationException', $metadata: {httpStatusCode: 400}}))).toMatchObject({code: 'provider-rate-limit', retryable: true})
  })

  it('needs the region', () => {
    expect(() => createProvider('aws', {env: {}, options: {}, target: 'en'})).toThrow(/AWS_REGION/)
    expect(createProvider('aws', {env: {}, options: {region: 'us-west-2'}, target: 'en'}).endpoint).toBe('translate.us-west-2.amazonaws.com')
  })
})
