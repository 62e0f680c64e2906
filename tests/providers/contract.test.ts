import {describe, expect, it} from 'vitest'
import type {TranslationProvider} from '../../src/providers/port.js'
import {createProvider} from '../../src/providers/registry.js'
import {validateAnswer} from '../../src/providers/validate.js'
import {fakeAnthropic} from '../helpers/fakes/anthropic.js'
import {fakeAws} from '../helpers/fakes/aws.js'
import {fakeAzure} from '../helpers/fakes/azure.js'
import {googleService} from '../helpers/fakes/google.js'
import {fakeDeepL} from '../helpers/fakes/deepl.js'
import {fakeLibreTranslate} from '../helpers/fakes/libretranslate.js'
import {fakeOpenAI} from '../helpers/fakes/openai.js'
import {startLoopback} from '../helpers/loopback.js'

const instant = {sleep: async () => undefined, timeoutMs: 2_000}

/** Every provider, the offline ones included, each against its loopback server. */
async function providers(): Promise<Array<[string, TranslationProvider]>> {
  const deepl = await startLoopback(fakeDeepL('k-deepl').handler)
  const openai = await startLoopback(fakeOpenAI('k-openai'))
  const libre = await startLoopback(fakeLibreTranslate())
  const azure = await startLoopback(fakeAzure('k-azure'))
  const google = await googleService()
  const anthropic = await startLoopback(fakeAnthropic('k-anthropic'))
  const aws = await startLoopback(fakeAws({accessKeyId: 'AKIACONTRACT0000000', secretAccessKey: 'contract-secret'}).handler)
  const make = (name: string, env: Record<string, string>): TranslationProvider => createProvider(name, {env, options: {}, target: 'en', retry: instant})
  return [
    ['identity', make('identity', {})],
    ['pseudo', make('pseudo', {})],
    ['deepl', make('deepl', {DEEPL_AUTH_KEY: 'k-deepl', DEEPL_SERVER_URL: deepl.url})],
    ['openai', make('openai', {OPENAI_API_KEY: 'k-openai', OPENAI_BASE_URL: `${openai.url}/v1`})],
    ['libretranslate', make('libretranslate', {LIBRETRANSLATE_URL: libre.url})],
    ['azure', make('azure', {AZURE_TRANSLATOR_KEY: 'k-azure', AZURE_TRANSLATOR_ENDPOINT: azure.url})],
    ['google', make('google', google.env)],
    ['anthropic', make('anthropic', {ANTHROPIC_API_KEY: 'k-anthropic', ANTHROPIC_BASE_URL: anthropic.url})],
    ['aws', make('aws', {AWS_REGION: 'eu-central-1', AWS_ACCESS_KEY_ID: 'AKIACONTRACT0000000', AWS_SECRET_ACCESS_KEY: 'contract-secret', AWS_TRANSLATE_ENDPOINT: aws.url})]
  ]
}

const SEGMENTS = [
  {id: 's1', text: 'Die <b1>Abwerbung</b1> von <a2>Ingenieuren</a2> mit <c3/>.', context: 'Absatz eins.'},
  {id: 's2', text: 'Zeichen wie &amp;, &lt; und &gt; bleiben Text.', context: 'Absatz eins.'},
  {id: 's3', text: 'Eine <i1>verschachtelte <b2>Auszeichnung</b2></i1> und <f3/> und <img4/>.', context: 'Absatz zwei.'}
]

describe('provider contract', async () => {
  const all = await providers()

  it.each(all)('%s returns one sound translation per id', async (_name, provider) => {
    const answer = await provider.translate({segments: SEGMENTS, source: 'de', target: 'en', glossary: []}, {signal: new AbortController().signal})
    expect(answer.map((item) => item.id).sort()).toEqual(['s1', 's2', 's3'])
    expect(validateAnswer(SEGMENTS, answer).filter((verdict) => !verdict.ok)).toEqual([])
  })

  it.each(all)('%s declares usable capabilities', (_name, provider) => {
    const {capabilities} = provider
    expect(capabilities.maxBatchSegments).toBeGreaterThan(0)
    expect(capabilities.maxBatchChars).toBeGreaterThan(1000)
    expect(['native', 'prompt', 'none', 'ignore', 'inline']).toContain(capabilities.glossary)
    expect(['characters', 'tokens']).toContain(capabilities.costUnit)
  })

  it.each(all)('%s stops when the build is aborted', async (_name, provider) => {
    const controller = new AbortController()
    controller.abort(new Error('interrupted'))
    const result = await provider.translate({segments: SEGMENTS, source: 'de', target: 'en', glossary: []}, {signal: controller.signal}).then(
      () => 'resolved',
      (error: unknown) => (error as {code?: string}).code ?? 'rejected'
    )
    // The offline providers answer synchronously and need not look at the signal; network ones must not send.
    if (provider.capabilities.persistent) expect(result).toBe('aborted')
    else expect(['resolved', 'aborted']).toContain(result)
  })
})
