/** How a glossary entry matches German text. */
export type CaseRule = 'sensitive' | 'insensitive'

/** Where an entry was defined, for messages. */
export interface Origin {
  readonly file: string
  readonly line: number
}

/** A name that is never translated (people, companies, products). */
export interface NameEntry {
  readonly kind: 'name'
  readonly de: string
  /** The English is the name itself. */
  readonly en: string
  readonly note?: string
  /** Default: sensitive for names (X is not x). */
  readonly case: CaseRule
  /** Extra German forms beyond what inflection rules find. */
  readonly forms: readonly string[]
  readonly origin: Origin
}

/** A term that must be rendered in English as listed. */
export interface TermEntry {
  readonly kind: 'term'
  readonly de: string
  readonly en: string
  /** English renderings that must not appear for this term. */
  readonly forbidden: readonly string[]
  readonly note?: string
  /** Default: insensitive for terms, except all-caps acronyms (KI), which are sensitive. */
  readonly case: CaseRule
  readonly forms: readonly string[]
  readonly origin: Origin
}

export type GlossaryEntry = NameEntry | TermEntry

/**
 * A speaker's original English words for a German quotation (`quotes:` in a
 * glossary file, by convention `glossary/quotes.yaml`): a quotation with this
 * German wording is written in English as these words, verbatim, whatever a
 * provider would make of it.
 */
export interface QuoteEntry {
  /** The German wording, without quotation marks, its spaces folded. */
  readonly de: string
  /** The original English wording. */
  readonly en: string
  /** Where the original is from (interview, post, date): shown to the reviewer. */
  readonly source: string
  readonly origin: Origin
}

/** The project glossary: every entry of every file in `glossary/`. */
export interface Glossary {
  readonly entries: readonly GlossaryEntry[]
  /** Original wordings of quotations (none when absent). */
  readonly quotes?: readonly QuoteEntry[]
  /** Files read, relative to the working directory. */
  readonly files: readonly string[]
}

/** An empty glossary. */
export const EMPTY_GLOSSARY: Glossary = {entries: [], files: []}
