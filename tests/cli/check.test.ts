import {readFile, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {filesBelow, makeProject, put, tandem} from '../helpers/project.js'
import {dictionaryProvider, recordingProvider} from '../helpers/providers.js'

const ARTICLE = '# Die Abwerbung\n\nDie Abwerbung von Ingenieuren geht weiter.\n\nEin zweiter Satz.\n'

async function built(files: Record<string, string> = {}): Promise<string> {
  const root = await makeProject({'input/a.md': ARTICLE, ...files})
  expect((await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}})).code).toBe(0)
  return root
}

describe('tandem check, the CI gate', () => {
  it('passes a project whose every article is built and translated, and writes nothing', async () => {
    const root = await built()
    const before = await filesBelow(root)
    const run = await tandem(root, ['check'])
    expect(run.stdout).toBe('1 article(s) checked: 0 problem(s)\n')
    expect(run.code).toBe(0)
    expect(await filesBelow(root)).toEqual(before)
  })

  it('fails when the German changed since the build, naming the new sentence without a translation', async () => {
    const root = await built()
    await put(root, 'input/a.md', ARTICLE.replace('Ein zweiter Satz.', 'Ein neuer zweiter Satz.'))
    const run = await tandem(root, ['check'])
    expect(run.code).toBe(1)
    expect(run.stdout.split('\n')).toEqual([
      'input/a.md  error  check-stale  the German changed since the last build, an output is gone or changed, the memory has other English for it, or it was never built: its outputs do not match; run tandem build',
      'input/a.md:5:1  error  check-missing  a sentence without a translation: run tandem build with a provider: Ein neuer zweiter Satz.',
      '1 article(s) checked: 2 problem(s)',
      ''
    ])
  })

  it('fails on an .en.md edit the build would refuse, on machine translations with --require-reviewed, on glossary violations with --strict', async () => {
    const root = await built()
    // A term added to the glossary after the build: the memory's English does not use it.
    await put(root, 'glossary/g.yaml', 'terms:\n  - de: Abwerbung\n    en: poaching\n')
    expect((await tandem(root, ['check'])).code).toBe(0)
    const strict = await tandem(root, ['check', '--strict'])
    expect(strict.code).toBe(1)
    expect(strict.stdout).toContain('error  glossary-missing  "Abwerbung"')
    const reviewed = await tandem(root, ['check', '--require-reviewed'])
    expect(reviewed.code).toBe(1)
    expect(reviewed.stdout).toContain('input/a.md:3:1  error  check-unreviewed  a machine translation nobody reviewed: Die Abwerbung von Ingenieuren geht weiter.')
    await writeFile(join(root, 'output/a.en.md'), 'A line too many.\n' + ARTICLE)
    const edited = await tandem(root, ['check'])
    expect(edited.code).toBe(1)
    expect(edited.stdout).toMatch(/^output\/a\.en\.md:1:1 {2}error {2}edit-lines {2}/m)
  })

  it('fails when an output the build wrote is gone or was changed by hand', async () => {
    const root = await built()
    const {rm} = await import('node:fs/promises')
    await rm(join(root, 'output/a.de-en.md'))
    const gone = await tandem(root, ['check'])
    expect(gone.code).toBe(1)
    expect(gone.stdout).toContain('input/a.md  error  check-stale')
    const again = await built()
    await writeFile(join(again, 'output/a.de.md'), 'Changed by hand.\n')
    expect((await tandem(again, ['check'])).stdout).toContain('input/a.md  error  check-stale')
  })

  it('calls stale an article whose .en.md is gone, or whose English in the memory is not the one its files were written with', async () => {
    const root = await built()
    const memory = join(root, 'output/.tandem/memory.de-en.jsonl')
    const text = await readFile(memory, 'utf8')
    // As a merge that took another branch's review would leave it.
    await writeFile(memory, text.replace(/\{"source":"Ein zweiter Satz\.","target":"[^"]*","status":"machine","provider":"[^"]*"\}/, '{"source":"Ein zweiter Satz.","target":"A second sentence.","status":"reviewed","provider":"human"}'))
    const reviewed = await tandem(root, ['check', '--require-reviewed'])
    expect(reviewed.code).toBe(1)
    expect(reviewed.stdout).toContain('input/a.md  error  check-stale')
    await writeFile(memory, text)
    await rm(join(root, 'output/a.en.md'))
    const gone = await tandem(root, ['check'])
    expect(gone.code).toBe(1)
    expect(gone.stdout).toContain('input/a.md  error  check-stale')
  })

  it('reports a damaged memory with its file and line, exit 2', async () => {
    const root = await built()
    const memory = join(root, 'output/.tandem/memory.de-en.jsonl')
    const text = (await readFile(memory, 'utf8')).split('\n')
    text.splice(2, 0, '{"source": "kaputt"')
    await writeFile(memory, text.join('\n'))
    const run = await tandem(root, ['check'])
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(`tandem: the translation memory is damaged: ${memory}:3: not valid JSON\n`)
  })

  it('looks past an unchanged article when the memory lost a sentence of it or the settings ask for more', async () => {
    const root = await built({'input/b.md': '---\ntitle: Ein Titel\n---\n\nEin Satz.\n'})
    expect((await tandem(root, ['check'])).code).toBe(0)
    const memory = join(root, 'output/.tandem/memory.de-en.jsonl')
    const lines = (await readFile(memory, 'utf8')).split('\n')
    await writeFile(memory, lines.filter((line) => !line.includes('"source":"Ein zweiter Satz."')).join('\n'))
    const lost = await tandem(root, ['check'])
    expect(lost.code).toBe(1)
    expect(lost.stdout).toContain('input/a.md:5:1  error  check-missing  a sentence without a translation: run tandem build with a provider: Ein zweiter Satz.')
    const other = await built({'input/b.md': '---\ntitle: Ein Titel\nsummary: Eine Zusammenfassung.\n---\n\nEin Satz.\n', 'tandem.config.json': JSON.stringify({frontmatterFields: ['title']})})
    await put(other, 'tandem.config.json', JSON.stringify({frontmatterFields: ['title', 'summary']}))
    const more = await tandem(other, ['check'])
    expect(more.code).toBe(1)
    expect(more.stdout).toContain('input/b.md:3:10  error  check-missing  a sentence without a translation: run tandem build with a provider: Eine Zusammenfassung.')
  })

  it('speaks GitHub workflow commands and JSON', async () => {
    const root = await built()
    await put(root, 'input/a.md', `${ARTICLE}\nNoch ein Satz, mit Komma: und Doppelpunkt.\n`)
    const github = await tandem(root, ['check', '--format', 'github'])
    expect(github.code).toBe(1)
    expect(github.stdout).toContain('::error file=input/a.md,line=7,col=1,title=check-missing::a sentence without a translation: run tandem build with a provider: Noch ein Satz, mit Komma: und Doppelpunkt.')
    const json = JSON.parse((await tandem(root, ['check', '--format', 'json'])).stdout) as {ok: boolean; problems: Array<{rule: string; message: string}>}
    expect(json.ok).toBe(false)
    expect(json.problems.map((item) => item.rule)).toEqual(['check-stale', 'check-missing'])
    expect((await tandem(root, ['check', '--format', 'xml'])).code).toBe(2)
  })

  it('passes the committed example, every translation reviewed', async () => {
    const run = await tandem(join(import.meta.dirname, '../..'), ['check', '--require-reviewed'])
    expect(run.stdout).toBe('1 article(s) checked: 0 problem(s)\n')
    expect(run.code).toBe(0)
  })
})

describe('tandem check, qa.consistency', () => {
  // Two articles with known answers: "Abwerbung" is poaching in one, recruitment in the other;
  // the same sentence, once with emphasis, is translated two ways.
  const FILES = {
    'input/a.md': '# Abwerbung im Silicon Valley\n\nDie Abwerbung von Ingenieuren geht weiter.\n\nMusk kritisierte die Abwerbung scharf.\n\nDer Vorstand trat zurück.\n',
    'input/b.md': '# Streit um Talente\n\nDie Abwerbung kostet die Firma Millionen.\n\nNach der Abwerbung kam der Streit vor Gericht.\n\nDer Vorstand trat *zurück*.\n'
  }
  const ANSWERS = {
    'Abwerbung im Silicon Valley': 'Poaching in Silicon Valley',
    'Die Abwerbung von Ingenieuren geht weiter.': 'The poaching of engineers continues.',
    'Musk kritisierte die Abwerbung scharf.': 'Musk sharply criticised the poaching.',
    'Der Vorstand trat zurück.': 'The board resigned.',
    'Streit um Talente': 'Fight over talent',
    'Die Abwerbung kostet die Firma Millionen.': 'The recruitment costs the firm millions.',
    'Nach der Abwerbung kam der Streit vor Gericht.': 'After the recruitment came the dispute in court.',
    'Der Vorstand trat <i1>zurück</i1>.': 'The executive board <i1>stepped down</i1>.'
  }

  async function project(files: Record<string, string> = {}): Promise<string> {
    const root = await makeProject({...FILES, ...files})
    const build = await tandem(root, ['build', '--provider', 'd', '--quiet'], {providers: {d: dictionaryProvider(ANSWERS)}})
    expect(build.code, build.stderr).toBe(0)
    return root
  }

  it('warns once for each German sentence and noun rendered two ways, with every place and the glossary add line; fails only with --strict', async () => {
    const root = await project()
    const run = await tandem(root, ['check'])
    expect(run.code).toBe(0)
    expect(run.stdout.split('\n')).toEqual([
      'output/b.en.md:3:1  warning  qa-consistency-noun  „Abwerbung“ translated 2 ways: “poaching” (output/a.en.md:1, 3, 5); “recruitment” (output/b.en.md:3, 5); to keep the first everywhere: tandem glossary add Abwerbung poaching --forbid recruitment',
      'output/b.en.md:7:1  warning  qa-consistency-sentence  the same German translated 2 ways: “The board resigned.” (output/a.en.md:7); “The executive board stepped down.” (output/b.en.md:7); make them one: Der Vorstand trat zurück.',
      '2 article(s) checked: 0 problem(s), 2 warning(s)',
      ''
    ])
    const strict = await tandem(root, ['check', '--strict'])
    expect(strict.code).toBe(1)
    expect(strict.stdout).toContain('output/b.en.md:3:1  error  qa-consistency-noun')
    const github = await tandem(root, ['check', '--format', 'github'])
    expect(github.stdout).toContain('::warning file=output/b.en.md,line=3,col=1,title=qa-consistency-noun::„Abwerbung“ translated 2 ways')
    const json = JSON.parse((await tandem(root, ['check', '--format', 'json'])).stdout) as {ok: boolean; problems: Array<{rule: string; severity: string}>}
    expect(json.ok).toBe(true)
    expect(json.problems.map((item) => `${item.severity} ${item.rule}`)).toEqual(['warning qa-consistency-noun', 'warning qa-consistency-sentence'])
  })

  it('is silent once the glossary settles the noun, and when qa.consistency is off', async () => {
    const settled = await project({'glossary/terms.yaml': 'terms:\n  - de: Abwerbung\n    en: poaching\n'})
    const run = await tandem(settled, ['check'])
    expect(run.stdout).not.toContain('qa-consistency-noun')
    expect(run.stdout).toContain('qa-consistency-sentence')
    const off = await project({'tandem.config.json': JSON.stringify({qa: {consistency: false}})})
    expect((await tandem(off, ['check'])).stdout).toBe('2 article(s) checked: 0 problem(s)\n')
  })

  it('prints the German command in German, and the line it prints adds the term', async () => {
    const root = await project()
    const german = await tandem(root, ['check'], {env: {LANG: 'de_DE.UTF-8'}})
    const line = german.stdout.split('\n').find((item) => item.includes('qa-consistency-noun')) ?? ''
    expect(line).toContain('„Abwerbung“ auf 2 Arten übersetzt')
    const command = /tandem (glossary add .*)$/.exec(line)?.[1]?.split(' ') ?? []
    expect(command).toEqual(['glossary', 'add', 'Abwerbung', 'poaching', '--forbid', 'recruitment'])
    expect((await tandem(root, command)).code).toBe(0)
    expect((await tandem(root, ['check'])).stdout).not.toContain('qa-consistency-noun')
  })
})
