import {isTandemError, ProviderError, type ProviderErrorCode, type TandemError} from '../errors.js'
import {unreachableCode} from './http-errors.js'
import type {GlossaryHint, JudgeRequest, TranslateOptions, TranslateRequest, TranslationJudge, TranslationProvider} from './port.js'

/** A retry about to wait: what the progress line says meanwhile. */
export interface RetryEvent {
  /** The attempt that failed (1-based) and how many there are at most. */
  readonly attempt: number
  readonly attempts: number
  readonly delayMs: number
  /** What failed, short and safe to print: `503 from api-free.deepl.com`, `ECONNRESET from localhost:5000`. */
  readonly reason: string
  /** The same in parts, for a line in the user's language: an HTTP status or network code (`detail`), no answer in time, or another fault. */
  readonly what?: {readonly kind: 'status' | 'network' | 'timeout' | 'connection' | 'other'; readonly detail: string; readonly host?: string}
}

/** How to retry a provider's requests. */
export interface RetryPolicy {
  /** Attempts per batch, the first included (default: 10). */
  readonly attempts: number
  /** First backoff in ms; doubles each retry (default: 500). */
  readonly baseDelayMs: number
  /** Longest backoff in ms (default: 30,000). */
  readonly maxDelayMs: number
  /** Longest `Retry-After` honoured, in ms; a longer wait stops the build (default: 120,000). */
  readonly maxRetryAfterMs: number
  /**
   * Attempts, the first included, while a server that never answered in this
   * build cannot be reached at all (refused, unknown host, TLS): then the
   * build stops with one error naming it (default: 3).
   */
  readonly unreachableAttempts: number
  /** Wait between those attempts in ms (default: 400). */
  readonly unreachableDelayMs: number
  /** Timeout of one request in ms (default: 60,000). */
  readonly timeoutMs: number
  /** Source of randomness for jitter (tests make it deterministic). */
  readonly random: () => number
  /** Sleep; tests may replace it. Must reject when the signal aborts. */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>
  /** Requests a second at most, retries included (default: no limit). */
  readonly requestsPerSecond?: number
  /** Told before every wait, so that a waiting build can say why. */
  readonly onRetry?: (event: RetryEvent) => void
}

/** Defaults of the retry policy. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 10,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  unreachableAttempts: 3,
  unreachableDelayMs: 400,
  timeoutMs: 60_000,
  random: Math.random,
  sleep: abortableSleep
}

/**
 * Wrap a provider with timeouts and retries, for its setup (`prepare`) and
 * every batch alike. Retries only what can succeed later (rate limits, 5xx,
 * connection faults, timeouts: `retryable` errors), with exponential backoff
 * and full jitter, or exactly the provider's `Retry-After` (a wait longer than
 * `maxRetryAfterMs` stops the build at once, and so does a fault that lasts
 * through every attempt). A server that has not answered
 * once in this build and cannot be reached gets a few quick attempts, then
 * every call fails at once with one `provider-unreachable` error naming it.
 * Authorization, quota and bad-request errors fail at once.
 */
export function withRetry(provider: TranslationProvider, overrides: Partial<RetryPolicy> = {}): TranslationProvider {
  const attempt = retrying(provider, overrides)
  const wrapped: TranslationProvider = {
    id: provider.id,
    capabilities: provider.capabilities,
    ...(provider.endpoint === undefined ? {} : {endpoint: provider.endpoint}),
    translate: (request: TranslateRequest, options: TranslateOptions) => attempt((signal) => provider.translate(request, {signal}), options.signal, true)
  }
  if (provider.prepare === undefined) return wrapped
  const prepare = provider.prepare.bind(provider)
  return {...wrapped, prepare: (glossary: readonly GlossaryHint[], options: TranslateOptions) => attempt((signal) => prepare(glossary, {signal}), options.signal, false)}
}

/** A judge with the same timeouts and retries as a provider (see `withRetry`). */
export function withJudgeRetry(judge: TranslationJudge, overrides: Partial<RetryPolicy> = {}): TranslationJudge {
  const attempt = retrying(judge, overrides)
  return {...judge, rate: (request: JudgeRequest, options: TranslateOptions) => attempt((signal) => judge.rate(request, {signal}), options.signal, true)}
}

/** How a call to a server is attempted: `attempt(call, signal, answers)` under the policy; `answers` says whether success proves the server is there. */
type Attempt = <T>(call: (signal: AbortSignal) => Promise<T>, signal: AbortSignal, answers: boolean) => Promise<T>

/** The retry policy of one server's calls, its state (answered once, the fault that ended it) shared by them. */
function retrying(provider: {readonly id: string; readonly endpoint?: string}, overrides: Partial<RetryPolicy>): Attempt {
  const policy: RetryPolicy = {...DEFAULT_RETRY_POLICY, ...overrides}
  const throttle = policy.requestsPerSecond === undefined ? undefined : throttler(policy.requestsPerSecond)
  // Whether the server answered anything (even an error status) in this build, and the fault that ended it.
  let answered = false
  let dead: ProviderError | undefined

  async function attempt<T>(call: (signal: AbortSignal) => Promise<T>, signal: AbortSignal, answers: boolean): Promise<T> {
    for (let number = 1; ; number++) {
      if (dead !== undefined) throw dead
      try {
        // Note: the wait for a slot is not part of the request's timeout.
        if (throttle !== undefined) await throttle(signal, policy.sleep)
        const result = await withTimeout(call, signal, policy.timeoutMs)
        // Note: a setup may send nothing at all (no glossary): only a translation proves the server is there.
        if (answers) answered = true
        return result
      } catch (error) {
        if (signal.aborted) throw new ProviderError('aborted', 'aborted', {cause: error})
        if (error instanceof ProviderError && error.status !== undefined) answered = true
        const delay = retryDelay(error, number)
        if (delay === undefined) {
          if (error instanceof ProviderError && error.stopsBuild) dead = error
          throw error
        }
        policy.onRetry?.({attempt: number, attempts: limitFor(error), delayMs: delay, ...reasonOf(error, provider.endpoint)})
        await policy.sleep(delay, signal).catch((cause: unknown) => {
          throw new ProviderError('aborted', 'aborted', {cause})
        })
      }
    }
  }

  const limitFor = (error: unknown): number => (quickly(error) ? policy.unreachableAttempts : policy.attempts)
  const quickly = (error: unknown): boolean => !answered && error instanceof ProviderError && error.code === 'provider-connection' && unreachableCode(error.network)

  /**
   * How long to wait before the next attempt, or undefined to give up with `error` itself.
   * @throws the fault that stops the build: an unreachable server, a fault through every attempt, a too long Retry-After.
   */
  function retryDelay(error: unknown, number: number): number | undefined {
    const retryable = isTandemError(error) && error.retryable
    if (quickly(error)) {
      if (!retryable || number >= policy.unreachableAttempts) throw unreachable(error as ProviderError)
      return policy.unreachableDelayMs
    }
    if (!retryable) return undefined
    if (number >= policy.attempts) throw exhausted(error as TandemError)
    const retryAfter = error instanceof ProviderError ? error.retryAfterMs : undefined
    if (retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs) throw tooLong(error as ProviderError, retryAfter, policy.maxRetryAfterMs)
    const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (number - 1))
    return retryAfter ?? Math.round(policy.random() * backoff)
  }

  function unreachable(error: ProviderError): ProviderError {
    const where = error.endpoint ?? provider.endpoint ?? provider.id
    dead = new ProviderError('provider-unreachable', `${provider.id}: cannot reach ${where} (${error.network ?? 'no connection'}): is the server running and the URL right?`, {
      key: 'unreachable',
      params: {provider: provider.id, endpoint: where, code: error.network ?? '?'},
      endpoint: where,
      ...(error.network === undefined ? {} : {network: error.network})
    })
    return dead
  }

  /** The last fault after every attempt: the service is down for longer than a build waits, and the build stops. */
  function exhausted(error: TandemError): ProviderError {
    const last = error instanceof ProviderError ? error : undefined
    const code: ProviderErrorCode = error.code.startsWith('provider-') ? (error.code as ProviderErrorCode) : 'provider-unavailable'
    dead = new ProviderError(code, `${error.message} (gave up after ${policy.attempts} attempts)`, {
      cause: error,
      key: 'exhausted',
      params: {attempts: policy.attempts},
      stopsBuild: true,
      ...(last?.endpoint === undefined ? {} : {endpoint: last.endpoint}),
      ...(last?.status === undefined ? {} : {status: last.status}),
      ...(last?.network === undefined ? {} : {network: last.network})
    })
    return dead
  }

  function tooLong(error: ProviderError, waitMs: number, maxMs: number): ProviderError {
    dead = new ProviderError('provider-rate-limit', `${error.message}: the server asks to wait ${Math.ceil(waitMs / 1000)} s, longer than tandem waits (${Math.round(maxMs / 1000)} s); try again later`, {
      cause: error,
      key: 'tooLong',
      params: {seconds: Math.ceil(waitMs / 1000), max: Math.round(maxMs / 1000)},
      stopsBuild: true,
      retryAfterMs: waitMs,
      ...(error.endpoint === undefined ? {} : {endpoint: error.endpoint})
    })
    return dead
  }

  return attempt
}

/** What failed, for the line a waiting build shows: `503 from host`, `ECONNRESET from host:port`, a timeout. */
function reasonOf(error: unknown, fallback: string | undefined): Pick<RetryEvent, 'reason' | 'what'> {
  if (!(error instanceof ProviderError)) {
    const reason = error instanceof Error ? error.message : String(error)
    return {reason, what: {kind: 'other', detail: reason}}
  }
  const kind = error.status !== undefined ? 'status' : error.network !== undefined ? 'network' : error.code === 'provider-timeout' ? 'timeout' : 'connection'
  const detail = error.status !== undefined ? String(error.status) : (error.network ?? (kind === 'timeout' ? 'no answer in time' : 'connection failed'))
  const where = error.endpoint ?? fallback
  if (where === undefined) return {reason: detail, what: {kind, detail}}
  const host = where.replace(/^[a-z]+:\/\//, '').replace(/:(443|80)$/, '')
  return {reason: `${detail} from ${host}`, what: {kind, detail, host}}
}

/**
 * Spaces request starts at least 1/rate seconds apart, measured when each one
 * actually leaves, in the order they asked: the client keeps a provider's rate
 * limit instead of running into it, even when a busy event loop wakes timers late or early.
 */
function throttler(requestsPerSecond: number): (signal: AbortSignal, sleep: RetryPolicy['sleep']) => Promise<void> {
  // Note: 5 % above 1/rate, so that network jitter cannot bring two requests closer than the provider counts.
  const interval = 1050 / requestsPerSecond
  let last = Number.NEGATIVE_INFINITY
  let queue: Promise<void> = Promise.resolve()
  return (signal, sleep) => {
    const turn = queue.then(async () => {
      // Note: asked again after each sleep: a timer set while the event loop was busy counts from its stale clock and wakes early.
      for (let wait = last + interval - performance.now(); wait > 0; wait = last + interval - performance.now()) await sleep(Math.ceil(wait), signal)
      last = performance.now()
    })
    // Note: one waiter's abort must not stop the queue for the others.
    queue = turn.catch(() => undefined)
    return turn.catch((cause: unknown) => {
      throw new ProviderError('aborted', 'aborted', {cause})
    })
  }
}

async function withTimeout<T>(call: (signal: AbortSignal) => Promise<T>, signal: AbortSignal, timeoutMs: number): Promise<T> {
  const controller = new AbortController()
  let timedOut: unknown
  const timer = setTimeout(() => {
    timedOut = new ProviderError('provider-timeout', `no answer within ${timeoutMs} ms`, {retryable: true, key: 'timeout', params: {ms: timeoutMs}})
    controller.abort(timedOut)
  }, timeoutMs)
  // Note: the build's signal lives as long as the build, so whatever listens on it is taken off again;
  // Node 20's AbortSignal.any kept every request's answer reachable from it until the build ended.
  const forward = (): void => controller.abort(signal.reason)
  if (signal.aborted) forward()
  else signal.addEventListener('abort', forward, {once: true})
  try {
    // Note: the race makes the timeout hold even for a client that ignores the signal.
    return await Promise.race([
      call(controller.signal),
      new Promise<never>((_, reject) => {
        const {signal: own} = controller
        const stop = (): void => reject(own.reason instanceof Error ? own.reason : new ProviderError('aborted', 'aborted'))
        if (own.aborted) stop()
        else own.addEventListener('abort', stop, {once: true})
      })
    ])
  } catch (error) {
    if (timedOut !== undefined && !signal.aborted) throw timedOut
    throw error
  } finally {
    clearTimeout(timer)
    signal.removeEventListener('abort', forward)
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
