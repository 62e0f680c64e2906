import {sha256} from '../util/hash.js'
import {endingsOf, matchWord, wordPattern, type WordMatch, type WordPattern} from './german.js'
import type {GlossaryEntry} from './model.js'

/** One occurrence of a glossary entry in German text. */
export interface TermMatch {
  readonly entry: GlossaryEntry
  /** Offsets in the text that was matched. */
  readonly start: number
  readonly end: number
  /** The German as written ("Ingenieuren", "KI" in "KI-Infrastruktur"). */
  readonly text: string
  readonly plural: boolean
  readonly genitive: boolean
}

interface CompiledEntry {
  readonly entry: GlossaryEntry
  /** One pattern per word of the German; alternatives come from `forms`. */
  readonly words: readonly WordPattern[]
  /** Whether the entry may match inside a closed compound (Infrastrukturentwicklung, Talentabwerbung). */
  readonly compound: boolean
}

interface Word {
  readonly text: string
  readonly start: number
  readonly end: number
  /** True for a part of a hyphenated word (KI in KI-Infrastruktur). */
  readonly part: boolean
}

/** Shortest term that may match inside a closed compound. */
const MIN_COMPOUND = 5

/** A stable key of an entry: it changes when the entry's meaning changes. */
export function entryKey(entry: GlossaryEntry): string {
  const forbidden = entry.kind === 'term' ? entry.forbidden.join('|') : ''
  return sha256(`${entry.kind}\u0000${entry.de}\u0000${entry.en}\u0000${forbidden}\u0000${entry.case}\u0000${entry.forms.join('|')}`, 10)
}

/**
 * Finds every glossary entry in German text in one pass over its words: each
 * word is looked up in an index of entry stems (directly, with its ending
 * removed, or as the head or tail of a compound), so the cost grows with the
 * text, not with the number of entries. Longest matches win.
 */
export class GlossaryMatcher {
  private readonly index = new Map<string, CompiledEntry[]>()
  private readonly stemLengths: number[]
  private readonly endings: readonly string[]

  constructor(entries: readonly GlossaryEntry[]) {
    const lengths = new Set<number>()
    const endings = new Set<string>()
    for (const entry of entries) {
      for (const variant of [entry.de, ...entry.forms]) {
        const words = variant.split(/\s+/)
        const compiled: CompiledEntry = {
          entry,
          words: words.map((word) => wordPattern(word, entry.kind === 'name', entry.case === 'sensitive')),
          compound: entry.kind === 'term' && words.length === 1 && variant.length >= MIN_COMPOUND
        }
        const first = compiled.words[0]
        if (first === undefined) continue
        const key = first.stem.toLowerCase()
        this.index.set(key, [...(this.index.get(key) ?? []), compiled])
        lengths.add(key.length)
        for (const ending of endingsOf(first.class)) endings.add(ending)
      }
    }
    this.stemLengths = [...lengths].sort((a, b) => a - b)
    this.endings = [...endings].sort((a, b) => b.length - a.length)
  }

  /** True when the glossary has no entries. */
  get empty(): boolean {
    return this.index.size === 0
  }

  /** Every occurrence in `text`, longest first where they overlap, in text order. */
  match(text: string): TermMatch[] {
    if (this.index.size === 0) return []
    const words = splitWords(text)
    const found: TermMatch[] = []
    for (let i = 0; i < words.length; i++) {
      const word = words[i] as Word
      for (const candidate of this.candidates(word.text)) {
        const match = this.matchAt(candidate.compiled, words, i, candidate.offset, candidate.tail, text)
        if (match !== undefined) found.push(match)
      }
    }
    return longestFirst(found)
  }

  /** Entries whose stem could begin this word: whole, without an ending, or as a compound's head or tail. */
  private *candidates(word: string): Generator<{compiled: CompiledEntry; offset: number; tail: boolean}> {
    const lower = word.toLowerCase()
    const seen = new Set<string>()
    const emit = function* (this: GlossaryMatcher, key: string, offset: number, tail: boolean) {
      const id = `${key}@${offset}`
      if (seen.has(id)) return
      seen.add(id)
      for (const compiled of this.index.get(key) ?? []) yield {compiled, offset, tail}
    }.bind(this)
    yield* emit(lower, 0, false)
    for (const ending of this.endings) {
      if (ending !== '' && lower.endsWith(ending) && lower.length > ending.length) yield* emit(lower.slice(0, -ending.length), 0, false)
    }
    if (lower.length <= MIN_COMPOUND + 2) return
    for (const length of this.stemLengths) {
      if (length < MIN_COMPOUND || length >= lower.length - 2) continue
      // Head of a compound: Infrastruktur|entwicklung, Abwerbung|s|versuch.
      yield* emit(lower.slice(0, length), 0, false)
      // Tail of a compound, with its ending: Talent|abwerbung|en.
      for (const ending of this.endings) {
        const end = lower.length - ending.length
        if (!lower.endsWith(ending) || end - length < 3) continue
        yield* emit(lower.slice(end - length, end), end - length, true)
      }
    }
  }

  private matchAt(compiled: CompiledEntry, words: readonly Word[], index: number, offset: number, tail: boolean, text: string): TermMatch | undefined {
    const first = words[index] as Word
    const [head, ...rest] = compiled.words
    if (head === undefined) return undefined
    // One-letter and two-letter names (X) match only as whole words, never in a hyphenated compound.
    if (head.class === 'name' && head.stem.length <= 2 && first.part) return undefined
    let firstMatch: WordMatch | undefined
    let start = first.start
    let end = first.end
    if (offset === 0 && !tail) {
      firstMatch = matchWord(first.text, head)
      if (firstMatch === undefined && compiled.compound && first.text.length > head.stem.length + 2) {
        // The head of a closed compound: the rest must be a word of its own (lower case).
        const stem = first.text.slice(0, head.stem.length)
        const restOfWord = first.text.slice(head.stem.length)
        if (stem.toLowerCase() === head.stem.toLowerCase() && /^(?:s|es|n|en|er)?\p{Ll}{3,}/u.test(restOfWord) && (!head.sensitive || stem === head.stem)) {
          firstMatch = {plural: false, genitive: false}
          end = first.start + head.stem.length
        }
      }
    } else if (compiled.compound) {
      // The tail of a closed compound, written in lower case inside the word.
      const piece = first.text.slice(offset)
      if (/^\p{Ll}/u.test(piece)) {
        const inner = matchWord(piece, {...head, sensitive: false})
        if (inner !== undefined) {
          firstMatch = inner
          start = first.start + offset
        }
      }
    }
    if (firstMatch === undefined) return undefined
    if (rest.length > 0 && (first.part || end !== first.end)) return undefined
    let plural = firstMatch.plural
    let last = index
    for (const pattern of rest) {
      const next = words[last + 1]
      const previous = words[last] as Word
      // Words of a multi-word term follow each other with only spaces between.
      if (next === undefined || next.part || !/^[ \u00a0]+$/.test(text.slice(previous.end, next.start))) return undefined
      const match = matchWord(next.text, pattern)
      if (match === undefined) return undefined
      plural = match.plural
      last++
      end = next.end
    }
    return {entry: compiled.entry, start, end, text: text.slice(start, end), plural, genitive: firstMatch.genitive && rest.length === 0}
  }
}

/** Words with their offsets; a hyphenated word also yields its parts. */
function splitWords(text: string): Word[] {
  const words: Word[] = []
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:[’'][\p{L}]+|[’'](?=\s|$))?(?:-[\p{L}\p{N}]+(?:[’'][\p{L}]+)?)*/gu)) {
    const whole = match[0]
    const start = match.index
    if (whole.includes('-')) {
      words.push({text: whole, start, end: start + whole.length, part: false})
      let offset = 0
      for (const piece of whole.split('-')) {
        if (piece !== '') words.push({text: piece, start: start + offset, end: start + offset + piece.length, part: true})
        offset += piece.length + 1
      }
    } else {
      words.push({text: whole, start, end: start + whole.length, part: false})
    }
  }
  return words
}

/** Keep the longest of overlapping matches (the earlier on a tie), in text order. */
function longestFirst(matches: TermMatch[]): TermMatch[] {
  const sorted = [...matches].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)
  const kept: TermMatch[] = []
  for (const match of sorted) {
    if (kept.some((other) => match.start < other.end && other.start < match.end)) continue
    kept.push(match)
  }
  return kept.sort((a, b) => a.start - b.start)
}
