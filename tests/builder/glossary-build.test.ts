import {cp, readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadGlossary} from '../../src/glossary/load.js'
import {GlossaryContext} from '../../src/glossary/context.js'
import {makeProject, put, tandem} from '../helpers/project.js'
import {recordingProvider} from '../helpers/providers.js'
import {tempDir} from '../helpers/temp.js'

const ROOT = join(import.meta.dirname, '../..')
const read = (root: string, path: string): Promise<string> => readFile(join(root, path), 'utf8')

describe('the seed article with the pseudo provider', () => {
  it('keeps every name and renders every term as the glossary requires', async () => {
    const root = await tempDir()
    await cp(join(ROOT, 'input'), join(root, 'input'), {recursive: true})
    await cp(join(ROOT, 'glossary'), join(root, 'glossary'), {recursive: true})
    const run = await tandem(root, ['build', '--provider', 'pseudo'])
    expect(run.code).toBe(0)
    expect(run.stderr).not.toMatch(/glossary-/)
    const glossary = await loadGlossary(join(root, 'glossary'), root)
    const context = new GlossaryContext(glossary)
    const de = await read(root, 'output/openai-abwerbung.de.md')
    const en = await read(root, 'output/openai-abwerbung.en.md')
    // Line by line: every occurrence in a German line has its required English in the English line.
    const enLines = en.split('\n')
    let checked = 0
    de.split('\n').forEach((line, index) => {
      for (const match of context.matcher.match(line)) {
        checked++
        expect(context.violations(line.replace(/[&<>]/g, ''), enLines[index] ?? ''), `line ${index + 1}: ${match.text}`).toEqual([])
      }
    })
    expect(checked).toBeGreaterThan(40)
    for (const name of ['David Lau', 'Uday Ruddarraju', 'Mike Dalton', 'Elon Musk', 'Sam Altman', 'OpenAI', 'Tesla', 'xAI', 'Microsoft', 'Colossus', 'Stargate']) expect(en).toContain(name)
  })
})

const ARTICLE = 'Die Abwerbung von Ingenieuren ist neu.\n\nDie KI-Infrastruktur wächst.\n\nEin Satz ohne Begriffe.\n\nNoch eine Abwerbung durch Tesla.\n'
const GLOSSARY = 'names:\n  - Tesla\nterms:\n  - de: Abwerbung\n    en: poaching\n    forbidden: [headhunting]\n  - de: Ingenieur\n    en: engineer\n  - de: KI\n    en: AI\n'

describe('enforcement with a provider that knows the glossary', () => {
  it('repairs a broken term by translating the sentence again with the term protected', async () => {
    const root = await makeProject({'input/a.md': ARTICLE, 'glossary/g.yaml': GLOSSARY})
    // A "prompt" provider that ignores the glossary: it says headhunting for Abwerbung.
    const provider = {...recordingProvider({answer: (text) => ({id: '', text: text.replace(/[Ááa]bw[ée]rb[úu]ng/g, 'headhunting')})}), capabilities: {...recordingProvider().capabilities, glossary: 'prompt' as const}}
    const run = await tandem(root, ['build', '--provider', 'p', '--strict', '--quiet'], {providers: {p: provider}})
    expect(run.stderr).not.toMatch(/glossary-/)
    expect(run.code).toBe(0)
    const en = await read(root, 'output/a.en.md')
    expect(en).toContain('poaching')
    expect(en).not.toContain('headhunting')
    // The repair sent only the sentences that broke a term, each broken term as a placeholder
    // (the fake English also mangles Ingenieuren and KI); the sentence without terms was not sent again.
    const repairs = provider.requests.slice(1).flatMap((request) => request.segments.map((segment) => segment.text))
    expect(repairs).toEqual(['Die <g1/> von <g2/> ist neu.', 'Die <g1/>-Infrastruktur wächst.', 'Noch eine <g1/> durch <g2/>.'])
  })

  it('reports what it cannot repair at the exact place; --strict makes it fail', async () => {
    const root = await makeProject({'input/a.md': ARTICLE, 'glossary/g.yaml': GLOSSARY})
    const stubborn = () => {
      const inner = recordingProvider({answer: (text) => ({id: '', text: text.replace(/[Ááa]bw[ée]rb[úu]ng/g, 'headhunting').replace(/<g\d+\/>/g, 'headhunting')})})
      return {...inner, capabilities: {...inner.capabilities, glossary: 'prompt' as const}}
    }
    const lenient = await tandem(root, ['build', '--provider', 'p', '--quiet'], {providers: {p: stubborn()}})
    expect(lenient.code).toBe(0)
    expect(lenient.stderr).toContain('input/a.md:1:1  warning  glossary-forbidden  "Abwerbung" is rendered with the forbidden "headhunting" instead of "poaching" in: Die Abwerbung von Ingenieuren ist neu.')
    expect(lenient.stderr).toContain('input/a.md:7:1  warning  glossary-missing')
    const root2 = await makeProject({'input/a.md': ARTICLE, 'glossary/g.yaml': GLOSSARY})
    const strict = await tandem(root2, ['build', '--provider', 'p', '--strict', '--quiet'], {providers: {p: stubborn()}})
    expect(strict.code).toBe(1)
  })

  it('records which glossary entries each translation was made with', async () => {
    const root = await makeProject({'input/a.md': ARTICLE, 'glossary/g.yaml': GLOSSARY})
    await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}})
    const entries = (await read(root, 'output/.tandem/memory.de-en.jsonl')).trimEnd().split('\n').slice(1).map((line) => JSON.parse(line) as {source: string; glossary?: string[]})
    expect(entries.find((entry) => entry.source === 'Die Abwerbung von Ingenieuren ist neu.')?.glossary).toHaveLength(2)
    expect(entries.find((entry) => entry.source === 'Ein Satz ohne Begriffe.')?.glossary).toBeUndefined()
  })
})

describe('scoped invalidation', () => {
  const build = async (root: string) => {
    const provider = recordingProvider()
    const run = await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: provider}})
    expect(run.code).toBe(0)
    return provider.received
  }

  it('changing a term re-sends only the sentences that contain it', async () => {
    const root = await makeProject({'input/a.md': ARTICLE, 'glossary/g.yaml': GLOSSARY})
    expect(await build(root)).toHaveLength(4)
    await put(root, 'glossary/g.yaml', GLOSSARY.replace('en: poaching\n    forbidden: [headhunting]', 'en: talent raid'))
    const sent = await build(root)
    expect(sent).toEqual(['Die <g1/> von <g2/> ist neu.', 'Noch eine <g1/> durch <g2/>.'])
    expect(await read(root, 'output/a.en.md')).toContain('talent raid')
  })

  it('adding or removing a term re-verifies and sends nothing when the translations comply', async () => {
    const root = await makeProject({'input/a.md': ARTICLE, 'glossary/g.yaml': GLOSSARY})
    await build(root)
    await put(root, 'glossary/g.yaml', GLOSSARY.replace('  - de: KI\n    en: AI\n', ''))
    expect(await build(root)).toEqual([])
    await put(root, 'glossary/g.yaml', `${GLOSSARY}  - de: Satz\n    en: sentence\n`)
    // "Satz" is new: its sentence's pseudo English has no "sentence", so that one sentence goes again.
    expect(await build(root)).toEqual(['Ein <g1/> ohne Begriffe.'])
  })

  it('a term changed while building without a provider is reported, and translated again by the next build with one', async () => {
    const root = await makeProject({'input/a.md': ARTICLE, 'glossary/g.yaml': GLOSSARY})
    await build(root)
    await put(root, 'glossary/g.yaml', GLOSSARY.replace('en: poaching\n    forbidden: [headhunting]', 'en: talent raid'))
    const offline = await tandem(root, ['build'])
    expect(offline.code).toBe(0)
    expect(offline.stderr).toContain('glossary-missing')
    // Note: the offline build wrote its outputs and state; the article is not skipped as unchanged all the same.
    expect(await build(root)).toEqual(['Die <g1/> von <g2/> ist neu.', 'Noch eine <g1/> durch <g2/>.'])
    expect(await read(root, 'output/a.en.md')).toContain('talent raid')
  })

  it('never overwrites a reviewed translation; flags it when the glossary changes under it', async () => {
    const root = await makeProject({'input/a.md': 'Die Abwerbung ist neu.\n', 'glossary/g.yaml': GLOSSARY})
    await put(
      root,
      'output/.tandem/memory.de-en.jsonl',
      '{"tandem":"translation-memory","version":1}\n{"source":"Die Abwerbung ist neu.","target":"The poaching is new.","status":"reviewed","provider":"human"}\n'
    )
    await put(root, 'glossary/g.yaml', GLOSSARY.replace('en: poaching\n    forbidden: [headhunting]', 'en: talent raid'))
    const provider = recordingProvider()
    const run = await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: provider}})
    expect(provider.received).toEqual([])
    expect(run.stderr).toContain('input/a.md:1:1  warning  glossary-reviewed  the reviewed translation does not render "Abwerbung" as "talent raid" (kept as reviewed)')
    expect(await read(root, 'output/a.en.md')).toBe('The poaching is new.\n')
  })
})

describe('QA findings in a build', () => {
  it('reports numbers, quotes and untranslated sentences; each check can be turned off', async () => {
    const article = '„Es sind 200.000 GPUs“, sagte er.\n\nDas bleibt unübersetzt hier.\n'
    const provider = () => {
      const inner = recordingProvider()
      return {
        ...inner,
        translate: async (request: Parameters<typeof inner.translate>[0]) =>
          request.segments.map((segment) => ({id: segment.id, text: segment.text.startsWith('Das') ? segment.text : segment.text.replace('sagte er', 'he said')}))
      }
    }
    const root = await makeProject({'input/a.md': article})
    const run = await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: provider()}})
    expect(run.stderr).toContain('input/a.md:1:1  warning  qa-numbers')
    expect(run.stderr).toContain('input/a.md:1:1  warning  qa-quotes')
    expect(run.stderr).toContain('input/a.md:3:1  warning  qa-untranslated  looks untranslated (the same as the German)')
    await put(root, 'tandem.config.json', JSON.stringify({qa: {numbers: false, quotes: false}}))
    const quieter = await tandem(root, ['build', '--quiet'])
    expect(quieter.stderr).not.toContain('qa-numbers')
    expect(quieter.stderr).not.toContain('qa-quotes')
    expect(quieter.stderr).toContain('qa-untranslated')
    expect((await tandem(root, ['build', '--strict', '--quiet'])).code).toBe(1)
    await put(root, 'tandem.config.json', JSON.stringify({qa: {number: false}}))
    expect((await tandem(root, ['build'])).stderr).toContain('unknown check "qa.number"')
  })
})

