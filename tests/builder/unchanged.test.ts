import {readFile, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {makeProject, put, tandem} from '../helpers/project.js'
import {recordingProvider} from '../helpers/providers.js'

const ARTICLE = '# Titel\n\nDer Umsatz lag bei 200.000 Euro. Ein zweiter Satz folgt.\n\n- Ein Punkt.\n'
const OTHER = '# Anderer Text\n\nHier steht etwas anderes.\n'

const read = (root: string, path: string): Promise<string> => readFile(join(root, path), 'utf8')

async function builtProject(): Promise<string> {
  const root = await makeProject({'input/a.md': ARTICLE, 'input/b.md': OTHER})
  const first = await tandem(root, ['build', '--provider', 'recording'], {providers: {recording: recordingProvider()}})
  expect(first.code).toBe(0)
  expect(first.stdout).toContain('2 built (0 unchanged, skipped)')
  return root
}

describe('skipping unchanged articles', () => {
  it('skips every article when nothing changed, and repeats their warnings', async () => {
    const root = await builtProject()
    const first = await read(root, 'output/a.en.md')
    // The pseudo answer keeps "200.000", which the number check reports.
    const warning = /a\.md:3:1 +warning +qa-numbers/
    const record = JSON.parse(await read(root, 'output/.tandem/records/a.json')) as {warnings: unknown[]}
    expect(record.warnings).toHaveLength(1)
    const provider = recordingProvider()
    const again = await tandem(root, ['build', '--provider', 'recording'], {providers: {recording: provider}})
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('2 built (2 unchanged, skipped)')
    expect(again.stderr).toMatch(warning)
    expect(provider.received).toEqual([])
    expect(await read(root, 'output/a.en.md')).toBe(first)
  })

  it('builds again what changed: the input, an output, the memory, the glossary or the settings', async () => {
    const root = await builtProject()
    const build = async (): Promise<string> => {
      const run = await tandem(root, ['build', '--provider', 'recording'], {providers: {recording: recordingProvider()}})
      expect(run.code).toBe(0)
      return run.stdout
    }
    // The input: only that article.
    await put(root, 'input/b.md', `${OTHER}\nEin neuer Satz.\n`)
    expect(await build()).toContain('2 built (1 unchanged, skipped)')
    // A deleted output is written again.
    await rm(join(root, 'output/a.de-en.md'))
    expect(await build()).toContain('2 built (1 unchanged, skipped)')
    expect(await read(root, 'output/a.de-en.md')).toContain('| Deutsch | English |')
    // A translation in the memory changed (an XLIFF import, say): the English follows it.
    const memoryPath = join(root, 'output/.tandem/memory.de-en.jsonl')
    const memory = await readFile(memoryPath, 'utf8')
    const line = memory.split('\n').find((entry) => entry.includes('Ein Punkt.')) ?? ''
    const entry = JSON.parse(line) as {target: string}
    await writeFile(memoryPath, memory.replace(line, JSON.stringify({...entry, target: 'One point, corrected.'})))
    expect(await build()).toContain('2 built (1 unchanged, skipped)')
    expect(await read(root, 'output/a.en.md')).toContain('- One point, corrected.')
    // The glossary and the settings change every article.
    await put(root, 'glossary/terms.yaml', 'terms:\n  - de: Umsatz\n    en: revenue\n')
    expect(await build()).toContain('2 built (0 unchanged, skipped)')
    await put(root, 'tandem.config.json', JSON.stringify({qa: {numbers: false}}))
    expect(await build()).toContain('2 built (0 unchanged, skipped)')
    expect(await build()).toContain('2 built (2 unchanged, skipped)')
  })

  it('notices a reviewer editing the English of an unchanged article', async () => {
    const root = await builtProject()
    const en = await read(root, 'output/a.en.md')
    const edited = en.replace(/^- .*$/m, '- A point, reviewed.')
    expect(edited).not.toBe(en)
    await writeFile(join(root, 'output/a.en.md'), edited)
    const run = await tandem(root, ['build', '--provider', 'recording'], {providers: {recording: recordingProvider()}})
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('2 built (1 unchanged, skipped)')
    expect(await read(root, 'output/.tandem/memory.de-en.jsonl')).toContain('"target":"A point, reviewed.","status":"reviewed"')
  })
})
