import {escapeText, isVoidKind} from '../segment/tags.js'

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
 * opened; a void tag's span loses what the service put inside. Entities
 * become characters, except `&amp;`, `&lt;` and `&gt;`, which the tagged form
 * keeps. Anything else that looks like markup (an element the service made
 * up, a close that matches nothing) stays as escaped text, so validation
 * reports it rather than losing it.
 */
export function fromHtml(html: string): string {
  const stack: Array<{tag: string; paired: boolean}> = []
  let out = ''
  let skipping = 0
  let last = 0
  const text = (value: string): void => {
    if (skipping === 0) out += decodeEntities(value)
  }
  for (const match of html.matchAll(/<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>/g)) {
    text(html.slice(last, match.index))
    last = match.index + match[0].length
    const [whole, slash, name, attributes, selfClosing] = match as unknown as [string, string, string, string, string]
    const marker = /\bdata-t\s*=\s*["']?([a-z]+)(\d+)["']?/.exec(attributes)
    if (name.toLowerCase() !== 'span') {
      // Note: an element the service added is text for validation to refuse; markup inside a dropped span goes with it.
      if (skipping === 0) out += escapeText(whole)
      continue
    }
    if (slash === '/') {
      const top = stack.pop()
      if (top === undefined) {
        if (skipping === 0) out += escapeText(whole)
        continue
      }
      if (top.tag === '') continue
      if (top.paired) out += `</${top.tag}>`
      else skipping--
      continue
    }
    if (marker === null) {
      // A span of the service's own: kept out of the text, its words in.
      if (selfClosing !== '/') stack.push({tag: '', paired: true})
      continue
    }
    const [, kind, id] = marker as unknown as [string, string, string]
    const isVoid = isVoidKind(kind) || selfClosing === '/'
    if (isVoid) {
      if (skipping === 0) out += `<${kind}${id}/>`
      if (selfClosing !== '/') {
        stack.push({tag: `${kind}${id}`, paired: false})
        skipping++
      }
      continue
    }
    if (skipping === 0) out += `<${kind}${id}>`
    stack.push({tag: `${kind}${id}`, paired: true})
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
