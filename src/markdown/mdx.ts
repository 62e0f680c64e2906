import {mdxJsxToMarkdown} from 'mdast-util-mdx-jsx'
import type {Handle, Options as ToMarkdownOptions} from 'mdast-util-to-markdown'
import remarkDirective from 'remark-directive'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkMdx from 'remark-mdx'
import remarkParse from 'remark-parse'
import remarkStringify from 'remark-stringify'
import {unified} from 'unified'
import {remarkDirectiveLabels} from './syntax.js'

/**
 * MDX (remark-mdx, with acorn for its JavaScript) and directives (Docusaurus'
 * and Starlight's `:::tip`): loaded only when an MDX input is read (see
 * `loadDialect` in `processor.ts`), so that a Markdown build never parses
 * its ~650 KB of code.
 */

/** What the MDX processors share with the Markdown ones (see `processor.ts`). */
export interface MdxSettings {
  /** tandem's serializer settings, and the same with remark's own text handler. */
  readonly stringify: ToMarkdownOptions
  readonly stock: ToMarkdownOptions
  readonly tables: {readonly tablePipeAlign: boolean}
  /** Wraps a handler so that the serializer notes where its node starts. */
  readonly tracked: (handle: Handle) => Handle
}

/** The MDX processors: tandem's, remark's own (the benchmark's floor), and one without `$…$` math. */
export function mdxProcessors(settings: MdxSettings) {
  const jsxFlowHandler = mdxJsxToMarkdown().handlers?.['mdxJsxFlowElement'] as Handle
  const processor = (options: ToMarkdownOptions) =>
    unified()
      .use(remarkParse)
      .use(remarkFrontmatter, ['yaml', 'toml'])
      .use(remarkGfm, settings.tables)
      .use(remarkMath)
      .use(remarkMdx)
      .use(remarkDirective)
      .use(remarkDirectiveLabels)
      // Note: MDX has no autolinks (`<https://…>` would read as JSX): a link is always written `[text](url)`.
      .use(remarkStringify, {...options, resourceLink: true, handlers: {...options.handlers, mdxJsxFlowElement: settings.tracked(jsxFlowHandler)}})
      .freeze()
  return {
    processor: processor(settings.stringify),
    stock: processor(settings.stock),
    withoutSingleDollar: unified().use(remarkParse).use(remarkGfm, settings.tables).use(remarkMath, {singleDollarTextMath: false}).use(remarkMdx).use(remarkDirective).freeze()
  }
}
