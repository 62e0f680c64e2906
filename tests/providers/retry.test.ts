import {setFlagsFromString} from 'node:v8'
import {runInNewContext} from 'node:vm'
import {describe, expect, it} from 'vitest'
import {ProviderError} from '../../src/errors.js'
import type {TranslationProvider} from '../../src/providers/port.js'
import {withRetry} from '../../src/providers/retry.js'

function scripted(failures: Array<Error | 'hang'>): TranslationProvider & {calls: number} {
  const provider = {
    id: 'scripted',
    calls: 0,
    capabilities: {maxBatchSegments: 10, maxBatchChars: 10_000, glossary: 'none', costUnit: 'characters', contextScope: 'segment', persistent: true} as const,
    async translate(request: Parameters<TranslationProvider['translate']>[0], {signal}: {signal: AbortSignal}) {
      const failure = failures[provider.calls++]
      if (failure === 'hang') return new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted by signal'))))
      if (failure !== undefined) throw failure
      return request.segments.map(({id, text}) => ({id, text}))
    }
  }
  return provider
}

/** A provider that answers at once with the German and notes when each request started. */
function startsRecorded(starts: number[]): TranslationProvider {
  return {
    ...scripted([]),
    async translate(req) {
      starts.push(performance.now())
      return req.segments.map(({id, text}) => ({id, text}))
    }
  }
}

const request = {segments: [{id: 'a', text: 'Satz.', context: ''}], source: 'de', target: 'en', glossary: []} as const

describe('withRetry', () => {
  it('retries retryable faults with growing, jittered backoff and honours Retry-After', async () => {
    const delays: number[] = []
    const inner = scripted([
      new ProviderError('provider-unavailable', '500', {retryable: true}),
      new ProviderError('provider-connection', 'reset', {retryable: true}),
      new ProviderError('provider-rate-limit', '429', {retryable: true, retryAfterMs: 3000}),
      new ProviderError('provider-unavailable', '503', {retryable: true})
    ])
    const provider = withRetry(inner, {random: () => 1, sleep: async (ms) => void delays.push(ms)})
    expect(await provider.translate(request, {signal: new AbortController().signal})).toEqual([{id: 'a', text: 'Satz.'}])
    expect(inner.calls).toBe(5)
    expect(delays).toEqual([500, 1000, 3000, 4000])
  })

  it.each([
    ['authorization', new ProviderError('provider-auth', '401')],
    ['quota', new ProviderError('provider-quota', '456')],
    ['bad request', new ProviderError('provider-bad-request', '400')]
  ])('never retries %s errors', async (_name, error) => {
    const inner = scripted([error])
    const provider = withRetry(inner, {sleep: async () => undefined})
    await expect(provider.translate(request, {signal: new AbortController().signal})).rejects.toBe(error)
    expect(inner.calls).toBe(1)
  })

  it('lets go of every answer once it is returned, while the build signal it was sent with lives on', async () => {
    setFlagsFromString('--expose-gc')
    const collect = runInNewContext('gc') as () => void
    const answers: Array<WeakRef<object>> = []
    const inner: TranslationProvider = {
      ...scripted([]),
      translate: async (asked) => {
        const answer = asked.segments.map(({id, text}) => ({id, text}))
        answers.push(new WeakRef(answer))
        return answer
      }
    }
    const provider = withRetry(inner, {timeoutMs: 60_000})
    const build = new AbortController()
    for (let i = 0; i < 20; i++) expect(await provider.translate(request, {signal: build.signal})).toHaveLength(1)
    await new Promise((resolve) => setImmediate(resolve))
    collect()
    expect(answers).toHaveLength(20)
    // Note: before, each request's abort listener hung on the build's signal (through AbortSignal.any) with its answer.
    expect(answers.filter((answer) => answer.deref() !== undefined)).toHaveLength(0)
    expect(build.signal.aborted).toBe(false)
  })

  it('times out a request that never answers, then retries it', async () => {
    const inner = scripted(['hang'])
    const provider = withRetry(inner, {timeoutMs: 50, sleep: async () => undefined})
    expect(await provider.translate(request, {signal: new AbortController().signal})).toHaveLength(1)
    expect(inner.calls).toBe(2)
  })

  it('gives up after the last attempt with the last error, which then stops the build: later calls send nothing', async () => {
    const error = new ProviderError('provider-unavailable', 'scripted: HTTP 500', {retryable: true, status: 500})
    const inner = scripted([error, error, error])
    const provider = withRetry(inner, {attempts: 3, sleep: async () => undefined})
    const signal = new AbortController().signal
    await expect(provider.translate(request, {signal})).rejects.toMatchObject({code: 'provider-unavailable', status: 500, stopsBuild: true, message: 'scripted: HTTP 500 (gave up after 3 attempts)'})
    expect(inner.calls).toBe(3)
    await expect(provider.translate(request, {signal})).rejects.toMatchObject({stopsBuild: true})
    expect(inner.calls).toBe(3)
  })

  it('stops waiting when the build is aborted', async () => {
    const controller = new AbortController()
    const inner = scripted([new ProviderError('provider-unavailable', '500', {retryable: true})])
    const provider = withRetry(inner, {baseDelayMs: 60_000, random: () => 1})
    const pending = provider.translate(request, {signal: controller.signal})
    setTimeout(() => controller.abort(new Error('interrupted')), 20)
    await expect(pending).rejects.toMatchObject({code: 'aborted'})
  })

  it('keeps the rate limit when a timer wakes early, as one set from the stale clock of a busy event loop does', async () => {
    const starts: number[] = []
    const inner = startsRecorded(starts)
    // A sleep that wakes after a third of the time asked for.
    const early = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.floor(ms / 3)))
    const provider = withRetry(inner, {requestsPerSecond: 20, sleep: early})
    await Promise.all(Array.from({length: 4}, () => provider.translate(request, {signal: new AbortController().signal})))
    expect(starts).toHaveLength(4)
    for (let i = 1; i < starts.length; i++) expect((starts[i] ?? 0) - (starts[i - 1] ?? 0)).toBeGreaterThanOrEqual(50)
  })

  it('keeps a rate limit: request starts at least 1/rate apart, and an aborted waiter does not hold up the rest', async () => {
    const starts: number[] = []
    const inner = startsRecorded(starts)
    const provider = withRetry(inner, {requestsPerSecond: 50})
    const aborted = new AbortController()
    const calls = Array.from({length: 6}, (_, index) =>
      provider.translate(request, {signal: index === 2 ? aborted.signal : new AbortController().signal}).then(
        () => 'ok',
        (error: unknown) => (error as ProviderError).code
      )
    )
    aborted.abort(new Error('stop'))
    expect(await Promise.all(calls)).toEqual(['ok', 'ok', 'aborted', 'ok', 'ok', 'ok'])
    expect(starts).toHaveLength(5)
    for (let i = 1; i < starts.length; i++) expect((starts[i] ?? 0) - (starts[i - 1] ?? 0)).toBeGreaterThanOrEqual(19)
  })
})

