import type {TranslationProvider} from '../providers/port.js'

/** What the CLI touches of the outside world; tests pass their own. */
export interface CliIo {
  readonly stdout: {write(text: string): unknown; readonly isTTY?: boolean; readonly columns?: number}
  readonly stderr: {write(text: string): unknown; readonly isTTY?: boolean}
  readonly cwd: string
  readonly env: Readonly<Record<string, string | undefined>>
  /** Aborted on Ctrl-C. */
  readonly signal: AbortSignal
  /** Providers by name that take precedence over the registry (tests use this). */
  readonly providers?: Readonly<Record<string, TranslationProvider>>
}

/** Exit codes: 0 done, 1 build problems, 2 usage or configuration errors, 130 interrupted. */
export const EXIT = {ok: 0, problems: 1, usage: 2, interrupted: 130} as const
