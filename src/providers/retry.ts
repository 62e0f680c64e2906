import {isTandemError, ProviderError} from '../errors.js'
import type {TranslateOptions, TranslateRequest, TranslationProvider} from './port.js'

/** How to retry a provider's requests. */
export interface RetryPolicy {
  /** Attempts per batch, the first included (default: 10). */
  readonly attempts: number
  /** First backoff in ms; doubles each retry (default: 500). */
  readonly baseDelayMs: number
  /** Longest backoff in ms (default: 30,000). */
  readonly maxDelayMs: number
  /** Longest `Retry-After` honoured, in ms; longer waits fail the batch (default: 120,000). */
  readonly maxRetryAfterMs: number
  /** Timeout of one request in ms (default: 60,000). */
  readonly timeoutMs: number
  /** Source of randomness for jitter (tests make it deterministic). */
  readonly random: () => number
  /** Sleep; tests may replace it. Must reject when the signal aborts. */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>
  /** Requests a second at most, retries included (default: no limit). */
  readonly requestsPerSecond?: number
}

/** Defaults of the retry policy. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 10,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  timeoutMs: 60_000,
  random: Math.random,
  sleep: abortableSleep
}

/**
 * Wrap a provider with timeouts and retries. Retries only what can succeed
 * later (rate limits, 5xx, connection faults, timeouts: `retryable` errors),
 * with exponential backoff and full jitter, or exactly the provider's
 * `Retry-After`. Authorization, quota and bad-request errors fail at once.
 */
export function withRetry(provider: TranslationProvider, overrides: Partial<RetryPolicy> = {}): TranslationProvider {
  const policy: RetryPolicy = {...DEFAULT_RETRY_POLICY, ...overrides}
  const throttle = policy.requestsPerSecond === undefined ? undefined : throttler(policy.requestsPerSecond)
  const wrapped: TranslationProvider = {
    id: provider.id,
    capabilities: provider.capabilities,
    async translate(request: TranslateRequest, options: TranslateOptions) {
      for (let attempt = 1; ; attempt++) {
        try {
          // Note: the wait for a slot is not part of the request's timeout.
          if (throttle !== undefined) await throttle(options.signal, policy.sleep)
          return await attemptWithTimeout(provider, request, options.signal, policy.timeoutMs)
        } catch (error) {
          if (options.signal.aborted) throw new ProviderError('aborted', 'aborted', {cause: error})
          const retryable = isTandemError(error) && error.retryable
          if (!retryable || attempt >= policy.attempts) throw error
          const retryAfter = error instanceof ProviderError ? error.retryAfterMs : undefined
          if (retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs) throw error
          const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
          const delay = retryAfter ?? Math.round(policy.random() * backoff)
          await policy.sleep(delay, options.signal).catch((cause: unknown) => {
            throw new ProviderError('aborted', 'aborted', {cause})
          })
        }
      }
    }
  }
  if (provider.prepare !== undefined) {
    const prepare = provider.prepare.bind(provider)
    return {...wrapped, prepare}
  }
  return wrapped
}

/**
 * Spaces request starts at least 1/rate seconds apart, measured when each one
 * actually leaves, in the order they asked: the client keeps a provider's rate
 * limit instead of running into it, even when a busy event loop wakes timers late.
 */
function throttler(requestsPerSecond: number): (signal: AbortSignal, sleep: RetryPolicy['sleep']) => Promise<void> {
  // Note: 5 % above 1/rate, so that network jitter cannot bring two requests closer than the provider counts.
  const interval = 1050 / requestsPerSecond
  let last = Number.NEGATIVE_INFINITY
  let queue: Promise<void> = Promise.resolve()
  return (signal, sleep) => {
    const turn = queue.then(async () => {
      const wait = last + interval - performance.now()
      if (wait > 0) await sleep(Math.ceil(wait), signal)
      last = performance.now()
    })
    // Note: one waiter's abort must not stop the queue for the others.
    queue = turn.catch(() => undefined)
    return turn.catch((cause: unknown) => {
      throw new ProviderError('aborted', 'aborted', {cause})
    })
  }
}

async function attemptWithTimeout(provider: TranslationProvider, request: TranslateRequest, signal: AbortSignal, timeoutMs: number) {
  const timeout = new AbortController()
  const timer = setTimeout(() => timeout.abort(new ProviderError('provider-timeout', `no answer within ${timeoutMs} ms`, {retryable: true})), timeoutMs)
  const combined = AbortSignal.any([signal, timeout.signal])
  try {
    // Note: the race makes the timeout hold even for a client that ignores the signal.
    return await Promise.race([
      provider.translate(request, {signal: combined}),
      new Promise<never>((_, reject) => {
        combined.addEventListener('abort', () => reject(combined.reason instanceof Error ? combined.reason : new ProviderError('aborted', 'aborted')), {once: true})
      })
    ])
  } catch (error) {
    if (timeout.signal.aborted && !signal.aborted) throw timeout.signal.reason
    throw error
  } finally {
    clearTimeout(timer)
  }
}

/** Resolve after `ms`, or reject as soon as `signal` aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason)
      return
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    signal.addEventListener('abort', onAbort, {once: true})
  })
}
