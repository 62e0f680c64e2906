import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {makeProject, put, tandem} from '../helpers/project.js'
import {recordingProvider} from '../helpers/providers.js'

const ARTICLE = [
  '# Ein Titel',
  '',
  'Der erste Satz ist hier. Der zweite Satz mit **fett** und `code()` folgt.',
  '',
  '- Ein Punkt in der Liste.',
  '- Noch ein Punkt.',
  '',
  'Ein dritter Absatz steht am Ende.',
  ''
].join('\n')

const read = (root: string, path: string): Promise<string> => readFile(join(root, path), 'utf8')

describe('review workflow: a reviewer edits, the German changes', () => {
  it('keeps human edits, flags the changed sentence stale, and the counts add up', async () => {
    const root = await makeProject({'input/a.md': ARTICLE})
    const build = async () => {
      const provider = recordingProvider()
      const run = await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: provider}, env: {LANG: 'C', TANDEM_REVIEWER: 'Erika Muster'}})
      expect(run.stderr).not.toMatch(/ error /)
      expect(run.code).toBe(0)
      return provider.received
    }
    expect(await build()).toHaveLength(6)

    // A reviewer edits two English lines directly.
    const en = (await read(root, 'output/a.en.md')).split('\n')
    expect(en[2]).toBe('Dér érsté Sátz íst híér.')
    en[2] = 'The first sentence is here.'
    en[3] = 'The second sentence with **bold** and `code()` follows.'
    await writeFile(join(root, 'output/a.en.md'), en.join('\n'))
    expect(await build()).toEqual([])
    const kept = (await read(root, 'output/a.en.md')).split('\n')
    expect(kept[2]).toBe('The first sentence is here.')
    expect(kept[3]).toBe('The second sentence with **bold** and `code()` follows.')
    const memory = await read(root, 'output/.tandem/memory.de-en.jsonl')
    // Stored as reviewed, with who and when.
    const first = memory.split('\n').filter((line) => line.includes('"source":"Der erste Satz ist hier."')).map((line) => JSON.parse(line) as Record<string, string>)
    expect(first).toEqual([{source: 'Der erste Satz ist hier.', target: 'The first sentence is here.', status: 'reviewed', provider: 'human', by: 'Erika Muster', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)}])
    expect(memory).toContain('"source":"Der zweite Satz mit <b1>fett</b1> und <c2/> folgt.","target":"The second sentence with <b1>bold</b1> and <c2/> follows.","status":"reviewed"')
    // A rebuild without changes keeps them and rewrites nothing.
    const before = await read(root, 'output/.tandem/records/a.json')
    expect(await build()).toEqual([])
    expect(await read(root, 'output/.tandem/records/a.json')).toBe(before)

    // The German of a reviewed sentence changes.
    await put(root, 'input/a.md', ARTICLE.replace('Der erste Satz ist hier.', 'Der erste Satz ist jetzt anders.'))
    expect(await build()).toEqual(['Der erste Satz ist jetzt anders.'])
    expect((await read(root, 'output/a.en.md')).split('\n')[3]).toBe('The second sentence with **bold** and `code()` follows.')

    const changed = await tandem(root, ['review', '--changed', '--json'])
    const [report] = JSON.parse(changed.stdout) as Array<{rows: Array<{line: number; status: string; de: string; en: string; previous: {de: string; en: string}; suggestion: string}>}>
    expect(report?.rows).toHaveLength(1)
    expect(report?.rows[0]).toMatchObject({
      line: 3,
      status: 'stale',
      de: 'Der erste Satz ist jetzt anders.',
      previous: {de: 'Der erste Satz ist hier.', en: 'The first sentence is here.'},
      suggestion: 'The first sentence is here.'
    })
    const text = await tandem(root, ['review', '--changed'])
    expect(text.stdout).toContain('de: Der erste Satz ist [-hier.-]{+jetzt anders.+}')
    expect(text.stdout).toContain('reviewed before: The first sentence is here.')

    const status = await tandem(root, ['status', '--json'])
    const [counts] = JSON.parse(status.stdout) as Array<Record<string, number>>
    expect(counts).toMatchObject({sentences: 6, reviewed: 1, machine: 4, stale: 1, missing: 0})
    expect((counts?.['reviewed'] ?? 0) + (counts?.['machine'] ?? 0) + (counts?.['stale'] ?? 0) + (counts?.['missing'] ?? 0)).toBe(counts?.['sentences'])
    // Reviewing the new English (editing its line) clears the stale flag.
    const again = (await read(root, 'output/a.en.md')).split('\n')
    again[2] = 'The first sentence is different now.'
    await writeFile(join(root, 'output/a.en.md'), again.join('\n'))
    await build()
    const after = JSON.parse((await tandem(root, ['status', '--json'])).stdout) as Array<Record<string, number>>
    expect(after[0]).toMatchObject({reviewed: 2, stale: 0})
  })

  it('stops with the line when the edited file no longer lines up, and changes nothing', async () => {
    const root = await makeProject({'input/a.md': ARTICLE})
    await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}})
    const en = (await read(root, 'output/a.en.md')).split('\n')
    en.splice(4, 0, 'An extra line a reviewer added.')
    await writeFile(join(root, 'output/a.en.md'), en.join('\n'))
    const memory = await read(root, 'output/.tandem/memory.de-en.jsonl')
    const run = await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}})
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('output/a.en.md:5:1  error  edit-lines  this English file has 10 lines but the build wrote 9')
    expect(await read(root, 'output/a.en.md')).toBe(en.join('\n'))
    expect(await read(root, 'output/.tandem/memory.de-en.jsonl')).toBe(memory)
  })

  it('refuses an edit that changes links or code, naming the line', async () => {
    const root = await makeProject({'input/a.md': ARTICLE})
    await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}})
    const en = (await read(root, 'output/a.en.md')).split('\n')
    en[3] = 'The second sentence without its code.'
    await writeFile(join(root, 'output/a.en.md'), en.join('\n'))
    const run = await tandem(root, ['build', '--quiet'])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('output/a.en.md:4:1  error  edit-markup')
  })

  it('review --changed REV compares with a git revision', async () => {
    const root = await makeProject({'input/a.md': ARTICLE})
    const {execFileSync} = await import('node:child_process')
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {cwd: root})
    git('init', '-q')
    git('add', '.')
    git('commit', '-qm', 'first')
    await put(root, 'input/a.md', ARTICLE.replace('Noch ein Punkt.', 'Noch ein neuer Punkt.'))
    await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}})
    const run = await tandem(root, ['review', '--changed', 'HEAD', '--json'])
    const [report] = JSON.parse(run.stdout) as Array<{rows: Array<{de: string; previous: {de: string}}>}>
    expect(report?.rows.map((row) => [row.previous.de, row.de])).toEqual([['Noch ein Punkt.', 'Noch ein neuer Punkt.']])
  })
})
