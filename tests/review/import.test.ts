import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {makeProject, tandem} from '../helpers/project.js'
import {recordingProvider} from '../helpers/providers.js'

const ARTICLE = '# Die Abwerbung\n\nDie **Abwerbung** von Ingenieuren. Zweiter Satz.\n\nDritter Satz.\n'
const read = (root: string, path: string): Promise<string> => readFile(join(root, path), 'utf8')
const REVIEWER = {env: {LANG: 'C', TANDEM_REVIEWER: 'Erika Muster'}}

/** A built project with its memory exported as TMX and the article as XLIFF. */
async function exported(): Promise<{root: string; tmx: string; xliff: string; memory: string}> {
  const root = await makeProject({'input/a.md': ARTICLE})
  expect((await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}})).code).toBe(0)
  expect((await tandem(root, ['export', '--tmx'])).code).toBe(0)
  expect((await tandem(root, ['export', '--xliff'])).code).toBe(0)
  return {root, tmx: await read(root, 'exports/memory.de-en.tmx'), xliff: await read(root, 'exports/a.xlf'), memory: await read(root, 'output/.tandem/memory.de-en.jsonl')}
}

/** The line of the first line of `text` that contains `part`. */
const lineOf = (text: string, part: string): number => text.split('\n').findIndex((line) => line.includes(part)) + 1

describe('imports go the one checked way of a human translation', () => {
  it('refuses a TMX target whose placeholders differ from the German, naming its line, and stores nothing', async () => {
    const {root, tmx, memory} = await exported()
    // The target gets a code placeholder where the German has bold: the next build would write German into English.
    const broken = tmx.replace(/(<tuv xml:lang="en"><seg>)([^<]*)<bpt i="1">&lt;b1&gt;<\/bpt>([^<]*)<ept i="1">&lt;\/b1&gt;<\/ept>/, '$1$2<ph>&lt;c1/&gt;</ph>$3')
    expect(broken).not.toBe(tmx)
    await writeFile(join(root, 'broken.tmx'), broken)
    const run = await tandem(root, ['import', 'broken.tmx'])
    expect(run.code).toBe(1)
    const line = broken.split('\n').slice(0, lineOf(broken, '&lt;c1/&gt;')).findLastIndex((text) => text.includes('<tu>')) + 1
    expect(run.stderr).toMatch(new RegExp(`^broken\\.tmx:${line}:1  error  human-markup  the translation breaks the markup \\(kind <c1/>, missing <b1>\\); not stored: Die Abwerbung von Ingenieuren\\.$`, 'm'))
    expect(run.stderr).toContain('nothing imported from broken.tmx: 1 translation(s) refused')
    expect(await read(root, 'output/.tandem/memory.de-en.jsonl')).toBe(memory)
    expect((await tandem(root, ['build', '--quiet'])).code).toBe(0)
  })

  it('refuses TMX whose German has an unclosed or unknown tag, instead of failing the next build', async () => {
    const {root, tmx, memory} = await exported()
    const broken = tmx.replace(/<ept i="1">&lt;\/b1&gt;<\/ept>/g, '')
    await writeFile(join(root, 'broken.tmx'), broken)
    const run = await tandem(root, ['import', 'broken.tmx'])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('error  human-source  the German has broken placeholders (nesting </b1>)')
    expect(await read(root, 'output/.tandem/memory.de-en.jsonl')).toBe(memory)
  })

  it('reports an unchanged TMX as unchanged, as XLIFF does', async () => {
    const {root, tmx} = await exported()
    await writeFile(join(root, 'same.tmx'), tmx)
    const run = await tandem(root, ['import', 'same.tmx'])
    expect(run.stdout).toBe('imported 0 translation(s) from same.tmx (4 already in the memory); run tandem build to write them\n')
  })

  it('refuses two XLIFF units with one id, naming both lines', async () => {
    const {root, xliff, memory} = await exported()
    const unit = /<unit [^>]*>[^]*?<\/unit>/.exec(xliff)?.[0] ?? ''
    expect(unit).not.toBe('')
    const twice = xliff.replace(unit, `${unit}\n${unit.replace(/<target>[^<]*<\/target>/, '<target>Other words.</target>')}`)
    await writeFile(join(root, 'twice.xlf'), twice)
    const run = await tandem(root, ['import', 'twice.xlf'])
    expect(run.code).toBe(2)
    const first = lineOf(twice, '<unit ')
    const second = twice.split('\n').findIndex((line, index) => index >= first && line.includes('<unit ')) + 1
    expect(run.stderr).toMatch(new RegExp(`^tandem: twice\\.xlf:${second}: unit "[^"]+" again \\(first at line ${first}\\); keep one of the two$`, 'm'))
    expect(await read(root, 'output/.tandem/memory.de-en.jsonl')).toBe(memory)
  })

  it('names the real line of a unit it cannot place', async () => {
    const {root, xliff} = await exported()
    const ids = [...xliff.matchAll(/<unit id="([^"]+)"/g)].map((match) => match[1] ?? '')
    const last = ids.at(-1) ?? ''
    const unknown = xliff.replace(`<unit id="${last}"`, '<unit id="nope"')
    await writeFile(join(root, 'unknown.xlf'), unknown)
    const run = await tandem(root, ['import', 'unknown.xlf'])
    expect(run.stderr).toBe(`tandem: unknown.xlf:${lineOf(unknown, 'unit id="nope"')}: unit "nope" is no sentence of a built article\n`)
  })

  it('says an XLIFF cut short is cut short', async () => {
    const {root, xliff} = await exported()
    const cut = xliff.slice(0, xliff.indexOf('</target>'))
    await writeFile(join(root, 'cut.xlf'), cut)
    const run = await tandem(root, ['import', 'cut.xlf'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^tandem: cut\.xlf:\d+: the file ends with elements still open \(<xliff>, <file>, <unit>, <segment>, <target>\): is it cut short\?\n$/)
  })

  it('refuses an XLIFF unit that an .en.md edit no build has taken renders otherwise, and takes one that agrees', async () => {
    const {root, xliff, memory} = await exported()
    const en = (await read(root, 'output/a.en.md')).split('\n')
    const enLine = (await read(root, 'output/a.de.md')).split('\n').indexOf('Dritter Satz.') + 1
    expect(enLine).toBeGreaterThan(0)
    en[enLine - 1] = 'The third sentence, as the editor wrote it.'
    await writeFile(join(root, 'output/a.en.md'), en.join('\n'))
    const other = xliff.replace(/(<source>Dritter Satz\.<\/source>\s*<target>)[^<]*(<\/target>)/, '$1The third sentence, as the translator wrote it.$2')
    expect(other).not.toBe(xliff)
    await writeFile(join(root, 'other.xlf'), other)
    const run = await tandem(root, ['import', 'other.xlf'], REVIEWER)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(
      `error  human-conflict  two reviewed versions of one sentence wait: output/a.en.md:${enLine} has "The third sentence, as the editor wrote it.", this one "The third sentence, as the translator wrote it."`
    )
    expect(await read(root, 'output/.tandem/memory.de-en.jsonl')).toBe(memory)
    // The same words in both: no conflict; the build then keeps them.
    const same = xliff.replace(/(<source>Dritter Satz\.<\/source>\s*<target>)[^<]*(<\/target>)/, '$1The third sentence, as the editor wrote it.$2')
    await writeFile(join(root, 'same.xlf'), same)
    expect((await tandem(root, ['import', 'same.xlf'], REVIEWER)).code).toBe(0)
    expect((await tandem(root, ['build', '--quiet'], REVIEWER)).code).toBe(0)
    expect((await read(root, 'output/a.en.md')).split('\n')[enLine - 1]).toBe('The third sentence, as the editor wrote it.')
  })

  it('never stores the machine English sent back untouched as a person’s, even when the memory lost it; a unit marked final is an approval', async () => {
    const {root, xliff} = await exported()
    // The memory forgets one sentence (a reset, a retranslation after a glossary change) after the export.
    const memoryPath = join(root, 'output/.tandem/memory.de-en.jsonl')
    const lines = (await read(root, 'output/.tandem/memory.de-en.jsonl')).split('\n')
    await writeFile(memoryPath, lines.filter((line) => !line.includes('"source":"Zweiter Satz."')).join('\n'))
    const untouched = await tandem(root, ['import', 'exports/a.xlf'], REVIEWER)
    expect(untouched.code).toBe(0)
    expect(untouched.stdout).toBe('imported 0 translation(s) from exports/a.xlf (4 already in the memory); run tandem build to write them\n')
    expect(await read(root, 'output/.tandem/memory.de-en.jsonl')).not.toContain('"status":"reviewed"')
    // A translator who approves a unit marks it final: that is a person's review of the same words.
    const approved = xliff.replace(/(<segment state=")translated(">\s*<source>Dritter Satz\.<\/source>)/, '$1final$2')
    expect(approved).not.toBe(xliff)
    await writeFile(join(root, 'approved.xlf'), approved)
    expect((await tandem(root, ['import', 'approved.xlf'], REVIEWER)).code).toBe(0)
    const memory = await read(root, 'output/.tandem/memory.de-en.jsonl')
    expect(memory.split('\n').filter((line) => line.includes('"status":"reviewed"')).map((line) => (JSON.parse(line) as {source: string}).source)).toEqual(['Dritter Satz.'])
  })

  it('takes an untouched file as unchanged, not as a conflict with an .en.md edit', async () => {
    const {root, xliff} = await exported()
    const enLine = (await read(root, 'output/a.de.md')).split('\n').indexOf('Dritter Satz.') + 1
    const en = (await read(root, 'output/a.en.md')).split('\n')
    en[enLine - 1] = 'The third sentence, as the editor wrote it.'
    await writeFile(join(root, 'output/a.en.md'), en.join('\n'))
    await writeFile(join(root, 'same.xlf'), xliff)
    const run = await tandem(root, ['import', 'same.xlf'], REVIEWER)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
  })
})
