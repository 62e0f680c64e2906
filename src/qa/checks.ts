/**
 * Checks on one translated sentence, each a pure function of the German and
 * English plain text. Findings are warnings; `--strict` fails the build on them.
 */

/** The checks that can be turned off in the config (`qa` option). */
export type QaCheck = 'numbers' | 'quotes' | 'untranslated' | 'length'

/** Every check, on by default. */
export const QA_CHECKS: readonly QaCheck[] = ['numbers', 'quotes', 'untranslated', 'length']

/** One finding of a check. */
export interface QaFinding {
  readonly check: QaCheck
  /** What was expected or found, for the message. */
  readonly detail: string
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const SMALL_NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve']

/** Frequent German function words: a sentence full of them is German. */
const GERMAN_WORDS = new Set(
  'der die das und ist nicht mit von zu den für auf ein eine einer eines einem sich des dem im auch als wird werden bei nach wie oder aber über durch sind war hat haben noch nur so dass daß wenn sie er es wir ihr ich man zum zur vom beim kann können soll diese dieser dieses diesen hier dort schon sehr mehr ob weil um bis gegen ohne unter zwischen seit während sowie jedoch also dann'.split(' ')
)

/** Run the enabled checks. */
export function checkSentence(german: string, english: string, enabled: ReadonlySet<QaCheck>): QaFinding[] {
  const findings: QaFinding[] = []
  if (enabled.has('numbers')) findings.push(...checkNumbers(german, english))
  if (enabled.has('quotes')) findings.push(...checkQuotes(english))
  if (enabled.has('untranslated')) findings.push(...checkUntranslated(german, english))
  if (enabled.has('length')) findings.push(...checkLength(german, english))
  return findings
}

/**
 * Numbers keep their value and take English form: 200.000 → 200,000,
 * 3,5 → 3.5, 31.12.2024 → a date with day, month and year; other numbers as
 * they are (or as a word up to twelve).
 */
export function checkNumbers(german: string, english: string): QaFinding[] {
  const findings: QaFinding[] = []
  let rest = german
  for (const match of german.matchAll(/(?<![\d.,])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d])/g)) {
    rest = rest.replace(match[0], ' ')
    const [, day, month, year] = match
    if (!hasDate(english, Number(day), Number(month), year ?? '')) findings.push({check: 'numbers', detail: `${match[0]} → a date with day ${day}, ${MONTHS[Number(month) - 1] ?? month} and ${year}`})
  }
  // Times: "14.30 Uhr" is 2:30 p.m. or 14:30, "9 Uhr" 9 a.m., 9:00 or nine o'clock.
  for (const match of rest.matchAll(/(?<![\d.,])(\d{1,2})(?:[.:](\d{2}))?\s*Uhr\b/g)) {
    const hour = Number(match[1])
    const minute = Number(match[2] ?? '0')
    if (hour > 24 || minute > 59) continue
    rest = rest.replace(match[0], ' ')
    if (!hasTime(english, hour, minute)) findings.push({check: 'numbers', detail: `${match[0]} → ${timeForms(hour, minute)}`})
  }
  let englishNumbers: Set<string> | undefined
  for (const match of rest.matchAll(/(?<![\d.,])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d])|(?<![\d.,])\d+,\d+(?![\d])|(?<![\d.,])\d+(?![\d])/g)) {
    const value = match[0]
    const expected = value.replace(/\./g, ',').replace(/,(\d+)$/, (_m, decimals: string) => (value.includes(',') ? `.${decimals}` : `,${decimals}`))
    const plain = expected.replace(/,/g, '')
    englishNumbers ??= numbersIn(english)
    if (englishNumbers.has(expected) || englishNumbers.has(plain)) continue
    const small = Number(value)
    const word = Number.isInteger(small) && small <= 12 && !value.includes('.') ? SMALL_NUMBER_PATTERNS[small] : undefined
    if (word?.test(english) !== true) findings.push({check: 'numbers', detail: `${value} → ${expected}`})
  }
  return findings
}

/** Whole numbers as written in a text: digits with `.` or `,` between digits, not after such a separator. */
function numbersIn(text: string): Set<string> {
  return new Set(text.match(/(?<![\d.,])\d+(?:[.,]\d+)*/g) ?? [])
}

const SMALL_NUMBER_PATTERNS = SMALL_NUMBERS.map((word) => new RegExp(`\\b${word}\\b`, 'i'))

/** How a time may be written in English: on the 24-hour clock, or on the 12-hour clock with a.m./p.m. */
function timeForms(hour: number, minute: number): string {
  const mm = String(minute).padStart(2, '0')
  const twelve = hour % 12 === 0 ? 12 : hour % 12
  return `${twelve}${minute === 0 ? '' : `:${mm}`} ${hour < 12 || hour === 24 ? 'a.m.' : 'p.m.'} or ${String(hour).padStart(2, '0')}:${mm}`
}

function hasTime(english: string, hour: number, minute: number): boolean {
  const mm = String(minute).padStart(2, '0')
  if (new RegExp(`(?<![\\d:.])0?${hour}[:.]${mm}(?![\\d])`).test(english)) return true
  const twelve = hour % 12 === 0 ? 12 : hour % 12
  const half = hour < 12 || hour === 24 ? 'a' : 'p'
  const clock = minute === 0 ? `(?:[:.]00)?` : `[:.]${mm}`
  if (new RegExp(`(?<![\\d:.])${twelve}${clock}\\s*${half}\\.?\\s?m\\b\\.?`, 'i').test(english)) return true
  if (minute === 0 && hour === 12 && /\bnoon\b/i.test(english)) return true
  if (minute === 0 && (hour === 0 || hour === 24) && /\bmidnight\b/i.test(english)) return true
  const word = SMALL_NUMBERS[twelve]
  return minute === 0 && new RegExp(`(?<!\\d)(?:${twelve}|${word ?? twelve}) o[’']clock`, 'i').test(english)
}

function hasDate(english: string, day: number, month: number, year: string): boolean {
  const fullYear = year.length === 2 ? `20${year}` : year
  const monthName = MONTHS[month - 1] ?? ''
  const mm = String(month).padStart(2, '0')
  const dd = String(day).padStart(2, '0')
  if (english.includes(`${fullYear}-${mm}-${dd}`)) return true
  if (new RegExp(`(?<!\\d)0?${month}/0?${day}/(?:${fullYear}|${year})(?!\\d)`).test(english)) return true
  if (new RegExp(`(?<!\\d)0?${day}/0?${month}/(?:${fullYear}|${year})(?!\\d)`).test(english)) return true
  const hasDay = new RegExp(`(?<!\\d)${day}(?:st|nd|rd|th)?(?!\\d)`).test(english)
  return hasDay && (english.includes(monthName) || english.includes(monthName.slice(0, 3))) && english.includes(year.length === 2 ? year : fullYear)
}

/** German quotation marks („…“, ‚…‘, »…«) become English ones (“…”). */
export function checkQuotes(english: string): QaFinding[] {
  const german = english.match(/[„‚»«]/g)
  return german === null ? [] : [{check: 'quotes', detail: [...new Set(german)].join(' ')}]
}

/** Fewest words a quotation needs to count as someone's words (a word or two in quotes is a term or an irony). */
const QUOTATION_WORDS = 3

/**
 * The direct quotations in a German sentence: text between „…“, »…« or
 * «…», of at least three words. A quotation that runs over several sentences
 * counts in each (an opening mark without its close runs to the sentence's end,
 * a closing mark without its opening from its start).
 */
export function directQuotations(german: string): string[] {
  const [open, close] = quotationMarks(german)
  if (open === undefined) return []
  const out: string[] = []
  let at = 0
  // Note: a closing mark before any opening one ends a quotation that began in an earlier sentence.
  const firstClose = german.indexOf(close)
  const firstOpen = german.indexOf(open)
  if (firstClose !== -1 && (firstOpen === -1 || firstClose < firstOpen)) {
    out.push(german.slice(0, firstClose))
    at = firstClose + 1
  }
  for (let start = german.indexOf(open, at); start !== -1; start = german.indexOf(open, at)) {
    const end = german.indexOf(close, start + 1)
    out.push(german.slice(start + 1, end === -1 ? undefined : end))
    if (end === -1) break
    at = end + 1
  }
  return out.map((quote) => quote.trim()).filter((quote) => (quote.match(/\p{L}+/gu) ?? []).length >= QUOTATION_WORDS)
}

/** Which quotation marks a sentence uses, by its first one: „…“ (German), »…« (German books), «…» (Swiss); none when it has none. */
function quotationMarks(german: string): readonly [string, string] | readonly [undefined, undefined] {
  const first = /[„“»«]/.exec(german)?.[0]
  if (first === '„' || first === '“') return ['„', '“']
  if (first === '»') return ['»', '«']
  // Note: « first is a Swiss opening mark when a » follows, else the close of a »…« begun before.
  if (first === '«') return german.includes('»') ? ['«', '»'] : ['»', '«']
  return [undefined, undefined]
}

/** The English is the German unchanged, or is mostly German words. */
export function checkUntranslated(german: string, english: string): QaFinding[] {
  const words = (text: string): string[] => text.toLowerCase().match(/\p{L}+/gu) ?? []
  const germanWords = words(german)
  const share = (list: string[]): number => (list.length === 0 ? 0 : list.filter((word) => GERMAN_WORDS.has(word)).length / list.length)
  // Only a sentence that is German to begin with can be left untranslated.
  if (germanWords.length < 3 || share(germanWords) < 0.1) return []
  const englishWords = words(english)
  if (english.replace(/\s+/g, ' ').trim() === german.replace(/\s+/g, ' ').trim()) return [{check: 'untranslated', detail: 'the same as the German'}]
  const germanShare = share(englishWords)
  return germanShare >= 0.25 ? [{check: 'untranslated', detail: `${Math.round(germanShare * 100)} % German words`}] : []
}

/** English length outside 0.4–2.5 times the German, for sentences of 25 characters or more. */
export function checkLength(german: string, english: string): QaFinding[] {
  if (german.length < 25) return []
  const ratio = english.length / german.length
  return ratio < 0.4 || ratio > 2.5 ? [{check: 'length', detail: ratio.toFixed(2)}] : []
}
