import {describe, expect, it} from 'vitest'
import {addToGlossaryFile} from '../../src/glossary/edit.js'
import {parseGlossaryFile} from '../../src/glossary/parse-file.js'

const COMMENTED = `# Project glossary — keep it tidy.
# Names first, then terms.

names:
  # People
  - David Lau   # VP at Tesla
  - name: X
    note: "one letter"

terms:
  - de: Abwerbung     # the key term
    en: poaching
    forbidden: [headhunting]

  - de: KI
    en: AI
# trailing comment
`

describe('addToGlossaryFile', () => {
  it('round-trips a commented file unchanged except for the new entries', () => {
    const after = addToGlossaryFile(COMMENTED, [
      {kind: 'term', de: 'Gegenklage', en: 'countersuit', forbidden: ['counterclaim'], note: 'legal: a suit in reply'},
      {kind: 'name', name: 'Sam Altman'}
    ])
    const added = ['  - name: Sam Altman'.replace('name: ', ''), '  - de: Gegenklage', '    en: countersuit', '    forbidden: ["counterclaim"]', "    note: 'legal: a suit in reply'"]
    // Every original line is still there, in order, and the only new lines are the entries.
    const before = COMMENTED.split('\n')
    const lines = after.split('\n')
    const kept = lines.filter((line) => !added.includes(line) && line !== '    note: "legal: a suit in reply"')
    expect(kept).toEqual(before)
    expect(lines.length - before.length).toBe(5)
    expect(after).toContain('    en: AI\n  - de: Gegenklage\n    en: countersuit\n    forbidden: ["counterclaim"]\n')
    expect(after).toContain('    note: "one letter"\n  - Sam Altman\n')
    const entries = parseGlossaryFile(after, 'g.yaml')
    expect(entries.map((entry) => entry.de)).toEqual(['David Lau', 'X', 'Sam Altman', 'Abwerbung', 'KI', 'Gegenklage'])
    expect(entries.find((entry) => entry.de === 'Gegenklage')).toMatchObject({en: 'countersuit', note: 'legal: a suit in reply'})
  })

  it('starts a missing section at the end and fills an empty one', () => {
    expect(addToGlossaryFile('names:\n  - X\n', [{kind: 'term', de: 'KI', en: 'AI', forbidden: []}])).toBe('names:\n  - X\nterms:\n  - de: KI\n    en: AI\n')
    expect(addToGlossaryFile('terms: []\nnames:\n  - X\n', [{kind: 'term', de: 'KI', en: 'AI', forbidden: []}])).toBe('terms:\n  - de: KI\n    en: AI\nnames:\n  - X\n')
    expect(addToGlossaryFile('', [{kind: 'name', name: 'xAI'}])).toBe('names:\n  - xAI\n')
  })

  it('quotes what YAML would misread', () => {
    const after = addToGlossaryFile('', [{kind: 'term', de: 'Ja: nein', en: 'yes', forbidden: []}])
    expect(parseGlossaryFile(after, 'g.yaml')[0]).toMatchObject({de: 'Ja: nein', en: 'yes'})
  })
})
