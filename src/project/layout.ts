import {join} from 'node:path'

/**
 * Where tandem keeps things: the one module that knows the names of the
 * input extensions, of an article's outputs and of everything in `.tandem/`.
 */

/** Every extension an input article may have (lower case, with the dot). */
export const INPUT_EXTENSIONS = ['.md', '.markdown', '.mdx', '.txt', '.html', '.htm'] as const

/** How an input is read: Markdown, MDX, scraped text, or HTML (MDX and HTML also get their English in their own format). */
export type InputKind = 'markdown' | 'mdx' | 'text' | 'html'

/** The kind of an input, by its extension. */
export function inputKind(name: string): InputKind {
  const lower = name.toLowerCase()
  if (lower.endsWith('.txt')) return 'text'
  if (lower.endsWith('.html') || lower.endsWith('.htm')) return 'html'
  if (lower.endsWith('.mdx')) return 'mdx'
  return 'markdown'
}

/** The Markdown an input's review files are written in: MDX for an `.mdx`, else Markdown. */
export function dialectOfInput(name: string): 'markdown' | 'mdx' {
  return inputKind(name) === 'mdx' ? 'mdx' : 'markdown'
}

/** Whether a file name has one of the input extensions. */
export function isInputName(name: string): boolean {
  const lower = name.toLowerCase()
  return INPUT_EXTENSIONS.some((extension) => lower.endsWith(extension) && lower.length > extension.length)
}

/** An article name (`sub/foo.md`) without its input extension: the stem of every output. */
export function articleStem(name: string): string {
  const lower = name.toLowerCase()
  const extension = INPUT_EXTENSIONS.find((candidate) => lower.endsWith(candidate))
  return extension === undefined ? name : name.slice(0, -extension.length)
}

/** The files written for an article, as absolute paths. */
export interface OutputPaths {
  readonly de: string
  readonly en: string
  readonly bilingual: string
  readonly review: string
  /** The English in the input's own format when that is not Markdown (`NAME.en.html`, `NAME.en.mdx`). */
  readonly native?: string
}

/** The output files of an article named `name` (relative to the input folder). */
export function outputPathsFor(outputDir: string, name: string): OutputPaths {
  const stem = join(outputDir, articleStem(name))
  const paths = {de: `${stem}.de.md`, en: `${stem}.en.md`, bilingual: `${stem}.de-en.md`, review: `${stem}.review.html`}
  const kind = inputKind(name)
  return kind === 'html' ? {...paths, native: `${stem}.en.html`} : kind === 'mdx' ? {...paths, native: `${stem}.en.mdx`} : paths
}

/** The folder inside the output folder that holds the memory, records, state and lock. */
export const TANDEM_DIR = '.tandem'

/** Where records are, as the state names files (relative to the output folder, `/` separators). */
export const RECORDS_PREFIX = `${TANDEM_DIR}/records/`

/** The paths of an output folder's `.tandem/`. */
export interface TandemLayout {
  readonly dir: string
  readonly memory: string
  readonly journal: string
  readonly state: string
  readonly lock: string
  readonly records: string
  /** Records of article transactions that were begun and not yet committed. */
  readonly pending: string
  /** What only this machine needs (never committed: the folder ignores itself), and the hashes of files by their stamps. */
  readonly cache: string
  readonly hashes: string
}

/** The `.tandem/` layout of an output folder. */
export function tandemLayout(outputDir: string): TandemLayout {
  const dir = join(outputDir, TANDEM_DIR)
  return {
    dir,
    memory: join(dir, 'memory.de-en.jsonl'),
    journal: join(dir, 'memory.de-en.journal.jsonl'),
    state: join(dir, 'state.json'),
    lock: join(dir, 'lock'),
    records: join(dir, 'records'),
    pending: join(dir, 'pending'),
    cache: join(dir, 'cache'),
    hashes: join(dir, 'cache', 'hashes.json')
  }
}

/** Where an article's record lives. */
export function recordPath(outputDir: string, name: string): string {
  return join(tandemLayout(outputDir).records, `${articleStem(name)}.json`)
}

/** Where an article's begun, uncommitted transaction keeps its record. */
export function pendingPath(outputDir: string, name: string): string {
  return join(tandemLayout(outputDir).pending, `${articleStem(name)}.json`)
}
