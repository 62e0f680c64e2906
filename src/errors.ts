/**
 * Typed errors for operational faults (I/O, configuration, providers).
 * Content problems inside an article are not errors but positioned
 * diagnostics (see `diagnostics.ts`).
 */

/** Every operational error code tandem can raise. */
export type TandemErrorCode =
  | 'config-invalid'
  | 'usage'
  | 'input-missing'
  | 'input-unreadable'
  | 'memory-corrupt'
  | 'provider-unknown'
  | 'provider-auth'
  | 'provider-quota'
  | 'provider-rate-limit'
  | 'provider-unavailable'
  | 'provider-connection'
  | 'provider-timeout'
  | 'provider-bad-request'
  | 'provider-bad-response'
  | 'provider-unreachable'
  | 'provider-endpoint'
  | 'provider-unsafe'
  | 'aborted'
  | 'locked'
  | 'internal'

/** Base class: `code` is a literal, `retryable` says whether trying later may succeed. */
export class TandemError extends Error {
  override name = 'TandemError'
  readonly code: TandemErrorCode
  readonly retryable: boolean
  /** Values for the localized message (never secrets). */
  readonly params: Readonly<Record<string, string | number>>
  /**
   * The key of its text in the CLI's locales (`memory.notJson`), filled in
   * from `params`; absent: `message`, which is always the English text, is printed.
   */
  readonly key: string | undefined

  constructor(
    code: TandemErrorCode,
    message: string,
    options: {cause?: unknown; retryable?: boolean; params?: Record<string, string | number>; key?: string} = {}
  ) {
    super(message, options.cause === undefined ? undefined : {cause: options.cause})
    this.code = code
    this.retryable = options.retryable ?? false
    this.params = options.params ?? {}
    this.key = options.key
  }
}

/** Configuration or command-line problem: the CLI exits with 2. */
export class ConfigError extends TandemError {
  override name = 'ConfigError'
  /** `key` names its text among `config.*` of the CLI's locales. */
  constructor(message: string, params: Record<string, string | number> = {}, key?: string) {
    super('config-invalid', message, {params, ...(key === undefined ? {} : {key: `config.${key}`})})
  }
}

/** The codes a provider's fault can carry. */
export type ProviderErrorCode = Extract<TandemErrorCode, `provider-${string}` | 'aborted'>

/** Provider faults that no retry and no other batch can get past in this build: it stops sending. */
const STOPS_BUILD: ReadonlySet<TandemErrorCode> = new Set(['provider-auth', 'provider-quota', 'provider-unreachable', 'provider-endpoint', 'provider-unsafe'])

/** Errors raised by a provider adapter; `retryAfterMs` is set for rate limits when known. */
export class ProviderError extends TandemError {
  override name = 'ProviderError'
  readonly retryAfterMs: number | undefined
  /** `scheme://host:port` of the server, when the fault is the server's. */
  readonly endpoint: string | undefined
  /** The network error code (`ECONNREFUSED`, `ENOTFOUND`, …) of a connection fault. */
  readonly network: string | undefined
  /** The HTTP status of the answer, when the server gave one. */
  readonly status: number | undefined
  /** Whether the whole build stops: every later request would fail the same way. */
  readonly stopsBuild: boolean
  /**
   * `options.key` names its text among `provider.*` of the CLI's locales; a
   * `cause` that is a ProviderError fills in `{{reason}}`.
   */
  constructor(
    code: ProviderErrorCode,
    message: string,
    options: {
      cause?: unknown
      retryable?: boolean
      retryAfterMs?: number
      endpoint?: string
      network?: string
      status?: number
      stopsBuild?: boolean
      key?: string
      params?: Record<string, string | number>
    } = {}
  ) {
    const {key, ...rest} = options
    super(code, message, {...rest, ...(key === undefined ? {} : {key: `provider.${key}`})})
    this.retryAfterMs = options.retryAfterMs
    this.endpoint = options.endpoint
    this.network = options.network
    this.status = options.status
    this.stopsBuild = options.stopsBuild ?? STOPS_BUILD.has(code)
  }
}

/**
 * A fault's key and values, for a diagnostic that keeps its English text as
 * `reason`: with them the CLI says it in the user's language.
 */
export function reasonParams(error: unknown): Record<string, string | number> {
  if (!(error instanceof TandemError) || error.key === undefined) return {}
  return {...error.params, reasonKey: error.key}
}

/** True when `error` is a TandemError with the given code. */
export function isTandemError(error: unknown, code?: TandemErrorCode): error is TandemError {
  return error instanceof TandemError && (code === undefined || error.code === code)
}

/**
 * An imported file (CSV, TBX, XLIFF, TMX) that could not be used; `line` is
 * 1-based; `key` names the reason among `interchange.*` of the CLI's locales,
 * whose texts get `{{where}}` (`file:line`) and `params`.
 */
export class InterchangeError extends Error {
  override name = 'InterchangeError'
  readonly key: string
  readonly params: Readonly<Record<string, string | number>>
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
    key: string,
    params: Record<string, string | number> = {}
  ) {
    super(`${file}:${line}: ${reason}`)
    this.key = `interchange.${key}`
    this.params = {...params, where: `${file}:${line}`}
  }
}
