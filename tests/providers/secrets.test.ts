import {inspect} from 'node:util'
import {describe, expect, it} from 'vitest'
import {createProvider} from '../../src/providers/registry.js'
import {startLoopback, type Reply} from '../helpers/loopback.js'

const KEY = 'canary-secret-5e1f-key'

/** Faults whose answers repeat the key back, as some services do in their error messages. */
const FAULTS: ReadonlyArray<[string, (auth: string) => Reply]> = [
  ['401 echoing the key', (auth) => ({status: 401, body: {error: {message: `Incorrect API key provided: ${KEY}`}, message: `bad key ${auth}`}})],
  ['403', (auth) => ({status: 403, body: {message: `Forbidden for ${auth}`}})],
  ['429', () => ({status: 429, headers: {'retry-after': '0'}, body: {error: `slow down ${KEY}`}})],
  ['500', (auth) => ({status: 500, raw: `internal error while serving ${auth} ${KEY}`})],
  ['400', () => ({status: 400, body: {error: {message: `bad request for key ${KEY}`}}})],
  ['garbage', () => ({status: 200, raw: `<html>${KEY}</html>`})],
  ['reset', () => ({reset: true})]
]

const PROVIDERS: ReadonlyArray<[string, (url: string) => Record<string, string>]> = [
  ['deepl', (url) => ({DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: url})],
  ['openai', (url) => ({OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${url}/v1`})],
  ['libretranslate', (url) => ({LIBRETRANSLATE_URL: url, LIBRETRANSLATE_API_KEY: KEY})]
]

describe('secrets in errors', () => {
  it.each(PROVIDERS)('%s: no error, with its stack, causes and hidden fields, carries the key', async (name, envOf) => {
    for (const [fault, reply] of FAULTS) {
      const server = await startLoopback((request) => reply(String(request.headers.authorization ?? request.body)))
      const provider = createProvider(name, {env: envOf(server.url), options: {}, target: 'en', retry: {attempts: 1, timeoutMs: 2000}})
      const error = await provider
        .translate({segments: [{id: 'a', text: 'Hallo Welt.', context: 'Hallo Welt.'}], source: 'de', target: 'en', glossary: []}, {signal: new AbortController().signal})
        .then(
          () => undefined,
          (caught: unknown) => caught
        )
      expect(error, `${name} ${fault}`).toBeInstanceOf(Error)
      // The key did reach the server: the test would see a leak if there were one.
      expect(JSON.stringify(server.requests.map((request) => [request.headers, request.body]))).toContain(KEY)
      const everything = inspect(error, {depth: 50, showHidden: true, getters: true})
      expect(everything.includes(KEY), `${name} ${fault}: ${everything.slice(0, 300)}`).toBe(false)
      expect(String((error as Error).stack)).not.toContain(KEY)
      await server.close()
    }
  })
})
