import type {GlossaryEntry} from './model.js'

const cache = new Map<string, RegExp>()

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * A pattern for an English rendering that allows the forms English gives it:
 * plural and possessive (engineer, engineers, engineer's, engineers'), verb
 * forms (poach, poached, poaching), y → ies. Whole words only.
 */
export function englishPattern(english: string, sensitive: boolean): RegExp {
  const key = `${sensitive ? 's' : 'i'}\u0000${english}`
  const cached = cache.get(key)
  if (cached !== undefined) return cached
  const words = english.trim().split(/\s+/).map(escape)
  const last = words.pop() ?? ''
  const lastForms = /y$/.test(last)
    ? `${last.slice(0, -1)}(?:y|ies|ied|ying)`
    : /e$/.test(last)
      ? `${last.slice(0, -1)}(?:e|es|ed|ing|ings)`
      : `${last}(?:s|es|ed|ing|ings|${last.slice(-1)}ed|${last.slice(-1)}ing)?`
  const body = [...words, `${lastForms}(?:['’]s?)?`].join('[\\s\\u00a0-]+')
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, sensitive ? 'u' : 'iu')
  cache.set(key, pattern)
  return pattern
}

/** Whether the English text contains the entry's required rendering. */
export function hasRequired(english: string, entry: GlossaryEntry): boolean {
  return englishPattern(entry.en, entry.kind === 'name' || entry.case === 'sensitive').test(english)
}

/** The forbidden renderings of the entry that occur in the English text. */
export function forbiddenFound(english: string, entry: GlossaryEntry): string[] {
  if (entry.kind !== 'term') return []
  return entry.forbidden.filter((forbidden) => englishPattern(forbidden, /^\p{Lu}{2,}$/u.test(forbidden)).test(english))
}

/** The English a protected occurrence is restored to: plural and possessive as the German had them. */
export function englishForm(entry: GlossaryEntry, plural: boolean, genitive: boolean): string {
  let english = entry.en
  if (plural && entry.kind === 'term') english = pluralize(english)
  if (genitive) english = /s$/.test(english) ? `${english}’` : `${english}’s`
  return english
}

function pluralize(english: string): string {
  const words = english.split(' ')
  const last = words.pop() ?? ''
  const plural = /[^aeiou]y$/.test(last) ? `${last.slice(0, -1)}ies` : /(s|x|z|ch|sh)$/.test(last) ? `${last}es` : /^\p{Lu}+$/u.test(last) ? `${last}s` : `${last}s`
  return [...words, plural].join(' ')
}
