import {execFileSync, spawnSync} from 'node:child_process'
import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parseState, stateText} from '../../src/builder/state.js'
import {parseMemoryText} from '../../src/memory/store.js'
import {parseRecord} from '../../src/review/record.js'
import {makeProject, put, tandem} from '../helpers/project.js'
import {recordingProvider} from '../helpers/providers.js'
import {tempDir} from '../helpers/temp.js'

/** The built CLI, as git runs the merge driver (a process of its own). */
const CLI = join(import.meta.dirname, '../../dist/cli/main.js')
const GIT_ENV = {...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.com'}
const MEMORY = 'output/.tandem/memory.de-en.jsonl'

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {cwd, env: GIT_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']})
}

/** A git command that may fail: its exit status and output. */
function tryGit(cwd: string, ...args: string[]): {status: number; output: string} {
  const run = spawnSync('git', args, {cwd, env: GIT_ENV, encoding: 'utf8'})
  return {status: run.status ?? -1, output: `${run.stdout}${run.stderr}`}
}

async function build(root: string, env: Record<string, string> = {}): Promise<void> {
  const run = await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}, env: {LANG: 'en_US.UTF-8', ...env}})
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
}

function commitAll(root: string, message: string): void {
  git(root, 'add', '-A')
  git(root, 'commit', '-q', '-m', message)
}

/** A repository with tandem's merge driver set up by `tandem init`, one article built and committed on main. */
async function repository(article: string): Promise<string> {
  const root = await makeProject({'input/a.md': article})
  git(root, 'init', '-q', '-b', 'main')
  const init = await tandem(root, ['init'])
  expect(init.code).toBe(0)
  // Note: the driver runs the CLI built from this checkout; `tandem init --git-config` sets the npx form (tested below).
  git(root, 'config', 'merge.tandem.driver', `node ${CLI} merge %O %A %B %P`)
  await build(root)
  commitAll(root, 'base')
  return root
}

describe('merging what tandem keeps in git (real git, tandem merge as the driver)', () => {
  it('merges two branches that each translated another article, without a conflict; a rebase and a cherry-pick give the same memory; the result builds with no provider and changes nothing', async () => {
    const root = await repository('Am Anfang steht ein Satz.\n\nZum Schluss steht ein Satz.\n')
    git(root, 'checkout', '-q', '-b', 'x')
    await put(root, 'input/b.md', 'Brücken sind lang.\n')
    await build(root)
    commitAll(root, 'b')
    git(root, 'checkout', '-q', '-b', 'y', 'main')
    await put(root, 'input/c.md', 'Boote sind klein.\n')
    await build(root)
    commitAll(root, 'c')
    // Without the driver (a clone does not copy git's config), the sorted memory and the state conflict: the lines are neighbours.
    const control = await tempDir()
    git(control, 'clone', '-q', root, '.')
    git(control, 'checkout', '-q', 'x')
    const plain = tryGit(control, 'merge', '--no-edit', 'origin/y')
    expect(plain.status).not.toBe(0)
    expect(plain.output).toContain(`CONFLICT (content): Merge conflict in ${MEMORY}`)

    git(root, 'checkout', '-q', 'x')
    const merge = tryGit(root, 'merge', '--no-edit', 'y')
    expect(merge.output).not.toContain('CONFLICT')
    expect(merge.status).toBe(0)
    const merged = await readFile(join(root, MEMORY), 'utf8')
    expect(parseMemoryText(merged, MEMORY).map((entry) => entry.source)).toEqual(['Am Anfang steht ein Satz.', 'Boote sind klein.', 'Brücken sind lang.', 'Zum Schluss steht ein Satz.'])
    const again = await tandem(root, ['build'])
    expect(again.code).toBe(0)
    expect(git(root, 'diff')).toBe('')
    expect(git(root, 'status', '--porcelain')).toBe('')
    expect((await tandem(root, ['check'])).code).toBe(0)

    git(root, 'checkout', '-q', '-b', 'rebased', 'y')
    expect(tryGit(root, 'rebase', '-q', 'x~1').status).toBe(0)
    expect(await readFile(join(root, MEMORY), 'utf8')).toBe(merged)
    git(root, 'checkout', '-q', '-b', 'picked', 'x~1')
    expect(tryGit(root, 'cherry-pick', 'y').status).toBe(0)
    expect(await readFile(join(root, MEMORY), 'utf8')).toBe(merged)
  }, 60_000)

  it('reports two reviews of the same sentence as a conflict with both versions, which check lists and resolve decides', async () => {
    const root = await repository('Ein Satz steht hier.\n')
    const edit = async (english: string, reviewer: string): Promise<void> => {
      await writeFile(join(root, 'output/a.en.md'), `${english}\n`)
      await build(root, {TANDEM_REVIEWER: reviewer})
      commitAll(root, reviewer)
    }
    git(root, 'checkout', '-q', '-b', 'anna')
    await edit('Anna’s sentence is here.', 'Anna')
    git(root, 'checkout', '-q', '-b', 'ben', 'main')
    await edit('Ben’s sentence is here.', 'Ben')
    git(root, 'checkout', '-q', 'anna')
    const merge = tryGit(root, 'merge', '--no-edit', 'ben')
    expect(merge.status).not.toBe(0)
    expect(git(root, 'diff', '--name-only', '--diff-filter=U')).toContain(MEMORY)
    const [entry] = parseMemoryText(await readFile(join(root, MEMORY), 'utf8'), MEMORY)
    expect(entry?.conflict).toBeDefined()
    expect([entry?.target, entry?.conflict !== undefined && 'target' in entry.conflict ? entry.conflict.target : undefined].sort()).toEqual(['Anna’s sentence is here.', 'Ben’s sentence is here.'])
    // The .en.md has git's own conflict; the reviewer takes one side of it, and tandem's memory still waits for a decision.
    git(root, 'checkout', '--theirs', 'output/a.en.md')
    const check = await tandem(root, ['check'])
    expect(check.code).toBe(1)
    expect(check.stdout).toMatch(/input\/a\.md:1:1 {2}error {2}check-conflict {2}translated two ways on two branches, "(Anna|Ben)’s sentence is here\." and "(Anna|Ben)’s sentence is here\.": Ein Satz steht hier\. \(decide with tandem resolve\)/)
    const status = await tandem(root, ['status'])
    expect(status.stdout).toMatch(/conflicts\n.*input\/a\.md .* 1\n/)
    expect(status.stdout).toContain('1 sentence(s) translated two ways by a merge; decide with `tandem resolve --take current` or `--take other` [numbers]')
    const listed = await tandem(root, ['resolve'])
    expect(listed.code).toBe(1)
    expect(listed.stdout).toContain('1. Ein Satz steht hier.')
    expect(listed.stdout).toMatch(/current: (Anna|Ben)’s sentence is here\. {2}\(reviewed, (Anna|Ben), /)
    const other = entry?.conflict !== undefined && 'target' in entry.conflict ? entry.conflict.target : ''
    const decided = await tandem(root, ['resolve', '--take', 'other'])
    expect(decided.stdout).toContain('decided 1 conflict(s), 0 left')
    expect(decided.code).toBe(0)
    const [after] = parseMemoryText(await readFile(join(root, MEMORY), 'utf8'), MEMORY)
    expect(after).toMatchObject({target: other, status: 'reviewed'})
    expect(after?.conflict).toBeUndefined()
    expect((await tandem(root, ['check'])).stdout).not.toContain('check-conflict')
  }, 60_000)

  it('leaves a file that is not tandem\'s, or one with conflict markers, untouched, and exits 2', async () => {
    const root = await makeProject({})
    const memory = '{"tandem":"translation-memory","version":1}\n{"source":"A.","target":"A.","status":"machine","provider":"x"}\n'
    await put(root, 'base', memory)
    await put(root, 'theirs', memory)
    const cases = [
      ['just some text\n', 'tandem: the translation memory is damaged: output/.tandem/memory.de-en.jsonl (ours):1: not valid JSON\n'],
      [`${memory}<<<<<<< HEAD\n{"source":"B."}\n=======\n>>>>>>> other\n`, 'tandem: output/.tandem/memory.de-en.jsonl:3: holds git conflict markers; left as it is\n']
    ]
    for (const [ours, message] of cases) {
      await put(root, 'ours', ours as string)
      const run = await tandem(root, ['merge', 'base', 'ours', 'theirs', 'output/.tandem/memory.de-en.jsonl'])
      expect(run.code).toBe(2)
      expect(run.stderr).toBe(message)
      expect(await readFile(join(root, 'ours'), 'utf8')).toBe(ours)
    }
    await put(root, 'ours', 'plain text\n')
    const unknown = await tandem(root, ['merge', 'base', 'ours', 'theirs', 'notes.txt'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toBe('tandem: notes.txt: not a file tandem merges (its memory, state.json or a record); left as it is\n')
  })

  it('refuses to merge a sentence already in conflict on one branch that the other changed too, and merges the record of an article named state', async () => {
    const root = await makeProject({})
    const line = (target: string, by: string, conflict?: string): string =>
      JSON.stringify({source: 'Satz.', target, status: 'reviewed', provider: 'human', by, ...(conflict === undefined ? {} : {conflict: {target: conflict, status: 'reviewed', provider: 'human', by: 'Ben'}})})
    const header = '{"tandem":"translation-memory","version":1}\n'
    await put(root, 'base', `${header}{"source":"Satz.","target":"Y.","status":"machine","provider":"x"}\n`)
    const ours = `${header}${line('X.', 'Anna', 'W.')}\n`
    await put(root, 'ours', ours)
    await put(root, 'theirs', `${header}${line('X.', 'Cleo')}\n`)
    const run = await tandem(root, ['merge', 'base', 'ours', 'theirs', 'output/.tandem/memory.de-en.jsonl'])
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('tandem: output/.tandem/memory.de-en.jsonl: "Satz." is translated two ways on one branch and changed on the other: decide it with tandem resolve on the branch that has both, then merge again; left as it is\n')
    expect(await readFile(join(root, 'ours'), 'utf8')).toBe(ours)
    const record = (generation: number): string => `${JSON.stringify({version: 1, generation, enLines: ['x'], units: []}, null, 1)}\n`
    await put(root, 'base', record(1))
    await put(root, 'ours', record(1))
    await put(root, 'theirs', record(2))
    expect((await tandem(root, ['merge', 'base', 'ours', 'theirs', 'output/.tandem/records/state.json'])).code).toBe(0)
    expect(await readFile(join(root, 'ours'), 'utf8')).toBe(record(2))
  })

  it('merges records and state so that an article both branches rebuilt is rebuilt by the next build', async () => {
    const root = await makeProject({})
    const record = (generation: number): string => `${JSON.stringify({version: 1, generation, enLines: ['x'], units: []}, null, 1)}\n`
    await put(root, 'base', record(1))
    await put(root, 'ours', record(2))
    await put(root, 'theirs', record(3))
    const run = await tandem(root, ['merge', 'base', 'ours', 'theirs', 'output/.tandem/records/a.json'])
    expect(run.code).toBe(0)
    expect(parseRecord(await readFile(join(root, 'ours'), 'utf8'))).toBeUndefined()
    await put(root, 'ours', record(1))
    expect((await tandem(root, ['merge', 'base', 'ours', 'theirs', 'output/.tandem/records/a.json'])).code).toBe(0)
    expect(await readFile(join(root, 'ours'), 'utf8')).toBe(record(3))
    const state = (input: string): string => stateText({'a.md': {files: ['a.en.md'], fingerprint: 'f', input, outputs: {}}})
    await put(root, 'base', state('0'))
    await put(root, 'ours', state('1'))
    await put(root, 'theirs', state('2'))
    expect((await tandem(root, ['merge', 'base', 'ours', 'theirs', 'output/.tandem/state.json'])).code).toBe(0)
    expect(parseState(await readFile(join(root, 'ours'), 'utf8')).articles).toEqual({'a.md': {files: ['a.en.md']}})
  })

  it('init writes the .gitattributes lines once and, with --git-config, sets the driver', async () => {
    const root = await makeProject({'.gitattributes': '*.png binary\n'})
    git(root, 'init', '-q', '-b', 'main')
    const first = await tandem(root, ['init'])
    expect(first.code).toBe(0)
    expect(first.stdout).toContain('git config merge.tandem.driver "npx --no-install tandem merge %O %A %B %P"')
    const lines = '*.png binary\noutput/.tandem/memory.*.jsonl merge=tandem\noutput/.tandem/state.json merge=tandem\noutput/.tandem/records/*.json merge=tandem\n'
    expect(await readFile(join(root, '.gitattributes'), 'utf8')).toBe(lines)
    expect((await tandem(root, ['init', '--git-config'])).code).toBe(0)
    expect(await readFile(join(root, '.gitattributes'), 'utf8')).toBe(lines)
    expect(git(root, 'config', '--get', 'merge.tandem.driver').trim()).toBe('npx --no-install tandem merge %O %A %B %P')
    expect(git(root, 'check-attr', 'merge', 'output/.tandem/records/a.json').trim()).toBe('output/.tandem/records/a.json: merge: tandem')
    const outside = await tempDir()
    const refused = await tandem(outside, ['init'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('is not in a git repository')
  })
})

describe('tandem check --require-reviewed --since', () => {
  it('asks for reviews only in the articles whose German changed since the revision', async () => {
    const root = await repository('Ein alter Satz.\n')
    await put(root, 'input/b.md', 'Ein neuer Satz.\n')
    await build(root)
    const all = await tandem(root, ['check', '--require-reviewed'])
    expect(all.stdout).toContain('input/a.md:1:1  error  check-unreviewed')
    const since = await tandem(root, ['check', '--require-reviewed', '--since', 'main'])
    expect(since.code).toBe(1)
    expect(since.stdout).not.toContain('input/a.md')
    expect(since.stdout).toContain('input/b.md:1:1  error  check-unreviewed  a machine translation nobody reviewed: Ein neuer Satz.')
    const unknown = await tandem(root, ['check', '--require-reviewed', '--since', 'nosuchrev'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('unknown git revision "nosuchrev"')
  }, 30_000)
})
