import {parseTagged, tokensToTagged} from './tags.js'

/** How a date is written in English: `31 December 2024`, `12/31/2024`, `2024-12-31`. */
export type DateStyle = 'long' | 'us' | 'iso'

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/**
 * A segment with no words (a table cell such as `+4,2 %`, `31.12.2024`,
 * `1.234,5`) in English form, with no provider: decimal comma → point,
 * thousands point → comma, a percent sign after the number, dates in
 * `style`. Tags stay where they are; undefined when nothing changes.
 */
export function localizeNumbers(tagged: string, style: DateStyle): string | undefined {
  const tokens = parseTagged(tagged).map((token) => (token.type === 'text' ? {...token, value: localizeText(token.value, style)} : token))
  const out = tokensToTagged(tokens)
  return out === tagged ? undefined : out
}

function localizeText(text: string, style: DateStyle): string {
  return text
    .replace(/(?<![\d.,])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d]|[.,]\d)/g, (all, day: string, month: string, year: string) => date(Number(day), Number(month), year.length === 2 ? `20${year}` : year, style) ?? all)
    // Note: a number followed by a separator and a digit (an IP address, a version, 1,234.5 already English) is left alone.
    .replace(/(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?![\d]|[.,]\d)/g, (all, whole: string, decimals: string | undefined) => {
      // Note: a plain integer without separators is the same in both languages.
      if (decimals === undefined && !whole.includes('.')) return all
      return `${whole.replace(/\./g, ',')}${decimals === undefined ? '' : `.${decimals}`}`
    })
    .replace(/(\d)\s+%/g, '$1%')
}

function date(day: number, month: number, year: string, style: DateStyle): string | undefined {
  // Note: only a day the month has (31.02. is no date).
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(Number(year), month, 0)).getUTCDate()) return undefined
  const dd = String(day).padStart(2, '0')
  const mm = String(month).padStart(2, '0')
  if (style === 'iso') return `${year}-${mm}-${dd}`
  if (style === 'us') return `${mm}/${dd}/${year}`
  return `${day} ${MONTHS[month - 1]} ${year}`
}

