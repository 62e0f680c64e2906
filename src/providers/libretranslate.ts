import {ProviderError} from '../errors.js'
import {isVoidKind} from '../segment/tags.js'
import {endpointName, send, type Endpoint} from './http.js'
import type {ProviderTranslation, TranslateOptions, TranslateRequest, TranslationProvider} from './port.js'

/** Settings of the LibreTranslate adapter. */
export interface LibreTranslateOptions {
  /** Server root, e.g. `http://localhost:5000`. */
  readonly url: string
  readonly apiKey?: string
}

/** LibreTranslate's answer to `POST /translate` (private wire type). */
interface WireAnswer {
  readonly translatedText?: unknown
  readonly error?: unknown
}

/**
 * `libretranslate`: the open-source, self-hosted server. A batch is one
 * `POST /translate` with `q` as an array and `format: html`, so placeholders
 * travel as tags. LibreTranslate has no glossary and no context.
 */
export function createLibreTranslateProvider(options: LibreTranslateOptions): TranslationProvider {
  const base = new URL(options.url)
  // LibreTranslate answers a missing key with 400 "API key required".
  const endpoint: Endpoint = {provider: 'libretranslate', base, secrets: [options.apiKey], remap: (status, _body, message) => (status === 400 && /api key/i.test(message) ? 403 : status)}
  return {
    id: 'libretranslate',
    endpoint: endpointName(base),
    capabilities: {maxBatchSegments: 50, maxBatchChars: 20_000, glossary: 'none', costUnit: 'characters', contextScope: 'segment', persistent: true},

    async translate(request: TranslateRequest, {signal}: TranslateOptions): Promise<readonly ProviderTranslation[]> {
      const body = {
        q: request.segments.map((segment) => toHtml(segment.text)),
        source: 'de',
        target: 'en',
        format: 'html',
        ...(options.apiKey === undefined ? {} : {api_key: options.apiKey})
      }
      const answer = await send(endpoint, {path: 'translate', method: 'POST', headers: {'content-type': 'application/json', accept: 'application/json'}, body: JSON.stringify(body)}, signal)
      const wire = answer.json as WireAnswer | undefined
      if (wire === undefined || typeof wire !== 'object' || wire === null) throw new ProviderError('provider-bad-response', 'libretranslate: the answer is not valid JSON', {key: 'notJson', params: {provider: 'libretranslate'}})
      const translated = typeof wire.translatedText === 'string' ? [wire.translatedText] : wire.translatedText
      if (!Array.isArray(translated) || translated.some((item) => typeof item !== 'string')) {
        throw new ProviderError('provider-bad-response', 'libretranslate: the answer has no translatedText list', {key: 'noList', params: {provider: 'libretranslate', field: 'translatedText'}})
      }
      if (translated.length !== request.segments.length) {
        throw new ProviderError('provider-bad-response', `libretranslate: ${translated.length} translations for ${request.segments.length} texts`, {
          key: 'count',
          params: {provider: 'libretranslate', got: translated.length, sent: request.segments.length}
        })
      }
      return request.segments.map((segment, index) => ({id: segment.id, text: fromHtml(String(translated[index]))}))
    }
  }
}

/** Void tags as an element with content-free HTML form (`<c2></c2>`), which an HTML parser keeps. */
export function toHtml(tagged: string): string {
  return tagged.replace(/<([a-z]+)(\d+)\/>/g, (match, kind: string, id: string) => (isVoidKind(kind) ? `<${kind}${id}></${kind}${id}>` : match))
}

/** Back from HTML: `<c2></c2>` (or `<c2>`, as parsers may leave it) becomes `<c2/>` again. */
export function fromHtml(html: string): string {
  return html
    .replace(/<([a-z]+)(\d+)>\s*<\/\1\2>/g, (match, kind: string, id: string) => (isVoidKind(kind) ? `<${kind}${id}/>` : match))
    .replace(/<([a-z]+)(\d+)>(?![\s\S]*<\/\1\2>)/g, (match, kind: string, id: string) => (isVoidKind(kind) ? `<${kind}${id}/>` : match))
}
