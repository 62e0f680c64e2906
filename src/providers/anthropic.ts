import type Anthropic from '@anthropic-ai/sdk'
import {ProviderError} from '../errors.js'
import {endpointName, excerpt} from './http.js'
import {connectionError, errorForStatus, parseRetryAfter, redact} from './http-errors.js'
import {askAndRepair, parseTranslations, promptPayload, systemPrompt, TRANSLATIONS_SCHEMA} from './openai.js'
import type {ProviderSegment, ProviderTranslation, TranslateOptions, TranslateRequest, TranslationProvider} from './port.js'

/** Settings of the Anthropic adapter; the registry fills them from the environment. */
export interface AnthropicOptions {
  readonly apiKey: string
  /** Another server that speaks the Messages API (a proxy, llama.cpp); default Anthropic's. */
  readonly baseURL?: string
  readonly model: string
  /** Free-text style instructions added to the system prompt. */
  readonly style?: string
}

const ANTHROPIC_BASE_URL = 'https://api.anthropic.com'

/**
 * `anthropic`: Claude over the Messages API through the official
 * `@anthropic-ai/sdk` (its own retries off: the shared policy retries). The
 * prompt is the `openai` adapter's (sentences as JSON data, the batch's
 * glossary entries, the article's context, references), the answer a JSON
 * object of the same schema as structured output (`output_config.format`),
 * validated and repaired the same way. The system prompt, the long and stable
 * part, is marked for prompt caching.
 */
export function createAnthropicProvider(options: AnthropicOptions): TranslationProvider {
  const base = new URL(options.baseURL ?? ANTHROPIC_BASE_URL)
  const where = endpointName(base)
  const id = `anthropic:${options.model}`
  // Note: the SDK reads ANTHROPIC_* variables itself when not told; it is told everything, so only the registry reads the environment.
  // Note: the SDK (about 140 ms to load) loads with the first request, so that a build that never calls Anthropic does not pay for it.
  let sdk: Promise<{client: Anthropic; errors: typeof import('@anthropic-ai/sdk')}> | undefined
  const loaded = (): NonNullable<typeof sdk> =>
    (sdk ??= import('@anthropic-ai/sdk').then((errors) => ({
      errors,
      client: new errors.default({apiKey: options.apiKey, authToken: null, baseURL: base.href.replace(/\/$/, ''), maxRetries: 0, timeout: 600_000})
    })))

  async function ask(segments: readonly ProviderSegment[], request: TranslateRequest, signal: AbortSignal, correction?: string): Promise<ProviderTranslation[]> {
    const chars = segments.reduce((sum, segment) => sum + segment.text.length, 0)
    let message: Anthropic.Message
    const {client, errors} = await loaded()
    try {
      message = await client.messages.create(
        {
          model: options.model,
          max_tokens: Math.min(16_384, 1024 + Math.ceil(chars * 1.5)),
          system: [{type: 'text', text: systemPrompt(options.style), cache_control: {type: 'ephemeral'}}],
          messages: [{role: 'user', content: JSON.stringify(promptPayload(segments, request))}, ...(correction === undefined ? [] : [{role: 'user' as const, content: correction}])],
          output_config: {format: {type: 'json_schema', schema: TRANSLATIONS_SCHEMA as unknown as Record<string, unknown>}}
        },
        {signal}
      )
    } catch (error) {
      throw faultOf(error, signal, errors)
    }
    // Note: what came back is checked before it is read: a server that is not the API answers anything.
    if (typeof message !== 'object' || message === null || !Array.isArray(message.content)) {
      throw new ProviderError('provider-bad-response', `${id}: the answer from ${where} is not a message`, {key: 'notMessage', params: {provider: id, endpoint: where}})
    }
    if (JSON.stringify(message).toLowerCase().includes(options.apiKey.toLowerCase())) {
      throw new ProviderError('provider-unsafe', `${id}: the answer from ${where} contains the API key; refused, nothing of it is kept`, {endpoint: where, key: 'unsafe', params: {provider: id, endpoint: where}})
    }
    if (message.stop_reason === 'max_tokens') throw new ProviderError('provider-bad-response', `${id}: the answer was cut off (stop_reason "max_tokens"); lower the batch size`, {key: 'maxTokens', params: {provider: id}})
    const text = message.content.flatMap((block) => (block.type === 'text' && typeof block.text === 'string' ? [block.text] : [])).join('')
    if (message.stop_reason === 'refusal') throw new ProviderError('provider-bad-response', `${id}: the model refused: ${excerpt(text, 200)}`, {key: 'refused', params: {provider: id, said: excerpt(text, 200)}})
    return parseTranslations(text, id)
  }

  /** An SDK fault as the shared typed error: the status mapping of every adapter, a connection error, a timeout. */
  function faultOf(error: unknown, signal: AbortSignal, {APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError}: typeof import('@anthropic-ai/sdk')): ProviderError {
    if (signal.aborted || error instanceof APIUserAbortError) return new ProviderError('aborted', 'aborted')
    if (error instanceof APIConnectionTimeoutError) return new ProviderError('provider-timeout', `${id}: no answer from ${where} in time`, {retryable: true, key: 'timeout', params: {ms: 600_000}})
    if (error instanceof APIConnectionError) return connectionError(id, error.cause ?? error, where)
    if (error instanceof APIError && typeof error.status === 'number') {
      const body = error.error as {error?: {type?: unknown; message?: unknown; details?: {error_code?: unknown}}} | undefined
      const said = excerpt(redact(typeof body?.error?.message === 'string' ? body.error.message : error.message, [options.apiKey]))
      // Note: a spending limit answers 429 like a rate limit, and 402 is no credit: waiting helps with neither.
      const spent = (error.status === 429 && body?.error?.details?.error_code === 'enforced_spend_limit_reached') || error.status === 402
      const headers = error.headers
      return errorForStatus(id, spent ? 456 : error.status, said, parseRetryAfter(headers?.get('retry-after'), headers?.get('retry-after-ms')), where)
    }
    // Note: an answer the SDK could not read (not JSON, not a message) says so without quoting it.
    return new ProviderError('provider-bad-response', `${id}: the answer from ${where} is not a message`, {key: 'notMessage', params: {provider: id, endpoint: where}})
  }

  return {
    id,
    endpoint: where,
    capabilities: {maxBatchSegments: 20, maxBatchChars: 6_000, glossary: 'prompt', costUnit: 'tokens', contextScope: 'segment', persistent: true, promptContext: true},
    translate: (request: TranslateRequest, {signal}: TranslateOptions): Promise<readonly ProviderTranslation[]> => askAndRepair(request, (segments, correction) => ask(segments, request, signal, correction))
  }
}
