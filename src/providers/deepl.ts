import {ProviderError} from '../errors.js'
import {sha256} from '../util/hash.js'
import {endpointName, send, type Endpoint, type HttpRequest} from './http.js'
import type {GlossaryHint, ProviderTranslation, TargetLanguage, TranslateOptions, TranslateRequest, TranslationProvider} from './port.js'

/** Settings of the DeepL adapter; the registry fills them from the environment. */
export interface DeepLOptions {
  readonly authKey: string
  /** Overrides the endpoint (regional server, test server); default from the key (`:fx` → Free). */
  readonly serverUrl?: string
  readonly target: TargetLanguage
}

const PAIRED_TAGS = ['b', 'i', 's', 'a', 'm']
/** Protected spans (code, HTML, footnotes, images, shortcodes, breaks): nothing inside is ever translated. */
const PROTECTED_TAGS = ['c', 'h', 'f', 'img', 'x', 'br']
/** Name prefix of the glossaries tandem manages in a DeepL account. */
export const GLOSSARY_PREFIX = 'tandem-'

/** DeepL's server for a key: Free keys end in `:fx`. */
function deeplServer(authKey: string): string {
  return authKey.endsWith(':fx') ? 'https://api-free.deepl.com' : 'https://api.deepl.com'
}

/**
 * Another tandem glossary of the account is removed only when it is older
 * than this: a recent one may be another branch's, built at the same time.
 */
export const STALE_GLOSSARY_MS = 30 * 24 * 60 * 60 * 1000

/** A glossary as `GET /v3/glossaries` lists it (private wire type). */
interface WireGlossary {
  readonly glossary_id?: unknown
  readonly name?: unknown
  readonly creation_time?: unknown
  readonly dictionaries?: ReadonlyArray<{readonly source_lang?: unknown; readonly target_lang?: unknown}>
}

/**
 * `deepl`: the DeepL API over tandem's own HTTP layer, with form bodies as
 * deepl-node sends them. Placeholders travel as XML tags (`tag_handling=xml`),
 * the block goes in `context` (not billed), and the project glossary is a
 * native (v3) DeepL glossary, set up in `prepare`. Retries, timeouts and
 * `Retry-After` are the policy's around the adapter.
 */
export function createDeepLProvider(options: DeepLOptions): TranslationProvider {
  const endpoint: Endpoint = {provider: 'deepl', base: new URL(options.serverUrl ?? deeplServer(options.authKey)), secrets: [options.authKey]}
  const headers = {authorization: `DeepL-Auth-Key ${options.authKey}`, 'user-agent': 'tandem/0.1.0', accept: 'application/json'}
  const form = (fields: ReadonlyArray<[string, string]>, path: string, method: HttpRequest['method'] = 'POST'): HttpRequest => ({
    path,
    method,
    headers: {...headers, 'content-type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams([...fields]).toString()
  })
  const target = options.target === 'en-GB' ? 'EN-GB' : 'EN-US'
  let glossaryId: string | undefined
  /** The glossary `prepare` was given, to make it again if it goes away. */
  let entries: ReadonlyMap<string, string> = new Map()
  /** The glossary being made again after it went away, shared by the requests that found it gone. */
  let remaking: Promise<string> | undefined

  return {
    id: 'deepl',
    endpoint: endpointName(endpoint.base),
    capabilities: {
      // DeepL's limit is a 128 KiB body; 50 texts and 30,000 characters stay well inside it.
      maxBatchSegments: 50,
      maxBatchChars: 30_000,
      glossary: 'native',
      costUnit: 'characters',
      contextScope: 'request',
      persistent: true
    },

    async prepare(glossary: readonly GlossaryHint[], {signal}: TranslateOptions): Promise<void> {
      glossaryId = undefined
      // Note: TSV cannot hold a tab, a line break or a control character; tandem's own check still covers such a term.
      // eslint-disable-next-line no-control-regex
      const usable = glossary.filter((hint) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(hint.source + hint.target))
      entries = new Map([...usable].sort((a, b) => (a.source < b.source ? -1 : 1)).map((hint) => [hint.source, hint.target]))
      if (entries.size > 0) glossaryId = await ensureGlossary(entries, signal)
    },

    async translate(request: TranslateRequest, options: TranslateOptions): Promise<readonly ProviderTranslation[]> {
      const used = glossaryId
      try {
        return await translateOnce(request, used, options.signal)
      } catch (error) {
        // Note: the glossary went away during the build (removed by hand, or by an old branch's tidy-up): it is made again,
        // once for all the requests in flight that used it, and this request is sent once more.
        if (!(error instanceof ProviderError && error.status === 404) || used === undefined || entries.size === 0) throw error
        if (glossaryId === used) {
          remaking ??= ensureGlossary(entries, options.signal).finally(() => (remaking = undefined))
          glossaryId = await remaking
        }
        return translateOnce(request, glossaryId, options.signal)
      }
    }
  }

  /** The id of the account's glossary with exactly these entries, made when there is none; stale tandem glossaries go. */
  async function ensureGlossary(wanted: ReadonlyMap<string, string>, signal: AbortSignal): Promise<string> {
    const name = `${GLOSSARY_PREFIX}${sha256(JSON.stringify(Object.fromEntries(wanted)), 16)}`
    const listed = await send(endpoint, {path: 'v3/glossaries', method: 'GET', headers}, signal)
    const existing = glossariesOf(listed.json)
    const same = existing.find((item) => item.name === name && item.dictionaries?.some((d) => d.source_lang === 'de' && d.target_lang === 'en'))
    let id: string
    if (same !== undefined) {
      id = String(same.glossary_id)
    } else {
      const tsv = [...wanted].map(([source, english]) => `${source}\t${english}`).join('\n')
      const created = await send(
        endpoint,
        form(
          [
            ['name', name],
            ['dictionaries[0].source_lang', 'de'],
            ['dictionaries[0].target_lang', 'en'],
            ['dictionaries[0].entries', tsv],
            ['dictionaries[0].entries_format', 'tsv']
          ],
          'v3/glossaries'
        ),
        signal
      )
      const made = (created.json as WireGlossary | undefined)?.glossary_id
      if (typeof made !== 'string' || made === '') throw new ProviderError('provider-bad-response', 'deepl: the created glossary has no glossary_id', {key: 'noGlossaryId', params: {provider: 'deepl'}})
      id = made
    }
    // Note: replaced glossaries would only count against the account's limit, but one made in the last 30 days may be
    // another branch's (a parallel build's): only older ones go, and a glossary never listed with a time stays.
    const now = Date.now()
    for (const stale of existing) {
      if (typeof stale.name !== 'string' || !stale.name.startsWith(GLOSSARY_PREFIX) || stale.name === name) continue
      const made = typeof stale.creation_time === 'string' ? Date.parse(stale.creation_time) : Number.NaN
      if (!Number.isFinite(made) || now - made < STALE_GLOSSARY_MS) continue
      await send(endpoint, {path: `v3/glossaries/${encodeURIComponent(String(stale.glossary_id))}`, method: 'DELETE', headers}, signal).catch((error: unknown) => {
        // Note: one already gone (another build removed it) is what was wanted.
        if (!(error instanceof ProviderError && error.status === 404)) throw error
      })
    }
    return id
  }

  async function translateOnce(request: TranslateRequest, glossary: string | undefined, signal: AbortSignal): Promise<readonly ProviderTranslation[]> {
    if (signal.aborted) throw new ProviderError('aborted', 'aborted')
    const context = request.segments[0]?.context
    const fields: Array<[string, string]> = [
      ...request.segments.map((segment): [string, string] => ['text', toDeepLXml(segment.text)]),
      ['source_lang', 'DE'],
      ['target_lang', target],
      ['tag_handling', 'xml'],
      ['non_splitting_tags', PAIRED_TAGS.join(',')],
      ['ignore_tags', PROTECTED_TAGS.join(',')],
      ['outline_detection', '0'],
      ['split_sentences', 'nonewlines'],
      ['preserve_formatting', '1'],
      ...(context === undefined || context === '' ? [] : [['context', context] as [string, string]]),
      ...(glossary === undefined ? [] : [['glossary_id', glossary] as [string, string]])
    ]
    const answer = await send(endpoint, form(fields, 'v2/translate'), signal)
    const results = (answer.json as {translations?: unknown} | undefined)?.translations
    if (answer.json === undefined) throw new ProviderError('provider-bad-response', 'deepl: the answer is not valid JSON', {key: 'notJson', params: {provider: 'deepl'}})
    if (!Array.isArray(results) || results.length !== request.segments.length || results.some((item) => typeof (item as {text?: unknown} | null)?.text !== 'string')) {
      const got = Array.isArray(results) ? results.length : 0
      throw new ProviderError('provider-bad-response', `deepl: ${got} translations for ${request.segments.length} texts`, {key: 'count', params: {provider: 'deepl', got, sent: request.segments.length}})
    }
    return request.segments.map((segment, index) => ({id: segment.id, text: fromDeepLXml((results[index] as {text: string}).text)}))
  }
}

function glossariesOf(json: unknown): WireGlossary[] {
  const list = (json as {glossaries?: unknown} | undefined)?.glossaries
  if (!Array.isArray(list)) throw new ProviderError('provider-bad-response', 'deepl: the glossary list is not valid JSON of the form {"glossaries":[…]}', {key: 'notShape', params: {provider: 'deepl', shape: '{"glossaries":[…]}'}})
  return list.filter((item): item is WireGlossary => typeof item === 'object' && item !== null)
}

/** tandem's tags as DeepL XML: `<b1>` → `<b i="1">`, `</b1>` → `</b>`, `<c2/>` → `<c i="2"/>`. */
export function toDeepLXml(tagged: string): string {
  return tagged.replace(/<(\/?)([a-z]+)(\d+)(\/?)>/g, (_match, slash: string, kind: string, id: string, selfClosing: string) =>
    slash === '/' ? `</${kind}>` : `<${kind} i="${id}"${selfClosing === '/' ? '/' : ''}>`
  )
}

/**
 * DeepL XML back to tandem's tags. Closing tags get the id of the element they
 * close; a close that matches nothing is kept as text, so validation reports it.
 */
export function fromDeepLXml(xml: string): string {
  const stack: Array<{kind: string; id: string}> = []
  return xml.replace(/<(\/?)([a-z]+)(?:\s+i="(\d+)")?\s*(\/?)>/g, (match, slash: string, kind: string, id: string | undefined, selfClosing: string) => {
    if (slash === '/') {
      const top = stack.at(-1)
      if (top === undefined || top.kind !== kind) return match.replace('<', '&lt;')
      stack.pop()
      return `</${kind}${top.id}>`
    }
    if (id === undefined) return match.replace('<', '&lt;')
    if (selfClosing === '/') return `<${kind}${id}/>`
    stack.push({kind, id})
    return `<${kind}${id}>`
  })
}

