import {spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import {readFile, writeFile} from 'node:fs/promises'
import {hostname} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {isTandemError} from '../../src/errors.js'
import {acquireOutputLock, lockPath} from '../../src/builder/lock.js'
import {makeProject, tandem} from '../helpers/project.js'
import {tempDir} from '../helpers/temp.js'

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {encoding: 'utf8'})
  return Number(child.stdout)
}

const lockOf = (pid: number, extra: Record<string, unknown> = {}): string => `${JSON.stringify({pid, host: hostname(), since: '2026-11-28T10:00:00.000Z', command: 'build', ...extra})}\n`

describe('the output lock', () => {
  it('stops a second holder while the first is alive, naming it, and frees on release', async () => {
    const dir = await tempDir()
    const first = await acquireOutputLock(dir, 'build')
    const second = await acquireOutputLock(dir, 'import').then(
      () => undefined,
      (error: unknown) => error
    )
    expect(isTandemError(second, 'locked')).toBe(true)
    expect((second as Error).message).toContain(`another tandem build (process ${process.pid} on ${hostname()}`)
    await first.release()
    expect(existsSync(lockPath(dir))).toBe(false)
    const third = await acquireOutputLock(dir, 'build')
    expect(JSON.parse(await readFile(lockPath(dir), 'utf8'))).toMatchObject({pid: process.pid, command: 'build'})
    await third.release()
  })

  it('takes over the lock of a process that is gone, or whose pid now belongs to another process', async () => {
    const dir = await tempDir()
    const first = await acquireOutputLock(dir, 'build')
    await first.release()
    await writeFile(lockPath(dir), lockOf(deadPid()))
    const taken = await acquireOutputLock(dir, 'build')
    expect(JSON.parse(await readFile(lockPath(dir), 'utf8'))).toMatchObject({pid: process.pid})
    await taken.release()
    // A live pid with another start time is a reused pid: the owner is gone.
    await writeFile(lockPath(dir), lockOf(process.pid, {start: '1'}))
    const again = await acquireOutputLock(dir, 'build')
    await again.release()
    // A lock from another host cannot be checked and is respected.
    await writeFile(lockPath(dir), lockOf(deadPid(), {host: 'elsewhere.example'}))
    await expect(acquireOutputLock(dir, 'build')).rejects.toThrow(/process \d+ on elsewhere\.example/)
  })

  it('makes tandem build stop with exit code 1 and write nothing while another build holds the folder', async () => {
    const root = await makeProject({'input/a.md': '# Titel\n\nEin Satz.\n'})
    const held = await acquireOutputLock(join(root, 'output'), 'build')
    const run = await tandem(root, ['build', '--provider', 'pseudo'])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('tandem: the output folder is busy: another tandem build (process')
    expect(existsSync(join(root, 'output/a.en.md'))).toBe(false)
    // A dry run writes nothing and needs no lock.
    expect((await tandem(root, ['build', '--provider', 'pseudo', '--dry-run'])).code).toBe(0)
    await held.release()
    expect((await tandem(root, ['build', '--provider', 'pseudo'])).code).toBe(0)
    expect(existsSync(lockPath(join(root, 'output')))).toBe(false)
  })
})
