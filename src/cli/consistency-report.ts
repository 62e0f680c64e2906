import {excerpt} from '../article/excerpt.js'
import {diagnostic, type Diagnostic} from '../diagnostics.js'
import type {Glossary} from '../glossary/model.js'
import {projectInconsistencies, type Inconsistency, type Rendering} from '../qa/consistency.js'
import type {ArticleRecord} from '../review/record.js'

/** An article's record and the `.en.md` its lines refer to, as the user sees the path. */
export interface RecordAt {
  readonly shown: string
  readonly record: ArticleRecord
}

/**
 * `qa.consistency` over every article's last build: one warning per German
 * sentence or noun rendered more than one way, at the first place of the
 * rarer rendering (the one to look at), naming every place of each. For a
 * noun, the `glossary add` line that settles it on the commoner rendering.
 */
export function consistencyProblems(records: readonly RecordAt[], glossary: Glossary): Diagnostic[] {
  return projectInconsistencies(records.map(({shown, record}) => ({path: shown, units: record.units})), glossary).map(toDiagnostic)
}

function toDiagnostic(found: Inconsistency): Diagnostic {
  const rarer = found.renderings[found.renderings.length - 1]?.places[0] ?? {path: '', line: 1}
  const renderings = found.renderings.map(renderingText).join('; ')
  const place = {line: rarer.line, column: 1}
  if (found.kind === 'sentence') return diagnostic('warning', 'qa-consistency-sentence', rarer.path, {count: found.renderings.length, renderings, sentence: excerpt(found.german)}, place)
  const [common, ...others] = found.renderings
  const command = ['tandem glossary add', shellWord(found.german), shellWord(common?.english ?? ''), ...others.map((other) => `--forbid ${shellWord(other.english)}`)].join(' ')
  return diagnostic('warning', 'qa-consistency-noun', rarer.path, {german: found.german, count: found.renderings.length, renderings, command}, place)
}

/** “poaching” (output/a.en.md:3, 5; output/b.en.md:2) */
function renderingText(rendering: Rendering): string {
  const byPath = new Map<string, number[]>()
  for (const place of rendering.places) byPath.set(place.path, [...(byPath.get(place.path) ?? []), place.line])
  const places = [...byPath].map(([path, lines]) => `${path}:${lines.join(', ')}`).join('; ')
  return `“${excerpt(rendering.english)}” (${places})`
}

/** A word as a POSIX shell reads it: quoted when it holds anything but letters, digits and `-_./`. */
export function shellWord(text: string): string {
  return /^[\p{L}\p{N}_./-]+$/u.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`
}
