import {describe, expect, it} from 'vitest'
import {changesComment, type CommentLabels} from '../../src/review/comment.js'
import type {ReviewRow} from '../../src/review/rows.js'

const LABELS: CommentLabels = {
  title: 'changed',
  article: (path, count) => `${path}: ${count}`,
  line: 'Line',
  german: 'German',
  english: 'English',
  nothing: 'Nothing changed.',
  cut: (sentences, articles) => `${sentences} more in ${articles} left out`
}

function row(line: number, de: string, en: string, previous?: {de: string; en: string}, flags: string[] = []): ReviewRow {
  return {line, kind: 'paragraph', status: 'machine', de, en, source: de, target: en, terms: [], englishTerms: [], flags, changed: true, ...(previous === undefined ? {} : {previous})}
}

describe('changesComment', () => {
  it('marks the words that changed, escapes what would be markup, and lists the findings under the sentence', () => {
    const text = changesComment([{path: 'input/a.md', english: 'output/a.en.md', rows: [row(3, 'Die neue Fassung | *hier*.', 'The new version.', {de: 'Die alte Fassung | *hier*.', en: 'The old version.'}, ['glossary: "Abwerbung" must be "poaching"'])]}], LABELS)
    expect(text).toBe('## changed\n\n### input/a.md: 1\n\n| Line | German | English |\n| - | - | - |\n| 3 | Die ~~alte~~ **neue** Fassung \\| \\*hier\\*. | The ~~old~~ **new** version.<br>⚠ glossary: "Abwerbung" must be "poaching" |\n')
  })

  it('links each line when it can, says when nothing changed, and shows a new sentence whole', () => {
    const link = (path: string, line: number): string => `https://example.com/blob/abc/${path}#L${line}`
    expect(changesComment([{path: 'input/a.md', english: 'output/a.en.md', rows: [row(1, 'Neu.', 'New.', {de: '', en: ''})]}], LABELS, {link})).toContain('| [1](https://example.com/blob/abc/output/a.en.md#L1) | Neu. | New. |')
    expect(changesComment([{path: 'input/a.md', english: 'output/a.en.md', rows: []}], LABELS)).toBe('## changed\n\nNothing changed.\n')
  })

  it('stays within the limit of a comment, leaving out whole sentences and saying how many', () => {
    const rows = Array.from({length: 2000}, (_, index) => row(index + 1, `Ein ziemlich langer deutscher Satz Nummer ${index}.`, `A rather long English sentence number ${index}.`))
    const text = changesComment([{path: 'input/a.md', english: 'output/a.en.md', rows: rows.slice(0, 1000)}, {path: 'input/b.md', english: 'output/b.en.md', rows: rows.slice(1000)}], LABELS)
    expect(text.length).toBeLessThanOrEqual(65_536)
    expect(text.length).toBeGreaterThan(60_000)
    const shown = (text.match(/^\| \d+ \|/gm) ?? []).length
    expect(text).toContain(`\n${2000 - shown} more in ${shown > 1000 ? 1 : 2} left out\n`)
    expect(text.trimEnd().endsWith('left out')).toBe(true)
  })
})
