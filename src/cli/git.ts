import {execFile} from 'node:child_process'
import {realpath} from 'node:fs/promises'
import {relative, resolve} from 'node:path'
import {promisify} from 'node:util'
import {TandemError} from '../errors.js'
import type {CliIo} from './io.js'

/** A git revision as a commit, with the top folder of its repository. */
export interface Revision {
  readonly top: string
  readonly commit: string
}

/**
 * The commit `rev` names in the repository holding `dir`, looked up once per command.
 * @throws TandemError('usage') outside a repository or for an unknown revision.
 */
export async function revisionOf(io: CliIo, dir: string, rev: string, option: string): Promise<Revision> {
  const git = promisify(execFile)
  let top: string
  try {
    top = (await git('git', ['rev-parse', '--show-toplevel'], {cwd: dir})).stdout.trim()
  } catch {
    throw new TandemError('usage', `${option} with a revision needs the input folder in a git repository (${dir} is not in one)`, {params: {dir, option}, key: 'usage.notInGit'})
  }
  const commit = await git('git', ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], {cwd: top}).then(
    ({stdout}) => stdout.trim(),
    () => undefined
  )
  if (commit === undefined) {
    const repository = relative(io.cwd, top) || '.'
    throw new TandemError('usage', `unknown git revision "${rev}" (a commit, branch or tag of the repository at ${repository})`, {params: {rev, repository}, key: 'usage.unknownRevision'})
  }
  return {top, commit}
}

/** The files under `dir` whose content differs from `revision`'s (changed, added, untracked), as absolute paths. */
export async function changedSince(revision: Revision, dir: string): Promise<Set<string>> {
  const git = promisify(execFile)
  // Note: git names real paths; the folder may be reached through a link.
  const path = relative(revision.top, await realpath(dir)) || '.'
  const diff = await git('git', ['diff', '--name-only', '--no-renames', revision.commit, '--', path], {cwd: revision.top, maxBuffer: 64 * 1024 * 1024})
  const untracked = await git('git', ['ls-files', '--others', '--exclude-standard', '--', path], {cwd: revision.top, maxBuffer: 64 * 1024 * 1024})
  return new Set(`${diff.stdout}\n${untracked.stdout}`.split('\n').filter((line) => line !== '').map((line) => resolve(revision.top, line)))
}
