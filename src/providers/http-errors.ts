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
 * retryable, other 4xx bad request. `message` must already be free of secrets.
 */
export function errorForStatus(provider: string, status: number, message: string, retryAfterMs?: number): ProviderError {
  const detail = `${provider}: HTTP ${status}${message === '' ? '' : `: ${message}`}`
  if (status === 401 || status === 403) return new ProviderError('provider-auth', `${detail} (check the API key)`)
  if (status === 456) return new ProviderError('provider-quota', `${detail} (quota exceeded)`)
  if (status === 429) {
    return new ProviderError('provider-rate-limit', detail, retryAfterMs === undefined ? {retryable: true} : {retryable: true, retryAfterMs})
  }
  if (status === 408) return new ProviderError('provider-timeout', detail, {retryable: true})
  if (status >= 500) return new ProviderError('provider-unavailable', detail, retryAfterMs === undefined ? {retryable: true} : {retryable: true, retryAfterMs})
  return new ProviderError('provider-bad-request', detail)
}

const RETRYABLE_NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])

/**
 * A network-level failure (reset, refused, DNS) as a retryable connection error.
 * Note: the client's error is not kept as the cause: some carry the request's
 * headers, and with them the key, into any log that prints the error.
 */
export function connectionError(provider: string, error: unknown): ProviderError {
  const code = networkCode(error)
  return new ProviderError('provider-connection', `${provider}: connection failed${code === undefined ? '' : ` (${code})`}`, {
    retryable: code === undefined || RETRYABLE_NETWORK.has(code)
  })
}

function networkCode(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as {code?: unknown}).code
    if (typeof code === 'string') return code
    current = (current as {cause?: unknown}).cause
  }
  return undefined
}

/** Remove every secret (API keys) from a text that may be shown to the user. */
export function redact(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text
  for (const secret of secrets) {
    if (secret === undefined || secret.length < 4) continue
    out = out.split(secret).join('[redacted]')
  }
  return out
}
