import {fakeEnglish, type Handler} from '../loopback.js'

/**
 * An Azure AI Translator v3 server: `POST /translate?api-version=3.0&from=de&to=en&textType=html`,
 * a JSON array of `{Text}`, `Ocp-Apim-Subscription-Key` (and `-Region`) headers. It answers in HTML
 * as Azure does: elements kept, a `translate="no"` element's content untouched, a dynamic dictionary
 * entry replaced by its translation, everything else fake English.
 */
export function fakeAzure(key: string, region?: string): Handler {
  return (request) => {
    const url = new URL(request.path, 'http://azure.test')
    if (request.headers['ocp-apim-subscription-key'] !== key) return {status: 401, body: {error: {code: 401000, message: 'The request is not authorized because credentials are missing or invalid.'}}}
    if (region !== undefined && request.headers['ocp-apim-subscription-region'] !== region) return {status: 401, body: {error: {code: 401015, message: 'The region of the resource does not match.'}}}
    if (request.method !== 'POST' || url.pathname !== '/translate') return {status: 404, body: {error: {code: 404000, message: 'The requested resource was not found.'}}}
    const query = Object.fromEntries(url.searchParams)
    if (query['api-version'] !== '3.0' || query['from'] !== 'de' || query['to'] !== 'en') return {status: 400, body: {error: {code: 400000, message: 'One of the request inputs is not valid.'}}}
    const texts = request.json as Array<{Text: string}>
    if (!Array.isArray(texts) || texts.length > 1000 || texts.reduce((sum, item) => sum + item.Text.length, 0) > 50_000) return {status: 400, body: {error: {code: 400077, message: 'The maximum request size has been exceeded.'}}}
    return {status: 200, body: texts.map((item) => ({translations: [{text: azureTranslate(item.Text, query['textType'] === 'html'), to: 'en'}]}))}
  }
}

/** What Azure makes of one text: dictionary entries become their translation, `translate="no"` stays, the rest fake English. */
export function azureTranslate(text: string, html: boolean): string {
  const withDictionary = text.replace(/<mstrans:dictionary translation="([^"]*)">[^<]*<\/mstrans:dictionary>/g, (_match, translation: string) => `\u0000${translation}\u0001`)
  if (!html) return fakeEnglish(withDictionary).replace(/\u0000([^\u0001]*)\u0001/g, '$1')
  return withDictionary
    .split(/(<span[^>]*translate="no"[^>]*><\/span>|\u0000[^\u0001]*\u0001)/)
    .map((part, index) => (index % 2 === 1 ? part.replace(/[\u0000\u0001]/g, '') : fakeEnglish(part)))
    .join('')
}
