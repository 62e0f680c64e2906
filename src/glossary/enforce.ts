import {escapeText, parseTagged, tokensToTagged, type Token} from '../segment/tags.js'
import {englishForm, forbiddenFound, hasRequired} from './english.js'
import type {GlossaryMatcher, TermMatch} from './matcher.js'
import type {GlossaryEntry} from './model.js'
import type {QuoteMatcher} from './quotes.js'

/**
 * Glossary occurrences in a tagged sentence: matched in its text, never
 * inside tags, nor inside a quotation whose original English is known (the
 * speaker's words are theirs, whatever the glossary says).
 */
export function matchTagged(matcher: GlossaryMatcher, tagged: string, quotes?: QuoteMatcher): TermMatch[] {
  if (matcher.empty) return []
  return parseTagged(tagged).flatMap((token) => {
    if (token.type !== 'text') return []
    const spans = quotes?.find(token.value) ?? []
    const found = matcher.match(token.value)
    return spans.length === 0 ? found : found.filter((match) => !spans.some((span) => match.start >= span.start && match.start < span.end))
  })
}

/** A sentence with glossary terms replaced by `<gN/>` placeholders, and how to put the English back. */
export interface Masked {
  readonly text: string
  /** Replace each `<gN/>` in a translation with the required English. */
  readonly restore: (translated: string) => string
  /** What each `<gN/>` stands for: the German it replaced and the English it becomes (a service with inline dictionaries is told). */
  readonly terms?: ReadonlyArray<{readonly id: number; readonly german: string; readonly english: string}>
}

/**
 * Protect glossary occurrences as placeholders (for providers without a
 * glossary, and for repairs): the provider moves `<g7/>` with the words, and
 * `restore` writes the required English (plural and possessive as in German).
 * `only` limits protection to some entries. A quotation whose original is
 * known is always protected, marks and all, and restored as the original.
 */
export function maskTerms(matcher: GlossaryMatcher, tagged: string, only?: ReadonlySet<GlossaryEntry>, quotes?: QuoteMatcher): Masked {
  const parsed = parseTagged(tagged)
  let next = Math.max(0, ...parsed.map((token) => (token.type === 'text' ? 0 : token.id))) + 1
  const english = new Map<number, string>()
  const german = new Map<number, string>()
  const tokens: Token[] = []
  for (const token of parsed) {
    const spans = token.type === 'text' ? (quotes?.find(token.value) ?? []) : []
    if (token.type !== 'text' || spans.length === 0) {
      tokens.push(token)
      continue
    }
    let last = 0
    for (const span of spans) {
      if (span.start > last) tokens.push({type: 'text', value: token.value.slice(last, span.start)})
      const id = next++
      english.set(id, span.english)
      german.set(id, token.value.slice(span.start, span.end))
      tokens.push({type: 'void', kind: 'g', id})
      last = span.end
    }
    if (last < token.value.length) tokens.push({type: 'text', value: token.value.slice(last)})
  }
  // Terms are matched in the text around the quotations, each now one placeholder.
  const out: Token[] = []
  for (const token of tokens) {
    if (token.type !== 'text') {
      out.push(token)
      continue
    }
    let last = 0
    const value = token.value
    for (const match of matcher.match(value)) {
      if (only !== undefined && !only.has(match.entry)) continue
      // Inside a closed compound the placeholder is hyphenated, as German may
      // write it: Infrastrukturentwicklung → <g1/>-Entwicklung, Talentabwerbung → Talent-<g2/>.
      const tail = match.start > 0 && /\p{L}/u.test(value[match.start - 1] ?? '')
      let end = match.end
      let head = false
      if (/\p{L}/u.test(value[end] ?? '')) {
        head = true
        if (/(?:ung|heit|keit|ion|tät|schaft)$/.test(match.entry.de) && value[end] === 's' && /\p{Ll}/u.test(value[end + 1] ?? '')) end++
      }
      if (match.start > last) out.push({type: 'text', value: value.slice(last, match.start) + (tail ? '-' : '')})
      const id = next++
      english.set(id, englishForm(match.entry, match.plural, match.genitive))
      german.set(id, value.slice(match.start, end))
      out.push({type: 'void', kind: 'g', id})
      if (head) {
        const rest = value.slice(end)
        out.push({type: 'text', value: `-${(rest[0] ?? '').toUpperCase()}`})
        end++
      }
      last = end
    }
    if (last < token.value.length) out.push({type: 'text', value: token.value.slice(last)})
  }
  if (english.size === 0) return {text: tagged, restore: (translated) => translated}
  return {
    text: tokensToTagged(out),
    terms: [...english].map(([id, text]) => ({id, german: german.get(id) ?? '', english: text})),
    restore: (translated) => translated.replace(/<g(\d+)\/>/g, (tag, id: string) => {
      const value = english.get(Number(id))
      return value === undefined ? tag : escapeText(value)
    })
  }
}

/** One way a translation fails the glossary. */
export interface GlossaryViolation {
  readonly entry: GlossaryEntry
  readonly kind: 'missing' | 'forbidden'
  /** The German occurrence, or the forbidden English found. */
  readonly text: string
}

/** Check a translation against the glossary occurrences of its source. */
export function verifyTranslation(matches: readonly TermMatch[], englishPlain: string): GlossaryViolation[] {
  const violations: GlossaryViolation[] = []
  const seen = new Set<GlossaryEntry>()
  for (const match of matches) {
    if (seen.has(match.entry)) continue
    seen.add(match.entry)
    if (!hasRequired(englishPlain, match.entry)) violations.push({entry: match.entry, kind: 'missing', text: match.text})
    for (const forbidden of forbiddenFound(englishPlain, match.entry)) violations.push({entry: match.entry, kind: 'forbidden', text: forbidden})
  }
  return violations
}
