import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {parseEnv} from 'node:util'

/**
 * The environment with a git-ignored `.env` in `cwd` underneath it: variables
 * already set in the environment win. A missing `.env` changes nothing.
 */
export async function environmentWithDotenv(cwd: string, env: Readonly<Record<string, string | undefined>>): Promise<Record<string, string | undefined>> {
  let text: string
  try {
    text = await readFile(join(cwd, '.env'), 'utf8')
  } catch {
    return {...env}
  }
  return {...parseEnv(text), ...env}
}
