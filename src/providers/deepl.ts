import type * as DeepL from 'deepl-node'
import {ProviderError} from '../errors.js'
import {sha256} from '../util/hash.js'
import {connectionError, errorForStatus, redact} from './http-errors.js'
import type {GlossaryHint, ProviderTranslation, TargetLanguage, TranslateOptions, TranslateRequest, TranslationProvider} from './port.js'

/** Settings of the DeepL adapter; the registry fills them from the environment. */
export interface DeepLOptions {
  readonly authKey: string
  /** Overrides the endpoint (regional server, test server); default from the key (`:fx` → Free). */
  readonly serverUrl?: string
  readonly target: TargetLanguage
  /** Per-request timeout in ms (default: 60,000). */
  readonly timeoutMs?: number
}

const PAIRED_TAGS = ['b', 'i', 's', 'a']
/** Protected spans (code, HTML, footnotes, images, shortcodes, breaks): nothing inside is ever translated. */
const PROTECTED_TAGS = ['c', 'h', 'f', 'img', 'x', 'br']
/** Name prefix of the glossaries tandem manages in a DeepL account. */
export const GLOSSARY_PREFIX = 'tandem-'

/**
 * `deepl`: DeepL through the official client. Placeholders travel as XML tags
 * (`tag_handling=xml`), the block goes in `context` (not billed), and the
 * project glossary is a native DeepL glossary. Retries are left to the policy
 * around the adapter (`maxRetries: 0`).
 */
export function createDeepLProvider(options: DeepLOptions): TranslationProvider {
  // Note: the client library is loaded on first use, so that builds without DeepL start faster.
  let loaded: Promise<{deepl: typeof DeepL; client: DeepL.DeepLClient}> | undefined
  const connect = (): Promise<{deepl: typeof DeepL; client: DeepL.DeepLClient}> =>
    (loaded ??= import('deepl-node').then((deepl) => ({
      deepl,
      client: new deepl.DeepLClient(options.authKey, {
        ...(options.serverUrl === undefined ? {} : {serverUrl: options.serverUrl}),
        maxRetries: 0,
        minTimeout: options.timeoutMs ?? 60_000,
        sendPlatformInfo: false,
        appInfo: {appName: 'tandem', appVersion: '0.1.0'}
      })
    })))
  const target: DeepL.TargetLanguageCode = options.target === 'en-GB' ? 'en-GB' : 'en-US'
  let glossaryId: string | undefined

  return {
    id: 'deepl',
    capabilities: {
      // DeepL's limit is a 128 KiB body; 50 texts and 30,000 characters stay well inside it.
      maxBatchSegments: 50,
      maxBatchChars: 30_000,
      glossary: 'native',
      costUnit: 'characters',
      contextScope: 'request',
      persistent: true
    },

    async prepare(glossary: readonly GlossaryHint[]): Promise<void> {
      glossaryId = undefined
      if (glossary.length === 0) return
      const entries = Object.fromEntries([...glossary].sort((a, b) => (a.source < b.source ? -1 : 1)).map((hint) => [hint.source, hint.target]))
      const name = `${GLOSSARY_PREFIX}${sha256(JSON.stringify(entries), 16)}`
      const {deepl, client} = await connect()
      try {
        const existing = await client.listMultilingualGlossaries()
        const same = existing.find((item) => item.name === name && item.dictionaries.some((d) => d.sourceLangCode === 'de' && d.targetLangCode === 'en'))
        if (same !== undefined) {
          glossaryId = same.glossaryId
        } else {
          const created = await client.createMultilingualGlossary(name, [
            {sourceLangCode: 'de', targetLangCode: 'en', entries: new deepl.GlossaryEntries({entries})}
          ])
          glossaryId = created.glossaryId
        }
        // Replaced glossaries of this project would only count against the account's limit.
        for (const stale of existing) {
          if (stale.name.startsWith(GLOSSARY_PREFIX) && stale.name !== name) await client.deleteMultilingualGlossary(stale.glossaryId)
        }
      } catch (error) {
        throw mapDeepLError(deepl, error, options.authKey)
      }
    },

    async translate(request: TranslateRequest, {signal}: TranslateOptions): Promise<readonly ProviderTranslation[]> {
      if (signal.aborted) throw new ProviderError('aborted', 'aborted')
      const context = request.segments[0]?.context
      const {deepl, client} = await connect()
      let results: DeepL.TextResult[]
      try {
        results = await client.translateText(
          request.segments.map((segment) => toDeepLXml(segment.text)),
          'de',
          target,
          {
            tagHandling: 'xml',
            nonSplittingTags: PAIRED_TAGS,
            ignoreTags: PROTECTED_TAGS,
            outlineDetection: false,
            splitSentences: 'nonewlines',
            preserveFormatting: true,
            ...(context === undefined || context === '' ? {} : {context}),
            ...(glossaryId === undefined ? {} : {glossary: glossaryId})
          }
        )
      } catch (error) {
        throw mapDeepLError(deepl, error, options.authKey)
      }
      if (!Array.isArray(results) || results.length !== request.segments.length) {
        throw new ProviderError('provider-bad-response', `deepl: ${Array.isArray(results) ? results.length : 0} translations for ${request.segments.length} texts`)
      }
      return request.segments.map((segment, index) => ({id: segment.id, text: fromDeepLXml(results[index]?.text ?? '')}))
    }
  }
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

/** deepl-node's errors as typed provider errors, the key never included. */
function mapDeepLError(deepl: typeof DeepL, error: unknown, authKey: string): ProviderError {
  const message = redact(error instanceof Error ? error.message : String(error), [authKey])
  if (error instanceof deepl.AuthorizationError) return errorForStatus('deepl', 403, message)
  if (error instanceof deepl.QuotaExceededError) return errorForStatus('deepl', 456, message)
  if (error instanceof deepl.TooManyRequestsError) return errorForStatus('deepl', 429, message)
  if (error instanceof deepl.ConnectionError) {
    if (/timeout/i.test(message)) return new ProviderError('provider-timeout', `deepl: ${message}`, {retryable: true})
    return connectionError('deepl', error)
  }
  if (error instanceof deepl.DeepLError) {
    const status = /status code: (\d{3})/.exec(message)?.[1] ?? (/^Bad request/.test(message) ? '400' : /^Service unavailable/.test(message) ? '503' : /^Not found/.test(message) ? '404' : undefined)
    if (status !== undefined) return errorForStatus('deepl', Number(status), message.replace(/, content: [\s\S]*$/, ''))
    return new ProviderError('provider-bad-response', `deepl: ${message}`)
  }
  return new ProviderError('provider-bad-response', `deepl: ${message}`)
}
