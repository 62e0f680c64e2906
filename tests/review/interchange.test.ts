import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {XMLParser} from 'fast-xml-parser'
import {describe, expect, it} from 'vitest'
import {exportTmx, importTmx} from '../../src/review/interchange.js'
import {makeProject, tandem} from '../helpers/project.js'
import {recordingProvider} from '../helpers/providers.js'

const ARTICLE = '# Titel\n\nDie **Abwerbung** von `code()` und [hier](https://example.com). Zweiter Satz.\n\nDritter Satz & mehr <b>.\n'
const read = (root: string, path: string): Promise<string> => readFile(join(root, path), 'utf8')

describe('XLIFF 2.1', () => {
  it('exports parseable XLIFF that keeps every placeholder; editing two targets updates exactly those two', async () => {
    const root = await makeProject({'input/a.md': ARTICLE, 'glossary/g.yaml': 'terms:\n  - de: Abwerbung\n    en: poaching\n'})
    expect((await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}})).code).toBe(0)
    const exported = await tandem(root, ['export', '--xliff'])
    expect(exported.stdout).toBe('wrote exports/a.xlf (4 units)\n')
    const xliff = await read(root, 'exports/a.xlf')
    const doc = new XMLParser({ignoreAttributes: false}).parse(xliff) as {xliff: {'@_version': string; file: {unit: Array<{segment: unknown}>}}}
    expect(doc.xliff['@_version']).toBe('2.1')
    expect(doc.xliff.file.unit).toHaveLength(4)
    expect(xliff).toContain('<source>Die <pc id="b1">Abwerbung</pc> von <ph id="c2"/> und <pc id="a3">hier</pc>.</source>')
    expect(xliff).toContain('<note category="glossary">Abwerbung → poaching</note>')
    expect(xliff).toContain('Dritter Satz &amp; mehr <ph id="h1"/>.')

    const memoryBefore = await read(root, 'output/.tandem/memory.de-en.jsonl')
    const edited = xliff
      .replace(/(<source>Zweiter Satz\.<\/source>\s*<target>)[^<]*(<\/target>)/, '$1The second sentence.$2')
      .replace(/(<source>Die <pc id="b1">Abwerbung<\/pc>[^]*?<target>)[^]*?(<\/target>)/, '$1The <pc id="b1">poaching</pc> of <ph id="c2"/> and <pc id="a3">here</pc>.$2')
    await writeFile(join(root, 'edited.xlf'), edited)
    const imported = await tandem(root, ['import', 'edited.xlf'], {env: {LANG: 'C', TANDEM_REVIEWER: 'Erika Muster'}})
    expect(imported.stdout).toBe('imported 2 translation(s) from edited.xlf (2 already in the memory); run tandem build to write them\n')
    const memoryAfter = await read(root, 'output/.tandem/memory.de-en.jsonl')
    const changedLines = memoryAfter.split('\n').filter((line) => !memoryBefore.split('\n').includes(line))
    // Reviewed, by whom and when; the two units the translator left as they were stay machine translations.
    const when = expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/)
    expect(changedLines.map((line) => JSON.parse(line) as unknown)).toEqual([
      {source: 'Die <b1>Abwerbung</b1> von <c2/> und <a3>hier</a3>.', target: 'The <b1>poaching</b1> of <c2/> and <a3>here</a3>.', status: 'reviewed', provider: 'human', by: 'Erika Muster', at: when},
      {source: 'Zweiter Satz.', target: 'The second sentence.', status: 'reviewed', provider: 'human', by: 'Erika Muster', at: when}
    ])
    await tandem(root, ['build', '--quiet'])
    expect(await read(root, 'output/a.en.md')).toContain('The **poaching** of `code()` and [here](https://example.com).\nThe second sentence.')
  })

  it('refuses unknown units and broken placeholders, storing nothing', async () => {
    const root = await makeProject({'input/a.md': ARTICLE})
    await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}})
    await tandem(root, ['export', '--xliff'])
    const xliff = await read(root, 'exports/a.xlf')
    const memory = await read(root, 'output/.tandem/memory.de-en.jsonl')
    await writeFile(join(root, 'lost.xlf'), xliff.replace(/(<target>[^<]*)<ph id="c2"\/>/, '$1'))
    const lost = await tandem(root, ['import', 'lost.xlf'])
    expect(lost.code).toBe(1)
    expect(lost.stderr).toMatch(/^lost\.xlf:\d+:1  error  human-markup  the translation breaks the markup \(missing <c2\/>\); not stored: /m)
    await writeFile(join(root, 'unknown.xlf'), xliff.replace(/unit id="[^"]+"/, 'unit id="nope"'))
    expect((await tandem(root, ['import', 'unknown.xlf'])).stderr).toContain('unit "nope" is no sentence of a built article')
    await writeFile(join(root, 'broken.xlf'), xliff.replace('</file>', ''))
    expect((await tandem(root, ['import', 'broken.xlf'])).stderr).toMatch(/broken\.xlf:\d+: not well-formed XML/)
    expect(await read(root, 'output/.tandem/memory.de-en.jsonl')).toBe(memory)
  })
})

describe('TMX 1.4b', () => {
  it('round-trips the memory, placeholders, status and glossary keys included', async () => {
    const root = await makeProject({'input/a.md': ARTICLE, 'glossary/g.yaml': 'terms:\n  - de: Abwerbung\n    en: poaching\n'})
    await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}})
    expect((await tandem(root, ['export', '--tmx'])).stdout).toBe('wrote exports/memory.de-en.tmx (4 translation units)\n')
    const tmx = await read(root, 'exports/memory.de-en.tmx')
    expect(new XMLParser().parse(tmx).tmx.body.tu).toHaveLength(4)
    const other = await makeProject({'input/a.md': ARTICLE})
    await writeFile(join(other, 'm.tmx'), tmx)
    expect((await tandem(other, ['import', 'm.tmx'])).stdout).toBe('imported 4 translation(s) from m.tmx; run tandem build to write them\n')
    expect(await read(other, 'output/.tandem/memory.de-en.jsonl')).toBe(await read(root, 'output/.tandem/memory.de-en.jsonl'))
  })

  it('maps placeholders to bpt/ept/ph and back', () => {
    const entries = [{source: 'A <b1>b</b1> <c2/> &amp; c', target: 'X <b1>y</b1> <c2/> &lt; z', status: 'reviewed' as const, provider: 'human'}]
    const tmx = exportTmx(entries)
    expect(tmx).toContain('<bpt i="1">&lt;b1&gt;</bpt>b<ept i="1">&lt;/b1&gt;</ept> <ph>&lt;c2/&gt;</ph> &amp; c')
    // Each with the line its unit starts on.
    const line = tmx.split('\n').findIndex((text) => text.includes('<tu>') || text.includes('<tu ')) + 1
    expect(line).toBeGreaterThan(1)
    expect(importTmx(tmx, 'm.tmx')).toEqual(entries.map((entry) => ({...entry, line})))
  })
})
