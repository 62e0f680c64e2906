import {mkdtemp, mkdir, readFile, readdir, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {commitArticle, WriteFailure} from '../../src/builder/transaction.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tandem-transaction-'))
})
afterEach(async () => {
  await rm(dir, {recursive: true, force: true})
})

function write(outputs: Record<string, string>): Parameters<typeof commitArticle>[0] {
  return {
    outputs: new Map(Object.entries(outputs).map(([path, text]) => [join(dir, path), text])),
    record: {path: join(dir, '.tandem/records/a.json'), pending: join(dir, '.tandem/pending/a.json'), text: '{"version":1}\n'}
  }
}

describe('commitArticle', () => {
  it('creates the folders it writes into, outputs and record alike', async () => {
    const committed = await commitArticle(write({'deep/er/a.en.md': 'Hello.\n', 'deep/er/a.de.md': 'Hallo.\n'}))
    expect(committed.changed).toBe(true)
    expect(await readFile(join(dir, 'deep/er/a.en.md'), 'utf8')).toBe('Hello.\n')
    expect(await readFile(join(dir, 'deep/er/a.de.md'), 'utf8')).toBe('Hallo.\n')
    expect(await readFile(join(dir, '.tandem/records/a.json'), 'utf8')).toBe('{"version":1}\n')
    // Nothing half-written stays behind: no temporaries beside the outputs, no pending record.
    expect((await readdir(join(dir, 'deep/er'))).sort()).toEqual(['a.de.md', 'a.en.md'])
    expect(await readdir(join(dir, '.tandem/pending'))).toEqual([])
    expect([...committed.stamps.keys()].sort()).toEqual([join(dir, '.tandem/records/a.json'), join(dir, 'deep/er/a.de.md'), join(dir, 'deep/er/a.en.md')])
  })

  it('still names the file when its folder cannot be made (a file stands where the folder goes)', async () => {
    await writeFile(join(dir, 'deep'), 'not a folder')
    const failure = await commitArticle(write({'deep/a.en.md': 'Hello.\n'})).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(WriteFailure)
    expect((failure as WriteFailure).path).toBe(join(dir, 'deep/a.en.md'))
    // The record was not committed: the outputs never became visible.
    await expect(readFile(join(dir, '.tandem/records/a.json'), 'utf8')).rejects.toThrow()
  })

  it('leaves a file alone that already holds its text', async () => {
    await mkdir(join(dir, 'out'), {recursive: true})
    await commitArticle(write({'out/a.en.md': 'Hello.\n'}))
    const again = await commitArticle(write({'out/a.en.md': 'Hello.\n'}))
    expect(again.changed).toBe(false)
  })
})
