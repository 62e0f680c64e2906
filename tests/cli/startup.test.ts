import {execFile} from 'node:child_process'
import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'
import {fakeLibreTranslate} from '../helpers/fakes/libretranslate.js'
import {startLoopback} from '../helpers/loopback.js'
import {makeProject} from '../helpers/project.js'
import {tempDir} from '../helpers/temp.js'

const run = promisify(execFile)
const BIN = join(import.meta.dirname, '../../dist/cli/main.js')
const SDKS = /^@(aws-sdk|anthropic-ai)\//

/**
 * A Node option that makes loading a cloud SDK fail: a module hook that
 * refuses to resolve `@aws-sdk/…` and `@anthropic-ai/…`.
 */
async function refusingSdks(): Promise<string[]> {
  const dir = await tempDir()
  await writeFile(join(dir, 'hooks.mjs'), `export async function resolve(specifier, context, next) {\n  if (${SDKS}.test(specifier)) throw new Error('an SDK was loaded: ' + specifier)\n  return next(specifier, context)\n}\n`)
  await writeFile(join(dir, 'register.mjs'), `import {register} from 'node:module'\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)})\n`)
  return ['--import', pathToFileURL(join(dir, 'register.mjs')).href]
}

describe('start-up', () => {
  it('a build that calls no cloud service loads none of their SDKs (they cost about 200 ms)', async () => {
    const hook = await refusingSdks()
    // The hook works: loading an SDK under it fails.
    const loaded = await run(process.execPath, [...hook, '--input-type=module', '-e', "await import('@aws-sdk/client-translate')"], {cwd: join(import.meta.dirname, '../..')}).catch((error: unknown) => error as {code: number; stderr: string})
    expect(loaded).toMatchObject({code: 1})
    expect((loaded as {stderr: string}).stderr).toContain('an SDK was loaded: @aws-sdk/client-translate')
    const root = await makeProject({'input/a.md': 'Ein Satz.\n'})
    const build = await run(process.execPath, [...hook, BIN, 'build', '--quiet', '--provider', 'pseudo'], {cwd: root, env: {...process.env, LANG: 'C', AWS_REGION: 'eu-central-1', ANTHROPIC_API_KEY: 'k'}})
    expect(build.stderr).toBe('')
    // Creating every provider is not loading its SDK either: that waits for the first request.
    const created = await run(process.execPath, [...hook, '--input-type=module', '-e', `const {createProvider} = await import(${JSON.stringify(pathToFileURL(join(import.meta.dirname, '../../dist/providers/registry.js')).href)}); for (const name of ['aws', 'anthropic']) console.log(createProvider(name, {env: {AWS_REGION: 'eu-central-1', AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 's', ANTHROPIC_API_KEY: 'k'}, options: {}, target: 'en-US'}).id)`])
    expect(created.stdout).toMatch(/^aws\nanthropic:/)
  })
})

/** Node options that log every file the program loads (one URL a line) to `log`. */
async function loggingLoads(log: string): Promise<string[]> {
  const dir = await tempDir()
  await writeFile(join(dir, 'hooks.mjs'), `import {appendFileSync} from 'node:fs'\nexport async function load(url, context, next) {\n  if (url.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, url + '\\n')\n  return next(url, context)\n}\n`)
  await writeFile(join(dir, 'register.mjs'), `import {register} from 'node:module'\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)})\n`)
  return ['--import', pathToFileURL(join(dir, 'register.mjs')).href]
}

/** Which of the MDX parser (remark-mdx) and the HTML parser (parse5) the files a build loaded hold: the bundle names each package's code. */
async function readersLoaded(files: Record<string, string>): Promise<{mdx: boolean; html: boolean}> {
  const root = await makeProject(files)
  const log = join(root, 'loads.log')
  await writeFile(log, '')
  const build = await run(process.execPath, [...(await loggingLoads(log)), BIN, 'build', '--quiet', '--provider', 'pseudo', '--workers', '1'], {cwd: root, env: {...process.env, LANG: 'C'}})
  expect(build.stderr).toBe('')
  const urls = (await readFile(log, 'utf8')).split('\n').filter((url) => url !== '')
  expect(urls.length).toBeGreaterThan(3)
  const texts = await Promise.all(urls.map((url) => readFile(new URL(url), 'utf8')))
  return {mdx: texts.some((text) => text.includes('node_modules/remark-mdx/')), html: texts.some((text) => text.includes('node_modules/parse5/'))}
}

describe('what a build loads', () => {
  it('reads Markdown without loading the MDX or the HTML parser, and loads each for its own inputs', async () => {
    expect(await readersLoaded({'input/a.md': '# Titel\n\nEin Satz.\n'})).toEqual({mdx: false, html: false})
    expect(await readersLoaded({'input/a.mdx': '# Titel\n\n<Note>Ein Satz.</Note>\n'})).toEqual({mdx: true, html: false})
    expect(await readersLoaded({'input/a.html': '<h1>Titel</h1><p>Ein Satz.</p>\n'})).toEqual({mdx: false, html: true})
  })
})

describe('what a build that sends sentences loads', () => {
  it('talks to the provider without fetch: undici, which fetch loads on its first call (about 35 ms), stays unloaded', async () => {
    const server = await startLoopback(fakeLibreTranslate())
    const root = await makeProject({'input/a.md': 'Ein Satz.\n\nNoch ein Satz.\n'})
    const dir = await tempDir()
    // Note: Node lists every internal module it loaded; the hook prints the undici ones as the program exits.
    await writeFile(join(dir, 'report.mjs'), "process.on('exit', () => process.stderr.write('internal: ' + process.moduleLoadList.filter((name) => name.includes('undici')).join(',') + '\\n'))\n")
    const build = await run(process.execPath, ['--import', pathToFileURL(join(dir, 'report.mjs')).href, BIN, 'build', '--quiet', '--provider', 'libretranslate'], {cwd: root, env: {...process.env, LANG: 'C', LIBRETRANSLATE_URL: server.url}, timeout: 20_000})
    expect(server.requests.filter((request) => request.path === '/translate').length).toBeGreaterThan(0)
    expect(await readFile(join(root, 'output/a.en.md'), 'utf8')).not.toBe('Ein Satz.\n\nNoch ein Satz.\n')
    expect(build.stderr).toBe('internal: \n')
    // The report can see undici: a program that calls fetch lists it.
    const fetched = await run(process.execPath, ['--import', pathToFileURL(join(dir, 'report.mjs')).href, '--input-type=module', '-e', `await (await fetch(${JSON.stringify(`${server.url}/translate`)}, {method: 'POST', headers: {'content-type': 'application/json'}, body: '{"q": "Satz"}'})).text()`], {timeout: 20_000})
    expect(fetched.stderr).toMatch(/^internal: .*undici/)
  })
})
