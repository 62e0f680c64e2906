import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {generateCorpus} from '../../src/bench/generate.js'
import {filesBelow, makeProject, tandem} from '../helpers/project.js'

describe('building in worker threads', () => {
  it('writes byte for byte what a build in one thread writes', async () => {
    const corpus = Object.fromEntries(generateCorpus(24, {seed: 7, bytes: 2500}).map(([name, text]) => [`input/${name}`, text]))
    // One article fails to parse its frontmatter, in both builds alike.
    corpus['input/kaputt.md'] = '---\ntitle: [offen\n---\n\nText.\n'
    const inline = await makeProject(corpus)
    const threaded = await makeProject(corpus)
    const one = await tandem(inline, ['build', '--provider', 'pseudo', '--workers', '1'])
    const two = await tandem(threaded, ['build', '--provider', 'pseudo', '--workers', '2'])
    expect(one.code).toBe(1)
    expect(two.code).toBe(1)
    expect(two.stdout).toContain('25 article(s): 24 built')
    const diagnostics = (text: string): string => text.replace(/^translated .*\n/gm, '')
    expect(diagnostics(two.stderr)).toBe(diagnostics(one.stderr))
    expect(two.stderr).toMatch(/kaputt\.md:2:\d+ +error +parse-failed/)
    const a = await filesBelow(join(inline, 'output'))
    const b = await filesBelow(join(threaded, 'output'))
    // Five files an article and the state; pseudo translations are not kept in a memory.
    expect(a.size).toBe(24 * 5 + 1)
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort())
    for (const [path, text] of a) expect(b.get(path), path).toBe(text)
  })
})
