import {escapeText, isPairedKind, isVoidKind} from '../segment/tags.js'

/**
 * tandem's tags as HTML for services that translate HTML and keep its
 * elements (Google `text/html`, Azure `textType=html`): a paired tag is a
 * `<span data-t="b1">…</span>` the words inside may move with; a void one
 * (code, an image, a protected word) an empty `<span data-t="c2"
 * translate="no"></span>` that nothing translates, or,
 * where `inside` gives content for it (a glossary term as a dictionary
 * entry), a span with that content for the service to translate. Whatever
 * comes back inside a void span is dropped: the pipeline writes the required
 * English there. Text is already escaped (`&amp;`, `&lt;`, `&gt;`).
 */
export function toHtml(tagged: string, inside?: (kind: string, id: string) => string | undefined): string {
  return tagged.replace(/<(\/?)([a-z]+)(\d+)(\/?)>/g, (_match, slash: string, kind: string, id: string, selfClosing: string) => {
    if (slash === '/') return '</span>'
    if (selfClosing !== '/') return `<span data-t="${kind}${id}">`
    // Note: what a service is shown inside a void span (a dictionary entry) is for it to translate; anything else is not.
    const content = inside?.(kind, id)
    return content === undefined ? `<span data-t="${kind}${id}" translate="no"></span>` : `<span data-t="${kind}${id}">${content}</span>`
  })
}

/** Named entities an HTML translation may use for characters tandem keeps as text. */
const NAMED: Readonly<Record<string, string>> = {quot: '"', apos: "'", nbsp: '\u00a0', ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', bdquo: '„', euro: '€', shy: '\u00ad'}

/**
 * An HTML translation back to tandem's tags. A span closes as the tag it
 * opened. What a service puts inside a void span is kept as text after the
 * placeholder (words it moved there are not lost), except inside a glossary
 * term's span (`g`), whose content is the service's own rendering of the
 * term, which the pipeline replaces; a span never closed gives back all it
 * held. Entities become characters, except `&amp;`, `&lt;` and `&gt;`, which
 * the tagged form keeps; a raw `<` or `>` in the text is escaped before any
 * entity is decoded, so no entity can become a tag. Anything else that looks
 * like markup (an element the service made up, a marker of an unknown kind or
 * the wrong form, a close that matches nothing) stays as escaped text, so
 * validation reports it rather than losing it.
 */
export function fromHtml(html: string): string {
  type Open = {readonly tag: string; readonly kind: 'service' | 'paired' | 'void'; readonly before: string}
  const stack: Open[] = []
  let out = ''
  let last = 0
  const text = (value: string): void => {
    out += decodeEntities(value.replace(/</g, '&lt;').replace(/>/g, '&gt;'))
  }
  for (const match of html.matchAll(/<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>/g)) {
    text(html.slice(last, match.index))
    last = match.index + match[0].length
    const [whole, slash, name, attributes, selfClosing] = match as unknown as [string, string, string, string, string]
    if (name.toLowerCase() !== 'span') {
      // Note: an element the service added is text for validation to refuse.
      out += escapeText(whole)
      continue
    }
    if (slash === '/') {
      const top = stack.pop()
      if (top === undefined) out += escapeText(whole)
      else if (top.kind === 'paired') out += `</${top.tag}>`
      else if (top.kind === 'void') {
        // Note: a term's content is the service's rendering of it (dropped: the pipeline writes the required English); anything else is kept.
        const inside = out.slice(top.before.length)
        out = top.before + (top.tag.startsWith('g') || inside.trim() === '' ? '' : inside)
      }
      continue
    }
    const marker = /\bdata-t\s*=\s*["']?([a-z]+)(\d+)["']?/.exec(attributes)
    if (marker === null) {
      // A span of the service's own: kept out of the text, its words in.
      if (selfClosing !== '/') stack.push({tag: '', kind: 'service', before: ''})
      continue
    }
    const [, kind, id] = marker as unknown as [string, string, string]
    if (isVoidKind(kind)) {
      out += `<${kind}${id}/>`
      if (selfClosing !== '/') stack.push({tag: `${kind}${id}`, kind: 'void', before: out})
      continue
    }
    // Note: a marker of no known kind, or a paired one written self-closing, is not a placeholder.
    if (!isPairedKind(kind) || selfClosing === '/') {
      out += escapeText(whole)
      continue
    }
    out += `<${kind}${id}>`
    stack.push({tag: `${kind}${id}`, kind: 'paired', before: ''})
  }
  text(html.slice(last))
  return out
}

/** Entities as characters; `&amp;`, `&lt;` and `&gt;` stay, as the tagged form has them. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (entity, body: string) => {
    if (body === 'amp' || body === 'lt' || body === 'gt') return entity
    let character: string | undefined
    if (body.startsWith('#x') || body.startsWith('#X')) character = codePoint(Number.parseInt(body.slice(2), 16))
    else if (body.startsWith('#')) character = codePoint(Number.parseInt(body.slice(1), 10))
    else character = NAMED[body]
    if (character === undefined) return entity.replace('&', '&amp;')
    return escapeText(character)
  }).replace(/&(?!amp;|lt;|gt;)/g, '&amp;')
}

function codePoint(value: number): string | undefined {
  return Number.isInteger(value) && value > 0 && value <= 0x10ffff && !(value >= 0xd800 && value <= 0xdfff) ? String.fromCodePoint(value) : undefined
}
