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
