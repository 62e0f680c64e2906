import {ProviderError} from '../errors.js'
import {escapeText} from '../segment/tags.js'
import {endpointName, send, type Endpoint} from './http.js'
import {fromHtml, toHtml} from './html-tags.js'
import {answerTexts, partsWithin} from './parts.js'
import type {ProviderSegment, ProviderTranslation, TranslateOptions, TranslateRequest, TranslationProvider} from './port.js'

/** Settings of the Azure AI Translator adapter; the registry fills them from the environment. */
export interface AzureOptions {
  readonly key: string
  /** The resource's region (`westeurope`), for regional and multi-service resources. */
  readonly region?: string
  /** Another endpoint: a private one, a sovereign cloud (`https://api.translator.azure.cn`). */
  readonly endpoint?: string
}

/** The global endpoint. */
const AZURE_ENDPOINT = 'https://api.cognitive.microsofttranslator.com'
/** What one request may hold: 1,000 texts and 50,000 characters (of the text as sent, markup included). */
const MAX_TEXTS = 1000
const MAX_CHARS = 50_000

/**
 * `azure`: Azure AI Translator v3 (`/translate?api-version=3.0&from=de&to=en&textType=html`).
 * Placeholders travel as HTML spans (protected ones `translate="no"`, which
 * Azure honours in HTML mode); a glossary term or name the pipeline protected
 * is shown to the engine inside its span as Azure's dynamic dictionary
 * (`<mstrans:dictionary translation="poaching">Abwerbung</mstrans:dictionary>`),
 * and the required English is written there afterwards. A batch larger than
 * one request takes is sent in several.
 */
export function createAzureProvider(options: AzureOptions): TranslationProvider {
  const base = new URL(options.endpoint ?? AZURE_ENDPOINT)
  const endpoint: Endpoint = {
    provider: 'azure',
    base,
    secrets: [options.key],
    // Note: Azure says "out of quota" with 403 and the code 403001: waiting will not help; 401 is a wrong key or region.
    remap: (status, body) => (status === 403 && (body as {error?: {code?: unknown}} | undefined)?.error?.code === 403001 ? 456 : status)
  }
  const headers = {
    'ocp-apim-subscription-key': options.key,
    ...(options.region === undefined ? {} : {'ocp-apim-subscription-region': options.region}),
    'content-type': 'application/json; charset=UTF-8',
    accept: 'application/json'
  }

  async function request(segments: readonly ProviderSegment[], signal: AbortSignal): Promise<ProviderTranslation[]> {
    const body = segments.map((segment) => ({Text: encode(segment)}))
    const answer = await send(endpoint, {path: 'translate?api-version=3.0&from=de&to=en&textType=html', method: 'POST', headers, body: JSON.stringify(body)}, signal)
    const list = answer.json
    if (list === undefined) throw new ProviderError('provider-bad-response', 'azure: the answer is not valid JSON', {key: 'notJson', params: {provider: 'azure'}})
    const texts = answerTexts('azure', list, segments.length, (item) => (item as {translations?: Array<{text?: unknown}>} | null)?.translations?.[0]?.text)
    return segments.map((segment, index) => ({id: segment.id, text: fromHtml(texts[index] as string)}))
  }

  return {
    id: 'azure',
    endpoint: endpointName(base),
    capabilities: {maxBatchSegments: 100, maxBatchChars: 20_000, glossary: 'inline', costUnit: 'characters', contextScope: 'segment', persistent: true},

    async translate(translate: TranslateRequest, {signal}: TranslateOptions): Promise<readonly ProviderTranslation[]> {
      if (signal.aborted) throw new ProviderError('aborted', 'aborted')
      // Note: Azure counts the characters as sent, markup included: a batch that does not fit goes in parts.
      const parts = partsWithin(translate.segments, (segment) => encode(segment).length, MAX_TEXTS, MAX_CHARS)
      const out: ProviderTranslation[] = []
      for (const part of parts) out.push(...(await request(part, signal)))
      return out
    }
  }
}

/** A segment as Azure takes it: HTML, with each protected term's German and English as a dynamic dictionary entry. */
function encode(segment: ProviderSegment): string {
  const terms = new Map((segment.terms ?? []).map((term) => [String(term.id), term]))
  return toHtml(segment.text, (kind, id) => {
    const term = kind === 'g' ? terms.get(id) : undefined
    return term === undefined ? undefined : `<mstrans:dictionary translation="${attribute(term.english)}">${escapeText(term.german)}</mstrans:dictionary>`
  })
}

function attribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;')
}
