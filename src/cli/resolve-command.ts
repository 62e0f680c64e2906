import {acquireOutputLock} from '../builder/lock.js'
import {ConfigError} from '../errors.js'
import {memoryFileName, TranslationMemory, withoutConflict, type ConflictVersion, type MemoryEntry} from '../memory/store.js'
import {openProject, type FolderFlags} from '../project/open.js'
import {taggedToPlain} from '../segment/tags.js'
import type {Translate} from './i18n.js'
import {EXIT, type CliIo} from './io.js'

/**
 * `tandem resolve`: the sentences a merge left translated two ways (see
 * `tandem merge`), numbered, each with the version in use and the other one;
 * with `--take current` or `--take other`, decide them (the numbers given, or
 * all). Holds the output lock while it writes the memory.
 */
export async function resolveCommand(io: CliIo, numbers: readonly string[], flags: FolderFlags & {readonly take?: string}, t: Translate): Promise<number> {
  const take = flags.take
  if (take !== undefined && take !== 'current' && take !== 'other') throw new ConfigError('option --take must be current or other', {option: 'take', list: 'current, other'}, 'takeChoice')
  const project = await openProject(io.cwd, flags)
  const lock = take === undefined ? undefined : await acquireOutputLock(project.outputDir, 'resolve')
  try {
    const memory = await TranslationMemory.open(project.layout.dir, memoryFileName('de', 'en'), {readOnly: take === undefined})
    const conflicts = memory.all().filter((entry) => entry.conflict !== undefined)
    if (take === undefined) {
      conflicts.forEach((entry, index) => io.stdout.write(describe(entry, index + 1, t)))
      io.stdout.write(`${t('commands.resolveSummary', {count: conflicts.length})}\n`)
      return conflicts.length === 0 ? EXIT.ok : EXIT.problems
    }
    const chosen = numbers.length === 0 ? conflicts : numbers.map((number) => conflicts[Number(number) - 1])
    if (chosen.some((entry) => entry === undefined)) throw new ConfigError(`there are ${conflicts.length} conflicts: number them as \`tandem resolve\` lists them`, {count: conflicts.length}, 'resolveNumber')
    for (const entry of chosen as MemoryEntry[]) memory.decide(entry.source, take === 'current' ? withoutConflict(entry) : other(entry))
    await memory.save()
    io.stdout.write(`${t('commands.resolved', {count: chosen.length, left: conflicts.length - chosen.length})}\n`)
    return EXIT.ok
  } finally {
    await lock?.release()
  }
}

function other(entry: MemoryEntry): MemoryEntry | undefined {
  const version = entry.conflict as ConflictVersion
  if ('removed' in version) return undefined
  return {source: entry.source, ...version} as MemoryEntry
}

function describe(entry: MemoryEntry, number: number, t: Translate): string {
  const version = (v: ConflictVersion): string => ('removed' in v ? t('commands.resolveRemoved') : `${taggedToPlain(v.target ?? '')}  (${[v.status, v.by, v.at].filter(Boolean).join(', ')})`)
  return `${number}. ${taggedToPlain(entry.source)}\n   ${t('commands.resolveCurrent')}: ${version(entry)}\n   ${t('commands.resolveOther')}: ${version(entry.conflict as ConflictVersion)}\n`
}
