import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {fakeLibreTranslate} from '../helpers/fakes/libretranslate.js'
import {closedPort, startLoopback} from '../helpers/loopback.js'
import {makeProject, put, tandem} from '../helpers/project.js'
import {recordingProvider} from '../helpers/providers.js'

const ARTICLES = {
  'input/a.md': '# Titel\n\nEin Satz. Noch ein Satz.\n',
  'input/b.md': 'Der zweite Artikel hat drei Sätze. Das ist der zweite. Und der dritte.\n',
  'input/c.md': 'Ein dritter Artikel.\n'
}

const lines = (text: string): string[] => text.trimEnd().split('\n').filter((line) => line !== '')

describe('a build against a provider that cannot work', () => {
  it.each([
    ['openai', (url: string) => ['--provider', 'openai', '--base-url', `${url}/v1`]],
    ['libretranslate', (url: string) => ['--provider', 'libretranslate', '--base-url', url]]
  ])('%s at a dead endpoint: one error naming it within 5 s, exit 1, earlier outputs untouched', async (_name, flags) => {
    const root = await makeProject(ARTICLES)
    const good = await startLoopback(fakeLibreTranslate())
    expect((await tandem(root, ['build', '--provider', 'libretranslate', '--quiet'], {env: {LIBRETRANSLATE_URL: good.url}})).code).toBe(0)
    const before = await readFile(join(root, 'output/a.en.md'), 'utf8')
    await put(root, 'input/a.md', '# Titel\n\nEin neuer Satz. Noch ein Satz.\n')
    await put(root, 'input/b.md', 'Ganz neu.\n')
    const port = await closedPort()
    const started = performance.now()
    const run = await tandem(root, ['build', ...flags(`http://127.0.0.1:${port}`)], {env: {OPENAI_API_KEY: 'sk-canary-dead-endpoint'}})
    const elapsed = performance.now() - started
    expect(run.code).toBe(1)
    expect(elapsed).toBeLessThan(5000)
    const errors = lines(run.stderr).filter((line) => line.startsWith('tandem:') || line.includes('  error  '))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain(`cannot reach http://127.0.0.1:${port} (ECONNREFUSED): is the server running and the URL right?`)
    expect(run.stderr).toContain('2 article(s) not built: nothing more was sent after this error; their earlier outputs are unchanged')
    expect(lines(run.stderr).length).toBeLessThanOrEqual(4)
    expect(run.stdout + run.stderr).not.toContain('sk-canary-dead-endpoint')
    expect(await readFile(join(root, 'output/a.en.md'), 'utf8')).toBe(before)
  })

  it('a plain web server (501, an HTML page): no retries, one short error that says the URL looks wrong', async () => {
    const page = `<!DOCTYPE HTML>\n<html><body>\n${'<p>Unsupported method</p>\n'.repeat(400)}</body></html>\n`
    const server = await startLoopback(() => ({status: 501, headers: {'content-type': 'text/html'}, raw: page}))
    const root = await makeProject(ARTICLES)
    const started = performance.now()
    const run = await tandem(root, ['build', '--provider', 'libretranslate', '--base-url', server.url])
    expect(performance.now() - started).toBeLessThan(5000)
    expect(run.code).toBe(1)
    expect(lines(run.stderr)).toEqual([
      `tandem: libretranslate: ${server.url} answered an HTML page (HTTP 501), not the API: is the URL right?`,
      '3 article(s) not built: nothing more was sent after this error; their earlier outputs are unchanged'
    ])
    expect(server.requests).toHaveLength(1)
  })

  it('--dry-run needs no key: it sends nothing', async () => {
    const root = await makeProject(ARTICLES)
    for (const provider of ['deepl', 'openai', 'libretranslate']) {
      const run = await tandem(root, ['build', '--provider', provider, '--dry-run'], {env: {}})
      expect(run.code, `${provider}: ${run.stderr}`).toBe(0)
      expect(run.stdout).toContain('Total to send: 7 unique sentence(s)')
    }
    expect((await tandem(root, ['build', '--provider', 'deepl'], {env: {}})).code).toBe(2)
  })
})

describe('what a provider answers never reaches a terminal or an output raw', () => {
  it('removes control characters (ESC, NUL, RLO, …) from answers and says so', async () => {
    const inner = recordingProvider()
    const provider = {
      ...inner,
      translate: async (request: Parameters<typeof inner.translate>[0], options: Parameters<typeof inner.translate>[1]) =>
        (await inner.translate(request, options)).map((item, index) => ({...item, text: index === 0 ? `\u001b[31m${item.text}\u0000\u202e` : item.text}))
    }
    const root = await makeProject({'input/a.md': 'Ein Satz. Noch ein Satz.\n'})
    const run = await tandem(root, ['build', '--provider', 'p'], {providers: {p: provider}})
    expect(run.code).toBe(0)
    const english = await readFile(join(root, 'output/a.en.md'), 'utf8')
    expect(english).not.toMatch(/[\u0000-\u0008\u001b\u202e]/)
    expect(run.stderr).toContain('warning  provider-control  removed control characters (U+001B, U+0000, U+202E) from recording')
    expect(run.stdout + run.stderr).not.toMatch(/[\u0000\u001b\u202e]/)
    const memory = await readFile(join(root, 'output/.tandem/memory.de-en.jsonl'), 'utf8')
    expect(memory).not.toMatch(/\\u001b|\\u0000|\u202e/)
  })

  it('prints a file name with control characters escaped', async () => {
    const root = await makeProject({'input/a\u001b[2Jb\u202e.md': 'Ein Satz.\n'})
    const run = await tandem(root, ['build', '--provider', 'pseudo'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('wrote output/a\\u{1b}[2Jb\\u{202e}.en.md')
    expect(run.stdout + run.stderr).not.toMatch(/[\u001b\u202e]/)
  })
})

describe('--strict', () => {
  it('says why it fails when only warnings are left, and writes the outputs', async () => {
    const root = await makeProject({'input/a.md': 'Es sind 200.000 GPUs.\n'})
    const provider = recordingProvider()
    const answer = {...provider, translate: async (request: Parameters<typeof provider.translate>[0]) => request.segments.map((segment) => ({id: segment.id, text: 'There are many GPUs.'}))}
    const run = await tandem(root, ['build', '--provider', 'p', '--strict'], {providers: {p: answer}})
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('warning  qa-numbers')
    expect(run.stderr).toContain('failed under --strict: 1 warning(s) (outputs are written; the exit code is 1)')
    expect(await readFile(join(root, 'output/a.en.md'), 'utf8')).toBe('There are many GPUs.\n')
  })
})
