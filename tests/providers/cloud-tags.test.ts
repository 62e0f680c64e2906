import {describe, expect, it} from 'vitest'
import type {TranslationProvider} from '../../src/providers/port.js'
import {createProvider} from '../../src/providers/registry.js'
import {validateAnswer} from '../../src/providers/validate.js'
import {fakeAws} from '../helpers/fakes/aws.js'
import {fakeAzure} from '../helpers/fakes/azure.js'
import {fakeGoogle, googleEnv, testServiceAccount} from '../helpers/fakes/google.js'
import {startLoopback, type Handler, type Reply} from '../helpers/loopback.js'

/**
 * What a cloud MT service may do to the markup: drop a span, or copy one. The
 * adapters must hand that on as it is, so that validation refuses the sentence
 * (and the build names it), never hide it by repairing or guessing.
 */

const signal = new AbortController().signal
const SEGMENTS = [{id: 's1', text: 'Die <b1>Abwerbung</b1> von <c2/> geht weiter.', context: ''}]
const account = testServiceAccount()
const AWS = {accessKeyId: 'AKIATAGS000000000000', secretAccessKey: 'tags-secret'}

/** A handler whose successful answers pass through `damage` (the HTML the service would return). */
function damaging(inner: Handler, damage: (html: string) => string): Handler {
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return damage(value)
    if (Array.isArray(value)) return value.map(walk)
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, key === 'to' || key === 'SourceLanguageCode' || key === 'TargetLanguageCode' ? item : walk(item)]))
    return value
  }
  return async (request) => {
    const reply = await inner(request)
    if (!('status' in reply) || reply.status !== 200 || request.path === '/token' || !('body' in reply)) return reply
    return {...reply, body: walk(reply.body)} as Reply
  }
}

async function adapters(damage: (html: string) => string): Promise<Array<[string, TranslationProvider]>> {
  const azure = await startLoopback(damaging(fakeAzure('k-azure'), damage))
  const google = await startLoopback(damaging(fakeGoogle({publicKey: account.publicKey, clientEmail: account.email, project: 'canary-project'}).handler, damage))
  const aws = await startLoopback(damaging(fakeAws(AWS).handler, damage))
  const make = (name: string, env: Record<string, string>): TranslationProvider => createProvider(name, {env, options: {}, target: 'en', retry: {sleep: async () => undefined, timeoutMs: 5000}})
  return [
    ['azure', make('azure', {AZURE_TRANSLATOR_KEY: 'k-azure', AZURE_TRANSLATOR_ENDPOINT: azure.url})],
    ['google', make('google', googleEnv(google.url, account))],
    ['aws', make('aws', {AWS_REGION: 'eu-central-1', AWS_ACCESS_KEY_ID: AWS.accessKeyId, AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey, AWS_TRANSLATE_ENDPOINT: aws.url})]
  ]
}

describe('a cloud MT service that damages the markup', () => {
  it.each([
    ['drops a paired span', (html: string) => html.replace(/<span data-t="b1">([^<]*)<\/span>/, '$1'), 'placeholder-missing <b1>'],
    ['drops a protected span', (html: string) => html.replace(/<span data-t="c2" translate="no"><\/span>/, ''), 'placeholder-missing <c2/>'],
    ['copies a protected span', (html: string) => html.replace(/(<span data-t="c2" translate="no"><\/span>)/, '$1 $1'), 'placeholder-duplicate <c2/>'],
    ['adds an element of its own', (html: string) => html.replace('</span>', '</span> <b>!</b>'), '']
  ])('%s: each adapter hands it on, and validation refuses the sentence', async (_what, damage, expected) => {
    for (const [name, provider] of await adapters(damage)) {
      const answer = await provider.translate({segments: SEGMENTS, source: 'de', target: 'en', glossary: []}, {signal})
      const [verdict] = validateAnswer(SEGMENTS, answer)
      if (expected === '') {
        // An element the service made up stays as text: escaped, never markup.
        expect(answer[0]?.text, name).toContain('&lt;b&gt;!&lt;/b&gt;')
        continue
      }
      expect(verdict?.ok, name).toBe(false)
      const problems = verdict !== undefined && !verdict.ok ? verdict.problems.map((problem) => `${problem.rule} ${'tag' in problem ? problem.tag : ''}`) : []
      expect(problems, name).toContain(expected)
    }
  })
})
