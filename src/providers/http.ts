import {ProviderError} from '../errors.js'
import {spacedControls} from '../util/printable.js'
import {connectionError, errorForStatus, parseRetryAfter, redact} from './http-errors.js'
import {exchange, type WireAnswer, type WireFailure} from './transport.js'

/**
 * The one HTTP layer of the adapters: a request to a provider's server, its
 * answer read whole, and every way that can go wrong as a typed error. It
 * knows the secrets it sends, so no message it makes carries one, and a
 * successful answer that holds one is refused: a server that echoes what it
 * is sent would otherwise put the key into the memory and the English.
 */

/** A provider's server as the layer talks to it. */
export interface Endpoint {
  /** Provider id, the first word of every message. */
  readonly provider: string
  readonly base: URL
  /** What must never appear in a message or pass from an answer to the outputs (API keys). */
  readonly secrets: ReadonlyArray<string | undefined>
  /**
   * The status an error answer stands for, where a server says more in its
   * body than in its status (LibreTranslate's 400 "API key required" is a 403,
   * OpenAI's 429 `insufficient_quota` a 456).
   */
  readonly remap?: (status: number, body: unknown, message: string) => number
}

/** A successful answer: status 2xx, its headers and its body. */
export interface HttpAnswer extends WireAnswer {
  /** The body as JSON, undefined when it is not JSON. */
  readonly json: unknown
}

/** The request a call makes: a path below the endpoint's base, a method, headers and a body. */
export interface HttpRequest {
  readonly path: string
  readonly method: 'GET' | 'POST' | 'DELETE'
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
}

/** `scheme://host:port` of a URL: how messages name a server (never a path, a query or credentials). */
export function endpointName(url: URL): string {
  const port = url.port === '' ? (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '') : url.port
  return `${url.protocol}//${url.hostname}${port === '' ? '' : `:${port}`}`
}

/** The URL of `path` below `base`, which keeps its own path (`http://host/v1` + `chat/completions`). */
function below(base: URL, path: string): URL {
  const root = base.href.endsWith('/') ? base.href : `${base.href}/`
  return new URL(path.replace(/^\//, ''), root)
}

/**
 * Send one request and read its answer.
 * @throws ProviderError: `provider-connection` (with the network code, retryable; also a connection
 *   closed mid-answer), the status mapping of `errorForStatus` for a non-2xx answer,
 *   `provider-endpoint` for an HTML page where the API should answer, `provider-unsafe` for an
 *   answer holding a secret, `aborted` when `signal` aborts.
 */
export async function send(endpoint: Endpoint, request: HttpRequest, signal: AbortSignal): Promise<HttpAnswer> {
  const url = below(endpoint.base, request.path)
  const where = endpointName(url)
  let response: WireAnswer
  try {
    response = await exchange(url, request, signal)
  } catch (error) {
    if (signal.aborted) throw new ProviderError('aborted', 'aborted')
    const failure = error as WireFailure
    // Note: named as tandem has always named it (undici's code): retried like a reset.
    if (failure.phase === 'body') throw connectionError(endpoint.provider, undefined, where, MID_ANSWER)
    if (failure.phase === 'decode') throw undecodable(endpoint.provider, where)
    throw connectionError(endpoint.provider, failure.cause, where)
  }
  const {text, status} = response
  const ok = status >= 200 && status <= 299
  const html = looksLikeHtml(response.header('content-type'), text)
  if (status >= 300 && status <= 399 && response.header('location') !== null) throw redirected(endpoint, where, url, status, response.header('location') ?? '')
  if (!ok) {
    const retryAfter = parseRetryAfter(response.header('retry-after'), response.header('retry-after-ms'))
    if (html) throw htmlPage(endpoint.provider, where, status)
    const message = redact(messageOf(text), endpoint.secrets)
    throw errorForStatus(endpoint.provider, endpoint.remap?.(status, parseOrUndefined(text), message) ?? status, message, retryAfter, where)
  }
  if (containsSecret(text, endpoint.secrets)) {
    throw new ProviderError('provider-unsafe', `${endpoint.provider}: the answer from ${where} contains the API key; refused, nothing of it is kept`, {
      endpoint: where,
      key: 'unsafe',
      params: {provider: endpoint.provider, endpoint: where}
    })
  }
  if (html) throw htmlPage(endpoint.provider, where, status)
  return {status, header: response.header, text, json: parseOrUndefined(text)}
}

/** What a body that stopped short is called in messages and retry reasons. */
const MID_ANSWER = 'UND_ERR_SOCKET'

/**
 * A redirect, which tandem does not follow (the key would go along): the
 * server it points to, so that the user can set the URL to it.
 */
function redirected(endpoint: Endpoint, where: string, url: URL, status: number, location: string): ProviderError {
  const {provider} = endpoint
  let target: string
  try {
    target = endpointName(new URL(location, url))
  } catch {
    target = redact(excerpt(location, 80), endpoint.secrets)
  }
  return new ProviderError('provider-endpoint', `${provider}: ${where} redirects to ${target} (HTTP ${status}); tandem does not follow redirects: set the URL to where it points`, {
    endpoint: where,
    status,
    key: 'redirect',
    params: {provider, endpoint: where, status, target}
  })
}

/** An answer whose content coding (gzip, deflate, br) does not decode: the server's fault, not retried. */
function undecodable(provider: string, where: string): ProviderError {
  return new ProviderError('provider-bad-response', `${provider}: the answer from ${where} does not decompress as its Content-Encoding says`, {
    endpoint: where,
    key: 'undecodable',
    params: {provider, endpoint: where}
  })
}

function parseOrUndefined(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown)
  } catch {
    return undefined
  }
}

function htmlPage(provider: string, where: string, status: number): ProviderError {
  return new ProviderError('provider-endpoint', `${provider}: ${where} answered an HTML page (HTTP ${status}), not the API: is the URL right?`, {
    endpoint: where,
    status,
    key: 'htmlPage',
    params: {provider, endpoint: where, status}
  })
}

function looksLikeHtml(type: string | null, text: string): boolean {
  return /\btext\/html\b/i.test(type ?? '') || /^\s*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i.test(text)
}

/** Whether a text holds a secret, in any letter case. */
function containsSecret(text: string, secrets: ReadonlyArray<string | undefined>): boolean {
  const lower = text.toLowerCase()
  return secrets.some((secret) => secret !== undefined && secret.length >= 4 && lower.includes(secret.toLowerCase()))
}

/** Longest excerpt of a server's answer quoted in a message. */
const EXCERPT = 160

/**
 * What an error answer says, short: the `message` (or `error`, `error.message`,
 * `detail`) of a JSON body, else the start of the body on one line.
 */
export function messageOf(text: string): string {
  let said: unknown
  try {
    const value = JSON.parse(text) as Record<string, unknown> | null
    const error = value?.['error']
    said = value?.['message'] ?? (typeof error === 'object' && error !== null ? (error as Record<string, unknown>)['message'] : error) ?? value?.['detail']
  } catch {
    said = undefined
  }
  return excerpt(typeof said === 'string' ? said : text)
}

/** A text on one line, without control characters, cut to a short excerpt. */
export function excerpt(text: string, length: number = EXCERPT): string {
  const line = spacedControls(text).replace(/\s+/g, ' ').trim()
  return line.length > length ? `${line.slice(0, length - 1)}…` : line
}
