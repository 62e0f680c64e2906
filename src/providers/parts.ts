import {ProviderError} from '../errors.js'

/**
 * A batch cut into parts that a service's request takes: at most `maxTexts`
 * texts and `maxChars` characters as sent (`size` of each, markup included).
 * A text larger than `maxChars` alone goes alone, for the service to judge.
 */
export function partsWithin<T>(items: readonly T[], size: (item: T) => number, maxTexts: number, maxChars: number): T[][] {
  const parts: T[][] = []
  let current: T[] = []
  let chars = 0
  for (const item of items) {
    const length = size(item)
    if (current.length > 0 && (current.length >= maxTexts || chars + length > maxChars)) {
      parts.push(current)
      current = []
      chars = 0
    }
    current.push(item)
    chars += length
  }
  if (current.length > 0) parts.push(current)
  return parts
}

/**
 * A service's list of translations, one per text sent, each read by `text`.
 * @throws ProviderError('provider-bad-response') naming how many came for how many sent, when it is no such list.
 */
export function answerTexts(provider: string, list: unknown, sent: number, text: (item: unknown) => unknown): string[] {
  const got = Array.isArray(list) ? list.length : 0
  const texts = Array.isArray(list) ? list.map(text) : []
  if (got !== sent || texts.some((item) => typeof item !== 'string')) {
    throw new ProviderError('provider-bad-response', `${provider}: ${got} translations for ${sent} texts`, {key: 'count', params: {provider, got, sent}})
  }
  return texts as string[]
}
