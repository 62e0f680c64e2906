import type {TranslateClient} from '@aws-sdk/client-translate'
import {ProviderError, type ProviderErrorCode} from '../errors.js'
import {sha256} from '../util/hash.js'
import {excerpt} from './http.js'
import {connectionError, errorForStatus, redact} from './http-errors.js'
import {fromHtml, toHtml} from './html-tags.js'
import type {GlossaryHint, ProviderTranslation, TranslateOptions, TranslateRequest, TranslationProvider} from './port.js'

/** Settings of the Amazon Translate adapter; the registry fills them from the environment. */
export interface AwsOptions {
  readonly region: string
  /** Keys given outright; without them the SDK's standard chain finds them (profile, SSO, an instance or task role). */
  readonly credentials?: {readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string}
  /** A named profile of `~/.aws/config` for the standard chain. */
  readonly profile?: string
  /** Another endpoint (a VPC endpoint, a test server). */
  readonly endpoint?: string
}

/** Name prefix of the custom terminologies tandem manages in an account. */
export const TERMINOLOGY_PREFIX = 'tandem-'
/** Amazon Translate takes at most 10,000 bytes of text a request. */
const MAX_BYTES = 10_000

/**
 * `aws`: Amazon Translate `TranslateText` through the official
 * `@aws-sdk/client-translate` (SigV4 and the credential chain are the SDK's;
 * its own retries off: the shared policy retries). One sentence a request,
 * so that a retry never pays for a sentence twice; the HTML spans of the
 * placeholders it keeps, `translate="no"` on protected ones. The project
 * glossary is imported as a custom terminology named by a hash of its
 * content (`tandem-…`), reused while unchanged, and passed with every
 * request as `TerminologyNames`; others are never deleted (another project
 * or a parallel branch may use one).
 */
export function createAwsProvider(options: AwsOptions): TranslationProvider {
  // Note: the SDK warns on Node 20 that its releases from 2027 need Node 22; tandem's users cannot act on that in the middle of a build.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true'
  // Note: the SDK (about 60 ms to load) loads with the first request, so that a build that never calls AWS does not pay for it.
  let sdk: Promise<{client: TranslateClient; commands: typeof import('@aws-sdk/client-translate')}> | undefined
  const loaded = (): NonNullable<typeof sdk> =>
    (sdk ??= import('@aws-sdk/client-translate').then((commands) => ({
      commands,
      client: new commands.TranslateClient({
        region: options.region,
        maxAttempts: 1,
        ...(options.endpoint === undefined ? {} : {endpoint: options.endpoint}),
        ...(options.credentials === undefined ? {} : {credentials: {...options.credentials}}),
        ...(options.profile === undefined ? {} : {profile: options.profile})
      })
    })))
  const where = options.endpoint === undefined ? `translate.${options.region}.amazonaws.com` : new URL(options.endpoint).host
  const secrets = [options.credentials?.secretAccessKey, options.credentials?.sessionToken]
  let terminology: string | undefined

  async function call<T>(run: (sdk: Awaited<ReturnType<typeof loaded>>) => Promise<T>, signal: AbortSignal): Promise<T> {
    if (signal.aborted) throw new ProviderError('aborted', 'aborted')
    try {
      return await run(await loaded())
    } catch (error) {
      throw awsFault(error, signal, where, secrets)
    }
  }

  return {
    id: 'aws',
    endpoint: where,
    capabilities: {maxBatchSegments: 1, maxBatchChars: 5_000, glossary: 'native', costUnit: 'characters', contextScope: 'segment', persistent: true},

    async prepare(glossary: readonly GlossaryHint[], {signal}: TranslateOptions): Promise<void> {
      terminology = undefined
      // Note: CSV cannot hold a line break, and a comma or quote would need quoting the service may not read alike: such an entry stays with tandem's own check.
      const usable = glossary.filter((hint) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029,"]/u.test(hint.source + hint.target))
      if (usable.length === 0) return
      const entries = new Map([...usable].sort((a, b) => (a.source < b.source ? -1 : 1)).map((hint) => [hint.source, hint.target]))
      const name = `${TERMINOLOGY_PREFIX}${sha256(JSON.stringify(Object.fromEntries(entries)), 16)}`
      const known = await call(({client, commands}) => client.send(new commands.GetTerminologyCommand({Name: name, TerminologyDataFormat: 'CSV'}), {abortSignal: signal}), signal).catch((error: unknown) => {
        if (error instanceof ProviderError && error.params['name'] === 'ResourceNotFoundException') return undefined
        throw error
      })
      if (known?.TerminologyProperties === undefined) {
        const csv = `de,en\n${[...entries].map(([de, en]) => `${de},${en}`).join('\n')}\n`
        await call(({client, commands}) => client.send(new commands.ImportTerminologyCommand({Name: name, MergeStrategy: 'OVERWRITE', Description: 'tandem project glossary', TerminologyData: {File: new TextEncoder().encode(csv), Format: 'CSV', Directionality: 'UNI'}}), {abortSignal: signal}), signal)
      }
      terminology = name
      // Note: other tandem-… terminologies are left alone: another project or a branch built at the same time may still use one.
    },

    async translate(request: TranslateRequest, {signal}: TranslateOptions): Promise<readonly ProviderTranslation[]> {
      const out: ProviderTranslation[] = []
      for (const segment of request.segments) {
        const text = toHtml(segment.text)
        if (Buffer.byteLength(text) > MAX_BYTES) {
          throw new ProviderError('provider-bad-request', `aws: a sentence of ${Buffer.byteLength(text)} bytes is more than Amazon Translate takes (10,000)`, {key: 'sentenceTooLong', params: {provider: 'aws', bytes: Buffer.byteLength(text), max: MAX_BYTES}})
        }
        const answer = await call(
          ({client, commands}) => client.send(new commands.TranslateTextCommand({Text: text, SourceLanguageCode: 'de', TargetLanguageCode: 'en', ...(terminology === undefined ? {} : {TerminologyNames: [terminology]})}), {abortSignal: signal}),
          signal
        )
        if (typeof answer.TranslatedText !== 'string') throw new ProviderError('provider-bad-response', 'aws: the answer has no TranslatedText', {key: 'noText', params: {provider: 'aws', field: 'TranslatedText'}})
        out.push({id: segment.id, text: fromHtml(answer.TranslatedText)})
      }
      return out
    }
  }
}

/** AWS exceptions by name: which are authorization, quota, rate limits and server faults (the rest of 4xx is a bad request). */
const AUTH = new Set(['UnrecognizedClientException', 'InvalidSignatureException', 'AccessDeniedException', 'ExpiredTokenException', 'IncompleteSignature', 'MissingAuthenticationToken', 'InvalidClientTokenId', 'CredentialsProviderError'])
const RATE = new Set(['ThrottlingException', 'TooManyRequestsException', 'ThrottledException', 'RequestLimitExceeded', 'ConcurrentModificationException'])
const SERVER = new Set(['InternalServerException', 'ServiceUnavailableException', 'InternalFailure'])

/** Whether a fault or one of its causes carries a network error code (ECONNRESET, …). */
function hasNetworkCode(error: unknown): boolean {
  let current: unknown = error
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    if (typeof (current as {code?: unknown}).code === 'string') return true
    current = (current as {cause?: unknown}).cause
  }
  return false
}

/** An SDK fault as the shared typed error, its message without a secret, the exception's name kept in `params.name`. */
export function awsFault(error: unknown, signal: AbortSignal, where: string, secrets: ReadonlyArray<string | undefined>): ProviderError {
  if (signal.aborted) return new ProviderError('aborted', 'aborted')
  const fault = error as {name?: unknown; message?: unknown; code?: unknown; $metadata?: {httpStatusCode?: unknown}}
  const name = typeof fault.name === 'string' ? fault.name : 'Error'
  const said = excerpt(redact(typeof fault.message === 'string' ? fault.message : String(error), secrets))
  const status = typeof fault.$metadata?.httpStatusCode === 'number' ? fault.$metadata.httpStatusCode : undefined
  const named = (made: ProviderError): ProviderError => new ProviderError(made.code as ProviderErrorCode, made.message, {...(made.retryable ? {retryable: true} : {}), ...(made.status === undefined ? {} : {status: made.status}), endpoint: where, key: (made.key ?? 'provider.http').replace(/^provider\./, ''), params: {...made.params, name}})
  // Note: no answer at all (a reset, a refused connection, a timeout of the socket) is a connection fault like any adapter's;
  // anything else without an answer (no credentials found, a bad region or endpoint) will not heal by trying again.
  if (status === undefined && !AUTH.has(name) && !/ProviderError$/.test(name)) {
    if (name === 'TimeoutError' || name === 'RequestTimeout') return new ProviderError('provider-timeout', `aws: no answer from ${where} in time`, {retryable: true, key: 'timeout', params: {ms: 0, name}})
    if (typeof fault.code === 'string' || hasNetworkCode(error)) return connectionError('aws', error, where)
    return new ProviderError('provider-bad-request', `aws: ${name}${said === '' ? '' : `: ${said}`}`, {endpoint: where, params: {name}})
  }
  // Note: credentials the chain could not find or refresh (CredentialsProviderError, TokenProviderError) are authorization.
  if (status === undefined) return named(errorForStatus('aws', 401, `${name}${said === '' ? '' : `: ${said}`}`, undefined, where))
  // Note: a 2xx answer the SDK could not read (not JSON) is the service's fault, not the request's.
  if (status !== undefined && status >= 200 && status < 300) return new ProviderError('provider-bad-response', 'aws: the answer is not valid JSON', {endpoint: where, key: 'notJson', params: {provider: 'aws', name}})
  const code = AUTH.has(name) ? 401 : name === 'LimitExceededException' ? 456 : RATE.has(name) ? 429 : SERVER.has(name) ? Math.max(500, status ?? 500) : (status ?? 400)
  return named(errorForStatus('aws', code, `${name}${said === '' ? '' : `: ${said}`}`, undefined, where))
}
