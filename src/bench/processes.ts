import {spawn} from 'node:child_process'
import {join} from 'node:path'

/** What a measured child process reported. */
export interface ChildRun {
  readonly ms: number
  readonly code: number | null
  readonly maxRssMb: number
  readonly stdout: string
}

const DIST = join(import.meta.dirname, '..')

/** Run a command, timing it from spawn to exit (Node's start-up included, as a user waits for it). */
export function timed(command: string, args: readonly string[], options: {cwd?: string; env?: Record<string, string>} = {}): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, args, {cwd: options.cwd, env: {PATH: process.env['PATH'] ?? '', LANG: 'C.UTF-8', ...options.env}, stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8').slice(0, 10_000)))
    child.on('error', reject)
    child.on('exit', (code) => {
      const ms = performance.now() - started
      const report = /BENCH (\{.*\})\s*$/.exec(stdout)?.[1]
      const parsed = report === undefined ? {} : (JSON.parse(report) as {maxRssMb?: number; code?: number})
      if (code !== 0 && parsed.code === undefined) reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr.slice(0, 2000)}`))
      else resolve({ms, code: parsed.code ?? code, maxRssMb: parsed.maxRssMb ?? 0, stdout})
    })
  })
}

/** `tandem …` in a project folder, through the real CLI. */
export function tandemRun(cwd: string, args: readonly string[], env: Record<string, string> = {}): Promise<ChildRun> {
  return timed(process.execPath, [join(DIST, 'cli', 'bench-child.js'), ...args], {cwd, env})
}

/** The floor: a bare remark parse + stringify of every file in `dir`, in one process. */
export function floorRun(dir: string): Promise<ChildRun> {
  return timed(process.execPath, [join(DIST, 'cli', 'bench-floor.js'), dir])
}

/** The best (shortest) of `times` runs: the figure least disturbed by the rest of the machine. */
export async function best(times: number, run: () => Promise<ChildRun>): Promise<ChildRun> {
  let fastest: ChildRun | undefined
  for (let i = 0; i < times; i++) {
    const result = await run()
    if (fastest === undefined || result.ms < fastest.ms) fastest = result
  }
  return fastest as ChildRun
}
