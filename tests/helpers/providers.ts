import {ProviderError} from '../../src/errors.js'
import type {ProviderTranslation, TranslateRequest, TranslationProvider} from '../../src/providers/port.js'
import {pseudoTranslate} from '../../src/providers/pseudo.js'

/** A persistent provider that answers like `pseudo` and records every sentence it receives. */
export interface RecordingProvider extends TranslationProvider {
  readonly received: string[]
  readonly requests: TranslateRequest[]
}

/** Options for `recordingProvider`. */
export interface RecordingOptions {
  /** Rewrite the answer for a segment (to break placeholders, say). */
  readonly answer?: (text: string, index: number) => ProviderTranslation[] | ProviderTranslation
  /** Delay before answering, in ms. */
  readonly delayMs?: number
  readonly maxBatchSegments?: number
  /** Throw this instead of answering. */
  readonly fail?: () => Error
}

export function recordingProvider(options: RecordingOptions = {}): RecordingProvider {
  const received: string[] = []
  const requests: TranslateRequest[] = []
  return {
    id: 'recording',
    capabilities: {
      maxBatchSegments: options.maxBatchSegments ?? 25,
      maxBatchChars: 100_000,
      glossary: 'none',
      costUnit: 'characters',
      contextScope: 'segment',
      persistent: true
    },
    received,
    requests,
    async translate(request, {signal}) {
      requests.push(request)
      received.push(...request.segments.map((segment) => segment.text))
      if (options.delayMs !== undefined) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, options.delayMs)
          signal.addEventListener('abort', () => {
            clearTimeout(timer)
            reject(new ProviderError('aborted', 'aborted'))
          })
        })
      }
      if (options.fail !== undefined) throw options.fail()
      return request.segments.flatMap((segment, index) => {
        const text = pseudoTranslate(segment.text)
        return options.answer === undefined ? [{id: segment.id, text}] : [options.answer(text, index)].flat().map((item) => ({...item, id: item.id || segment.id}))
      })
    }
  }
}

/**
 * A provider whose English carries markup and script that must stay text
 * (the review page's and the app's injection fixture): the sentence that
 * starts with "Ein letzter" comes back with an image that runs code on error
 * and a script; every other one as `EN <German>`.
 */
export function hostileProvider(): RecordingProvider {
  const inner = recordingProvider()
  return {
    ...inner,
    translate: async (request) =>
      request.segments.map((segment) => ({
        id: segment.id,
        text: segment.text.startsWith('Ein letzter') ? 'A last sentence &lt;img src=x onerror="window.pwned=4"&gt; &lt;script&gt;window.pwned=5&lt;/script&gt;.' : `EN ${segment.text}`
      }))
  }
}

/** A recording provider that answers from a table (German as sent → English), `EN <text>` for anything else. */
export function dictionaryProvider(answers: Readonly<Record<string, string>>): ReturnType<typeof recordingProvider> {
  const inner = recordingProvider()
  return {
    ...inner,
    async translate(request, options) {
      await inner.translate(request, options)
      return request.segments.map((segment) => ({id: segment.id, text: answers[segment.text] ?? `EN ${segment.text}`}))
    }
  }
}
