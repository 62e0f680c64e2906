import {fakeEnglish, type Handler, type RecordedRequest, type Reply} from '../loopback.js'

/** The JSON payload tandem puts in the user message. */
export interface OpenAIPayload {
  readonly title?: string
  readonly summary?: string
  readonly preceding?: Array<{de: string; en: string}>
  readonly glossary: Array<{de: string; en: string; kind: string}>
  readonly segments: Array<{id: string; text: string; context: string; references?: Array<{de: string; en: string; similarity: number; reviewed: boolean}>}>
}

/** The payload of a recorded chat request (its first user message). */
export function payloadOf(request: RecordedRequest): OpenAIPayload {
  const messages = (request.json as {messages: Array<{role: string; content: string}>}).messages
  return JSON.parse(messages.find((message) => message.role === 'user')?.content ?? '{}') as OpenAIPayload
}

/** A chat completion answer with `content` as the assistant message. */
export function completion(content: string, finish: string = 'stop'): Reply {
  return {
    status: 200,
    body: {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1,
      model: 'test-model',
      choices: [{index: 0, finish_reason: finish, message: {role: 'assistant', content, refusal: null}, logprobs: null}],
      usage: {prompt_tokens: 10, completion_tokens: 10, total_tokens: 20}
    }
  }
}

/**
 * An OpenAI-compatible `/v1/chat/completions` server. By default it answers
 * each segment with fake English; `answer` may rewrite the translations.
 */
export function fakeOpenAI(apiKey: string | undefined, answer?: (segments: OpenAIPayload['segments'], request: RecordedRequest) => unknown): Handler {
  return (request) => {
    if (apiKey !== undefined && request.headers.authorization !== `Bearer ${apiKey}`) {
      return {status: 401, body: {error: {message: `Incorrect API key provided: ${String(request.headers.authorization)}`, type: 'invalid_request_error', code: 'invalid_api_key'}}}
    }
    if (request.method !== 'POST' || request.path !== '/v1/chat/completions') return {status: 404, body: {error: {message: 'not found'}}}
    const {segments} = payloadOf(request)
    const translations = answer?.(segments, request) ?? segments.map((segment) => ({id: segment.id, text: fakeEnglish(segment.text)}))
    return completion(typeof translations === 'string' ? translations : JSON.stringify({translations}))
  }
}
