import type {Definition, Html, Parent, PhrasingContent, Yaml} from 'mdast'
import type {ContainerDirective, LeafDirective, TextDirective} from 'mdast-util-directive'
import type {MdxJsxFlowElement, MdxJsxTextElement} from 'mdast-util-mdx-jsx'
import type {Place} from '../diagnostics.js'
import type {TagKind} from './tags.js'

/** Where a segment comes from; part of its identity. */
export type SegmentKind = 'heading' | 'paragraph' | 'cell' | 'alt' | 'title' | 'frontmatter' | 'attribute'

/** One unit of translation: a sentence (or a short field such as alt text). */
export interface Segment {
  /** Stable identity from content and context, never from position. */
  readonly id: string
  readonly kind: SegmentKind
  /** Tagged, whitespace-normalized source text (see `tags.ts`). */
  readonly source: string
  /** Plain text of the enclosing block, for providers that use context. */
  readonly context: string
  /** Where the segment starts in the input file. */
  readonly place: Place
  /** False when there is nothing to translate (no letters: numbers, an image alone). */
  readonly translatable: boolean
}

/** What a placeholder stands for: the original node and its own translatable fields. */
export interface InlineEntry {
  readonly kind: TagKind
  /** The original node; for paired kinds its children are rebuilt from the translation. */
  readonly node: PhrasingContent
  /** For an inline HTML element (`m`): `node` is its opening tag, this its closing one; what lies between is rebuilt. */
  readonly close?: Html
  readonly alt?: Segment
  readonly title?: Segment
}

/** A sentence inside a block, with the side table of its placeholders. */
export interface SentenceUnit {
  readonly segment: Segment
  readonly entries: ReadonlyMap<number, InlineEntry>
  /** A hard break that ended this sentence in the source; restored after it. */
  readonly breakAfter?: PhrasingContent
}

/** A block whose phrasing content is rebuilt from its sentences. */
export interface PhrasingSlot {
  readonly type: 'phrasing'
  readonly node: Parent & {children: PhrasingContent[]}
  readonly sentences: readonly SentenceUnit[]
  /** How sentences are joined: one per line in paragraphs, a space where a line break is impossible. */
  readonly joiner: '\n' | ' '
}

/** A link reference definition with a translatable title. */
export interface DefinitionSlot {
  readonly type: 'definition'
  readonly node: Definition
  readonly title: Segment
}

/** A translatable scalar of the frontmatter. */
export interface FrontmatterField {
  readonly path: string
  /** Offsets of the scalar inside the frontmatter text. */
  readonly range: readonly [number, number]
  /** How it was written: YAML's plain, single- or double-quoted (block scalars count as double), TOML's basic or literal string. */
  readonly quote: 'plain' | 'single' | 'double'
  /** Inside a flow collection (`{title: …, draft: false}`), where `,[]{}` end a plain scalar. */
  readonly flow?: boolean
  readonly sentences: readonly Segment[]
}

export interface FrontmatterSlot {
  readonly type: 'frontmatter'
  readonly format: 'yaml' | 'toml' | 'json'
  /** The `yaml` or `toml` node (remark-frontmatter's). */
  readonly node: Yaml | (Omit<Yaml, 'type'> & {type: 'toml' | 'json'})
  /** The frontmatter text as read; field ranges point into it. */
  readonly yaml: string
  readonly fields: readonly FrontmatterField[]
}

/**
 * Something extraction left as it is, and why: a frontmatter a site
 * generator accepts but tandem cannot rewrite safely (a warning), or one that
 * no parser accepts (the article fails).
 */
export interface ExtractionNote {
  readonly severity: 'error' | 'warning'
  readonly rule: 'frontmatter-kept' | 'parse-failed'
  readonly params: Readonly<Record<string, string>>
  readonly place: Place
}

/**
 * A text attribute of an MDX element or a directive that a reader sees
 * (`<Card title="…">`, `:::note{title="…"}`), listed in `mdxAttributes`.
 */
export interface AttributeSlot {
  readonly type: 'attribute'
  /** The JSX element or directive that holds it. */
  readonly node: MdxJsxFlowElement | MdxJsxTextElement | ContainerDirective | LeafDirective | TextDirective
  readonly name: string
  readonly segment: Segment
}

export type Slot = PhrasingSlot | DefinitionSlot | FrontmatterSlot | AttributeSlot

/** Everything segmentation found in one article. */
export interface Extraction {
  /** All segments in document order (alt and title fields included). */
  readonly segments: readonly Segment[]
  readonly slots: readonly Slot[]
  /** What was left untranslated on purpose, to warn about. */
  readonly notes?: readonly ExtractionNote[]
  /** Read as MDX (`.mdx`): written back, checked and read for edits as MDX; with the attributes translated there. */
  readonly mdx?: {readonly attributes: readonly string[]}
}
