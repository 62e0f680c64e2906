/**
 * Characters that must never reach a terminal or an output file from outside
 * (a provider's answer, a file name): C0 and C1 controls (ESC starts terminal
 * escape sequences, NUL ends C strings) and the bidirectional controls and
 * marks (RLO and its kin reorder what a reader sees). Tab and line feed are
 * not among them; the other C0 controls are.
 */
/** The bidirectional controls and marks. */
const BIDI = '\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069'
const CONTROL = new RegExp(`[\u0000-\u0008\u000b-\u001f\u007f-\u009f${BIDI}]`, 'g')
/** The same with tab and line feed, which a one-line message cannot hold either. */
const ANY_CONTROL = new RegExp(`[\u0000-\u001f\u007f-\u009f${BIDI}]`, 'g')

/** `U+001B` for ESC: how a message names a character. */
function codePoint(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
}

/** The control characters a text holds, each once, as `U+…` names. */
export function controlCharacters(text: string): string[] {
  return [...new Set(text.match(CONTROL) ?? [])].map(codePoint)
}

/** The text without its control characters. */
export function withoutControls(text: string): string {
  return text.replace(CONTROL, '')
}

/**
 * A text safe to print: every control character (line breaks and tabs
 * included, which would break a one-line message) as a `\u{…}` escape.
 */
export function printable(text: string): string {
  return text.replace(ANY_CONTROL, (character) => `\\u{${(character.codePointAt(0) ?? 0).toString(16)}}`)
}

/** The text on one line: every control character, line breaks and tabs included, as a space. */
export function spacedControls(text: string): string {
  return text.replace(ANY_CONTROL, ' ')
}
