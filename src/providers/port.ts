/**
 * The one interface every translation provider implements. Adapters receive
 * their settings as arguments (only the registry reads the environment) and
 * map their wire format to these types.
 */

/** Source languages tandem segments (its sentence rules are German). */
export type SourceLanguage = 'de'
/** Target languages; plain `en` lets the provider choose its default variant. */
export type TargetLanguage = 'en' | 'en-US' | 'en-GB'

/** One sentence to translate, in tandem's tagged form (see `segment/tags.ts`). */
export interface ProviderSegment {
  readonly id: string
  readonly text: string
  /** The sentence's block in plain text: help for the provider, never translated or returned. */
  readonly context: string
  /**
   * Approved or earlier translations of similar sentences from the memory
   * (fuzzy matches at or above `fuzzy.hint`), best first, reviewed before
   * machine ones; only for providers with `promptContext`. Hints, never answers.
   */
  readonly references?: readonly ProviderReference[]
  /**
   * What its `<gN/>` placeholders stand for (glossary terms and known
   * quotations the pipeline protected): the German replaced and the English
   * written there afterwards. A service with inline dictionaries (Azure) shows
   * them to the engine; the placeholder must come back all the same.
   */
  readonly terms?: ReadonlyArray<{readonly id: number; readonly german: string; readonly english: string}>
}

/** A translation of a similar sentence from the memory, in plain text (no tags). */
export interface ProviderReference {
  readonly source: string
  readonly target: string
  /** Fuzzy score 0–100 against the sentence it helps (see `memory/fuzzy.ts`). */
  readonly similarity: number
  /** Whether a person approved the translation. */
  readonly reviewed: boolean
}

/** A sentence of the article before the batch, with the English already decided for it; plain text. */
export interface PrecedingSentence {
  readonly source: string
  readonly target: string
}

/** A glossary entry that applies to the batch. */
export interface GlossaryHint {
  readonly source: string
  readonly target: string
  /** `name`: never translated; `term`: always rendered as `target`. */
  readonly kind: 'name' | 'term'
}

/** One call's worth of work. */
export interface TranslateRequest {
  readonly segments: readonly ProviderSegment[]
  readonly source: SourceLanguage
  readonly target: TargetLanguage
  readonly glossary: readonly GlossaryHint[]
  /** Title of the article the sentences come from, when known. */
  readonly documentTitle?: string
  /** What the article is about: its `description` field or its first paragraph (providers with `promptContext`). */
  readonly documentSummary?: string
  /** The sentences just before the batch, in order, with their English, within `context.chars` (providers with `promptContext`). */
  readonly preceding?: readonly PrecedingSentence[]
}

export interface TranslateOptions {
  readonly signal: AbortSignal
}

/** A provider's answer for one segment. */
export interface ProviderTranslation {
  readonly id: string
  readonly text: string
}

/** Whether the pipeline protects glossary terms as placeholders for a provider. */
export function masksTerms(capabilities: Pick<ProviderCapabilities, 'glossary'>): boolean {
  return capabilities.glossary === 'none' || capabilities.glossary === 'inline'
}

/** What a provider can do; the pipeline batches and stores accordingly. */
export interface ProviderCapabilities {
  /** Most segments in one request. */
  readonly maxBatchSegments: number
  /** Most characters of source text in one request. */
  readonly maxBatchChars: number
  /**
   * How the provider takes a glossary: natively (DeepL), in a prompt (LLMs),
   * not at all (names and terms are then protected as placeholders),
   * `inline`: as placeholders whose German and English the adapter shows the
   * engine in its own markup (Azure's dynamic dictionary, see
   * `ProviderSegment.terms`), or `ignore`: it must see the source untouched
   * (the identity provider).
   */
  readonly glossary: 'native' | 'prompt' | 'none' | 'ignore' | 'inline'
  /** What the provider bills: characters (MT) or tokens (LLMs). */
  readonly costUnit: 'characters' | 'tokens'
  /**
   * Whether `context` is per segment or one per request. DeepL takes one
   * context per request, so its batches never mix blocks.
   */
  readonly contextScope: 'segment' | 'request'
  /**
   * Whether its translations belong in the translation memory. False for the
   * offline test providers, so fake English never replaces real translations.
   */
  readonly persistent: boolean
  /**
   * Whether it reads a prompt that can carry more than the batch: references
   * (fuzzy matches from the memory), the article's summary and the sentences
   * before the batch with their English. True for language models; MT
   * services get only the sentences and their block (default: false).
   */
  readonly promptContext?: boolean
}

/** A translation provider. */
export interface TranslationProvider {
  /** Registry name, also recorded as the provenance of each translation (e.g. `deepl`). */
  readonly id: string
  readonly capabilities: ProviderCapabilities
  /** `scheme://host:port` of the server it talks to, for messages; absent for offline providers. */
  readonly endpoint?: string
  /**
   * Translate a batch. Resolves with one translation per requested id.
   * @throws ProviderError for operational faults (auth, quota, rate limit, connection, bad response).
   */
  translate(request: TranslateRequest, options: TranslateOptions): Promise<readonly ProviderTranslation[]>
  /**
   * Called once per build before any `translate`, with the whole project
   * glossary: a provider with a native glossary (DeepL) creates or reuses it here.
   * @throws ProviderError
   */
  prepare?(glossary: readonly GlossaryHint[], options: TranslateOptions): Promise<void>
}

/** One translation for a judge to rate: the German and the English, tagged alike. */
export interface JudgeItem {
  readonly id: string
  readonly source: string
  readonly target: string
}

/** A batch of translations to rate, with what the judge needs to know of the article. */
export interface JudgeRequest {
  readonly items: readonly JudgeItem[]
  /** The glossary entries that occur in the batch: a rendering as listed is no terminology error. */
  readonly glossary: readonly GlossaryHint[]
  readonly documentTitle?: string
  /** Ask for a corrected English of each translation rated below `fixBelow` (`--judge-fix`). */
  readonly fixBelow?: number
}

/** A judge's answer for one item as it came (validated by the pipeline, see `judge/verdict.ts`). */
export interface JudgeAnswer {
  readonly id: string
  readonly score: unknown
  readonly findings: unknown
  readonly fix?: unknown
}

/** A second model that rates translations and never changes them by itself. */
export interface TranslationJudge {
  /** Registry name with its model (`openai:gpt-4o`): recorded with every rating. */
  readonly id: string
  readonly endpoint?: string
  /** Items per request. */
  readonly maxBatchItems: number
  /** @throws ProviderError for operational faults, like a provider. */
  rate(request: JudgeRequest, options: TranslateOptions): Promise<readonly JudgeAnswer[]>
}
