import {execFileSync} from 'node:child_process'
import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {fakeDeepL} from '../helpers/fakes/deepl.js'
import {startLoopback} from '../helpers/loopback.js'
import {makeProject, tandem} from '../helpers/project.js'

const DOC = join(import.meta.dirname, '../../docs/ci.md')
const KEY = 'ci-canary-7d1e:fx'
const GIT_ENV = {...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.com'}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {cwd, env: GIT_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']})
}

interface Step {
  readonly name?: string
  readonly uses?: string
  readonly run?: string
  readonly env?: Record<string, string>
}

/** The workflow of docs/ci.md, parsed as GitHub reads it. */
async function workflow(): Promise<{on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, {'runs-on': string; steps: Step[]}>}> {
  const doc = await readFile(DOC, 'utf8')
  const block = /```yaml\n([\s\S]*?)\n```/.exec(doc)?.[1]
  if (block === undefined) throw new Error('docs/ci.md has no yaml block')
  return parse(block) as never
}

/** A `${{ … }}` expression as GitHub would fill it in for a pull request from `feature` into `main`. */
function expand(text: string): string {
  const values: Record<string, string> = {'github.base_ref': 'main', 'github.head_ref': 'feature', 'github.event.pull_request.number': '7', 'secrets.DEEPL_AUTH_KEY': KEY, 'github.token': 'token'}
  return text.replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_all, name: string) => values[name] ?? `<${name}>`)
}

describe('the GitHub Actions workflow of docs/ci.md', () => {
  it('is a workflow for pull requests with the permissions it needs', async () => {
    const flow = await workflow()
    expect(Object.keys(flow.on)).toEqual(['pull_request'])
    expect(flow.permissions).toEqual({contents: 'write', 'pull-requests': 'write'})
    const steps = Object.values(flow.jobs).flatMap((job) => job.steps)
    expect(steps.map((step) => step.uses?.split('@')[0]).filter(Boolean)).toEqual(['actions/checkout', 'actions/setup-node', 'actions/upload-artifact'])
    expect(steps.some((step) => step.run === 'npm ci')).toBe(true)
  })

  it('runs each of its tandem commands against a project: translates only what changed, comments the change, passes the gate', async () => {
    const fake = fakeDeepL(KEY)
    const server = await startLoopback(fake.handler)
    const root = await makeProject({'input/a.md': '# Die Abwerbung\n\nEin erster Satz steht hier.\n\nEin zweiter Satz folgt.\n', 'input/b.md': 'Ein anderer Artikel.\n'})
    git(root, 'init', '-q', '-b', 'main')
    const env = {LANG: 'en_US.UTF-8', DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url, GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'zeitung/artikel', GITHUB_SHA: 'abc123'}
    expect((await tandem(root, ['build', '--provider', 'deepl', '--quiet'], {env})).code).toBe(0)
    git(root, 'add', '-A')
    git(root, 'commit', '-q', '-m', 'base')
    git(root, 'remote', 'add', 'origin', root)
    git(root, 'fetch', '-q', 'origin')
    git(root, 'checkout', '-q', '-b', 'feature')
    await writeFile(join(root, 'input/a.md'), '# Die Abwerbung\n\nEin erster Satz steht dort.\n\nEin zweiter Satz folgt.\n')
    const sentBefore = server.requests.length

    const flow = await workflow()
    const commands: Array<{args: string[]; env: Record<string, string>}> = []
    for (const step of Object.values(flow.jobs).flatMap((job) => job.steps)) {
      for (const line of (step.run ?? '').split('\n')) {
        const command = /^npx tandem (.+?)(?: > \S+)?(?: \|\|.*)?$/.exec(expand(line).trim())?.[1]
        if (command !== undefined) commands.push({args: command.split(/\s+/), env: Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, expand(value)]))})
      }
    }
    expect(commands.map(({args}) => args[0])).toEqual(['init', 'build', 'review', 'check'])
    const runs = []
    for (const command of commands) runs.push(await tandem(root, command.args, {env: {...env, ...command.env}}))
    const [init, build, review, check] = runs
    expect(init?.code).toBe(0)
    expect(git(root, 'config', '--get', 'merge.tandem.driver').trim()).toBe('npx --no-install tandem merge %O %A %B %P')
    expect(build?.code).toBe(0)
    // Only the changed sentence was sent.
    const texts = server.requests.slice(sentBefore).flatMap((request) => request.form?.getAll('text') ?? [])
    expect(texts).toEqual(['Ein erster Satz steht dort.'])
    expect(review?.code).toBe(0)
    expect(review?.stdout).toContain('## tandem: sentences changed since `origin/main`')
    expect(review?.stdout).toContain('### input/a.md: 1 changed sentence(s)')
    expect(review?.stdout).toMatch(/\| \[\d+\]\(https:\/\/github\.com\/zeitung\/artikel\/blob\/abc123\/output\/a\.en\.md#L\d+\) \| Ein erster Satz steht ~~hier.~~ \*\*dort.\*\* \| /)
    expect(check?.stdout).toBe('2 article(s) checked: 0 problem(s)\n')
    expect(check?.code).toBe(0)
    // The stricter gate of the notes: the article the pull request changed has machine translations nobody reviewed; the other is not asked about.
    const strict = await tandem(root, ['check', '--format', 'github', '--require-reviewed', '--since', 'origin/main'], {env})
    expect(strict.code).toBe(1)
    expect(strict.stdout).toMatch(/^::error file=input\/a\.md,line=3,col=1,title=check-unreviewed::a machine translation nobody reviewed: Ein erster Satz steht dort\.$/m)
    expect(strict.stdout).not.toContain('input/b.md')
  }, 30_000)
})
