import {mkdir, readdir, readFile, stat, symlink, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {MAX_NESTING} from '../../src/markdown/depth.js'
import {pseudoTranslate} from '../../src/providers/pseudo.js'
import {signatures} from '../helpers/mdast.js'
import {makeProject, put, tandem} from '../helpers/project.js'
import {tempDir} from '../helpers/temp.js'

const read = (root: string, path: string): Promise<string> => readFile(join(root, path), 'utf8')
const GOOD = '# Titel\n\nEin guter Satz.\n'

/** Every file below `dir` with its size, to prove nothing was written outside output/. */
async function inventory(dir: string): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  for (const entry of await readdir(dir, {withFileTypes: true, recursive: true})) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    out.set(path, (await stat(path)).size)
  }
  return out
}

function nested(kind: 'list' | 'quote', depth: number): string {
  if (kind === 'quote') return `# Tief\n\n${'>'.repeat(depth)} Ein tief zitierter Satz. Noch einer.\n`
  return `# Liste\n\n${Array.from({length: depth}, (_, level) => `${' '.repeat(2 * level)}- Punkt ${level}.`).join('\n')}\n`
}

describe('hostile input', () => {
  it('stops on an invalid glossary with its file and line, leaving earlier outputs as they were', async () => {
    const root = await makeProject({'input/a.md': GOOD})
    expect((await tandem(root, ['build', '--provider', 'pseudo'])).code).toBe(0)
    const before = await read(root, 'output/a.en.md')
    await put(root, 'glossary/terms.yaml', 'terms:\n  - de: KI\n    en: AI\n  - de: [offen\n')
    await put(root, 'input/a.md', '# Titel\n\nEin geänderter Satz.\n')
    const run = await tandem(root, ['build', '--provider', 'pseudo'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^tandem: configuration error: glossary\/terms\.yaml:5: invalid YAML: Flow sequence/)
    expect(await read(root, 'output/a.en.md')).toBe(before)
  })

  it('refuses a link out of the input folder without reading it, and builds the rest', async () => {
    const root = await makeProject({'input/a.md': GOOD})
    const secret = join(await tempDir(), 'secret.md')
    await writeFile(secret, '# Geheim\n\nDieser Text darf nie gelesen werden.\n')
    await symlink(secret, join(root, 'input/link.md'))
    await mkdir(join(root, 'elsewhere'))
    await writeFile(join(root, 'elsewhere/b.md'), '# B\n\nAuch nicht.\n')
    await symlink(join(root, 'elsewhere'), join(root, 'input/folder'))
    const run = await tandem(root, ['build', '--provider', 'pseudo'])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`input/link.md  error  input-outside  a symbolic link to ${secret}, outside the input folder; not read`)
    expect(await read(root, 'output/a.en.md')).toContain('Éín gútér Sátz.')
    const written = [...(await inventory(join(root, 'output'))).keys()]
    expect(written.some((path) => path.includes('link') || path.includes('folder'))).toBe(false)
    for (const path of written) expect(await readFile(path, 'utf8')).not.toContain('Geheim')
  })

  it('refuses paths that leave the input folder with ..', async () => {
    const root = await makeProject({'input/a.md': GOOD, 'outside.md': GOOD})
    for (const path of ['../outside.md', 'input/../outside.md', 'input/../../etc/hostname']) {
      const run = await tandem(join(root), ['build', '--provider', 'pseudo', path])
      expect(run.code, path).toBe(2)
      expect(run.stderr).toContain(`not inside the input folder: ${path}`)
    }
    await expect(stat(join(root, 'output/a.en.md'))).rejects.toThrow()
  })

  it('mirrors names with spaces and non-ASCII letters into the output folder, and only there', async () => {
    const root = await makeProject({'input/Über uns/Straße & Co (2026).md': '# Grüße\n\nEin Satz über Straßen.\n'})
    const outside = await inventory(root)
    const run = await tandem(root, ['build', '--provider', 'pseudo'])
    expect(run.code).toBe(0)
    expect(await read(root, 'output/Über uns/Straße & Co (2026).en.md')).toBe('# Grüßé\n\nÉín Sátz übér Stráßén.\n')
    expect(await read(root, 'output/Über uns/Straße & Co (2026).review.html')).toContain('Ein Satz über Straßen.')
    const after = await inventory(root)
    for (const path of after.keys()) {
      if (!outside.has(path)) expect(path.startsWith(join(root, 'output') + '/'), path).toBe(true)
    }
  })

  it('refuses a 50 MB input at once, before reading it, and builds the rest', async () => {
    const root = await makeProject({'input/a.md': GOOD})
    await writeFile(join(root, 'input/huge.md'), Buffer.alloc(50 * 1024 * 1024, 'Ein Satz. '))
    const run = await tandem(root, ['build', '--provider', 'pseudo'])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('input/huge.md  error  input-too-large  file of 52428800 bytes, more than the limit of 10485760 bytes')
    expect(await read(root, 'output/a.en.md')).toContain('Éín gútér Sátz.')
    await expect(stat(join(root, 'output/huge.en.md'))).rejects.toThrow()
  })

  it(`translates lists and block quotes nested ${MAX_NESTING} deep, and refuses 1,000 deep with the line`, async () => {
    const root = await makeProject({
      'input/list-ok.md': nested('list', MAX_NESTING),
      'input/quote-ok.md': nested('quote', MAX_NESTING),
      'input/list-deep.md': nested('list', 1000),
      'input/quote-deep.md': nested('quote', 1000)
    })
    const run = await tandem(root, ['build', '--provider', 'pseudo'])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`input/list-deep.md:${3 + MAX_NESTING + 1}:1  error  input-too-deep`)
    expect(run.stderr).toContain('input/quote-deep.md:3:1  error  input-too-deep')
    for (const name of ['list-ok', 'quote-ok']) {
      const de = await read(root, `output/${name}.de.md`)
      const en = await read(root, `output/${name}.en.md`)
      expect(en.split('\n')).toHaveLength(de.split('\n').length)
      expect(signatures(en)).toEqual(signatures(await read(root, `input/${name}.md`)))
    }
  })

  it('translates a sentence of 100,000 characters as one sentence', async () => {
    const words = ['Wort', 'und', 'noch', 'ein', 'Satzteil', 'mit', 'Komma,']
    const parts: string[] = []
    for (let i = 0; parts.join(' ').length < 100_000; i++) parts.push(words[i % words.length] as string)
    const sentence = `${parts.join(' ')}.`
    const root = await makeProject({'input/long.md': `# Lang\n\n${sentence}\n`})
    const run = await tandem(root, ['build', '--provider', 'pseudo'])
    expect(run.code, run.stderr).toBe(0)
    expect(sentence.length).toBeGreaterThanOrEqual(100_000)
    expect(await read(root, 'output/long.en.md')).toBe(`# Láng\n\n${pseudoTranslate(sentence)}\n`)
  })
})
