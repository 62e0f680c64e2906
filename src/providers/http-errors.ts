import {ProviderError} from '../errors.js'

/**
 * Milliseconds to wait from a `Retry-After` (seconds or an HTTP date) or
 * `retry-after-ms` header; undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, valueMs?: string | null, now: number = Date.now()): number | undefined {
  if (valueMs !== undefined && valueMs !== null && /^\d+(\.\d+)?$/.test(valueMs.trim())) return Math.ceil(Number(valueMs))
  if (value === undefined || value === null || value.trim() === '') return undefined
  const text = value.trim()
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000)
  const date = Date.parse(text)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/**
 * The one mapping from an HTTP failure to a typed error: 401/403 authorization,
 * 456 quota, 429 rate limit (retryable, with Retry-After), 408 and 5xx/529
 * retryable; 404, 405, 501 and 505 say the URL does not lead to the API (no
 * retry, the build stops); other 4xx bad request. `message` must already be
 * free of secrets and short (see `messageOf`).
 */
export function errorForStatus(provider: string, status: number, message: string, retryAfterMs?: number, endpoint?: string): ProviderError {
  const detail = `${provider}: HTTP ${status}${endpoint === undefined ? '' : ` from ${endpoint}`}${message === '' ? '' : `: ${message}`}`
  const params = {provider, status, endpoint: endpoint ?? '', said: message === '' ? '' : `: ${message}`}
  const where = {status, ...(endpoint === undefined ? {} : {endpoint}), params}
  const after = retryAfterMs === undefined ? {} : {retryAfterMs}
  if (status === 401 || status === 403) return new ProviderError('provider-auth', `${detail} (check the API key)`, {...where, key: 'auth'})
  if (status === 456) return new ProviderError('provider-quota', `${detail} (quota exceeded)`, {...where, key: 'quota'})
  if (status === 429) return new ProviderError('provider-rate-limit', detail, {retryable: true, ...after, ...where, key: 'http'})
  if (status === 408) return new ProviderError('provider-timeout', detail, {retryable: true, ...where, key: 'http'})
  if (status === 404 || status === 405 || status === 501 || status === 505) {
    return new ProviderError('provider-endpoint', `${detail} (not the API: is the URL right?)`, {...where, key: 'notTheApi'})
  }
  if (status >= 500) return new ProviderError('provider-unavailable', detail, {retryable: true, ...after, ...where, key: 'http'})
  return new ProviderError('provider-bad-request', detail, {...where, key: 'http'})
}

const RETRYABLE_NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])

/**
 * Network codes that mean the server cannot be reached at all (refused,
 * unknown host, no route, a TLS handshake that fails): a server that never
 * answered in this build gets a few quick retries for these, not the long policy.
 */
export function unreachableCode(code: string | undefined): boolean {
  if (code === undefined) return false
  return ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT', 'ERR_BAD_PORT'].includes(code) || /CERT|SSL|TLS/.test(code)
}

/**
 * A network-level failure (reset, refused, DNS, TLS) as a connection error,
 * retryable unless it is a TLS fault, naming the server when known.
 * Note: the client's error is not kept as the cause: some carry the request's
 * headers, and with them the key, into any log that prints the error.
 */
export function connectionError(provider: string, error: unknown, endpoint?: string, fallbackCode?: string): ProviderError {
  const code = networkCode(error) ?? fallbackCode
  const what = code === 'UND_ERR_SOCKET' && fallbackCode !== undefined ? 'the connection closed mid-answer' : 'connection failed'
  // Note: a TLS fault or a blocked port will not heal by trying again.
  const final = code !== undefined && (/CERT|SSL|TLS/.test(code) || code === 'ERR_BAD_PORT')
  return new ProviderError('provider-connection', `${provider}: ${what}${endpoint === undefined ? '' : ` to ${endpoint}`}${code === undefined ? '' : ` (${code})`}`, {
    key: what === 'connection failed' ? 'connection' : 'midAnswer',
    params: {provider, endpoint: endpoint ?? '', code: code ?? '?'},
    retryable: !final && (code === undefined || RETRYABLE_NETWORK.has(code)),
    ...(endpoint === undefined ? {} : {endpoint}),
    ...(code === undefined ? {} : {network: code})
  })
}

function networkCode(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as {code?: unknown}).code
    if (typeof code === 'string') return code
    // Note: fetch refuses the ports of its block list (9, 25, 6000, …) before connecting, with no code.
    if ((current as {message?: unknown}).message === 'bad port') return 'ERR_BAD_PORT'
    // Note: a host with several addresses fails with an AggregateError whose errors carry the code.
    const first = (current as {errors?: unknown}).errors
    if (Array.isArray(first) && typeof (first[0] as {code?: unknown} | undefined)?.code === 'string') return (first[0] as {code: string}).code
    current = (current as {cause?: unknown}).cause
  }
  return undefined
}

/** Remove every secret (API keys) from a text that may be shown to the user. */
export function redact(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text
  for (const secret of secrets) {
    if (secret === undefined || secret.length < 4) continue
    // Note: in any letter case: a server may quote the key upper-cased.
    out = out.replace(new RegExp(secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), '[redacted]')
  }
  return out
}
