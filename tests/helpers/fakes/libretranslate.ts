import {fakeEnglish, type Handler} from '../loopback.js'

/** A LibreTranslate server: `POST /translate` with JSON, `api_key` in the body. */
export function fakeLibreTranslate(apiKey?: string): Handler {
  return (request) => {
    if (request.method !== 'POST' || request.path !== '/translate') return {status: 404, body: {error: 'Not Found'}}
    const body = request.json as {q: string | string[]; api_key?: string}
    if (apiKey !== undefined && body.api_key !== apiKey) {
      return {status: body.api_key === undefined ? 400 : 403, body: {error: body.api_key === undefined ? 'Invalid request: API key required' : `Invalid API key ${body.api_key}`}}
    }
    const q = Array.isArray(body.q) ? body.q : [body.q]
    return {status: 200, body: {translatedText: q.map(fakeEnglish)}}
  }
}
