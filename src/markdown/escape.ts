import type {Text} from 'mdast'
import {defaultHandlers, type ConstructName, type Handle, type Unsafe} from 'mdast-util-to-markdown'

/**
 * A text node's serializer that gives exactly what mdast-util-to-markdown's
 * own (`state.safe`) gives, faster. `safe` runs each of about 60 unsafe
 * patterns over every text node and assembles the result piece by piece,
 * which was 60 % of serializing an article; most text nodes hold no
 * character any pattern in scope could match. Those are written as they are;
 * the rest go to the stock handler. A pattern is ruled out only when it
 * cannot match: its character is not in the text, it is not in scope, or its
 * own regular expression finds nothing in the very subject `safe` would
 * search (a pattern that depends on the node beside the text is kept).
 */
export const textHandler: Handle = (node: Text, parent, state, info) => {
  const input = node.value
  // Note: the stock handler, for the rest: it tells `safe` the nodes beside the text (a `:` before a text directive is escaped).
  const stock = (): string => defaultHandlers.text(node, parent, state, info)
  // Note: `safe` escapes a backslash before punctuation, also before the character that follows the text.
  if (input.includes('\\') || info.after.includes('\\')) return stock()
  const before = info.before
  const after = info.after
  let value: string | undefined
  for (const pattern of state.unsafe) {
    if (!input.includes(pattern.character) || !inScope(state.stack, pattern)) continue
    value ??= before + input + after
    const subject = value.slice(pattern.beforeNode ? before.length : 0, pattern.afterNode ? value.length - after.length : undefined)
    const expression = state.compilePattern(pattern)
    expression.lastIndex = 0
    const found = expression.test(subject)
    expression.lastIndex = 0
    if (found) return stock()
  }
  return input
}

/** mdast-util-to-markdown's `patternInScope`: the pattern's constructs are open and none it excludes is. */
function inScope(stack: readonly ConstructName[], pattern: Unsafe): boolean {
  return anyOpen(stack, pattern.inConstruct, true) && !anyOpen(stack, pattern.notInConstruct, false)
}

function anyOpen(stack: readonly ConstructName[], list: Unsafe['inConstruct'], none: boolean): boolean {
  if (list === undefined || list === null) return none
  if (typeof list === 'string') return stack.includes(list)
  if (list.length === 0) return none
  return list.some((name) => stack.includes(name))
}

