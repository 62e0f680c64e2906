import {mkdir, rm, symlink, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {closedPort} from '../helpers/loopback.js'
import {makeProject, put, tandem, type CliRun} from '../helpers/project.js'

/**
 * Every command, given a missing file, a folder in a file's place, a file
 * that cannot be read (a loop of symbolic links: unreadable even for root)
 * or bytes that are not text, ends with one `tandem: …` line naming the
 * path, exit 2, and never a stack trace or "internal error".
 */
function expectOneLine(run: CliRun, path: string, reason: string): void {
  const lines = run.stderr.trimEnd().split('\n')
  expect(run.code, run.stderr).toBe(2)
  expect(lines, run.stderr).toHaveLength(1)
  expect(lines[0]).toBe(`tandem: ${path}: ${reason}`)
  expect(run.stderr).not.toMatch(/internal error|\n\s+at /)
}

const MISSING = 'no such file or folder'
const FOLDER = 'a folder, where a file is needed'
const LOOP = 'cannot be read (a loop of symbolic links)'

async function project(): Promise<string> {
  const root = await makeProject({'input/a.md': 'Ein Satz.\n'})
  expect((await tandem(root, ['build', '--provider', 'pseudo', '--quiet'])).code).toBe(0)
  await mkdir(join(root, 'folder.xlf'))
  await mkdir(join(root, 'folder.tmx'))
  await mkdir(join(root, 'folder.csv'))
  await symlink('loop.xlf', join(root, 'loop.xlf'))
  await symlink('loop.csv', join(root, 'loop.csv'))
  await writeFile(join(root, 'binary.xlf'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0xff, 0xfe]))
  return root
}

describe('file errors, command by command', () => {
  it.each([
    [['import', 'nosuch.xlf'], 'nosuch.xlf', MISSING],
    [['import', 'folder.xlf'], 'folder.xlf', FOLDER],
    [['import', 'folder.tmx'], 'folder.tmx', FOLDER],
    [['import', 'loop.xlf'], 'loop.xlf', LOOP],
    [['import', 'binary.xlf'], 'binary.xlf', 'not UTF-8 text (a binary file, or another encoding); save it as UTF-8'],
    [['glossary', 'import', 'nosuch.csv'], 'nosuch.csv', MISSING],
    [['glossary', 'import', 'folder.csv'], 'folder.csv', FOLDER],
    [['glossary', 'import', 'loop.csv'], 'loop.csv', LOOP]
  ])('tandem %j', async (args, path, reason) => {
    expectOneLine(await tandem(await project(), args), path, reason)
  })

  it('refuses an XLIFF with an external entity, naming its line', async () => {
    const root = await project()
    await put(root, 'entity.xlf', '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<xliff version="2.1" srcLang="de" trgLang="en"><file id="f"><unit id="u"><segment><source>&e;</source><target>x</target></segment></unit></file></xliff>\n')
    expectOneLine(await tandem(root, ['import', 'entity.xlf']), 'entity.xlf:2', 'a DOCTYPE that declares entities is refused: an entity can read local files or expand without end')
  })

  it.each([['build'], ['status'], ['review'], ['export', '--xliff'], ['glossary', 'list']])('tandem %j with a folder as tandem.config.json', async (...args) => {
    const root = await project()
    await mkdir(join(root, 'tandem.config.json'))
    expectOneLine(await tandem(root, args), 'tandem.config.json', FOLDER)
  })

  it.each([['build'], ['glossary', 'check'], ['review']])('tandem %j with a folder as a glossary file', async (...args) => {
    const root = await project()
    await mkdir(join(root, 'glossary/terms.yaml'), {recursive: true})
    expectOneLine(await tandem(root, args), 'glossary/terms.yaml', FOLDER)
  })

  it.each([['build', '--provider', 'pseudo'], ['status'], ['export', '--tmx'], ['import', 'folder.xlf']])('tandem %j with a folder as the memory', async (...args) => {
    const root = await project()
    await rm(join(root, 'output/.tandem/memory.de-en.jsonl'), {force: true})
    await mkdir(join(root, 'output/.tandem/memory.de-en.jsonl'))
    const run = await tandem(root, args)
    expect(run.code).toBe(2)
    expect(run.stderr.trimEnd().split('\n')).toEqual([`tandem: the translation memory is damaged: ${join(root, 'output/.tandem/memory.de-en.jsonl')}: is a folder, not a memory file`])
  })

  it('a memory entry with a field of the wrong shape names the field and what it must be, in either language', async () => {
    const root = await project()
    const path = join(root, 'output/.tandem/memory.de-en.jsonl')
    const entry = {source: 'Ein Satz.', target: 'A sentence.', status: 'machine', provider: 'openai:gpt-4o-mini', judge: {score: 'high'}}
    await writeFile(path, `{"tandem":"translation-memory","version":1}\n${JSON.stringify(entry)}\n`)
    const run = await tandem(root, ['build', '--provider', 'pseudo'])
    expect(run.code).toBe(2)
    expect(run.stderr.trimEnd().split('\n')).toEqual([`tandem: the translation memory is damaged: ${path}:2: the field "judge" of this entry is not valid: it is a score from 0 to 100 with a list of findings; remove the field to keep the entry without its rating`])
    const german = await tandem(root, ['--lang', 'de', 'status'])
    expect(german.stderr).toContain(`${path}:2: das Feld "judge" dieses Eintrags ist ungültig`)
    // A missing field is named as before.
    await writeFile(path, `{"tandem":"translation-memory","version":1}\n${JSON.stringify({source: 'Ein Satz.', status: 'machine', provider: 'x'})}\n`)
    expect((await tandem(root, ['status'])).stderr).toContain(`${path}:2: an entry needs source, target, status, provider`)
  })

  it('export into a file where its folder should be', async () => {
    const root = await project()
    await put(root, 'exports', 'a file')
    expectOneLine(await tandem(root, ['export', '--xliff']), 'exports', 'a file is in the place of a folder')
  })

  it('--debug adds the stack after the line', async () => {
    const root = await project()
    const run = await tandem(root, ['--debug', 'import', 'nosuch.xlf'])
    expect(run.code).toBe(2)
    expect(run.stderr.split('\n')[0]).toBe(`tandem: nosuch.xlf: ${MISSING}`)
    expect(run.stderr).toMatch(/\n\s+at /)
  })

  it('--debug adds the stack of the fault that stopped a build, and only with --debug', async () => {
    const port = await closedPort()
    const root = await project()
    const args = ['build', '--provider', 'libretranslate', '--base-url', `http://127.0.0.1:${port}`, '--quiet']
    const plain = await tandem(root, args)
    expect(plain.code).toBe(1)
    expect(plain.stderr).not.toMatch(/\n\s+at /)
    const debug = await tandem(root, ['--debug', ...args])
    expect(debug.code).toBe(1)
    expect(debug.stderr.split('\n')[0]).toBe(plain.stderr.split('\n')[0])
    expect(debug.stderr).toMatch(/ProviderError: libretranslate: cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)[^\n]*\n\s+at /)
  })
})

describe('commands and their arguments', () => {
  it('--version prints the version; no command prints the help on stdout', async () => {
    const root = await makeProject({})
    const version = await tandem(root, ['--version'])
    expect(version.code).toBe(0)
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
    const help = await tandem(root, [])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Usage: tandem [options] [command]')
    expect(help.stderr).toBe('')
  })

  it('review and export find an article by its base name when it is unique, and say when it was never built (exit 1)', async () => {
    const root = await makeProject({'input/ki-wettlauf.md': 'Ein Satz.\n', 'input/zwei.md': 'Noch ein Satz.\n'})
    expect((await tandem(root, ['build', '--provider', 'pseudo', '--quiet', 'input/ki-wettlauf.md'])).code).toBe(0)
    const review = await tandem(root, ['review', 'ki-wettlauf'])
    expect(review.code).toBe(0)
    expect(review.stdout).toContain('── input/ki-wettlauf.md')
    const never = await tandem(root, ['review', 'zwei'])
    expect(never.code).toBe(1)
    expect(never.stderr).toBe('input/zwei.md: not built yet; run tandem build first\n')
    const exported = await tandem(root, ['export', 'zwei', '--xliff'])
    expect(exported.code).toBe(1)
    expect(exported.stderr).toBe('input/zwei.md: not built yet; run tandem build first\n')
    expect((await tandem(root, ['export', 'ki-wettlauf', '--xliff'])).stdout).toBe('wrote exports/ki-wettlauf.xlf (1 units)\n')
  })

  it('a base name shared by two articles is refused with both paths', async () => {
    const root = await makeProject({'input/a/text.md': 'Ein Satz.\n', 'input/b/text.md': 'Noch ein Satz.\n'})
    const run = await tandem(root, ['review', 'text'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('"text" names 2 articles (input/a/text.md, input/b/text.md); give its path')
  })

  it('review --changed with an unknown revision says so, exit 2', async () => {
    const root = await makeProject({'input/a.md': 'Ein Satz.\n'})
    const {execFileSync} = await import('node:child_process')
    execFileSync('git', ['init', '-q'], {cwd: root})
    execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '--allow-empty', '-m', 'start'], {cwd: root})
    expect((await tandem(root, ['build', '--provider', 'pseudo', '--quiet'])).code).toBe(0)
    const run = await tandem(root, ['review', '--changed', 'nosuchrev'])
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('tandem: unknown git revision "nosuchrev" (a commit, branch or tag of the repository at .)\n')
    const known = await tandem(root, ['review', '--changed', 'HEAD'])
    expect(known.code).toBe(0)
    expect(known.stdout).toContain('1 changed sentence(s)')
  })
})
