import {parseTagged, tokensToTagged, type Token} from '../segment/tags.js'
import type {ProviderTranslation, TranslateRequest, TranslationProvider} from './port.js'

/**
 * `pseudo`: deterministic fake English. Vowels get accents so untranslated
 * text stands out, and the first group of words carrying a placeholder moves
 * to the other end of the sentence, the way a real engine reorders words,
 * so that placeholder restoration is exercised.
 */
export function createPseudoProvider(): TranslationProvider {
  return {
    id: 'pseudo',
    capabilities: {maxBatchSegments: 100, maxBatchChars: 50_000, glossary: 'none', costUnit: 'characters', contextScope: 'segment', persistent: false},
    async translate(request: TranslateRequest): Promise<readonly ProviderTranslation[]> {
      return request.segments.map(({id, text}) => ({id, text: pseudoTranslate(text)}))
    }
  }
}

const ACCENTS: Readonly<Record<string, string>> = {a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú', A: 'Á', E: 'É', I: 'Í', O: 'Ó', U: 'Ú'}

/** The pseudo translation of one tagged sentence. */
export function pseudoTranslate(tagged: string): string {
  const chunks = chunksOf(parseTagged(tagged))
  const last = chunks.at(-1)
  // Keep the closing punctuation at the end, whatever moves.
  let tail: Token[] = []
  if (last !== undefined) {
    const final = last.at(-1)
    const match = final?.type === 'text' ? /[.!?:;…“”"»«)]+$/u.exec(final.value) : null
    if (final?.type === 'text' && match !== null && match[0] !== final.value) {
      last[last.length - 1] = {type: 'text', value: final.value.slice(0, match.index)}
      tail = [{type: 'text', value: match[0]}]
    }
  }
  // Note: inline HTML stays where it is: its opening and closing tags are placeholders of their own, and order matters.
  const firstTagged = chunks.findIndex((chunk) => chunk.some((token) => token.type !== 'text') && !chunk.some((token) => token.type === 'void' && token.kind === 'h'))
  if (firstTagged >= 0 && chunks.length > 1) {
    const [moved] = chunks.splice(firstTagged, 1)
    if (moved !== undefined) {
      if (firstTagged === chunks.length) chunks.unshift(moved)
      else chunks.push(moved)
    }
  }
  const out: Token[] = []
  chunks.forEach((chunk, index) => {
    if (index > 0) out.push({type: 'text', value: ' '})
    for (const token of chunk) out.push(token.type === 'text' ? {type: 'text', value: accent(token.value)} : token)
  })
  out.push(...tail)
  return tokensToTagged(out)
}

function accent(text: string): string {
  return text.replace(/[aeiouAEIOU]/g, (vowel) => ACCENTS[vowel] ?? vowel)
}

/** Split tokens at whitespace outside paired tags, so every chunk is balanced. */
function chunksOf(tokens: readonly Token[]): Token[][] {
  const chunks: Token[][] = [[]]
  let depth = 0
  for (const token of tokens) {
    if (token.type === 'open') depth++
    if (token.type === 'close') depth--
    if (token.type !== 'text' || depth > 0) {
      chunks.at(-1)?.push(token)
      continue
    }
    const parts = token.value.split(/\s+/)
    parts.forEach((part, index) => {
      if (index > 0) chunks.push([])
      if (part !== '') chunks.at(-1)?.push({type: 'text', value: part})
    })
  }
  return chunks.filter((chunk) => chunk.length > 0)
}
