import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {untranslatedLines} from '../helpers/mdast.js'
import {makeProject, tandem} from '../helpers/project.js'
import {corpusArticles} from '../helpers/corpus.js'

describe('line alignment over the corpus (pseudo provider, real build)', () => {
  it('every .de.md/.en.md pair has equal line counts and identical untranslated lines', async () => {
    const articles = corpusArticles()
    const root = await makeProject(Object.fromEntries(articles.map(([name, markdown]) => [`input/${name}`, markdown])))
    const run = await tandem(root, ['build', '--provider', 'pseudo', '--quiet'])
    expect(run.stderr).not.toMatch(/  error  /)
    expect(run.code).toBe(0)
    let checked = 0
    for (const [name] of articles) {
      const stem = join(root, 'output', name.replace(/\.md$/, ''))
      const de = (await readFile(`${stem}.de.md`, 'utf8')).split('\n')
      const en = (await readFile(`${stem}.en.md`, 'utf8')).split('\n')
      expect(en.length, name).toBe(de.length)
      const untranslated = untranslatedLines(de.join('\n'))
      for (const index of untranslated) {
        expect(en[index], `${name}:${index + 1}`).toBe(de[index])
        checked++
      }
      // And the translated lines did change: pseudo accents every vowel it is given.
      const translated = de.filter((line, index) => !untranslated.has(index) && /[aeiou]/.test(line))
      const unchanged = translated.filter((line) => en[de.indexOf(line)] === line)
      expect(unchanged.length, name).toBeLessThan(translated.length / 4)
    }
    expect(checked).toBeGreaterThan(1000)
  })
})
