import {fakeEnglish, type Handler, type RecordedRequest} from '../loopback.js'
import type {OpenAIPayload} from './openai.js'

/** The JSON payload tandem puts in the first user message (the same as for OpenAI). */
export function anthropicPayload(request: RecordedRequest): OpenAIPayload {
  const messages = (request.json as {messages: Array<{role: string; content: string}>}).messages
  return JSON.parse(messages[0]?.content ?? '{}') as OpenAIPayload
}

/** A Messages API answer with `text` as its one text block. */
export function messageReply(text: string, stop: string = 'end_turn'): {status: number; body: unknown} {
  return {
    status: 200,
    body: {id: 'msg_01', type: 'message', role: 'assistant', model: 'claude-test', content: [{type: 'text', text}], stop_reason: stop, stop_sequence: null, usage: {input_tokens: 10, output_tokens: 10, cache_creation_input_tokens: 0, cache_read_input_tokens: 0}}
  }
}

/**
 * Anthropic's `POST /v1/messages` as the SDK talks to it: the key as a Bearer token (the SDK's 1.x
 * way; `x-api-key`, the older one, is taken too), an `anthropic-version` date, a top-level `system`,
 * `max_tokens`, structured output. By default it answers each segment with fake
 * English; `answer` may rewrite the translations (or give the whole text).
 */
export function fakeAnthropic(apiKey: string, answer?: (segments: OpenAIPayload['segments'], request: RecordedRequest) => unknown): Handler {
  return (request) => {
    if (request.headers['x-api-key'] !== apiKey && request.headers.authorization !== `Bearer ${apiKey}`) return {status: 401, body: {type: 'error', error: {type: 'authentication_error', message: 'invalid x-api-key'}, request_id: 'req_1'}}
    if (request.method !== 'POST' || request.path !== '/v1/messages') return {status: 404, body: {type: 'error', error: {type: 'not_found_error', message: 'Not found'}}}
    if (!/^\d{4}-\d{2}-\d{2}$/.test(String(request.headers['anthropic-version']))) return {status: 400, body: {type: 'error', error: {type: 'invalid_request_error', message: 'anthropic-version header is required'}}}
    const body = request.json as {max_tokens?: unknown; system?: unknown}
    if (typeof body.max_tokens !== 'number') return {status: 400, body: {type: 'error', error: {type: 'invalid_request_error', message: 'max_tokens: Field required'}}}
    const {segments} = anthropicPayload(request)
    const translations = answer?.(segments, request) ?? segments.map((segment) => ({id: segment.id, text: fakeEnglish(segment.text)}))
    return messageReply(typeof translations === 'string' ? translations : JSON.stringify({translations}))
  }
}
