import {execFile} from 'node:child_process'
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'
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
