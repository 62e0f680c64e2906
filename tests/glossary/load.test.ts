import {mkdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {GlossaryError, loadGlossary} from '../../src/glossary/load.js'
import {parseGlossaryFile} from '../../src/glossary/parse-file.js'
import {tempDir} from '../helpers/temp.js'

const errorOf = (text: string): string => {
  try {
    parseGlossaryFile(text, 'g.yaml')
  } catch (error) {
    if (error instanceof GlossaryError) return error.message
    throw error
  }
  return 'no error'
}

describe('glossary files', () => {
  it('reads names (strings or maps) and terms with their options', () => {
    const entries = parseGlossaryFile(
      ['# comment', 'names:', '  - David Lau', '  - name: X', '    note: one letter', 'terms:', '  - de: KI', '    en: AI', '    forbidden: [KI]', '  - de: Abwerbung', '    en: poaching', '    forms: [Abwerbungen]'].join('\n'),
      'g.yaml'
    )
    expect(entries.map((entry) => `${entry.kind} ${entry.de} → ${entry.en} (${entry.case}) @${entry.origin.line}`)).toEqual([
      'name David Lau → David Lau (sensitive) @3',
      'name X → X (sensitive) @4',
      'term KI → AI (sensitive) @7',
      'term Abwerbung → poaching (insensitive) @10'
    ])
  })

  it.each([
    ['invalid YAML', 'terms:\n  - de: KI\n    de: AI\n', 'g.yaml:3: invalid YAML: Map keys must be unique'],
    ['unclosed brackets', 'terms:\n  - de: [unclosed\n', 'g.yaml:3: invalid YAML: Flow sequence'],
    ['an unknown section', 'nouns:\n  - X\n', 'g.yaml:1: unknown section "nouns"'],
    ['an unknown field', 'terms:\n  - de: KI\n    en: AI\n    englsh: AI\n', 'g.yaml:4: unknown field "englsh"'],
    ['an empty name', 'names:\n  - ""\n', 'g.yaml:2: a name must be a non-empty text'],
    ['a term without English', 'terms:\n  - de: KI\n', 'g.yaml:2: "en" must be a non-empty text'],
    ['a bad case rule', 'names:\n  - name: X\n    case: upper\n', 'g.yaml:2: "case" must be'],
    ['a list where a map belongs', '- X\n', 'g.yaml:1: a glossary file is a map']
  ])('rejects %s with file and line', (_name, text, message) => {
    expect(errorOf(text)).toContain(message)
  })

  it('rejects duplicates and conflicts across files, naming both places', async () => {
    const dir = await tempDir()
    await mkdir(join(dir, 'glossary'))
    await writeFile(join(dir, 'glossary/a.yaml'), 'terms:\n  - de: Abwerbung\n    en: poaching\n')
    await writeFile(join(dir, 'glossary/b.yaml'), 'names:\n  - Tesla\nterms:\n  - de: abwerbung\n    en: headhunting\n')
    const error = await loadGlossary(join(dir, 'glossary'), dir).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(GlossaryError)
    expect((error as Error).message).toBe('glossary/b.yaml:4: "abwerbung" conflicts with glossary/a.yaml:2, which renders it as "poaching" (term)')
    await writeFile(join(dir, 'glossary/b.yaml'), 'terms:\n  - de: Abwerbung\n    en: poaching\n')
    expect(String(await loadGlossary(join(dir, 'glossary'), dir).catch((caught: unknown) => caught))).toContain('glossary/b.yaml:2: duplicate of "Abwerbung" at glossary/a.yaml:2')
  })

  it('loads the committed seed glossary', async () => {
    const glossary = await loadGlossary(join(import.meta.dirname, '../../glossary'), join(import.meta.dirname, '../..'))
    expect(glossary.files).toEqual(['glossary/seed.yaml'])
    expect(glossary.entries.filter((entry) => entry.kind === 'name').map((entry) => entry.de)).toContain('xAI')
    expect(glossary.entries.find((entry) => entry.de === 'Abwerbung')?.en).toBe('poaching')
  })
})
