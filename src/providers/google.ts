import {createSign} from 'node:crypto'
import {ProviderError} from '../errors.js'
import {endpointName, send, type Endpoint} from './http.js'
import {fromHtml, toHtml} from './html-tags.js'
import {answerTexts, partsWithin} from './parts.js'
import type {ProviderSegment, ProviderTranslation, TranslateOptions, TranslateRequest, TranslationProvider} from './port.js'

/** A service account's key file, as Google Cloud writes it (the fields tandem reads). */
export interface ServiceAccountKey {
  readonly client_email: string
  readonly private_key: string
  readonly token_uri?: string
  readonly project_id?: string
}

/** Settings of the Google Cloud Translation adapter; the registry fills them from the environment. */
export interface GoogleOptions {
  /** How to authorize: a service account's key (exchanged for access tokens, renewed before they expire) or an access token as it is. */
  readonly auth: {readonly key: ServiceAccountKey} | {readonly token: string}
  readonly project: string
  /** Default `global`; a glossary needs a region (`us-central1`). */
  readonly location?: string
  /** An existing v3 glossary's id in that project and location: it is applied to every request. */
  readonly glossary?: string
  /** Another endpoint (a private one, a test server); default `https://translation.googleapis.com`. */
  readonly endpoint?: string
  /** Now, in ms (tests move the clock). */
  readonly now?: () => number
  /** How long one token exchange may take (default 30 s). */
  readonly tokenTimeoutMs?: number
}

const GOOGLE_ENDPOINT = 'https://translation.googleapis.com'
const TOKEN_URI = 'https://oauth2.googleapis.com/token'
const SCOPE = 'https://www.googleapis.com/auth/cloud-translation'
/** What one request should hold: 1,024 texts, and Google recommends under 30,000 code points. */
const MAX_TEXTS = 1024
const MAX_CHARS = 30_000
/** A token is renewed this long before it expires. */
const EARLY_MS = 60_000
/** How long one token exchange may take. */
const TOKEN_TIMEOUT_MS = 30_000

/** A shared promise as one caller waits for it: its own abort ends its wait, not the promise. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new ProviderError('aborted', 'aborted'))
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new ProviderError('aborted', 'aborted'))
    signal.addEventListener('abort', onAbort, {once: true})
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/**
 * `google`: Cloud Translation v3 (`projects/{project}/locations/{location}:translateText`)
 * with `mimeType: text/html`, placeholders as HTML spans (protected ones
 * `translate="no"`, which Google honours). Authorization is a service
 * account's key, exchanged for an access token by a signed JWT (RS256, the
 * OAuth 2.0 JWT bearer grant, as Google's own libraries do), or a given
 * token. With a glossary id from the config, Google applies that glossary
 * (`glossaryConfig`) and its translations are used; without one, the pipeline
 * protects names and terms as placeholders.
 */
export function createGoogleProvider(options: GoogleOptions): TranslationProvider {
  const base = new URL(options.endpoint ?? GOOGLE_ENDPOINT)
  const location = options.location ?? 'global'
  const now = options.now ?? Date.now
  // Note: a token is a secret from the moment it exists: the HTTP layer keeps it out of every message.
  const secrets: string[] = 'token' in options.auth ? [options.auth.token] : [options.auth.key.private_key]
  const endpoint: Endpoint = {
    provider: 'google',
    base,
    secrets,
    // Note: a daily quota answers 429 like a rate limit; waiting will not help with it.
    remap: (status, _body, message) => (status === 429 && /per day|daily/i.test(message) ? 456 : status)
  }
  const glossary = options.glossary === undefined ? undefined : `projects/${options.project}/locations/${location}/glossaries/${options.glossary}`
  let token: {value: string; until: number} | undefined
  // Note: batches in flight together share one exchange: a build asks for one token, not one per request.
  let pending: Promise<string> | undefined

  async function accessToken(signal: AbortSignal): Promise<string> {
    if ('token' in options.auth) return options.auth.token
    if (token !== undefined && now() < token.until - EARLY_MS) return token.value
    // Note: the exchange runs under its own time limit, not a caller's: one caller's timeout must not abort the others' wait.
    const limit = options.tokenTimeoutMs ?? TOKEN_TIMEOUT_MS
    pending ??= exchange(options.auth.key, AbortSignal.timeout(limit))
      .catch((error: unknown) => {
        if (error instanceof ProviderError && error.code === 'aborted') throw new ProviderError('provider-timeout', `google: no token within ${limit} ms`, {retryable: true, key: 'timeout', params: {ms: limit}})
        throw error
      })
      .finally(() => {
        pending = undefined
      })
    return raceAbort(pending, signal)
  }

  async function exchange(key: ServiceAccountKey, signal: AbortSignal): Promise<string> {
    const tokenUri = new URL(key.token_uri ?? TOKEN_URI)
    const assertion = signedJwt(key, tokenUri.href, Math.floor(now() / 1000))
    const tokenEndpoint: Endpoint = {provider: 'google', base: new URL('/', tokenUri), secrets: [key.private_key, assertion]}
    const answer = await send(
      tokenEndpoint,
      {
        path: tokenUri.pathname,
        method: 'POST',
        headers: {'content-type': 'application/x-www-form-urlencoded', accept: 'application/json'},
        body: new URLSearchParams({grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion}).toString()
      },
      signal
    ).catch((error: unknown) => {
      // Note: the token server says 400 invalid_grant for a key it does not know or a clock that is off: that is authorization.
      if (error instanceof ProviderError && error.code === 'provider-bad-request') throw new ProviderError('provider-auth', `${error.message} (the service account key was refused)`, {status: 401, key: 'auth', params: {provider: 'google', status: error.status ?? 400, endpoint: error.endpoint ?? '', said: ''}})
      throw error
    })
    const body = answer.json as {access_token?: unknown; expires_in?: unknown} | undefined
    if (typeof body?.access_token !== 'string' || body.access_token === '') throw new ProviderError('provider-bad-response', 'google: the token answer has no access_token', {key: 'noToken', params: {provider: 'google'}})
    secrets.push(body.access_token)
    // Note: a number or a numeric text; a very short life still leaves a token for a minute of requests.
    const given = Number(body.expires_in)
    const seconds = Number.isFinite(given) && given > 0 ? Math.max(given, 120) : 3600
    token = {value: body.access_token, until: now() + seconds * 1000}
    return token.value
  }

  async function request(segments: readonly ProviderSegment[], signal: AbortSignal): Promise<ProviderTranslation[]> {
    const bearer = await accessToken(signal)
    const body = {
      contents: segments.map((segment) => toHtml(segment.text)),
      mimeType: 'text/html',
      sourceLanguageCode: 'de',
      targetLanguageCode: 'en',
      ...(glossary === undefined ? {} : {glossaryConfig: {glossary, ignoreCase: false}})
    }
    const answer = await send(
      endpoint,
      {
        path: `v3/projects/${encodeURIComponent(options.project)}/locations/${encodeURIComponent(location)}:translateText`,
        method: 'POST',
        headers: {authorization: `Bearer ${bearer}`, 'content-type': 'application/json; charset=utf-8', accept: 'application/json'},
        body: JSON.stringify(body)
      },
      signal
    )
    const json = answer.json as {translations?: unknown; glossaryTranslations?: unknown} | undefined
    if (json === undefined) throw new ProviderError('provider-bad-response', 'google: the answer is not valid JSON', {key: 'notJson', params: {provider: 'google'}})
    // Note: with a glossary, its translations are the ones to take.
    const list = glossary !== undefined && Array.isArray(json.glossaryTranslations) ? json.glossaryTranslations : json.translations
    const texts = answerTexts('google', list, segments.length, (item) => (item as {translatedText?: unknown} | null)?.translatedText)
    return segments.map((segment, index) => ({id: segment.id, text: fromHtml(texts[index] as string)}))
  }

  return {
    id: 'google',
    endpoint: endpointName(base),
    capabilities: {maxBatchSegments: 100, maxBatchChars: 15_000, glossary: glossary === undefined ? 'none' : 'native', costUnit: 'characters', contextScope: 'segment', persistent: true},

    async translate(translate: TranslateRequest, {signal}: TranslateOptions): Promise<readonly ProviderTranslation[]> {
      if (signal.aborted) throw new ProviderError('aborted', 'aborted')
      const out: ProviderTranslation[] = []
      for (const part of partsWithin(translate.segments, (segment) => toHtml(segment.text).length, MAX_TEXTS, MAX_CHARS)) out.push(...(await request(part, signal)))
      return out
    }
  }
}

/** The JWT a service account signs to ask for an access token (RS256, valid for an hour). */
export function signedJwt(key: ServiceAccountKey, audience: string, issuedAt: number): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url')
  const unsigned = `${part({alg: 'RS256', typ: 'JWT'})}.${part({iss: key.client_email, scope: SCOPE, aud: audience, iat: issuedAt, exp: issuedAt + 3600})}`
  let signature: string
  try {
    signature = createSign('RSA-SHA256').update(unsigned).sign(key.private_key, 'base64url')
  } catch {
    // Note: the message of a key that cannot sign could quote it; this one says only what is wrong.
    throw new ProviderError('provider-auth', 'google: the service account key cannot sign (its private_key is not an RSA key in PEM form)', {key: 'badKey', params: {provider: 'google'}})
  }
  return `${unsigned}.${signature}`
}
