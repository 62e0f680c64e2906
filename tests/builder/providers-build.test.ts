import {spawn} from 'node:child_process'
import {readdir, readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parseMarkdown} from '../../src/markdown/processor.js'
import {compareStructure} from '../../src/qa/structure.js'
import {corpusArticles} from '../helpers/corpus.js'
import {anthropicPayload, fakeAnthropic} from '../helpers/fakes/anthropic.js'
import {fakeAws} from '../helpers/fakes/aws.js'
import {fakeAzure} from '../helpers/fakes/azure.js'
import {fakeDeepL} from '../helpers/fakes/deepl.js'
import {fakeGoogle, googleEnv, googleService, testServiceAccount} from '../helpers/fakes/google.js'
import {fakeLibreTranslate} from '../helpers/fakes/libretranslate.js'
import {fakeOpenAI, payloadOf} from '../helpers/fakes/openai.js'
import {flaky, startLoopback, type Handler, type Reply} from '../helpers/loopback.js'
import {filesBelow, makeProject, put, tandem} from '../helpers/project.js'

const DEEPL_KEY = 'canary-deepl-7c1e0b:fx'
const OPENAI_KEY = 'test-canary-openai-build-4f1c'
const LIBRE_KEY = 'canary-libre-f00d'
const AZURE_KEY = 'canary-azure-9a2b44'
const ANTHROPIC_KEY = 'sk-ant-canary-build-21c8'
const AWS = {accessKeyId: 'AKIACANARYBUILD0001', secretAccessKey: 'canary-aws-secret/build+0001'}
const CANARIES = [DEEPL_KEY, OPENAI_KEY, LIBRE_KEY, AZURE_KEY, ANTHROPIC_KEY, AWS.secretAccessKey]

/** Every file under a folder, as text. */
async function allFiles(root: string): Promise<Array<[string, string]>> {
  const names = (await readdir(root, {recursive: true, withFileTypes: true})).filter((entry) => entry.isFile())
  return Promise.all(names.map(async (entry): Promise<[string, string]> => [join(entry.parentPath, entry.name), await readFile(join(entry.parentPath, entry.name), 'utf8')]))
}

async function expectNoCanary(root: string, printed: string): Promise<void> {
  for (const [path, text] of await allFiles(root)) for (const canary of CANARIES) expect(text.includes(canary), `${canary} in ${path}`).toBe(false)
  for (const canary of CANARIES) expect(printed).not.toContain(canary)
}

async function expectStructureIntact(root: string, names: readonly string[]): Promise<void> {
  for (const name of names) {
    const input = await readFile(join(root, 'input', name), 'utf8')
    const en = await readFile(join(root, 'output', name.replace(/\.md$/, '.en.md')), 'utf8')
    expect(compareStructure(parseMarkdown(input), parseMarkdown(en)), name).toBeUndefined()
  }
}

const corpus = corpusArticles()
const inputs = Object.fromEntries(corpus.map(([name, markdown]) => [`input/${name}`, markdown]))
const GLOSSARY = 'names:\n  - OpenAI\n  - Tesla\nterms:\n  - de: Abwerbung\n    en: poaching\n'

describe('tandem build with real providers against loopback servers', () => {
  it('deepl translates the corpus with structure intact, creates the glossary once and reuses it', async () => {
    const fake = fakeDeepL(DEEPL_KEY)
    const server = await startLoopback(fake.handler)
    const root = await makeProject({...inputs, 'glossary/g.yaml': GLOSSARY})
    const env = {DEEPL_AUTH_KEY: DEEPL_KEY, DEEPL_SERVER_URL: server.url, LANG: 'C'}
    const first = await tandem(root, ['build', '--provider', 'deepl', '--quiet'], {env})
    expect(first.stderr).not.toMatch(/  error  /)
    expect(first.code).toBe(0)
    await expectStructureIntact(root, corpus.map(([name]) => name))
    expect(fake.glossaries).toHaveLength(1)
    // Every request carried its block as context and the glossary id.
    const translateRequests = server.requests.filter((request) => request.path === '/v2/translate')
    expect(translateRequests.every((request) => request.form?.get('glossary_id') === fake.glossaries[0]?.glossary_id)).toBe(true)
    // A new article on the next build reuses the glossary: no second creation.
    await put(root, 'input/neu.md', 'Ein neuer Artikel über die Abwerbung.')
    const second = await tandem(root, ['build', '--provider', 'deepl', '--quiet'], {env})
    expect(second.code).toBe(0)
    expect(server.requests.filter((request) => request.method === 'POST' && request.path === '/v3/glossaries')).toHaveLength(1)
    expect(await readFile(join(root, 'output/neu.en.md'), 'utf8')).toBe('Eín néúér Artíkél übér díé poaching.\n')
    await expectNoCanary(root, first.stdout + first.stderr + second.stdout + second.stderr)
  })

  it('openai (at OPENAI_BASE_URL) translates the corpus with structure intact', async () => {
    const server = await startLoopback(fakeOpenAI(OPENAI_KEY))
    // The corpus never mentions the glossary's names and terms; this article does.
    const root = await makeProject({...inputs, 'input/terms.md': 'Die Abwerbung durch OpenAI geht weiter.\n', 'glossary/g.yaml': GLOSSARY})
    const run = await tandem(root, ['build', '--provider', 'openai', '--model', 'test-model', '--quiet'], {
      env: {OPENAI_API_KEY: OPENAI_KEY, OPENAI_BASE_URL: `${server.url}/v1`}
    })
    expect(run.stderr).not.toMatch(/  error  /)
    expect(run.code).toBe(0)
    await expectStructureIntact(root, [...corpus.map(([name]) => name), 'terms.md'])
    const memory = await readFile(join(root, 'output/.tandem/memory.de-en.jsonl'), 'utf8')
    expect(memory).toContain('"provider":"openai:test-model"')
    // Only the glossary entries that occur in a batch go into its prompt.
    const payloads = server.requests.map(payloadOf)
    const withTerm = payloads.filter((payload) => payload.segments.some((segment) => segment.text.includes('OpenAI')))
    expect(withTerm.length).toBeGreaterThan(0)
    expect(withTerm.every((payload) => payload.glossary.some((entry) => entry.de === 'OpenAI'))).toBe(true)
    const without = payloads.filter((payload) => payload.segments.every((segment) => !/OpenAI|Tesla|Abwerbung|<g\d+\/>/i.test(segment.text)))
    expect(without.length).toBeGreaterThan(0)
    expect(without.filter((payload) => payload.glossary.length > 0)).toEqual([])
    await expectNoCanary(root, run.stdout + run.stderr)
  })

  it('libretranslate (at LIBRETRANSLATE_URL) translates the corpus with structure intact', async () => {
    const server = await startLoopback(fakeLibreTranslate(LIBRE_KEY))
    const root = await makeProject(inputs)
    const run = await tandem(root, ['build', '--provider', 'libretranslate', '--quiet'], {env: {LIBRETRANSLATE_URL: server.url, LIBRETRANSLATE_API_KEY: LIBRE_KEY}})
    expect(run.stderr).not.toMatch(/  error  /)
    expect(run.code).toBe(0)
    await expectStructureIntact(root, corpus.map(([name]) => name))
    await expectNoCanary(root, run.stdout + run.stderr)
  })
})

describe('tandem build with the cloud MT adapters against loopback servers', () => {
  it('azure translates the corpus with structure intact, each protected term and name shown to it as a dynamic dictionary entry', async () => {
    const server = await startLoopback(fakeAzure(AZURE_KEY, 'westeurope'))
    const root = await makeProject({...inputs, 'input/terms.md': 'Die Abwerbung durch OpenAI geht weiter.\n', 'glossary/g.yaml': GLOSSARY})
    const run = await tandem(root, ['build', '--provider', 'azure', '--quiet'], {env: {AZURE_TRANSLATOR_KEY: AZURE_KEY, AZURE_TRANSLATOR_REGION: 'westeurope', AZURE_TRANSLATOR_ENDPOINT: server.url}})
    expect(run.stderr).not.toMatch(/  error  /)
    expect(run.code).toBe(0)
    await expectStructureIntact(root, [...corpus.map(([name]) => name), 'terms.md'])
    const texts = server.requests.flatMap((request) => (request.json as Array<{Text: string}>).map((item) => item.Text))
    expect(texts).toContain('Die <span data-t="g1"><mstrans:dictionary translation="poaching">Abwerbung</mstrans:dictionary></span> durch <span data-t="g2"><mstrans:dictionary translation="OpenAI">OpenAI</mstrans:dictionary></span> geht weiter.')
    // The English as the glossary requires it.
    expect(await readFile(join(root, 'output/terms.en.md'), 'utf8')).toMatch(/poaching .*OpenAI/)
    await expectNoCanary(root, run.stdout + run.stderr)
  })
})

describe('tandem build with anthropic against a loopback server', () => {
  it('anthropic translates the corpus with structure intact, each batch with only its glossary entries', async () => {
    const server = await startLoopback(fakeAnthropic(ANTHROPIC_KEY))
    const root = await makeProject({...inputs, 'input/terms.md': 'Die Abwerbung durch OpenAI geht weiter.\n', 'glossary/g.yaml': GLOSSARY})
    const run = await tandem(root, ['build', '--provider', 'anthropic', '--model', 'claude-test', '--quiet'], {env: {ANTHROPIC_API_KEY: ANTHROPIC_KEY, ANTHROPIC_BASE_URL: server.url}})
    expect(run.stderr).not.toMatch(/  error  /)
    expect(run.code).toBe(0)
    await expectStructureIntact(root, [...corpus.map(([name]) => name), 'terms.md'])
    expect(await readFile(join(root, 'output/.tandem/memory.de-en.jsonl'), 'utf8')).toContain('"provider":"anthropic:claude-test"')
    const payloads = server.requests.map(anthropicPayload)
    const withTerm = payloads.filter((payload) => payload.segments.some((segment) => segment.text.includes('OpenAI')))
    expect(withTerm.length).toBeGreaterThan(0)
    expect(withTerm.every((payload) => payload.glossary.some((entry) => entry.de === 'OpenAI'))).toBe(true)
    await expectNoCanary(root, run.stdout + run.stderr)
  })
})

describe('tandem build with aws against a loopback server', () => {
  it('aws translates the corpus with structure intact, the glossary imported once as a terminology and passed with every sentence', async () => {
    const fake = fakeAws(AWS)
    const server = await startLoopback(fake.handler)
    const root = await makeProject({...inputs, 'input/terms.md': 'Die Abwerbung durch OpenAI geht weiter.\n', 'glossary/g.yaml': GLOSSARY})
    const env = {AWS_REGION: 'eu-central-1', AWS_ACCESS_KEY_ID: AWS.accessKeyId, AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey, AWS_TRANSLATE_ENDPOINT: server.url}
    const run = await tandem(root, ['build', '--provider', 'aws', '--quiet'], {env})
    expect(run.stderr).not.toMatch(/  error  /)
    expect(run.code).toBe(0)
    await expectStructureIntact(root, [...corpus.map(([name]) => name), 'terms.md'])
    expect(fake.terminologies).toHaveLength(1)
    const translations = server.requests.filter((request) => request.headers['x-amz-target'] === 'AWSShineFrontendService_20170701.TranslateText')
    expect(translations.every((request) => (request.json as {TerminologyNames?: string[]}).TerminologyNames?.[0] === fake.terminologies[0]?.name)).toBe(true)
    expect(await readFile(join(root, 'output/terms.en.md'), 'utf8')).toMatch(/poaching .*OpenAI/)
    // A second build with a new article finds the terminology and imports nothing.
    await put(root, 'input/neu.md', 'Noch ein Artikel über die Abwerbung.')
    expect((await tandem(root, ['build', '--provider', 'aws', '--quiet'], {env})).code).toBe(0)
    expect(server.requests.filter((request) => request.headers['x-amz-target'] === 'AWSShineFrontendService_20170701.ImportTerminology')).toHaveLength(1)
    await expectNoCanary(root, run.stdout + run.stderr)
  })
})

describe('tandem build with google against a loopback server', () => {
  it('google translates the corpus with structure intact, one token for the whole build, the key and the token in no file and no message', async () => {
    const google = await googleService()
    const root = await makeProject({...inputs, 'input/terms.md': 'Die Abwerbung durch OpenAI geht weiter.\n', 'glossary/g.yaml': GLOSSARY})
    const run = await tandem(root, ['build', '--provider', 'google', '--quiet'], {env: google.env})
    expect(run.stderr).not.toMatch(/  error  /)
    expect(run.code).toBe(0)
    await expectStructureIntact(root, [...corpus.map(([name]) => name), 'terms.md'])
    expect(google.fake.tokens).toHaveLength(1)
    expect(await readFile(join(root, 'output/terms.en.md'), 'utf8')).toMatch(/poaching .*OpenAI/)
    for (const [path, text] of await allFiles(root)) {
      expect(text.includes(google.fake.tokens[0] as string), path).toBe(false)
      expect(text.includes(google.privateKey.slice(40, 100)), path).toBe(false)
    }
    expect(run.stdout + run.stderr).not.toContain(google.fake.tokens[0])
  })
})

describe('a real adapter whose answer breaks a placeholder', () => {
  it('deepl: the sentence is reported with file and line, exit 1, nothing written', async () => {
    const fake = fakeDeepL(DEEPL_KEY)
    const server = await startLoopback(async (request) => {
      const reply = await fake.handler(request)
      if (request.path !== '/v2/translate' || !('body' in reply)) return reply
      const body = reply.body as {translations: Array<{text: string}>}
      return {...reply, body: {translations: body.translations.map((item) => ({...item, text: item.text.replace(/<c i="\d+"\/>/, '')}))}}
    })
    const root = await makeProject({'input/a.md': '# Titel\n\nRufe `los()` auf. Fertig.\n'})
    const run = await tandem(root, ['build', '--provider', 'deepl', '--quiet'], {env: {DEEPL_AUTH_KEY: DEEPL_KEY, DEEPL_SERVER_URL: server.url}})
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('input/a.md:3:1  error  placeholder-missing  deepl lost the placeholder <c1/> in: Rufe <c1/> auf.')
    await expect(readFile(join(root, 'output/a.en.md'), 'utf8')).rejects.toThrow()
  })
})

describe('a build with 30 % of requests failing', () => {
  const mix: Reply[] = [
    {status: 429, headers: {'retry-after': '0.05'}, body: {message: 'Too many requests'}},
    {status: 500, body: {message: 'Internal error'}},
    {reset: true},
    {hang: true}
  ]
  const subset = corpus.slice(0, 4)
  // Note: with a glossary, so that DeepL's setup (listing and creating it) meets the faults too.
  const files = {...Object.fromEntries(subset.map(([name, markdown]) => [`input/${name}`, markdown])), 'glossary/g.yaml': GLOSSARY}
  // Note: a first backoff of 50 ms instead of 500: the faults and the retries are the same, the waits between them shorter.
  const quick = {timeoutMs: 400, retryDelayMs: 50}
  const config = JSON.stringify({providers: {deepl: quick, libretranslate: quick, azure: quick, google: quick, anthropic: quick, aws: quick}})
  const account = testServiceAccount()

  it.each([
    ['deepl', (handler: Handler) => handler, fakeDeepL(DEEPL_KEY).handler, /^\/v2\/translate|^\/v3\/glossaries/],
    ['libretranslate', (handler: Handler) => handler, fakeLibreTranslate(), /^\/translate/],
    ['azure', (handler: Handler) => handler, fakeAzure(AZURE_KEY), /^\/translate/],
    ['anthropic', (handler: Handler) => handler, fakeAnthropic(ANTHROPIC_KEY), /^\/v1\/messages/],
    ['aws', (handler: Handler) => handler, fakeAws(AWS).handler, /^\/$/],
    ['google', (handler: Handler) => handler, fakeGoogle({publicKey: account.publicKey, clientEmail: account.email, project: 'canary-project'}).handler, /translateText$/]
  ] as Array<[string, (h: Handler) => Handler, Handler, RegExp]>)(
    '%s completes, byte-identical to a fault-free build (setup requests faulted too), and asks for no sentence twice once it has it',
    async (provider, _wrap, handler, path) => {
      const clean = await startLoopback(handler)
      const faulty = await startLoopback(flaky(handler, path, 0.3, mix))
      const env = (url: string): Record<string, string> =>
        provider === 'deepl'
          ? {DEEPL_AUTH_KEY: DEEPL_KEY, DEEPL_SERVER_URL: url}
          : provider === 'azure'
            ? {AZURE_TRANSLATOR_KEY: AZURE_KEY, AZURE_TRANSLATOR_ENDPOINT: url}
            : provider === 'google'
              ? googleEnv(url, account)
              : provider === 'anthropic'
                ? {ANTHROPIC_API_KEY: ANTHROPIC_KEY, ANTHROPIC_BASE_URL: url}
                : provider === 'aws'
                  ? {AWS_REGION: 'eu-central-1', AWS_ACCESS_KEY_ID: AWS.accessKeyId, AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey, AWS_TRANSLATE_ENDPOINT: url}
                  : {LIBRETRANSLATE_URL: url}
      const good = await makeProject({...files, 'tandem.config.json': config})
      const bad = await makeProject({...files, 'tandem.config.json': config})
      expect((await tandem(good, ['build', '--provider', provider, '--quiet'], {env: env(clean.url)})).code).toBe(0)
      const run = await tandem(bad, ['build', '--provider', provider, '--quiet', '--concurrency', '8'], {env: env(faulty.url)})
      expect(run.stderr).not.toMatch(/  error  /)
      expect(run.code).toBe(0)
      const failed = faulty.requests.length - clean.requests.length
      expect(failed / faulty.requests.length).toBeGreaterThan(0.15)
      // Note: without the machine's own hash cache, which names each checkout's paths.
      const written = await filesBelow(join(good, 'output'))
      expect(written.size).toBeGreaterThan(10)
      for (const [name, text] of written) expect(await readFile(join(bad, 'output', name), 'utf8'), name).toBe(text)
      expect([...(await filesBelow(join(bad, 'output'))).keys()].sort()).toEqual([...written.keys()].sort())
      // Each sentence was sent again only when its request had failed: the
      // successful requests carried every sentence exactly once.
      const texts = (request: (typeof faulty.requests)[number]): string[] =>
        request.form?.getAll('text') ??
        (Array.isArray(request.json)
          ? (request.json as Array<{Text: string}>).map((item) => item.Text)
          : request.path === '/v1/messages'
            ? anthropicPayload(request).segments.map((segment) => segment.text)
            : request.headers['x-amz-target'] !== undefined
              ? [String((request.json as {Text?: string} | undefined)?.Text ?? request.headers['x-amz-target'])]
            : ((request.json as {q?: string[]; contents?: string[]} | undefined)?.q ?? (request.json as {contents?: string[]} | undefined)?.contents ?? []))
      const sentByClean = clean.requests.flatMap(texts).sort()
      expect(new Set(sentByClean).size).toBe(sentByClean.length)
      const rebuild = await startLoopback(handler)
      expect((await tandem(bad, ['build', '--provider', provider, '--quiet'], {env: env(rebuild.url)})).code).toBe(0)
      expect(rebuild.requests.filter((request) => path.test(request.path))).toHaveLength(0)
    },
    120_000
  )
})

describe('cost control and keys', () => {
  it('--dry-run reports characters for MT and estimated tokens for LLMs, and sends nothing', async () => {
    const server = await startLoopback(fakeOpenAI(OPENAI_KEY))
    const root = await makeProject({'input/a.md': 'Erster Satz mit **Fett**. Zweiter Satz.'})
    const run = await tandem(root, ['build', '--provider', 'openai', '--dry-run'], {env: {OPENAI_API_KEY: OPENAI_KEY, OPENAI_BASE_URL: `${server.url}/v1`}})
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Total to send: 2 unique sentence(s), 34 characters')
    expect(run.stdout).toMatch(/Estimated cost with openai:gpt-4o-mini: about \d+ tokens/)
    expect(server.requests).toHaveLength(0)
  })

  it('--max-chars refuses to start a build over budget', async () => {
    const server = await startLoopback(fakeLibreTranslate())
    const root = await makeProject({'input/a.md': 'Erster Satz. Zweiter Satz.'})
    const run = await tandem(root, ['build', '--provider', 'libretranslate', '--max-chars', '10'], {env: {LIBRETRANSLATE_URL: server.url}})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('this build would send 25 characters, more than --max-chars 10; nothing was sent')
    expect(server.requests).toHaveLength(0)
    expect((await tandem(root, ['build', '--provider', 'libretranslate', '--max-chars', '25', '--quiet'], {env: {LIBRETRANSLATE_URL: server.url}})).code).toBe(0)
  })

  it('reads keys from a git-ignored .env, and the environment wins over it', async () => {
    const fake = fakeDeepL(DEEPL_KEY)
    const server = await startLoopback(fake.handler)
    const root = await makeProject({'input/a.md': 'Ein Satz.', '.env': `DEEPL_AUTH_KEY=${DEEPL_KEY}\nDEEPL_SERVER_URL=http://127.0.0.1:9\n`})
    const run = await tandem(root, ['build', '--provider', 'deepl', '--quiet'], {env: {DEEPL_SERVER_URL: server.url}})
    expect(run.code).toBe(0)
    expect(server.requests[0]?.headers.authorization).toBe(`DeepL-Auth-Key ${DEEPL_KEY}`)
    const gitignore = await readFile(join(import.meta.dirname, '../../.gitignore'), 'utf8')
    expect(gitignore.split('\n')).toContain('.env')
  })

  it('a rejected key stops the build with exit 1, a clear message and no key in it', async () => {
    const server = await startLoopback(fakeDeepL('the-right-key').handler)
    const root = await makeProject({'input/a.md': 'Ein Satz. Noch einer.', 'glossary/g.yaml': GLOSSARY})
    const run = await tandem(root, ['build', '--provider', 'deepl'], {env: {DEEPL_AUTH_KEY: DEEPL_KEY, DEEPL_SERVER_URL: server.url}})
    expect(run.code).toBe(1)
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `tandem: deepl could not start, nothing was translated: deepl: HTTP 403 from ${server.url}: Wrong auth key DeepL-Auth-Key [redacted] (check the API key)`,
      '1 article(s) not built: nothing more was sent after this error; their earlier outputs are unchanged'
    ])
    expect(server.requests).toHaveLength(1)
    await expectNoCanary(root, run.stdout + run.stderr)
  })

  it('a missing key is a configuration error naming the variable', async () => {
    const root = await makeProject({'input/a.md': 'Ein Satz.'})
    const run = await tandem(root, ['build', '--provider', 'deepl'], {env: {}})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('deepl needs DEEPL_AUTH_KEY in the environment or in .env (see .env.example)')
  })
})

describe('Ctrl-C', () => {
  it('aborts the requests in flight, keeps what arrived in the memory, and exits non-zero', async () => {
    let answered = 0
    const slow = fakeLibreTranslate()
    const server = await startLoopback(async (request) => {
      if (answered >= 2) return {hang: true}
      answered++
      return slow(request)
    })
    const sentences = Array.from({length: 120}, (_, index) => `Satz Nummer ${index} ist hier.`).join(' ')
    const root = await makeProject({'input/a.md': sentences})
    const child = spawn(process.execPath, [join(import.meta.dirname, '../../dist/cli/main.js'), 'build', '--provider', 'libretranslate', '--concurrency', '1'], {
      cwd: root,
      env: {...process.env, LIBRETRANSLATE_URL: server.url, LANG: 'C'}
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    while (server.requests.length < 3) await new Promise((resolve) => setTimeout(resolve, 20))
    child.kill('SIGINT')
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    expect(code).toBe(130)
    expect(stderr).toContain('interrupted')
    const memory = await readFile(join(root, 'output/.tandem/memory.de-en.jsonl'), 'utf8')
    expect(memory.trimEnd().split('\n')).toHaveLength(1 + 100)
  }, 30_000)
})

