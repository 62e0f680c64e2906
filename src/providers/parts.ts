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
