import {wordDiff} from './diff.js'

/** Colours for the terminal view; empty strings when output is not a terminal. */
export interface Palette {
  readonly dim: string
  readonly term: string
  readonly flag: string
  readonly removed: string
  readonly added: string
  readonly reset: string
}

/** ANSI colours, or none. */
export function palette(color: boolean): Palette {
  return color
    ? {dim: '\u001b[2m', term: '\u001b[36m', flag: '\u001b[33m', removed: '\u001b[31m', added: '\u001b[32m', reset: '\u001b[0m'}
    : {dim: '', term: '', flag: '', removed: '', added: '', reset: ''}
}

/** Visible length of a string with ANSI colours. */
function visible(text: string): number {
  return [...text.replace(/\u001b\[\d+m/g, '')].length
}

/** Wrap text (which may carry colours) to `width` columns at spaces. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/ +/)) {
    if (line !== '' && visible(line) + 1 + visible(word) > width) {
      lines.push(line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
    while (visible(line) > width) {
      lines.push([...line].slice(0, width).join(''))
      line = [...line].slice(width).join('')
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line)
  return lines
}

/** Two columns side by side, each wrapped, separated by a bar. */
export function sideBySide(left: string, right: string, width: number): string {
  const column = Math.max(20, Math.floor((width - 3) / 2))
  const a = wrap(left, column)
  const b = wrap(right, column)
  const rows: string[] = []
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const cell = a[i] ?? ''
    rows.push(`${cell}${' '.repeat(Math.max(0, column - visible(cell)))} │ ${b[i] ?? ''}`.trimEnd())
  }
  return rows.join('\n')
}

/** A word-level diff as one line: removed words marked [-…-], added {+…+}, in colour on a terminal. */
export function showDiff(before: string, after: string, colors: Palette): string {
  return wordDiff(before, after)
    .map((part) =>
      part.op === 'same'
        ? part.text
        : part.op === 'delete'
          ? `${colors.removed}[-${part.text}-]${colors.reset}`
          : `${colors.added}{+${part.text}+}${colors.reset}`
    )
    .join('')
}

/** Highlight text ranges (glossary hits) in a plain string. */
export function highlight(text: string, ranges: ReadonlyArray<{start: number; end: number}>, colors: Palette): string {
  if (colors.term === '' || ranges.length === 0) return text
  let out = ''
  let last = 0
  for (const range of [...ranges].sort((a, b) => a.start - b.start)) {
    if (range.start < last) continue
    out += text.slice(last, range.start) + colors.term + text.slice(range.start, range.end) + colors.reset
    last = range.end
  }
  return out + text.slice(last)
}
