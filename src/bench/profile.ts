import {readdir, readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {EMPTY_GLOSSARY} from '../glossary/model.js'
import {parseMarkdown, stringifyMarkdown, stringifyStock} from '../markdown/processor.js'
import {renderBilingual} from '../output/bilingual.js'
import {GlossaryContext} from '../glossary/context.js'
import {QA_CHECKS} from '../qa/checks.js'
import {refusedSentences} from '../article/verify.js'
import {pseudoTranslate} from '../providers/pseudo.js'
import {renderReviewPage} from '../review/html.js'
import {probeLines, segmentLines} from '../review/lines.js'
import {nextRecord} from '../review/record.js'
import {reviewRows} from '../review/rows.js'
import {assemble, assembleWithStarts, type Lookup} from '../segment/assemble.js'
import {extractSegments} from '../segment/extract.js'

/**
 * Where a build's time goes: every stage of rendering an article, timed in
 * one process over a folder of articles, beside the floor (parse +
 * stringify) measured in the same run. English is the German (identity).
 * Run: `node dist/bench/profile.js <folder>`; prints one JSON line.
 */
export async function profileStages(dir: string): Promise<Record<string, number>> {
  const texts: string[] = []
  for (const name of (await readdir(dir)).sort()) if (name.endsWith('.md')) texts.push(await readFile(join(dir, name), 'utf8'))
  const totals: Record<string, number> = {}
  const time = <T>(stage: string, run: () => T): T => {
    const started = performance.now()
    const value = run()
    totals[stage] = (totals[stage] ?? 0) + performance.now() - started
    return value
  }
  const context = new GlossaryContext(EMPTY_GLOSSARY)
  const checks = new Set(QA_CHECKS)
  const same: Lookup = (segment) => segment.source
  const pseudo: Lookup = (segment) => pseudoTranslate(segment.source)
  // Warm up the processor, so that compiling remark is not counted against the first stage.
  stringifyMarkdown(parseMarkdown(texts[0] ?? ''))
  for (const text of texts) time('floor: parse + stringify', () => stringifyStock(parseMarkdown(text)))
  for (const text of texts) {
    const tree = time('parse', () => parseMarkdown(text))
    const extraction = time('segment', () => extractSegments(tree, {frontmatterFields: ['title', 'description']}))
    const {text: de, starts} = time('serialize German', () => assembleWithStarts(tree, extraction, same))
    const en = time('serialize English', () => assemble(tree, extraction, same))
    time('serialize bilingual', () => renderBilingual(tree, extraction, same, same, {de, en, starts}))
    time('check translated sentences (none differ with identity)', () => refusedSentences(extraction, same, same))
    time('for comparison: check every sentence as pseudo English', () => refusedSentences(extraction, same, pseudo))
    const lines = time('find sentence lines', () => segmentLines(tree, extraction, starts) ?? probeLines(tree, extraction))
    const record = time('record', () =>
      nextRecord(
        undefined,
        lines.filter(({segment}) => segment.translatable).map(({segment, line, slot}) => ({id: segment.id, kind: segment.kind, line, slot, source: segment.source, target: segment.source, reviewed: false})),
        en
      )
    )
    time('review page', () => renderReviewPage('t', reviewRows(record, context, checks)))
    void de
  }
  return Object.fromEntries(Object.entries(totals).map(([stage, ms]) => [stage, Math.round(ms)]))
}

if (process.argv[1]?.endsWith('profile.js') === true) {
  const dir = process.argv[2]
  if (dir === undefined) throw new Error('usage: profile.js <folder>')
  process.stdout.write(`${JSON.stringify(await profileStages(dir))}\n`)
}
