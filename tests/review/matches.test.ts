import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {TranslationMemory} from '../../src/memory/store.js'
import {loadRecord} from '../../src/review/record.js'
import {ReviewStore} from '../../src/app/store.js'
import {createTranslator} from '../../src/cli/i18n.js'
import {appLabels} from '../../src/cli/serve-command.js'
import {makeProject, put, tandem} from '../helpers/project.js'
import {recordingProvider} from '../helpers/providers.js'

/**
 * The reviewer sees, for each sentence not reviewed yet, the most similar
 * sentence a person approved (fuzzy score ≥ fuzzy.show): in the record, the
 * static page, the app, the terminal review and its JSON.
 */

const REVIEWED = 'Der Minister sprach von einem wichtigen Schritt für das Volk.'
const NEW = 'Der Minister sprach von einem wichtigen Schritt für das Land.'
const KNOWN = 'Ein Satz, den das Gedächtnis schon kennt.'
const OTHER = 'Heute regnet es in der ganzen Stadt sehr stark.'

async function project(config: Record<string, unknown> = {}): Promise<string> {
  const root = await makeProject({'input/a.md': `# Titel\n\n${NEW}\n\n${KNOWN}\n\n${OTHER}\n`, 'tandem.config.json': JSON.stringify(config)})
  const memory = await TranslationMemory.open(join(root, 'output/.tandem'), 'memory.de-en.jsonl')
  await memory.record([
    {source: REVIEWED, target: 'The minister spoke of an important step for the people.', status: 'reviewed', provider: 'human'},
    {source: KNOWN, target: 'A sentence the memory knows.', status: 'machine', provider: 'recording'},
    {source: 'Ein Satz, den das Gedächtnis schon kannte.', target: 'A sentence the memory knew.', status: 'reviewed', provider: 'human'}
  ])
  await memory.save()
  return root
}

describe('fuzzy matches in review', () => {
  it('are recorded for the sentences not reviewed, from the reviewed ones only, with score and English', async () => {
    const root = await project()
    const provider = recordingProvider()
    expect((await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: provider}})).code).toBe(0)
    const record = await loadRecord(join(root, 'output'), 'a.md')
    const unit = (source: string) => record?.units.find((item) => item.source === source)
    // 11 tokens, one replaced: ⌊100 · 10 / 11⌋ = 90.
    expect(unit(NEW)?.match).toEqual({source: REVIEWED, target: 'The minister spoke of an important step for the people.', score: 90, reviewed: true})
    // A machine translation from the memory gets one too: 9 tokens, one replaced: ⌊100 · 8 / 9⌋ = 88.
    expect(unit(KNOWN)?.match).toEqual({source: 'Ein Satz, den das Gedächtnis schon kannte.', target: 'A sentence the memory knew.', score: 88, reviewed: true})
    // Nothing similar: no match. A machine translation is never one (the reviewer would have to check it too).
    expect(unit(OTHER)?.match).toBeUndefined()
    expect(record?.units.filter((item) => item.match !== undefined).map((item) => item.match?.source)).toEqual([REVIEWED, 'Ein Satz, den das Gedächtnis schon kannte.'])
    expect(provider.received).toEqual(['Titel', NEW, OTHER])
  })

  it('show on the static page with the German differences marked', async () => {
    const root = await project()
    expect((await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}})).code).toBe(0)
    const page = await readFile(join(root, 'output/a.review.html'), 'utf8')
    const match = /<div class="match">.{0,200}Volk.*?<\/div><\/div>/s.exec(page)?.[0] ?? ''
    expect(match).toContain('Similar in the memory · 90 · reviewed')
    // The word diff keeps punctuation with its word.
    expect(match).toContain('für das <del>Volk.</del><ins>Land.</ins>')
    expect(match).toContain('The minister spoke of an important step for the people.')
    expect(page.match(/<div class="match">/g)).toHaveLength(2)
  })

  it('show in the terminal review and its JSON, and stay through a rebuild that translates nothing', async () => {
    const root = await project()
    expect((await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}})).code).toBe(0)
    const before = await readFile(join(root, 'output/.tandem/records/a.json'), 'utf8')
    // A change elsewhere in the article: it is rebuilt, the sentence comes from the memory now.
    await put(root, 'input/a.md', `# Titel\n\n${NEW}\n\n${KNOWN}\n\n${OTHER}\n\nNoch ein ganz neuer Satz am Ende.\n`)
    expect((await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}})).code).toBe(0)
    const record = await loadRecord(join(root, 'output'), 'a.md')
    expect(record?.units.find((item) => item.source === NEW)?.match?.score).toBe(90)
    expect(before).toContain('"match"')
    const text = await tandem(root, ['review', 'input/a.md'])
    expect(text.code, text.stderr).toBe(0)
    expect(text.stdout).toContain('≈ similar in the memory (90, reviewed):')
    expect(text.stdout).toContain('de: Der Minister sprach von einem wichtigen Schritt für das [-Volk.-]{+Land.+}')
    expect(text.stdout).toContain('en: The minister spoke of an important step for the people.')
    const json = await tandem(root, ['review', 'input/a.md', '--json'])
    const rows = (JSON.parse(json.stdout) as Array<{rows: Array<{de: string; match?: {score: number; reviewed: boolean}}>}>)[0]?.rows ?? []
    expect(rows.find((row) => row.de === NEW)?.match).toMatchObject({score: 90, reviewed: true})
  })

  it('are left out below fuzzy.show, and go once the sentence is reviewed', async () => {
    const root = await project({fuzzy: {show: 95}})
    expect((await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}})).code).toBe(0)
    expect((await loadRecord(join(root, 'output'), 'a.md'))?.units.some((unit) => unit.match !== undefined)).toBe(false)

    const again = await project()
    expect((await tandem(again, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}})).code).toBe(0)
    // A reviewer edits the English of the new sentence in the .en.md.
    const en = await readFile(join(again, 'output/a.en.md'), 'utf8')
    const line = en.split('\n').find((text) => text.includes('Mínístér')) ?? ''
    expect(line).not.toBe('')
    await put(again, 'output/a.en.md', en.replace(line, 'The minister spoke of an important step for the country.'))
    expect((await tandem(again, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}, env: {LANG: 'en_US.UTF-8', TANDEM_REVIEWER: 'Eva'}})).code).toBe(0)
    const unit = (await loadRecord(join(again, 'output'), 'a.md'))?.units.find((item) => item.source === NEW)
    expect(unit?.status).toBe('reviewed')
    expect(unit?.match).toBeUndefined()
  })

  it('show in the review app, escaped, with the German differences marked', async () => {
    const root = await project()
    expect((await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}})).code).toBe(0)
    const labels = appLabels(await createTranslator('en'))
    const store = new ReviewStore(root, {}, labels, labels, () => ({by: 'Eva', at: '2026-12-02T10:00:00.000Z'}), new AbortController().signal)
    const rows = (await store.article('a.md'))?.rows ?? []
    const withMatch = rows.filter((row) => row.match !== undefined)
    expect(withMatch).toHaveLength(2)
    expect(withMatch.find((row) => row.line === 3)?.match).toBe(
      '<div class="match"><span class="score">Similar in the memory · 90 · reviewed</span><div lang="de">Der Minister sprach von einem wichtigen Schritt für das <del>Volk.</del><ins>Land.</ins></div><div lang="en">The minister spoke of an important step for the people.</div></div>'
    )
  })
})
