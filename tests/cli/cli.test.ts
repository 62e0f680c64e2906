import {execFile} from 'node:child_process'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'
import {makeProject, put, tandem} from '../helpers/project.js'

const run = promisify(execFile)
const BIN = join(import.meta.dirname, '../../dist/cli/main.js')

describe('tandem CLI', () => {
  it('runs as compiled JavaScript (the bin in package.json)', async () => {
    const {stdout} = await run(process.execPath, [BIN, '--help'])
    expect(stdout).toContain('Usage: tandem')
    expect(stdout).toContain('build [options] [files...]')
  })

  it('the bin exits 2 and says why when no provider is configured', async () => {
    const root = await makeProject({'input/a.md': 'Ein Satz.'})
    const error = (await run(process.execPath, [BIN, 'build'], {cwd: root, env: {...process.env, LANG: 'C'}}).catch((caught: unknown) => caught)) as {
      code: number
      stderr: string
    }
    expect(error.code).toBe(2)
    expect(error.stderr).toContain('input/a.md:1:1  error  needs-provider')
  })

  it('speaks German with --lang de or a German LANG', async () => {
    const root = await makeProject({'input/a.md': 'Ein Satz.'})
    const flag = await tandem(root, ['--lang', 'de', 'build'])
    expect(flag.stderr).toContain('input/a.md:1:1  Fehler  needs-provider  1 Satz/Sätze fehlen im Übersetzungsspeicher')
    const env = await tandem(root, ['build'], {env: {LANG: 'de_DE.UTF-8'}})
    expect(env.stderr).toContain('Zum Übersetzen einen Anbieter wählen')
  })

  it('rejects an unknown --lang, an unknown provider and a bad --concurrency with exit 2', async () => {
    const root = await makeProject({'input/a.md': 'Ein Satz.'})
    expect((await tandem(root, ['--lang', 'fr', 'build'])).code).toBe(2)
    const provider = await tandem(root, ['build', '--provider', 'nope'])
    expect(provider.code).toBe(2)
    expect(provider.stderr).toContain('unknown provider "nope"')
    const concurrency = await tandem(root, ['build', '--concurrency', 'many'])
    expect(concurrency.code).toBe(2)
    expect(concurrency.stderr).toContain('--concurrency must be a whole number')
    expect((await tandem(root, ['frobnicate'])).code).toBe(2)
  })

  it('validates tandem.config.json and names the line and option', async () => {
    const root = await makeProject({'input/a.md': 'Ein Satz.'})
    await put(root, 'tandem.config.json', '{\n  "provider": "pseudo",\n  "concurency": 3\n}\n')
    const unknown = await tandem(root, ['build'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('tandem.config.json:3: unknown option "concurency"')
    await put(root, 'tandem.config.json', '{\n  "provider": "pseudo",\n}\n')
    const syntax = await tandem(root, ['build'])
    expect(syntax.code).toBe(2)
    expect(syntax.stderr).toContain('tandem.config.json:3: not valid JSON')
    await put(root, 'tandem.config.json', '{"target": "fr"}')
    expect((await tandem(root, ['build'])).stderr).toContain('option "target" must be one of en, en-US, en-GB')
  })

  it('takes the provider and folders from the config, and flags override it', async () => {
    const root = await makeProject({'articles/a.md': 'Ein Satz.'})
    await put(root, 'tandem.config.json', JSON.stringify({input: 'articles', output: 'out', provider: 'identity'}))
    const fromConfig = await tandem(root, ['build'])
    expect(fromConfig.code).toBe(0)
    expect(fromConfig.stdout).toContain('wrote out/a.en.md')
    const overridden = await tandem(root, ['build', '--output', 'elsewhere', '--provider', 'pseudo'])
    expect(overridden.code).toBe(0)
    expect(overridden.stdout).toContain('wrote elsewhere/a.en.md')
  })

  it('says when the input folder is missing, and refuses files outside it', async () => {
    const root = await makeProject({'input/a.md': 'Ein Satz.'})
    const missing = await tandem(root, ['build', '--input', 'nowhere'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('input folder not found: nowhere')
    await put(root, 'other.md', 'Draußen.')
    const outside = await tandem(root, ['build', 'other.md'])
    expect(outside.code).toBe(2)
    expect(outside.stderr).toContain('not inside the input folder: other.md')
  })

  it('the offline providers do not write their fake English into the memory', async () => {
    const root = await makeProject({'input/a.md': 'Ein Satz.'})
    expect((await tandem(root, ['build', '--provider', 'pseudo'])).code).toBe(0)
    const again = await tandem(root, ['build'])
    expect(again.code).toBe(2)
  })
})
