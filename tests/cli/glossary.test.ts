import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {makeProject, put, tandem} from '../helpers/project.js'
import {recordingProvider} from '../helpers/providers.js'

const GLOSSARY = '# Our glossary\nnames:\n  - Tesla # company\n\nterms:\n  - de: Abwerbung\n    en: poaching\n'
const read = (root: string, path: string): Promise<string> => readFile(join(root, path), 'utf8')

describe('tandem glossary', () => {
  it('add: appends to the file, keeping comments; refuses a conflict and writes nothing', async () => {
    const root = await makeProject({'glossary/g.yaml': GLOSSARY})
    const term = await tandem(root, ['glossary', 'add', 'KI', 'AI', '--forbid', 'KI', '--note', 'Abkürzung'])
    expect(term.code).toBe(0)
    expect(term.stdout).toBe('added "KI" to glossary/g.yaml\n')
    expect((await tandem(root, ['glossary', 'add', 'xAI', '--name'])).code).toBe(0)
    expect(await read(root, 'glossary/g.yaml')).toBe(
      '# Our glossary\nnames:\n  - Tesla # company\n  - xAI\n\nterms:\n  - de: Abwerbung\n    en: poaching\n  - de: KI\n    en: AI\n    forbidden: ["KI"]\n    note: Abkürzung\n'
    )
    const conflict = await tandem(root, ['glossary', 'add', 'abwerbung', 'headhunting'])
    expect(conflict.code).toBe(2)
    expect(conflict.stderr).toContain('"abwerbung" conflicts with glossary/g.yaml:7, which renders it as "poaching" (term); nothing was written')
    expect(await read(root, 'glossary/g.yaml')).not.toContain('headhunting')
    expect((await tandem(root, ['glossary', 'add', 'Abwerbung', 'poaching'])).stdout).toBe('"Abwerbung" is already in the glossary (glossary/g.yaml:7), unchanged\n')
    expect((await tandem(root, ['glossary', 'add', 'Nur'])).code).toBe(2)
  })

  it('add on an entry it already has, as the README shows it: updates its note and forbidden renderings in place', async () => {
    const root = await makeProject({'glossary/g.yaml': '# Recht\nterms:\n  - de: Gegenklage # aus dem Prozess\n    en: countersuit\n  - de: Klage\n    en: lawsuit\nnames:\n  - Tesla\n'})
    const run = await tandem(root, ['glossary', 'add', 'Gegenklage', 'countersuit', '--forbid', 'counterclaim', '--note', 'a suit in reply'])
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('updated "Gegenklage" in glossary/g.yaml (note; forbidden "counterclaim")\n')
    const text = await read(root, 'glossary/g.yaml')
    expect(text).toContain('# Recht')
    expect(text).toContain('# aus dem Prozess')
    const list = await tandem(root, ['glossary', 'list', '--json'])
    const entries = JSON.parse(list.stdout) as Array<{de: string; note?: string; forbidden?: string[]}>
    expect(entries.find((entry) => entry.de === 'Gegenklage')).toMatchObject({note: 'a suit in reply', forbidden: ['counterclaim']})
    expect(entries.find((entry) => entry.de === 'Klage')).toMatchObject({en: 'lawsuit', forbidden: []})
    // The same again changes nothing and says where the entry is.
    const again = await tandem(root, ['glossary', 'add', 'Gegenklage', 'countersuit', '--forbid', 'counterclaim', '--note', 'a suit in reply'])
    expect(again.stdout).toBe('"Gegenklage" is already in the glossary (glossary/g.yaml:3), unchanged\n')
    // A plain name gets its note.
    expect((await tandem(root, ['glossary', 'add', 'Tesla', '--name', '--note', 'the company'])).stdout).toBe('updated "Tesla" in glossary/g.yaml (note)\n')
    expect((JSON.parse((await tandem(root, ['glossary', 'list', '--json'])).stdout) as Array<{de: string; note?: string}>).find((entry) => entry.de === 'Tesla')?.note).toBe('the company')
  })

  it('add names an empty argument, not a line of a file', async () => {
    const root = await makeProject({'glossary/g.yaml': GLOSSARY})
    const empty = await tandem(root, ['glossary', 'add', '', 'x'])
    expect(empty.code).toBe(2)
    expect(empty.stderr).toBe('tandem: configuration error: the German (the first argument of glossary add) is empty\n')
    const english = await tandem(root, ['glossary', 'add', 'Wort', ' '])
    expect(english.stderr).toBe('tandem: configuration error: the English (the second argument of glossary add) is empty\n')
    expect(await read(root, 'glossary/g.yaml')).toBe(GLOSSARY)
  })

  it('list shows the extra German forms of an entry', async () => {
    const root = await makeProject({'glossary/g.yaml': 'terms:\n  - de: Rechenzentrum\n    en: data center\n    forms: [RZ, Rechenzentren]\n'})
    expect((await tandem(root, ['glossary', 'list'])).stdout).toContain('term  Rechenzentrum → data center  (forms: RZ, Rechenzentren)  [glossary/g.yaml:2]')
  })

  it('a CSV import conflict names the line of the CSV', async () => {
    const root = await makeProject({'glossary/g.yaml': GLOSSARY, 'terms.csv': 'KI,AI\nAbwerbung,headhunting\n'})
    const run = await tandem(root, ['glossary', 'import', 'terms.csv'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('terms.csv:2: "Abwerbung" conflicts with glossary/g.yaml:6, which renders it as "poaching" (term); nothing was written')
  })

  it('list: every entry with where it is defined', async () => {
    const root = await makeProject({'glossary/g.yaml': GLOSSARY})
    const run = await tandem(root, ['glossary', 'list'])
    expect(run.stdout).toBe('name  Tesla → Tesla  [glossary/g.yaml:3]\nterm  Abwerbung → poaching  [glossary/g.yaml:6]\n2 entries in 1 file(s)\n')
  })

  it('check: invalid glossary exits 2 with file and line', async () => {
    const root = await makeProject({'glossary/g.yaml': 'terms:\n  - de: KI\n    en: AI\n    colour: red\n'})
    const run = await tandem(root, ['glossary', 'check'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('glossary/g.yaml:4: unknown field "colour"')
  })

  it('check --json: occurrences in the input and whether the translations comply', async () => {
    const root = await makeProject({'glossary/g.yaml': GLOSSARY, 'input/a.md': 'Die Abwerbung bei Tesla.\n\nNoch eine Abwerbung.\n'})
    await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}})
    const clean = await tandem(root, ['glossary', 'check', '--json'])
    expect(clean.code).toBe(0)
    const report = JSON.parse(clean.stdout) as {entries: Array<{de: string; occurrences: string[]; violations: unknown[]}>; violations: number}
    expect(report.entries.find((entry) => entry.de === 'Abwerbung')?.occurrences).toEqual(['input/a.md:1:1', 'input/a.md:3:1'])
    expect(report.violations).toBe(0)
    await put(root, 'glossary/g.yaml', GLOSSARY.replace('poaching', 'talent raid'))
    const broken = await tandem(root, ['glossary', 'check'])
    expect(broken.code).toBe(1)
    expect(broken.stdout).toContain('Abwerbung → talent raid: 2 occurrence(s), 2 violation(s)\n  input/a.md:1:1  "talent raid" missing')
  })

  it('suggest: candidates from the input that the glossary lacks', async () => {
    const root = await makeProject({'glossary/g.yaml': GLOSSARY, 'input/a.md': 'Gestern sagte Elon Musk, dass xAI wächst. Laut Elon Musk ist das gut.\n'})
    const run = await tandem(root, ['glossary', 'suggest'])
    expect(run.stdout).toContain('Elon Musk  (proper-name, 2×)  input/a.md:1')
    expect(run.stdout).toContain('xAI  (acronym, 1×)')
  })

  it('export and import CSV and TBX', async () => {
    const root = await makeProject({'glossary/g.yaml': GLOSSARY})
    expect((await tandem(root, ['glossary', 'export', '--csv'])).stdout).toBe('Tesla,Tesla\nAbwerbung,poaching\n')
    expect((await tandem(root, ['glossary', 'export', '--tbx', '--out', 'g.tbx'])).code).toBe(0)
    const other = await makeProject({'glossary/g.yaml': 'names:\n  - xAI\n'})
    await put(other, 'in.tbx', await read(root, 'g.tbx'))
    const imported = await tandem(other, ['glossary', 'import', 'in.tbx'])
    expect(imported.stdout).toBe('imported 2 entries into glossary/g.yaml\n')
    expect(await read(other, 'glossary/g.yaml')).toBe('names:\n  - xAI\n  - Tesla\nterms:\n  - de: Abwerbung\n    en: poaching\n')
    await put(other, 'more.csv', 'KI,AI\nAbwerbung,poaching\n')
    expect((await tandem(other, ['glossary', 'import', 'more.csv'])).stdout).toBe('imported 1 entry into glossary/g.yaml (1 already there)\n')
    await put(other, 'bad.csv', 'Abwerbung,headhunting\n')
    expect((await tandem(other, ['glossary', 'import', 'bad.csv'])).code).toBe(2)
    expect((await tandem(other, ['glossary', 'export'])).code).toBe(2)
  })
})
