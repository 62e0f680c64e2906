/**
 * The tagged form of a sentence: plain text with inline markup replaced by
 * short numbered XML-like tags, e.g. `Die <b1>Abwerbung</b1> von <c2/>.`
 *
 * Paired tags wrap words a provider may move (emphasis, links); void tags
 * stand for things that are never translated (inline code, HTML, footnote
 * references, line breaks, images). `&`, `<` and `>` in text are escaped, so
 * a tag can never be confused with text. Ids run 1..n per sentence in
 * document order, so the same sentence always has the same tagged form.
 */

/** Paired kinds: strong, emphasis, delete (strike), link, and an inline HTML element (its opening and closing tags). */
export type PairedKind = 'b' | 'i' | 's' | 'a' | 'm'
/** Void kinds: inline code, inline HTML, footnote reference, hard break, image, protected text, glossary term. */
export type VoidKind = 'c' | 'h' | 'f' | 'br' | 'img' | 'x' | 'g'
export type TagKind = PairedKind | VoidKind

const PAIRED: ReadonlySet<string> = new Set<PairedKind>(['b', 'i', 's', 'a', 'm'])
const VOID: ReadonlySet<string> = new Set<VoidKind>(['c', 'h', 'f', 'br', 'img', 'x', 'g'])

/** True for kinds that wrap content. */
export function isPairedKind(kind: string): kind is PairedKind {
  return PAIRED.has(kind)
}

/** True for self-closing kinds. */
export function isVoidKind(kind: string): kind is VoidKind {
  return VOID.has(kind)
}

export type Token =
  | {readonly type: 'text'; readonly value: string}
  | {readonly type: 'open'; readonly kind: PairedKind; readonly id: number}
  | {readonly type: 'close'; readonly kind: PairedKind; readonly id: number}
  | {readonly type: 'void'; readonly kind: VoidKind; readonly id: number}

/** Escape text for the tagged form. */
export function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** Serialize tokens to the tagged form. */
export function tokensToTagged(tokens: readonly Token[]): string {
  let out = ''
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
        out += escapeText(token.value)
        break
      case 'open':
        out += `<${token.kind}${token.id}>`
        break
      case 'close':
        out += `</${token.kind}${token.id}>`
        break
      case 'void':
        out += `<${token.kind}${token.id}/>`
        break
    }
  }
  return out
}

const TAG_OR_ENTITY = /<(\/?)([a-z]+)(\d+)\s*(\/?)>|&(lt|gt|amp|quot|apos|#39);/g
const ENTITIES: Readonly<Record<string, string>> = {lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", '#39': "'"}

/**
 * Parse the tagged form. Recognised tags become tokens; anything else,
 * including a stray `<` or `&` that a provider unescaped, is literal text.
 * Structure (balance, ids) is checked separately by `checkPlaceholders`.
 */
export function parseTagged(tagged: string): Token[] {
  const tokens: Token[] = []
  let text = ''
  let last = 0
  const flush = (): void => {
    if (text !== '') tokens.push({type: 'text', value: text})
    text = ''
  }
  for (const match of tagged.matchAll(TAG_OR_ENTITY)) {
    const index = match.index
    text += tagged.slice(last, index)
    last = index + match[0].length
    const entity = match[5]
    if (entity !== undefined) {
      text += ENTITIES[entity] ?? match[0]
      continue
    }
    const closing = match[1] === '/'
    const kind = match[2] ?? ''
    const id = Number(match[3])
    const selfClosing = match[4] === '/'
    if (isVoidKind(kind) && !closing && selfClosing) {
      flush()
      tokens.push({type: 'void', kind, id})
    } else if (isPairedKind(kind) && !selfClosing) {
      flush()
      tokens.push(closing ? {type: 'close', kind, id} : {type: 'open', kind, id})
    } else {
      text += match[0]
    }
  }
  text += tagged.slice(last)
  flush()
  return tokens
}

/** The text of a tagged string without any tags (entities decoded). */
export function taggedToPlain(tagged: string): string {
  return tokensToPlain(parseTagged(tagged))
}

/** The text of parsed tokens without any tags: `taggedToPlain` for a string parsed already. */
export function tokensToPlain(tokens: readonly Token[]): string {
  return tokens.map((token) => (token.type === 'text' ? token.value : '')).join('')
}

/** One way in which a translation's placeholders differ from its source's. */
export type PlaceholderProblem =
  | {readonly rule: 'placeholder-missing'; readonly tag: string}
  | {readonly rule: 'placeholder-duplicate'; readonly tag: string}
  | {readonly rule: 'placeholder-unknown'; readonly tag: string}
  | {readonly rule: 'placeholder-kind'; readonly tag: string}
  | {readonly rule: 'placeholder-nesting'; readonly tag: string}

function tagName(token: Exclude<Token, {type: 'text'}>): string {
  if (token.type === 'void') return `<${token.kind}${token.id}/>`
  return token.type === 'open' ? `<${token.kind}${token.id}>` : `</${token.kind}${token.id}>`
}

/**
 * Compare the placeholders of a translation with those of its source: every
 * tag exactly once, same kind, paired tags opened before closed and properly
 * nested. Returns the problems found (empty when the translation is sound).
 */
export function checkPlaceholders(source: readonly Token[], target: readonly Token[]): PlaceholderProblem[] {
  const expected = new Map<number, Exclude<Token, {type: 'text'}>>()
  for (const token of source) {
    if (token.type === 'open' || token.type === 'void') expected.set(token.id, token)
  }
  const problems: PlaceholderProblem[] = []
  const seen = new Set<number>()
  const closed = new Set<number>()
  const stack: number[] = []
  for (const token of target) {
    if (token.type === 'text') continue
    const want = expected.get(token.id)
    if (want === undefined) {
      problems.push({rule: 'placeholder-unknown', tag: tagName(token)})
      continue
    }
    if (want.kind !== token.kind || (want.type === 'void') !== (token.type === 'void')) {
      problems.push({rule: 'placeholder-kind', tag: tagName(token)})
      continue
    }
    if (token.type === 'close') {
      if (closed.has(token.id)) {
        problems.push({rule: 'placeholder-duplicate', tag: tagName(token)})
      } else if (stack.at(-1) !== token.id) {
        problems.push({rule: 'placeholder-nesting', tag: tagName(token)})
      } else {
        stack.pop()
        closed.add(token.id)
      }
      continue
    }
    if (seen.has(token.id)) {
      problems.push({rule: 'placeholder-duplicate', tag: tagName(token)})
      continue
    }
    seen.add(token.id)
    if (token.type === 'open') stack.push(token.id)
  }
  for (const [id, token] of expected) {
    if (!seen.has(id)) problems.push({rule: 'placeholder-missing', tag: tagName(token)})
    else if (token.type === 'open' && !closed.has(id) && !stack.includes(id)) {
      problems.push({rule: 'placeholder-missing', tag: `</${token.kind}${id}>`})
    }
  }
  for (const id of stack) {
    const token = expected.get(id)
    if (token !== undefined && token.type === 'open') {
      problems.push({rule: 'placeholder-nesting', tag: `</${token.kind}${id}>`})
    }
  }
  return problems
}

/**
 * Normalize whitespace in the text of a tagged string: runs of spaces, tabs
 * and line breaks become one space, and the ends are trimmed. No-break spaces
 * are kept: they carry meaning ("3,5 %").
 */
export function normalizeTagged(tagged: string): string {
  return tagged.replace(/[ \t\r\n]+/g, ' ').trim()
}
