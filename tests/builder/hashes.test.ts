import {mkdtemp, readFile, stat, utimes, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Checked} from '../../src/builder/checked.js'
import {HashCache} from '../../src/builder/hashes.js'
import {bytesHash} from '../../src/util/hash.js'
import {stampAt} from '../../src/util/stamp.js'
import {makeProject, put, tandem} from '../helpers/project.js'

const later = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20))

async function outputFolder(): Promise<{dir: string; file: string}> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-hashes-'))
  const file = join(dir, 'a.en.md')
  await writeFile(file, 'Hello.\n')
  return {dir, file}
}

describe('the hash cache', () => {
  it('answers from the cache for a file whose stamp is unchanged and older than the cache, without reading it', async () => {
    const {dir, file} = await outputFolder()
    const cache = HashCache.none(dir)
    // A hash the file does not have: only an answer from the cache can give it back.
    cache.note(file, stampAt(file) as string, 'noted-not-read')
    await later()
    await cache.save(true)
    const loaded = await HashCache.load(dir)
    expect(loaded.trusted(file)).toBe('noted-not-read')
    expect(loaded.hash(file)).toBe('noted-not-read')
  })

  it('is not written again when it would say the same, and is when it learnt something', async () => {
    const {dir, file} = await outputFolder()
    const cache = HashCache.none(dir)
    cache.note(file, stampAt(file) as string, bytesHash('Hello.\n'))
    await later()
    await cache.save(true)
    const path = join(dir, '.tandem', 'cache', 'hashes.json')
    const written = stampAt(path)
    const again = await HashCache.load(dir)
    expect(again.hash(file)).toBe(bytesHash('Hello.\n'))
    await again.save(true)
    expect(stampAt(path)).toBe(written)
    // A file that had to be read (noted in the same tick as the cache was written, say) is written again, though the text is the same.
    const racy = HashCache.none(dir)
    racy.note(file, stampAt(file) as string, bytesHash('Hello.\n'))
    await racy.save(true)
    const before = stampAt(path)
    const reread = await HashCache.load(dir)
    expect(reread.read(file)?.hash).toBe(bytesHash('Hello.\n'))
    await later()
    await reread.save(true)
    expect(stampAt(path)).not.toBe(before)
    expect((await HashCache.load(dir)).trusted(file)).toBe(bytesHash('Hello.\n'))
    // A file changed: its new stamp is written, with a new time for the cache.
    await later()
    await writeFile(file, 'Hello again.\n')
    const third = await HashCache.load(dir)
    expect(third.hash(file)).toBe(bytesHash('Hello again.\n'))
    await later()
    await third.save(true)
    expect(stampAt(path)).not.toBe(written)
    expect((await HashCache.load(dir)).trusted(file)).toBe(bytesHash('Hello again.\n'))
  })

  it('is written again when a note or the set of files changed, and not for the same notes and files', async () => {
    const {dir, file} = await outputFolder()
    const note: Checked = {memory: 'm1', record: 'r1', sentences: 2, warnings: [{severity: 'warning', rule: 'qa-numbers', params: {}}], sources: [1, 2]}
    const first = HashCache.none(dir)
    first.note(file, stampAt(file) as string, bytesHash('Hello.\n'))
    await later()
    await first.save(true, new Map([['a', note]]))
    const path = join(dir, '.tandem', 'cache', 'hashes.json')
    const written = stampAt(path)
    const saveWith = async (notes: Map<string, Checked>, look = true): Promise<void> => {
      const cache = await HashCache.load(dir)
      if (look) expect(cache.hash(file)).toBe(bytesHash('Hello.\n'))
      await later()
      await cache.save(true, notes)
    }
    // The same notes, as a build that found everything unchanged gives them (new objects, same values): not written.
    await saveWith(new Map([['a', {...note, warnings: [...note.warnings], sources: [...(note.sources ?? [])]}]]))
    expect(stampAt(path)).toBe(written)
    for (const changed of [{...note, sources: [1, 3]}, {...note, warnings: []}, {...note, sentences: 3}, {...note, record: 'r2'}] satisfies Checked[]) {
      const before = stampAt(path)
      await saveWith(new Map([['a', changed]]))
      expect(stampAt(path), JSON.stringify(changed)).not.toBe(before)
      expect((await HashCache.load(dir)).noteOf('a')).toEqual(changed)
      await saveWith(new Map([['a', note]]))
    }
    // A note more, or one fewer, is written.
    let before = stampAt(path)
    await saveWith(new Map([['a', note], ['b', note]]))
    expect(stampAt(path)).not.toBe(before)
    before = stampAt(path)
    await saveWith(new Map([['b', note]]))
    expect(stampAt(path)).not.toBe(before)
    expect((await HashCache.load(dir)).noteOf('a')).toBeUndefined()
    // A build of the whole folder that did not look at the file forgets it.
    before = stampAt(path)
    await saveWith(new Map([['b', note]]), false)
    expect(stampAt(path)).not.toBe(before)
    expect((await HashCache.load(dir)).trusted(file)).toBeUndefined()
  })

  it('reads a file again when its size, times or inode changed, even with its old modification time set back', async () => {
    const {dir, file} = await outputFolder()
    // A round time, which setting it again restores exactly.
    const then = new Date('2026-01-01T00:00:00Z')
    await utimes(file, then, then)
    const before = await stat(file)
    const cache = HashCache.none(dir)
    cache.note(file, stampAt(file) as string, 'noted-not-read')
    await later()
    await cache.save(true)
    await later()
    // Same size, other bytes, and the modification time as it was: the change time still moved.
    await writeFile(file, 'Hallo.\n')
    await utimes(file, then, then)
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs)
    const loaded = await HashCache.load(dir)
    expect(loaded.trusted(file)).toBeUndefined()
    expect(loaded.hash(file)).toBe(bytesHash('Hallo.\n'))
  })

  it('trusts no stamp taken as late as the cache was written ("racily clean")', async () => {
    const {dir, file} = await outputFolder()
    const cache = HashCache.none(dir)
    // The file's time after the cache's: a change in the cache's own tick could not be told apart.
    const future = new Date(Date.now() + 60_000)
    await utimes(file, future, future)
    cache.note(file, stampAt(file) as string, 'noted-not-read')
    await cache.save(true)
    const loaded = await HashCache.load(dir)
    expect(loaded.trusted(file)).toBeUndefined()
    expect(loaded.hash(file)).toBe(bytesHash('Hello.\n'))
  })

  it('reads every file when the cache is damaged, and keeps its folder out of git', async () => {
    const {dir, file} = await outputFolder()
    const cache = HashCache.none(dir)
    cache.note(file, stampAt(file) as string, 'noted-not-read')
    await later()
    await cache.save(true)
    expect(await readFile(join(dir, '.tandem/cache/.gitignore'), 'utf8')).toBe('*\n')
    await writeFile(join(dir, '.tandem/cache/hashes.json'), '{"version": 1, "files": {')
    const loaded = await HashCache.load(dir)
    expect(loaded.hash(file)).toBe(bytesHash('Hello.\n'))
  })

  it('forgets, in a build of the whole folder, the files it did not look at', async () => {
    const {dir, file} = await outputFolder()
    const cache = HashCache.none(dir)
    cache.note(file, stampAt(file) as string, 'noted-not-read')
    cache.note(join(dir, 'gone.md'), '1:2:3:4', 'gone')
    await later()
    await cache.save(true)
    const partial = await HashCache.load(dir)
    partial.hash(file)
    await later()
    await partial.save(false)
    expect(Object.keys((JSON.parse(await readFile(join(dir, '.tandem/cache/hashes.json'), 'utf8')) as {files: object}).files)).toHaveLength(2)
    const whole = await HashCache.load(dir)
    whole.hash(file)
    await later()
    await whole.save(true)
    expect(Object.keys((JSON.parse(await readFile(join(dir, '.tandem/cache/hashes.json'), 'utf8')) as {files: object}).files)).toEqual([file])
  })
})

describe('builds with the hash cache', () => {
  const ARTICLE = '# Titel\n\nEin Satz steht hier.\n'

  it('sees an input changed in place with its old modification time set back, and keeps stamps out of the state', async () => {
    const root = await makeProject({'input/a.md': ARTICLE})
    expect((await tandem(root, ['build', '--provider', 'pseudo'])).code).toBe(0)
    const input = join(root, 'input/a.md')
    const then = new Date('2026-01-01T00:00:00Z')
    await utimes(input, then, then)
    // The build that notes the input's stamp with that time.
    expect((await tandem(root, ['build', '--provider', 'pseudo'])).stdout).toContain('1 built (1 unchanged, skipped)')
    await later()
    await writeFile(input, ARTICLE.replace('Satz', 'Sutz'))
    await utimes(input, then, then)
    expect((await stat(input)).mtimeMs).toBe(then.getTime())
    const again = await tandem(root, ['build', '--provider', 'pseudo'])
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('1 built (0 unchanged, skipped)')
    expect(await readFile(join(root, 'output/a.de.md'), 'utf8')).toContain('Sutz')
    // The state is shared in git; what only this checkout knows (inodes, times) is not in it.
    const state = await readFile(join(root, 'output/.tandem/state.json'), 'utf8')
    expect(state).not.toMatch(/stamp|ino|mtime/)
    expect(await readFile(join(root, 'output/.tandem/cache/hashes.json'), 'utf8')).toContain(input)
  })

  it('takes a reviewer edit made right after a build, and skips again once it is taken', async () => {
    const root = await makeProject({'input/a.md': ARTICLE})
    expect((await tandem(root, ['build', '--provider', 'pseudo'])).code).toBe(0)
    const english = await readFile(join(root, 'output/a.en.md'), 'utf8')
    const line = english.split('\n').findIndex((text) => text.startsWith('Éín'))
    expect(line).toBeGreaterThan(0)
    await put(root, 'output/a.en.md', english.split('\n').map((text, index) => (index === line ? 'One sentence stands here.' : text)).join('\n'))
    const edited = await tandem(root, ['build', '--provider', 'pseudo'], {env: {LANG: 'en_US.UTF-8', TANDEM_REVIEWER: 'Rita'}})
    expect(edited.code).toBe(0)
    const memory = await readFile(join(root, 'output/.tandem/memory.de-en.jsonl'), 'utf8')
    expect(memory).toContain('"target":"One sentence stands here."')
    expect(memory).toContain('"status":"reviewed"')
    const again = await tandem(root, ['build', '--provider', 'pseudo'])
    expect(again.stdout).toContain('1 built (1 unchanged, skipped)')
  })
})
