import {readFileSync} from 'node:fs'
import {link, mkdir, readFile, rename, rm, stat, writeFile} from 'node:fs/promises'
import {hostname} from 'node:os'
import {TandemError} from '../errors.js'
import {tandemLayout} from '../project/layout.js'
import {isRunning, temporaryBeside} from '../util/fs.js'

/**
 * One writer at a time in an output folder: a lock file in `.tandem/` names
 * the process that holds it. A lock whose process is gone (killed, crashed)
 * is taken over; a live one stops the second build with a clear message.
 */

/** What the lock file holds. */
interface LockOwner {
  readonly pid: number
  readonly host: string
  /** The process's start time from /proc (Linux), so that a reused pid is not mistaken for the owner. */
  readonly start?: string
  readonly since: string
  readonly command: string
}

/** The path of the lock file of an output folder. */
export function lockPath(outputDir: string): string {
  return tandemLayout(outputDir).lock
}

/**
 * A lock file that holds no owner (empty, cut off) counts as busy for this
 * long after it was last written: only its age can tell a lock being written
 * from one whose writer died.
 */
export const UNREADABLE_LOCK_MS = 60_000

/** A held lock; `release` removes it. */
export interface OutputLock {
  release(): Promise<void>
}

/**
 * Take the output folder's lock.
 * @throws TandemError('locked') when another live process holds it.
 */
export async function acquireOutputLock(outputDir: string, command: string): Promise<OutputLock> {
  const path = lockPath(outputDir)
  await mkdir(tandemLayout(outputDir).dir, {recursive: true})
  const me: LockOwner = {pid: process.pid, host: hostname(), ...startOf(process.pid), since: new Date().toISOString(), command}
  for (let attempt = 0; attempt < 20; attempt++) {
    // Note: the lock appears whole or not at all: written beside it, then linked into place (fails if it exists).
    if (await linkInPlace(path, `${JSON.stringify(me)}\n`)) return {release: () => releaseIfMine(path, me)}
    const text = await readFile(path, 'utf8').catch(() => undefined)
    if (text === undefined) continue
    const owner = parseOwner(text)
    if (owner === undefined) {
      const age = await stat(path).then((info) => Date.now() - info.mtimeMs, () => undefined)
      if (age === undefined) continue
      if (age < UNREADABLE_LOCK_MS) {
        const seconds = Math.max(0, Math.round(age / 1000))
        throw new TandemError('locked', `the lock ${path} names no owner yet (written ${seconds} s ago): another tandem process may be starting; try again, or delete it if no tandem runs`, {
          params: {path, seconds},
          key: 'lock.starting'
        })
      }
    } else if (isAlive(owner)) {
      throw new TandemError(
        'locked',
        `another tandem ${owner.command} (process ${owner.pid} on ${owner.host}, since ${owner.since}) is writing to this output folder; wait for it to finish, or delete ${path} if that process is gone`,
        {params: {command: owner.command, pid: owner.pid, host: owner.host, since: owner.since, path}, key: 'lock.busy'}
      )
    }
    // The owner is gone: move its lock aside (only one taker succeeds), then try again.
    const aside = `${path}.stale.${process.pid}.${attempt}`
    try {
      await rename(path, aside)
      const moved = await readFile(aside, 'utf8').catch(() => '')
      // Another taker replaced the stale lock before the rename: put theirs back.
      if (moved === text) await rm(aside, {force: true})
      else await rename(aside, path).catch(() => undefined)
    } catch {
      // Someone else moved it first.
    }
  }
  throw new TandemError('locked', `could not take the lock ${path}; delete it if no tandem build is running`, {params: {path}, key: 'lock.taken'})
}

/** Create `path` holding `text`, atomically; false when it exists already. */
async function linkInPlace(path: string, text: string): Promise<boolean> {
  const temporary = temporaryBeside(path)
  await writeFile(temporary, text, {encoding: 'utf8', flush: true})
  try {
    await link(temporary, path)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    return false
  } finally {
    await rm(temporary, {force: true})
  }
}

async function releaseIfMine(path: string, me: LockOwner): Promise<void> {
  const text = await readFile(path, 'utf8').catch(() => undefined)
  if (text !== undefined && parseOwner(text)?.pid === me.pid) await rm(path, {force: true})
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>
    if (typeof value.pid !== 'number' || typeof value.host !== 'string') return undefined
    return {pid: value.pid, host: value.host, since: String(value.since ?? '?'), command: String(value.command ?? 'build'), ...(typeof value.start === 'string' ? {start: value.start} : {})}
  } catch {
    return undefined
  }
}

/** Whether the lock's owner still runs. A lock from another host is assumed alive: only its owner can tell. */
function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true
  if (!isRunning(owner.pid)) return false
  const now = startOf(owner.pid)
  return owner.start === undefined || now.start === undefined || now.start === owner.start
}

/** The start time of a process (field 22 of /proc/PID/stat), where the system has it. */
function startOf(pid: number): {start?: string} {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Note: the command name (field 2) may hold spaces and parentheses; fields are counted after its closing parenthesis.
    const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]
    return start === undefined ? {} : {start}
  } catch {
    return {}
  }
}
