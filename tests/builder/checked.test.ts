import {appendFile, mkdir, readFile, rename, symlink, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {checkedOf, digestOf, digestsOf, notesAfter, type Checked} from '../../src/builder/checked.js'
import {HashCache} from '../../src/builder/hashes.js'
import type {StateEntry} from '../../src/builder/state.js'
import {unchangedArticle} from '../../src/builder/unchanged.js'
import {bytesHash} from '../../src/util/hash.js'
import {makeProject, tandem} from '../helpers/project.js'
import {recordingProvider} from '../helpers/providers.js'
import {tempDir} from '../helpers/temp.js'

const ARTICLE = '# Titel\n\nDer Umsatz lag bei 200.000 Euro. Ein zweiter Satz folgt.\n\n- Ein Punkt.\n'
const OTHER = '# Anderer Text\n\nHier steht etwas anderes.\n'

const read = (root: string, path: string): Promise<string> => readFile(join(root, path), 'utf8')
/** The notes the last build left, by article. */
const notesOf = async (root: string): Promise<Record<string, Checked | undefined>> => (JSON.parse(await read(root, 'output/.tandem/cache/hashes.json')) as {checked?: Record<string, Checked>}).checked ?? {}
const recordHash = async (root: string, name: string): Promise<string> => bytesHash(await readFile(join(root, 'output/.tandem/records', name)))
const build = (root: string): ReturnType<typeof tandem> => tandem(root, ['build', '--provider', 'recording'], {providers: {recording: recordingProvider()}})

describe('notes of records that agree with a memory that did not change (checked.ts)', () => {
  it('is left by a build that did not change the memory, and by one that did for the memory it saved', async () => {
    const root = await makeProject({'input/a.md': ARTICLE, 'input/b.md': OTHER})
    expect((await build(root)).code).toBe(0)
    // The provider's answers went into the memory: the notes are of the memory as saved, with the digests of each record's sources.
    const saved = bytesHash(await readFile(join(root, 'output/.tandem/memory.de-en.jsonl')))
    const first = await notesOf(root)
    expect(first['a.md']).toEqual({memory: saved, record: await recordHash(root, 'a.json'), sentences: 4, warnings: [expect.objectContaining({rule: 'qa-numbers', severity: 'warning'})], sources: expect.any(Array)})
    expect(first['a.md']?.sources).toHaveLength(4)
    expect(first['b.md']?.memory).toBe(saved)
    const state = await read(root, 'output/.tandem/state.json')
    const again = await build(root)
    expect(again.stdout).toContain('2 built (2 unchanged, skipped)')
    const memory = bytesHash(await readFile(join(root, 'output/.tandem/memory.de-en.jsonl')))
    expect(memory).toBe(saved)
    const notes = await notesOf(root)
    expect(notes['a.md']).toEqual(first['a.md'])
    expect(notes['b.md']).toEqual({memory, record: await recordHash(root, 'b.json'), sentences: 2, warnings: [], sources: expect.any(Array)})
    // The notes are this checkout's: what git holds does not change.
    expect(await read(root, 'output/.tandem/state.json')).toBe(state)
    // The next build repeats the warning from the note.
    const third = await build(root)
    expect(third.stdout).toContain('2 built (2 unchanged, skipped)')
    expect(third.stderr).toMatch(/a\.md:3:1 +warning +qa-numbers/)
  })

  it('takes the notes of articles none of whose sentences changed forward to the memory a build saved', async () => {
    const root = await makeProject({'input/a.md': ARTICLE, 'input/b.md': OTHER})
    await build(root)
    const before = await notesOf(root)
    // One new sentence in a.md: it is translated, the memory changes; b.md is skipped by its note.
    await writeFile(join(root, 'input/a.md'), ARTICLE.replace('Ein zweiter Satz folgt.', 'Ein neuer Satz folgt.'))
    const changed = await build(root)
    expect(changed.stdout).toContain('2 built (1 unchanged, skipped)')
    const saved = bytesHash(await readFile(join(root, 'output/.tandem/memory.de-en.jsonl')))
    expect(saved).not.toBe(before['b.md']?.memory)
    const after = await notesOf(root)
    expect(after['b.md']).toEqual({...before['b.md'], memory: saved})
    expect(after['a.md']).toMatchObject({memory: saved, record: await recordHash(root, 'a.json'), sentences: 4})
    expect(after['a.md']?.sources).not.toEqual(before['a.md']?.sources)
    expect((await build(root)).stdout).toContain('2 built (2 unchanged, skipped)')
  })

  it('hides no change: a memory edited by hand, a journal a killed build left, a reviewer edit', async () => {
    const root = await makeProject({'input/a.md': ARTICLE, 'input/b.md': OTHER, 'input/c.md': '# Noch einer\n\n- Ein Punkt.\n'})
    await build(root)
    await build(root)
    expect((await notesOf(root))['a.md']).toBeDefined()
    // The memory file changed (an import, a merge): the English follows it.
    const memoryPath = join(root, 'output/.tandem/memory.de-en.jsonl')
    const memory = await readFile(memoryPath, 'utf8')
    const line = memory.split('\n').find((entry) => entry.includes('Ein Punkt.')) ?? ''
    await writeFile(memoryPath, memory.replace(line, JSON.stringify({...(JSON.parse(line) as object), target: 'One point, corrected.'})))
    expect((await build(root)).stdout).toContain('3 built (1 unchanged, skipped)')
    expect(await read(root, 'output/a.en.md')).toContain('- One point, corrected.')
    await build(root)
    expect((await notesOf(root))['a.md']).toBeDefined()
    // A journal line a killed build wrote is part of the memory, though the memory file did not change.
    const entry = JSON.parse((await readFile(memoryPath, 'utf8')).split('\n').find((text) => text.includes('Ein Punkt.')) ?? '') as object
    await appendFile(join(root, 'output/.tandem/memory.de-en.journal.jsonl'), `${JSON.stringify({...entry, target: 'One point, from the journal.'})}\n`)
    expect((await build(root)).stdout).toContain('3 built (1 unchanged, skipped)')
    expect(await read(root, 'output/a.en.md')).toContain('- One point, from the journal.')
    expect(await read(root, 'output/c.en.md')).toContain('- One point, from the journal.')
    await build(root)
    // A reviewer's edit goes into the memory before anything is skipped: the other article with that sentence follows it.
    const en = await read(root, 'output/a.en.md')
    await writeFile(join(root, 'output/a.en.md'), en.replace(/^- .*$/m, '- A point, reviewed.'))
    expect((await build(root)).stdout).toContain('3 built (1 unchanged, skipped)')
    expect(await read(root, 'output/c.en.md')).toContain('- A point, reviewed.')
    expect(await read(root, 'output/.tandem/memory.de-en.jsonl')).toContain('"target":"A point, reviewed.","status":"reviewed"')
    const record = JSON.parse(await read(root, 'output/.tandem/records/a.json')) as {units: Array<{target: string; status: string}>}
    expect(record.units.find((unit) => unit.target === 'A point, reviewed.')?.status).toBe('reviewed')
  })

  it('notes the memory by the text it was read from, also when the memory file is a link to one elsewhere', async () => {
    const root = await makeProject({'input/a.md': ARTICLE, 'input/b.md': OTHER})
    await build(root)
    // The memory moves elsewhere (a shared folder, say) and a link stands in its place.
    const shared = join(await tempDir(), 'memory.de-en.jsonl')
    await rename(join(root, 'output/.tandem/memory.de-en.jsonl'), shared)
    await symlink(shared, join(root, 'output/.tandem/memory.de-en.jsonl'))
    expect((await build(root)).stdout).toContain('2 built (2 unchanged, skipped)')
    expect((await notesOf(root))['a.md']?.memory).toBe(bytesHash(await readFile(shared)))
    // The linked file changes: the article that has the sentence follows it.
    const memory = await readFile(shared, 'utf8')
    const line = memory.split('\n').find((entry) => entry.includes('Ein Punkt.')) ?? ''
    await writeFile(shared, memory.replace(line, JSON.stringify({...(JSON.parse(line) as object), target: 'One point, shared.'})))
    expect((await build(root)).stdout).toContain('2 built (1 unchanged, skipped)')
    expect(await read(root, 'output/a.en.md')).toContain('- One point, shared.')
  })

  it('a reviewed sentence that keeps the rating of the machine English it replaced is written as reviewed, and then skipped', async () => {
    const root = await makeProject({'input/a.md': ARTICLE, 'input/b.md': OTHER})
    await build(root)
    const path = join(root, 'output/.tandem/memory.de-en.jsonl')
    const memory = await readFile(path, 'utf8')
    const line = memory.split('\n').find((entry) => entry.includes('Ein Punkt.')) ?? ''
    const judge = {by: 'openai:gpt-4o', score: 40, findings: [], replaced: {target: 'A dot.', provider: 'recording'}}
    await writeFile(path, memory.replace(line, JSON.stringify({...(JSON.parse(line) as object), target: 'One point.', status: 'reviewed', provider: 'human', by: 'Eva', judge})))
    expect((await build(root)).stdout).toContain('2 built (1 unchanged, skipped)')
    const record = JSON.parse(await read(root, 'output/.tandem/records/a.json')) as {units: Array<{source: string; status: string}>}
    expect(record.units.find((unit) => unit.source === 'Ein Punkt.')?.status).toBe('reviewed')
    // The memory agrees with the record now: the next builds skip the article, the second without reading its record.
    expect((await build(root)).stdout).toContain('2 built (2 unchanged, skipped)')
    expect((await notesOf(root))['a.md']).toBeDefined()
    expect((await build(root)).stdout).toContain('2 built (2 unchanged, skipped)')
  })

  it('spares reading the record while the memory has the noted hash, and reads it otherwise', async () => {
    const dir = await tempDir()
    const out = join(dir, 'out')
    await mkdir(join(out, '.tandem', 'records'), {recursive: true})
    await writeFile(join(dir, 'a.md'), 'Ein Satz.\n')
    // A record that does not parse: reading it would find nothing to skip.
    await writeFile(join(out, '.tandem', 'records', 'a.json'), 'not a record')
    const record = bytesHash('not a record')
    const ref = {inputPath: join(dir, 'a.md'), name: 'a.md', displayPath: 'input/a.md', outputs: {de: '', en: '', bilingual: '', review: ''}}
    const entry: StateEntry = {files: ['.tandem/records/a.json'], fingerprint: 'f', input: bytesHash('Ein Satz.\n'), outputs: {'.tandem/records/a.json': record}}
    const note = {memory: 'm1', record, sentences: 1, warnings: [{severity: 'warning' as const, rule: 'qa-numbers' as const, params: {}}]}
    const cacheWith = async (notes: Record<string, unknown>): Promise<HashCache> => {
      const cache = HashCache.none(out)
      await cache.save(true, new Map(Object.entries(notes) as Array<[string, Checked]>))
      return HashCache.load(out)
    }
    const memory = {
      get: (): never => {
        throw new Error('the memory was asked')
      }
    }
    const options = {fingerprint: 'f', outputDir: out, memory, deterministicProvider: false}
    const hashes = await cacheWith({'a.md': note})
    expect(await unchangedArticle(ref, entry, {...options, hashes, memoryHash: 'm1'})).toEqual({sentences: 1, warnings: [{...note.warnings[0], path: 'input/a.md'}], by: 'note', record, version: 0})
    // Another memory, no memory hash, a note of another record, a note of the wrong shape: the record is read (and does not parse).
    expect(await unchangedArticle(ref, entry, {...options, hashes, memoryHash: 'm2'})).toBeUndefined()
    expect(await unchangedArticle(ref, entry, {...options, hashes})).toBeUndefined()
    expect(await unchangedArticle(ref, entry, {...options, hashes: await cacheWith({'a.md': {...note, record: bytesHash('older')}}), memoryHash: 'm1'})).toBeUndefined()
    expect(await unchangedArticle(ref, entry, {...options, hashes: await cacheWith({'a.md': {...note, sentences: -1}}), memoryHash: 'm1'})).toBeUndefined()
    // An output that changed is noticed all the same.
    await writeFile(join(out, '.tandem', 'records', 'a.json'), 'another text')
    expect(await unchangedArticle(ref, entry, {...options, hashes: await cacheWith({'a.md': note}), memoryHash: 'm1'})).toBeUndefined()
  })

  it('takes a note only in its shape', () => {
    const note = {memory: 'm', record: 'r', sentences: 2, warnings: [{severity: 'warning', rule: 'qa-numbers', params: {}}]}
    expect(checkedOf(note)).toEqual(note)
    expect(checkedOf({...note, sources: [0, 4294967295]})).toEqual({...note, sources: [0, 4294967295]})
    const bad = [undefined, null, 'm', {...note, memory: 1}, {...note, record: undefined}, {...note, sentences: -1}, {...note, sentences: 1.5}, {...note, warnings: undefined}, {...note, warnings: [{rule: 'x'}]}, {...note, warnings: [{severity: 'loud', rule: 'x', params: {}}]}, {...note, sources: 'x'}, {...note, sources: [1.5]}, {...note, sources: [-1]}, {...note, sources: [2 ** 32]}]
    for (const value of bad) expect(checkedOf(value)).toBeUndefined()
  })

  it('leaves every note when the build left the memory as it found it', () => {
    const kept: Checked = {memory: 'm1', record: 'rc', sentences: 3, warnings: []}
    const unchanged = [
      ['b.md', {sentences: 2, warnings: [{severity: 'warning' as const, rule: 'qa-numbers' as const, path: 'input/b.md', params: {}}], by: 'record' as const, record: 'rb', sources: [7], version: 0}],
      ['c.md', {sentences: 3, warnings: [], by: 'note' as const, record: 'rc', version: 0}]
    ] as const
    const written = new Map([['a.md', {record: 'ra', sentences: 1, warnings: [], version: 0}]])
    const previous = new Map([['c.md', kept], ['gone.md', {...kept, record: 'rg'}]])
    expect(Object.fromEntries(notesAfter({memoryHash: 'm1', previous, unchanged, written}))).toEqual({
      'a.md': {memory: 'm1', record: 'ra', sentences: 1, warnings: []},
      'b.md': {memory: 'm1', record: 'rb', sentences: 2, warnings: [{severity: 'warning', rule: 'qa-numbers', params: {}}], sources: [7]},
      'c.md': kept
    })
    expect(notesAfter({memoryHash: undefined, previous, unchanged, written}).size).toBe(0)
  })

  it('takes forward to the saved memory only notes none of whose sources changed after the article was compared', () => {
    const [s1, s2, s3] = ['Erster Satz.', 'Zweiter Satz.', 'Dritter Satz.']
    const d = digestsOf([s1, s2, s3])
    const previous = new Map<string, Checked>([
      ['clean.md', {memory: 'm0', record: 'r1', sentences: 1, warnings: [], sources: [d[0] as number]}],
      ['touched.md', {memory: 'm0', record: 'r2', sentences: 1, warnings: [], sources: [d[1] as number]}],
      ['old.md', {memory: 'm0', record: 'r3', sentences: 1, warnings: []}]
    ])
    const byNote = (record: string) => ({sentences: 1, warnings: [], by: 'note' as const, record, version: 0})
    const unchanged = [
      ['clean.md', byNote('r1')],
      ['touched.md', byNote('r2')],
      // A note without digests (an older build's) holds only while the memory does not change.
      ['old.md', byNote('r3')],
      // Compared with the memory after s2 changed (change 1), before s3 did (change 2).
      ['late.md', {sentences: 1, warnings: [], by: 'record' as const, record: 'r4', sources: [d[1] as number], version: 1}],
      ['early.md', {sentences: 1, warnings: [], by: 'record' as const, record: 'r5', sources: [d[2] as number], version: 1}]
    ] as const
    const written = new Map([
      ['new.md', {record: 'r6', sentences: 1, warnings: [], sources: [d[2] as number], version: 2}],
      ['stale.md', {record: 'r7', sentences: 1, warnings: [], sources: [d[2] as number], version: 1}]
    ])
    const changes = new Map([[s2, 1], [s3, 2]])
    const notes = notesAfter({memoryHash: undefined, savedHash: 'm1', changes, previous, unchanged, written})
    expect([...notes.keys()].sort()).toEqual(['clean.md', 'late.md', 'new.md'])
    expect(notes.get('clean.md')).toEqual({...previous.get('clean.md'), memory: 'm1'})
    expect(notes.get('late.md')).toEqual({memory: 'm1', record: 'r4', sentences: 1, warnings: [], sources: [d[1]]})
    // Not saved, or saved after a journal was replayed: no notes.
    expect(notesAfter({memoryHash: undefined, savedHash: undefined, changes, previous, unchanged, written}).size).toBe(0)
  })

  it('digests a source the same way every time, and two sources apart', () => {
    expect(digestOf('Ein Satz.')).toBe(digestOf('Ein Satz.'))
    expect(digestOf('Ein Satz.')).not.toBe(digestOf('Ein Satz!'))
    expect(digestsOf(['a', 'b', 'a'])).toHaveLength(2)
    expect(digestOf('')).toBe(0x811c9dc5)
  })
})
