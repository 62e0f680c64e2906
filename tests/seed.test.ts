import {cp, readdir, readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parseMarkdown} from '../src/markdown/processor.js'
import {untranslatedLines} from './helpers/mdast.js'
import {tandem} from './helpers/project.js'
import {tempDir} from './helpers/temp.js'

const ROOT = join(import.meta.dirname, '..')

describe('the committed seed article', () => {
  it('builds from the committed memory alone, byte for byte as committed', async () => {
    const root = await tempDir()
    await cp(join(ROOT, 'input'), join(root, 'input'), {recursive: true})
    await cp(join(ROOT, 'output/.tandem/memory.de-en.jsonl'), join(root, 'output/.tandem/memory.de-en.jsonl'))
    await cp(join(ROOT, 'glossary'), join(root, 'glossary'), {recursive: true})
    await cp(join(ROOT, 'tandem.config.json'), join(root, 'tandem.config.json'))
    const run = await tandem(root, ['build'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    for (const name of [
      'openai-abwerbung.de.md',
      'openai-abwerbung.en.md',
      'openai-abwerbung.de-en.md',
      'openai-abwerbung.review.html',
      '.tandem/records/openai-abwerbung.json',
      '.tandem/state.json',
      '.tandem/memory.de-en.jsonl'
    ]) {
      expect(await readFile(join(root, 'output', name), 'utf8'), name).toBe(await readFile(join(ROOT, 'output', name), 'utf8'))
    }
  })

  it('has the title as #, the sections as ##, the sources as a list and no comment-form junk', async () => {
    const markdown = await readFile(join(ROOT, 'input/openai-abwerbung.md'), 'utf8')
    const tree = parseMarkdown(markdown)
    const headings = tree.children.filter((node) => node.type === 'heading').map((node) => `${node.depth}`)
    expect(headings).toEqual(['1', '2', '2', '2', '2'])
    expect(tree.children.at(-1)?.type).toBe('list')
    expect(markdown).not.toContain('Hinterlasse')
    const seed = await readFile(join(ROOT, '../shared/seeds/openai-abwerbung.txt'), 'utf8').catch(() => undefined)
    if (seed !== undefined) {
      // The German text itself is unchanged: every line of the article is a line of the seed.
      const seedLines = new Set(seed.split('\n').map((line) => line.trim()))
      for (const line of markdown.split('\n')) if (line !== '') expect(seedLines.has(line.replace(/^#+ /, '')), line).toBe(true)
    }
  })

  it('every committed .de.md/.en.md pair has equal line counts and identical untranslated lines', async () => {
    const names = (await readdir(join(ROOT, 'output'), {recursive: true})).filter((name) => name.endsWith('.de.md'))
    expect(names.length).toBeGreaterThan(0)
    for (const name of names) {
      const de = await readFile(join(ROOT, 'output', name), 'utf8')
      const en = await readFile(join(ROOT, 'output', name.replace(/\.de\.md$/, '.en.md')), 'utf8')
      const deLines = de.split('\n')
      const enLines = en.split('\n')
      expect(enLines.length, name).toBe(deLines.length)
      for (const index of untranslatedLines(de)) expect(enLines[index], `${name}:${index + 1}`).toBe(deLines[index])
    }
  })
})
