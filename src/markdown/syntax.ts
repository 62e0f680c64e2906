import type {Nodes, PhrasingContent, Root, Text} from 'mdast'
import {directiveFromMarkdown, directiveToMarkdown} from 'mdast-util-directive'
import {mathToMarkdown, type InlineMath} from 'mdast-util-math'
import type {Handle} from 'mdast-util-to-markdown'
import {directive} from 'micromark-extension-directive'
import type {Processor} from 'unified'

/**
 * The pieces of Markdown syntax beyond CommonMark and GFM that tandem reads
 * the way site generators do: admonitions (`:::note`, remark-directive's
 * blocks, as Starlight and Docusaurus write them) and TeX math
 * (remark-math), so that neither is ever sent or broken.
 */

/**
 * Block directives only (`:::note[Titel]` … `:::`, `::youtube[…]{#id}`), for
 * Markdown: text directives (`:name[…]`) would read German such as
 * "Achtung:Bitte" as one, so they are left to MDX.
 */
export function remarkBlockDirectives(this: Processor): void {
  const data = this.data() as {micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[]; toMarkdownExtensions?: unknown[]}
  const {flow} = directive()
  const write = directiveToMarkdown()
  ;(data.micromarkExtensions ??= []).push({flow})
  ;(data.fromMarkdownExtensions ??= []).push(directiveFromMarkdown())
  // Note: without the escape of `:` before a letter in text, which only text directives need.
  ;(data.toMarkdownExtensions ??= []).push({...write, unsafe: (write.unsafe ?? []).filter((pattern) => !(pattern.character === ':' && pattern.inConstruct === 'phrasing') && !(pattern.character === ':' && Array.isArray(pattern.inConstruct) && pattern.inConstruct.includes('phrasing')))})
}

/**
 * Docusaurus' older title form, `:::tip Mein Titel`, as the label form
 * remark-directive reads (`:::tip[Mein Titel]`; Docusaurus reads both), on
 * lines outside fenced code.
 */
export function labelledAdmonitions(text: string): string {
  if (!/^ {0,3}:{3,}[A-Za-z][\w-]*[ \t]+[^\s[{]/m.test(text)) return text
  let fence: string | undefined
  return text
    .split('\n')
    .map((line) => {
      const opening = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
      if (fence !== undefined) {
        if (opening !== undefined && opening[0] === fence[0] && opening.length >= fence.length && line.trim() === opening) fence = undefined
        return line
      }
      if (opening !== undefined) {
        fence = opening
        return line
      }
      const title = /^( {0,3}:{3,}[A-Za-z][\w-]*)[ \t]+([^\s[{][^\n]*?)[ \t]*$/.exec(line)
      return title === null || /[[\]]/.test(title[2] ?? '') ? line : `${title[1]}[${title[2]}]`
    })
    .join('\n')
}

/**
 * Inline math as pandoc reads it: no space just inside the dollars and no
 * digit after the closing one. What remark-math took for math otherwise
 * ("5 $ und 10 $") is prose again, with its characters as written.
 */
export function proseDollars(tree: Root, text: string): void {
  const visit = (node: Nodes): void => {
    if (!('children' in node)) return
    const children = node.children as PhrasingContent[]
    for (let index = 0; index < children.length; index++) {
      const child = children[index] as Nodes
      if (child.type === 'inlineMath') {
        const start = child.position?.start.offset
        const end = child.position?.end.offset
        const raw = start === undefined || end === undefined ? undefined : text.slice(start, end)
        const next = text[end ?? 0] ?? ''
        if (raw !== undefined && raw.startsWith('$') && !raw.startsWith('$$') && (/^\$\s|\s\$$/.test(raw) || /\d/.test(next))) {
          const prose: Text = {type: 'text', value: raw, ...(child.position === undefined ? {} : {position: child.position})}
          children[index] = prose
        } else if (raw !== undefined) {
          // Note: `$$…$$` in a line means display math to many renderers: it is written back with its own dollars.
          child.data = {...child.data, fence: /^\$+/.exec(raw)?.[0].length ?? 1} as typeof child.data
        }
      } else visit(child)
    }
    // Note: text next to text, as the parser would have given it.
    for (let index = children.length - 1; index > 0; index--) {
      const [left, right] = [children[index - 1], children[index]]
      if (left?.type === 'text' && right?.type === 'text') {
        left.value += right.value
        if (left.position !== undefined && right.position !== undefined) left.position = {start: left.position.start, end: right.position.end}
        children.splice(index, 1)
      }
    }
  }
  visit(tree)
}

const defaultInlineMath = mathToMarkdown().handlers?.['inlineMath'] as Handle

/** Inline math written with as many dollars as it was read with (`$$…$$` stays so), where its value allows. */
export const inlineMathHandler: Handle = Object.assign(
  (node: InlineMath, parent: Parameters<Handle>[1], state: Parameters<Handle>[2], info: Parameters<Handle>[3]): string => {
    const written = defaultInlineMath(node, parent, state, info)
    const fence = (node.data as {fence?: unknown} | undefined)?.fence
    const size = /^\$+/.exec(written)?.[0].length ?? 1
    if (typeof fence !== 'number' || fence <= size || node.value.includes('$')) return written
    return `${'$'.repeat(fence)}${written.slice(size, written.length - size)}${'$'.repeat(fence)}`
  },
  {peek: (defaultInlineMath as Handle & {peek?: unknown}).peek}
) as Handle

/**
 * Escapes in the label of a directive (`:::tip[…]`), which mdast-util-directive
 * writes outside the phrasing that escapes emphasis, brackets and (in MDX)
 * braces and tags: a translated label with `*`, `]` or `{` would become markup.
 */
export function remarkDirectiveLabels(this: Processor): void {
  const data = this.data() as {toMarkdownExtensions?: unknown[]}
  const inConstruct = ['containerDirectiveLabel', 'leafDirectiveLabel', 'textDirectiveLabel'] as const
  ;(data.toMarkdownExtensions ??= []).push({unsafe: ['*', '_', '`', '[', ']', '{', '}', '<', '\\'].map((character) => ({character, inConstruct}))})
}
