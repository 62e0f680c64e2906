import {appendFile, readFile, stat, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {isTandemError} from '../../src/errors.js'
import {memoryText, TranslationMemory, type MemoryEntry} from '../../src/memory/store.js'
import {serializeEntry} from '../../src/memory/entry.js'
import {bytesHash} from '../../src/util/hash.js'
import {tempDir} from '../helpers/temp.js'

const FILE = 'memory.de-en.jsonl'

describe('TranslationMemory', () => {
  it('writes a sorted, deterministic, line-oriented file', async () => {
    const dir = await tempDir()
    const memory = await TranslationMemory.open(dir, FILE)
    await memory.record([
      {source: 'Zebra.', target: 'Zebra.', status: 'machine', provider: 'pseudo'},
      {source: 'Apfel.', target: 'Apple.', status: 'machine', provider: 'pseudo'}
    ])
    await memory.save()
    const text = await readFile(join(dir, FILE), 'utf8')
    const lines = text.trimEnd().split('\n')
    expect(lines).toHaveLength(3)
    expect(JSON.parse(lines[1] ?? '')).toMatchObject({source: 'Apfel.', target: 'Apple.'})
    expect(JSON.parse(lines[2] ?? '')).toMatchObject({source: 'Zebra.'})
    // A second memory with the same entries in another order writes the same bytes.
    const other = await tempDir()
    const again = await TranslationMemory.open(other, FILE)
    await again.record([
      {source: 'Apfel.', target: 'Apple.', status: 'machine', provider: 'pseudo'},
      {source: 'Zebra.', target: 'Zebra.', status: 'machine', provider: 'pseudo'}
    ])
    await again.save()
    expect(await readFile(join(other, FILE), 'utf8')).toBe(text)
  })

  it('writes each entry as JSON.stringify writes its fields in their fixed order, whichever fields it has', () => {
    const base = {source: 'Ein „Satz“ mit \\ und "Zeichen"\u2028.', target: 'A <b1>sentence</b1> & more.', status: 'reviewed', provider: 'human'} as const
    const judge = {by: 'openai:gpt-4o', score: 71, findings: [{category: 'accuracy', severity: 'major', span: 'x'}], replaced: {target: 'Old.', provider: 'deepl'}}
    const conflict = {target: 'Other.', status: 'reviewed', provider: 'human', by: 'Ben', at: '2026-12-01T10:00:00Z'} as const
    const optional = {glossary: ['zeta', 'alpha'], by: 'Ana', at: '2026-12-04T01:00:00Z', judge, conflict}
    const names = Object.keys(optional) as Array<keyof typeof optional>
    for (let mask = 0; mask < 1 << names.length; mask++) {
      const entry = {...base, ...Object.fromEntries(names.filter((_, index) => mask & (1 << index)).map((name) => [name, optional[name]]))} as MemoryEntry
      const expected = JSON.stringify({
        source: entry.source,
        target: entry.target,
        status: entry.status,
        provider: entry.provider,
        ...(entry.glossary === undefined ? {} : {glossary: [...entry.glossary].sort()}),
        ...(entry.by === undefined ? {} : {by: entry.by}),
        ...(entry.at === undefined ? {} : {at: entry.at}),
        ...(entry.judge === undefined ? {} : {judge: entry.judge}),
        ...(entry.conflict === undefined ? {} : {conflict: entry.conflict})
      })
      expect(serializeEntry(entry), String(mask)).toBe(expected)
      expect(JSON.parse(serializeEntry(entry))).toEqual(JSON.parse(expected))
    }
    // An empty glossary is left out, as no glossary is.
    expect(serializeEntry({...base, glossary: []})).toBe(JSON.stringify(base))
  })

  it('writes a changed memory over a file it does not read back, and leaves one it would write unchanged alone', async () => {
    const dir = await tempDir()
    const first = await TranslationMemory.open(dir, FILE)
    await first.record([{source: 'Apfel.', target: 'Apple.', status: 'machine', provider: 'pseudo'}])
    await first.save()
    const path = join(dir, FILE)
    const written = await readFile(path, 'utf8')
    // The same entry recorded again: the memory is dirty, but its text is the one read, and the file stays as it is.
    const same = await TranslationMemory.open(dir, FILE)
    await same.record([{source: 'Apfel.', target: 'Apple.', status: 'machine', provider: 'pseudo'}])
    const before = (await stat(path)).ino
    await same.save()
    expect((await stat(path)).ino).toBe(before)
    expect(same.savedHash).toBe(bytesHash(written))
    // A new entry: written, and what was written is what a fresh memory of those entries writes.
    const more = await TranslationMemory.open(dir, FILE)
    await more.record([{source: 'Birne.', target: 'Pear.', status: 'machine', provider: 'pseudo'}])
    await more.save()
    const text = await readFile(path, 'utf8')
    expect(text).toBe(memoryText([...TranslationMemory.entriesOf(written, path), {source: 'Birne.', target: 'Pear.', status: 'machine', provider: 'pseudo'}]))
    expect(more.savedHash).toBe(bytesHash(text))
    // Saved again in the same process with the text it just wrote: left alone.
    await more.record([{source: 'Birne.', target: 'Pear.', status: 'machine', provider: 'pseudo'}])
    const saved = (await stat(path)).ino
    await more.save()
    expect((await stat(path)).ino).toBe(saved)
  })

  it('counts its changes by source and knows the hash of what it saved, until it changes again', async () => {
    const dir = await tempDir()
    const memory = await TranslationMemory.open(dir, FILE)
    expect([memory.version, memory.unchangedHash, memory.savedHash]).toEqual([0, 'none', undefined])
    await memory.record([{source: 'Apfel.', target: 'Apple.', status: 'machine', provider: 'pseudo'}])
    await memory.record([{source: 'Birne.', target: 'Pear.', status: 'machine', provider: 'pseudo'}])
    await memory.forget(['Apfel.'])
    expect(memory.version).toBe(3)
    expect(memory.changedAfter(0)).toEqual(new Map([['Apfel.', 3], ['Birne.', 2]]))
    expect(memory.changedAfter(2)).toEqual(new Map([['Apfel.', 3]]))
    expect(memory.unchangedHash).toBeUndefined()
    await memory.save()
    expect(memory.savedHash).toBe(bytesHash(await readFile(join(dir, FILE))))
    await memory.record([{source: 'Kirsche.', target: 'Cherry.', status: 'machine', provider: 'pseudo'}])
    expect(memory.savedHash).toBeUndefined()
    // A journal replayed at open changed the memory by sources nobody counted: nothing it saves has a hash to note.
    const replayed = await TranslationMemory.open(dir, FILE)
    await replayed.save()
    expect(replayed.savedHash).toBeUndefined()
  })

  it('replays the journal of an interrupted build, ignoring a half-written last line', async () => {
    const dir = await tempDir()
    const memory = await TranslationMemory.open(dir, FILE)
    await memory.record([{source: 'Eins.', target: 'One.', status: 'machine', provider: 'x'}])
    // No save(): the build "crashed". Simulate a write cut off mid-line.
    await appendFile(join(dir, 'memory.de-en.journal.jsonl'), '{"source":"Zwei.","tar')
    const reopened = await TranslationMemory.open(dir, FILE)
    expect(reopened.get('Eins.')?.target).toBe('One.')
    expect(reopened.get('Zwei.')).toBeUndefined()
    await reopened.save()
    const again = await TranslationMemory.open(dir, FILE)
    expect(again.get('Eins.')?.target).toBe('One.')
  })

  it('survives a second crash after a cut-off line: the next appends start on a line of their own', async () => {
    const dir = await tempDir()
    const memory = await TranslationMemory.open(dir, FILE)
    await memory.record([{source: 'Eins.', target: 'One.', status: 'machine', provider: 'x'}])
    await appendFile(join(dir, 'memory.de-en.journal.jsonl'), '{"source":"Zwei.","tar')
    const second = await TranslationMemory.open(dir, FILE)
    // The second build records more and is killed before save() too.
    await second.record([{source: 'Drei.', target: 'Three.', status: 'machine', provider: 'x'}])
    const third = await TranslationMemory.open(dir, FILE)
    expect(third.get('Eins.')?.target).toBe('One.')
    expect(third.get('Drei.')?.target).toBe('Three.')
    expect(third.get('Zwei.')).toBeUndefined()
  })

  it('never replaces a reviewed translation with a machine one', async () => {
    const dir = await tempDir()
    const memory = await TranslationMemory.open(dir, FILE)
    await memory.record([{source: 'Satz.', target: 'Sentence.', status: 'reviewed', provider: 'human'}])
    await memory.record([{source: 'Satz.', target: 'Set.', status: 'machine', provider: 'x'}])
    expect(memory.get('Satz.')?.target).toBe('Sentence.')
  })

  it('names the file and line of a damaged entry', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, FILE), '{"tandem":"translation-memory","version":1}\n{"source":"a","target":"b","status":"machine","provider":"x"}\n{"source": oops}\n')
    const error = await TranslationMemory.open(dir, FILE).catch((caught: unknown) => caught)
    expect(isTandemError(error, 'memory-corrupt')).toBe(true)
    expect((error as Error).message).toContain(`${FILE}:3`)
  })
})
