import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll} from 'vitest'

const created: string[] = []

afterAll(async () => {
  await Promise.all(created.map((dir) => rm(dir, {recursive: true, force: true})))
})

/** A fresh temporary folder, removed after the test file. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-test-'))
  created.push(dir)
  return dir
}
