import {describe, expect, it, vi} from 'vitest'
import {TranslationMemory} from '../../src/memory/store.js'
import {tempDir} from '../helpers/temp.js'

/** While set, writing the memory file waits for it: the test changes the memory in the middle of a save. */
let gate: Promise<void> | undefined

vi.mock('../../src/util/fs.js', async (original) => {
  const actual = await original<typeof import('../../src/util/fs.js')>()
  return {
    ...actual,
    writeIfChanged: async (path: string, content: string): Promise<boolean> => {
      if (gate !== undefined && path.endsWith('memory.de-en.jsonl')) await gate
      return actual.writeIfChanged(path, content)
    }
  }
})

const FILE = 'memory.de-en.jsonl'

describe('saving the memory while it changes', () => {
  it('loses no change made while the file is written: it is journaled after the save and saved the next time', async () => {
    const dir = await tempDir()
    const memory = await TranslationMemory.open(dir, FILE)
    await memory.record([
      {source: 'Apfel.', target: 'Apple.', status: 'machine', provider: 'pseudo'},
      {source: 'Birne.', target: 'Pear.', status: 'machine', provider: 'pseudo'}
    ])
    let open: () => void = () => undefined
    gate = new Promise((resolve) => (open = resolve))
    const saving = memory.save()
    // The save has taken its snapshot and waits on the write; a refused answer is taken back now.
    await new Promise((resolve) => setTimeout(resolve, 20))
    const forgetting = memory.forget(['Apfel.'])
    open()
    gate = undefined
    await Promise.all([saving, forgetting])
    // The file was written without the change: the memory says it is not saved as it is.
    expect(memory.savedHash).toBeUndefined()
    // Killed now: the journal still holds the removal, so the next build does not bring the answer back.
    const reopened = await TranslationMemory.open(dir, FILE)
    expect(reopened.get('Apfel.')).toBeUndefined()
    expect(reopened.get('Birne.')?.target).toBe('Pear.')
    // The next save writes it.
    await memory.save()
    expect(memory.savedHash).toBeDefined()
    const last = await TranslationMemory.open(dir, FILE)
    expect(last.get('Apfel.')).toBeUndefined()
    expect(last.unchangedHash).toBe(memory.savedHash)
  })
})
