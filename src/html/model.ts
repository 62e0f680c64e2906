import type {Heading, Paragraph, PhrasingContent, Yaml} from 'mdast'

/**
 * An HTML article as tandem sees it: the source text, and the ranges in it
 * that the English replaces. Everything outside those ranges is written back
 * byte for byte. The ranges belong to blocks of an mdast tree made from the
 * same HTML (see `parse.ts`), so that segmenting, translating, checking and
 * the review files are those of a Markdown article.
 */

/** A block of the mdast tree whose sentences replace a range of the source. */
export type Block = Paragraph | Heading

/** Text between tags (a run of inline content), or the value of an attribute a reader sees. */
export type HtmlTarget =
  | {
      readonly kind: 'text' | 'attribute'
      readonly block: Block
      /** Offsets in the source: for text, the run without its outer whitespace; for an attribute, its value inside the quotes. */
      readonly start: number
      readonly end: number
      /** An attribute's quote character; '' when the value had none. */
      readonly quote?: '"' | "'" | ''
    }
  | {
      /** A YAML frontmatter at the top (Jekyll and MDN write HTML pages with one): the text between its fences. */
      readonly kind: 'frontmatter'
      readonly node: Yaml
      readonly start: number
      readonly end: number
    }

/** A fixed replacement: `lang="de"` becomes `lang="en"`. */
export interface HtmlFix {
  readonly start: number
  readonly end: number
  readonly value: string
}

export interface HtmlSource {
  readonly text: string
  /** In source order, none overlapping. */
  readonly targets: readonly HtmlTarget[]
  readonly fixes: readonly HtmlFix[]
}

/** An attribute of an inline element whose value is translated, relative to the start of its tag. */
export interface TagAttribute {
  readonly start: number
  readonly end: number
  readonly quote: '"' | "'" | ''
  /** Where the English comes from: the node's own `alt`/`title` (images, links), or an attribute block. */
  readonly from: 'alt' | 'title' | Block
}

/** What an mdast node made from an HTML element keeps of its source (in `node.data.html`). */
export interface TagSource {
  /** The start tag (or, for an element never sent, the whole element) as written. */
  readonly open: string
  /** The end tag as written; '' when the parser implied it. */
  readonly close: string
  readonly attributes: readonly TagAttribute[]
}

/** The source an mdast node made from HTML keeps, if any. */
export function tagSourceOf(node: PhrasingContent): TagSource | undefined {
  return (node.data as {html?: TagSource} | undefined)?.html
}
