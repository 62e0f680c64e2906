import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadDialect, parseMarkdown} from '../../src/markdown/processor.js'
import {DEFAULT_MDX_ATTRIBUTES} from '../../src/segment/extract.js'
import {compareStructure} from '../../src/qa/structure.js'
import {normalizeTree, sameDocument} from '../helpers/mdast.js'
import {compiles} from '../helpers/mdx.js'
import {corpusProblems, fixtureCorpus} from '../helpers/corpus.js'
import {makeProject, tandem} from '../helpers/project.js'

// Note: MDX loads on demand (see loadDialect); these tests read it directly.
await loadDialect('mdx')

/** Real German files from several projects, licenses in MANIFEST.md. */
async function corpus(): Promise<Map<string, string>> {
  return (await fixtureCorpus('mdx-corpus', '.mdx')).files
}

const TRANSLATED = new Set(DEFAULT_MDX_ATTRIBUTES)

describe('the MDX corpus', () => {
  it('holds at least 10 files from several projects, each listed in the manifest', async () => {
    const {dir, files} = await fixtureCorpus('mdx-corpus', '.mdx')
    expect(corpusProblems(dir, files)).toEqual([])
  })

  it('comes back as the same MDX tree with identity, every file, compiling exactly when its input does, the review files aligned', async () => {
    const files = await corpus()
    const root = await makeProject(Object.fromEntries([...files].map(([name, text]) => [`input/${name}`, text])))
    const run = await tandem(root, ['build', '--provider', 'identity', '--quiet'])
    expect(run.stderr).not.toContain('  error  ')
    expect(run.code).toBe(0)
    for (const [name, german] of files) {
      const stem = name.replace(/\.mdx$/, '')
      const english = await readFile(join(root, `output/${stem}.en.mdx`), 'utf8')
      if (!sameDocument(parseMarkdown(english, 'mdx'), parseMarkdown(german, 'mdx'))) {
        expect(JSON.stringify(normalizeTree(parseMarkdown(english, 'mdx')), null, 1), name).toBe(JSON.stringify(normalizeTree(parseMarkdown(german, 'mdx')), null, 1))
      }
      expect(await compiles(english), name).toBe(await compiles(german))
      const de = await readFile(join(root, `output/${stem}.de.md`), 'utf8')
      expect(de.split('\n').length, name).toBe((await readFile(join(root, `output/${stem}.en.md`), 'utf8')).split('\n').length)
    }
    console.log(`mdx corpus, identity: ${files.size} of ${files.size} files give back the same MDX tree and compile as their inputs`)
  }, 120_000)

  it('with pseudo (every sentence changed, markup moved), writes every file with the German components, compiling, the review files aligned', async () => {
    const files = await corpus()
    const root = await makeProject(Object.fromEntries([...files].map(([name, text]) => [`input/${name}`, text])))
    const run = await tandem(root, ['build', '--provider', 'pseudo', '--quiet'])
    expect(run.stderr).not.toContain('  error  ')
    expect(run.code).toBe(0)
    let compiled = 0
    for (const [name, german] of files) {
      const stem = name.replace(/\.mdx$/, '')
      const english = await readFile(join(root, `output/${stem}.en.mdx`), 'utf8')
      expect(english, name).not.toBe(german)
      expect(compareStructure(parseMarkdown(german, 'mdx'), parseMarkdown(english, 'mdx'), TRANSLATED), name).toBeUndefined()
      const failed = await compiles(german)
      expect(await compiles(english), name).toBe(failed)
      if (failed === undefined) compiled++
      const de = await readFile(join(root, `output/${stem}.de.md`), 'utf8')
      expect(de.split('\n').length, name).toBe((await readFile(join(root, `output/${stem}.en.md`), 'utf8')).split('\n').length)
    }
    console.log(`mdx corpus, pseudo: ${files.size} files written with the German components, ${compiled} of them compiled by @mdx-js/mdx (as their inputs)`)
  }, 120_000)
})
