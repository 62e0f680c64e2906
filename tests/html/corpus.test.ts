import {readdir, readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {structureDifference} from '../../src/html/write.js'
import {makeProject, tandem} from '../helpers/project.js'

/** Real German HTML from several projects, licenses in MANIFEST.md. */
const CORPUS = join(import.meta.dirname, '../fixtures/html-corpus')

async function corpus(): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const name of (await readdir(CORPUS)).filter((file) => file.endsWith('.html')).sort()) files.set(name, await readFile(join(CORPUS, name), 'utf8'))
  return files
}

describe('the HTML corpus', () => {
  it('holds at least 10 files from several projects, each listed in the manifest', async () => {
    const files = await corpus()
    const manifest = await readFile(join(CORPUS, 'MANIFEST.md'), 'utf8')
    expect(files.size).toBeGreaterThanOrEqual(10)
    for (const name of files.keys()) expect(manifest, name).toContain(name)
    expect(new Set([...files.keys()].map((name) => name.split('-')[0])).size).toBeGreaterThanOrEqual(3)
  })

  it('comes back with the same elements and attributes with identity, every file, and the review files aligned', async () => {
    const files = await corpus()
    const root = await makeProject(Object.fromEntries([...files].map(([name, text]) => [`input/${name}`, text])))
    const run = await tandem(root, ['build', '--provider', 'identity', '--quiet'])
    expect(run.stderr).not.toContain(' error ')
    expect(run.code).toBe(0)
    for (const [name, german] of files) {
      const stem = name.replace(/\.html$/, '')
      expect(structureDifference(german, await readFile(join(root, `output/${stem}.en.html`), 'utf8')), name).toBeUndefined()
      const de = await readFile(join(root, `output/${stem}.de.md`), 'utf8')
      expect(de.split('\n').length, name).toBe((await readFile(join(root, `output/${stem}.en.md`), 'utf8')).split('\n').length)
    }
  }, 120_000)

  it('with pseudo (every sentence changed, markup moved), writes each file with the German elements or refuses it and writes nothing', async () => {
    const files = await corpus()
    const root = await makeProject(Object.fromEntries([...files].map(([name, text]) => [`input/${name}`, text])))
    const run = await tandem(root, ['build', '--provider', 'pseudo', '--quiet'])
    const refused: string[] = []
    for (const [name, german] of files) {
      const stem = name.replace(/\.html$/, '')
      const english = await readFile(join(root, `output/${stem}.en.html`), 'utf8').catch(() => undefined)
      if (english === undefined) {
        refused.push(name)
        expect(run.stderr, name).toMatch(new RegExp(`input/${name.replace(/\./g, '\\.')}(:\\d+:\\d+)?  error`))
        continue
      }
      expect(structureDifference(german, english), name).toBeUndefined()
      expect(english, name).not.toBe(german)
    }
    expect(run.code).toBe(refused.length === 0 ? 0 : 1)
    // Reported, not hidden: the files pseudo's moved markup makes tandem refuse (see BENCHMARKS.md and the issue notes).
    console.log(`html corpus, pseudo: ${files.size} files, ${files.size - refused.length} written with the German elements, ${refused.length} refused (${refused.join(', ')})`)
  }, 120_000)
})
