import {toString} from 'mdast-util-to-string'
import {visit} from 'unist-util-visit'
import type {Root} from 'mdast'
import {diagnostic, type Place} from '../diagnostics.js'
import {reasonParams} from '../errors.js'
import type {HtmlSource} from '../html/model.js'
import {MAX_NESTING, nestingDepth, tooDeepLine} from '../markdown/depth.js'
import {inputKind} from '../project/layout.js'
import {parseMarkdown} from '../markdown/processor.js'
import {oneLongLine, parseScrapedText} from '../markdown/text.js'
import {extractSegments, type ExtractOptions} from '../segment/extract.js'
import {failure, success, type ArticleRef, type Outcome, type ParsedArticle, type ReadArticle} from './article.js'
import {readArticle} from './read.js'
import {htmlModules, loadReaders} from './readers.js'
import {summaryOf} from './summary.js'

/** Stage: parse the article into mdast and cut it into segments (loading the reader of its kind, see `readers.ts`). */
export async function parseArticle(read: ReadArticle, options: ExtractOptions): Promise<Outcome<ParsedArticle>> {
  const {ref, text} = read
  const tooDeep = (line: number): Outcome<ParsedArticle> => failure([diagnostic('error', 'input-too-deep', ref.displayPath, {limit: MAX_NESTING}, {line, column: 1})])
  const kind = inputKind(ref.name)
  await loadReaders(kind)
  const early = kind === 'html' ? undefined : tooDeepLine(text)
  if (early !== undefined) return tooDeep(early)
  try {
    if (kind === 'text' && oneLongLine(text)) return failure([diagnostic('error', 'text-one-line', ref.displayPath, {size: text.length}, {line: 1, column: 1})])
    let html: HtmlSource | undefined
    const kept: ReturnType<typeof diagnostic>[] = []
    // Note: scraped text and HTML become the tree a Markdown article would give; the stages after this one cannot tell them apart.
    let tree
    if (kind === 'html') {
      const parsed = htmlModules().read.parseHtml(text)
      tree = parsed.tree
      html = parsed.html
      for (const note of parsed.notes) kept.push(diagnostic('warning', note.rule, ref.displayPath, {}, note.place))
    } else if (kind === 'mdx') {
      tree = parseMdx(text)
      if ('failed' in tree) return failure([diagnostic('error', 'mdx-invalid', ref.displayPath, {reason: tree.failed.reason}, tree.failed.place)])
    } else tree = kind === 'text' ? parseScrapedText(text, (options.textDrop ?? []).map((pattern) => new RegExp(pattern, 'u'))) : parseMarkdown(text)
    const nesting = nestingDepth(tree)
    if (nesting.depth > MAX_NESTING) return tooDeep(nesting.line ?? 1)
    const extraction = extractSegments(tree, options, kind === 'mdx' ? 'mdx' : 'markdown')
    const heading = tree.children.find((node) => node.type === 'heading' && node.depth === 1)
    // Segments carry their places now; positions would only keep a large tree larger.
    visit(tree, (node) => {
      delete node.position
    })
    // What extraction left as it is on purpose (a frontmatter a site generator accepts, but not safely rewritable) is a warning.
    const notes = [...kept, ...(extraction.notes ?? []).map((note) => diagnostic(note.severity, note.rule, ref.displayPath, note.params, note.place))]
    if (notes.some((note) => note.severity === 'error')) return failure(notes)
    const summary = summaryOf(extraction)
    return success(
      {ref, inputHash: read.inputHash, tree, extraction, ...(heading === undefined ? {} : {title: toString(heading)}), ...(summary === undefined ? {} : {summary}), ...(html === undefined ? {} : {html})},
      notes
    )
  } catch (error) {
    return failure([diagnostic('error', 'parse-failed', ref.displayPath, {...reasonParams(error), reason: (error as Error).message})])
  }
}

/** MDX read with the MDX parser; what it refuses (broken JSX, an expression or `import` that is no JavaScript) with its place. */
function parseMdx(text: string): Root | {readonly failed: {readonly reason: string; readonly place: Place}} {
  try {
    return parseMarkdown(text, 'mdx')
  } catch (error) {
    const message = error as {reason?: unknown; message?: unknown; line?: unknown; column?: unknown}
    const reason = typeof message.reason === 'string' ? message.reason : String(message.message)
    const line = typeof message.line === 'number' ? message.line : 1
    const column = typeof message.column === 'number' ? message.column : 1
    return {failed: {reason, place: {line, column}}}
  }
}

/** Read → parse, for commands that look at an article without building it (status, glossary check). */
export async function readAndParse(ref: ArticleRef, options: ExtractOptions & {readonly maxBytes?: number}): Promise<Outcome<ParsedArticle>> {
  const read = await readArticle(ref, options.maxBytes)
  return read.ok ? parseArticle(read.value, options) : failure(read.messages)
}
