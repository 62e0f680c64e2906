import {readFile, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {checkHuman} from '../../src/review/human.js'
import {makeProject, tandem} from '../helpers/project.js'
import {recordingProvider} from '../helpers/providers.js'

const WHO = {by: 'Erika Muster', at: '2026-12-02T10:00:00.000Z'}
const at = (target: string, source = 'Die <b1>Abwerbung</b1> von <c2/> und <a3>hier</a3>.') => checkHuman({source, target, file: 'a.en.md', line: 3}, WHO)

describe('the one path of a human translation into the memory', () => {
  it('stores a sound translation as reviewed, by whom and when, its spaces folded', () => {
    expect(at('The  <b1>poaching</b1> of <c2/> and <a3>here</a3>. ')).toEqual({
      ok: true,
      entry: {source: 'Die <b1>Abwerbung</b1> von <c2/> und <a3>hier</a3>.', target: 'The <b1>poaching</b1> of <c2/> and <a3>here</a3>.', status: 'reviewed', provider: 'human', ...WHO}
    })
  })

  it.each([
    ['a placeholder of another kind', 'The <c1/> of <c2/> and <a3>here</a3>.', 'human-markup', 'kind <c1/>, missing <b1>'],
    ['a dropped link', 'The <b1>poaching</b1> of <c2/> and here.', 'human-markup', 'missing <a3>'],
    ['a placeholder twice', 'The <b1>poaching</b1> of <c2/> <c2/> and <a3>here</a3>.', 'human-markup', 'duplicate <c2/>'],
    ['broken nesting', 'The <b1>poaching <a3>of</b1> <c2/> here</a3>.', 'human-markup', 'nesting </b1>'],
    ['an empty translation', ' <b1></b1><c2/><a3></a3> ', 'human-empty', '']
  ])('refuses %s, with the file, the line and the reason', (_what, target, rule, detail) => {
    const verdict = at(target)
    expect(verdict.ok).toBe(false)
    if (verdict.ok) return
    expect(verdict.refusal).toMatchObject({rule, file: 'a.en.md', line: 3, params: {sentence: 'Die Abwerbung von  und hier.'}})
    expect(verdict.refusal.params['detail']).toContain(detail)
  })

  it('refuses a German that tandem cannot have written (an unclosed placeholder)', () => {
    const verdict = at('The <b1>poaching.', 'Die <b1>Abwerbung.')
    expect(verdict).toMatchObject({ok: false, refusal: {rule: 'human-source'}})
  })
})

const ARTICLE = '# Ein Titel\n\nDer erste Satz mit [einem Link](https://example.org/a) und `code()` folgt.\n\nEin zweiter Absatz.\n'
const read = (root: string, path: string): Promise<string> => readFile(join(root, path), 'utf8')

describe('edits in .en.md go the same way', () => {
  const built = async (): Promise<{root: string; en: string[]}> => {
    const root = await makeProject({'input/a.md': ARTICLE})
    expect((await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}})).code).toBe(0)
    return {root, en: (await read(root, 'output/a.en.md')).split('\n')}
  }

  it.each([
    ['a changed link target', (line: string) => line.replace('https://example.org/a', 'https://example.org/b').replace('Dér', 'The')],
    ['changed inline code', (line: string) => line.replace('`code()`', '`other()`')],
    ['a link target changed and nothing else', (line: string) => line.replace('https://example.org/a', 'https://evil.example/')]
  ])('refuses %s instead of reverting it without a word', async (_what, change) => {
    const {root, en} = await built()
    en[2] = change(en[2] ?? '')
    await writeFile(join(root, 'output/a.en.md'), en.join('\n'))
    const memory = await read(root, 'output/.tandem/memory.de-en.jsonl').catch(() => '')
    const run = await tandem(root, ['build', '--quiet'])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('output/a.en.md:3:1  error  edit-markup')
    expect(await read(root, 'output/a.en.md')).toBe(en.join('\n'))
    expect(await read(root, 'output/.tandem/memory.de-en.jsonl').catch(() => '')).toBe(memory)
  })

  it('says an emptied line is empty', async () => {
    const {root, en} = await built()
    en[4] = ''
    await writeFile(join(root, 'output/a.en.md'), en.join('\n'))
    const run = await tandem(root, ['build', '--quiet'])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('output/a.en.md:5:1  error  edit-empty  an edited line that is empty')
  })

  it('takes an edit of the words that keeps link and code, as the reviewer’s', async () => {
    const {root, en} = await built()
    en[2] = 'The first sentence with [a link](https://example.org/a) and `code()` follows.'
    await writeFile(join(root, 'output/a.en.md'), en.join('\n'))
    const run = await tandem(root, ['build', '--quiet'], {env: {LANG: 'C', TANDEM_REVIEWER: 'Erika Muster'}})
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const memory = await read(root, 'output/.tandem/memory.de-en.jsonl')
    expect(memory).toContain('"target":"The first sentence with <a1>a link</a1> and <c2/> follows.","status":"reviewed","provider":"human","by":"Erika Muster","at":"')
  })

  it.each([
    ['missing', async (root: string) => rm(join(root, 'output/.tandem/records/a.json'))],
    ['damaged', async (root: string) => writeFile(join(root, 'output/.tandem/records/a.json'), '{"version":1,"units":[')],
    ['without its line hashes', async (root: string) => writeFile(join(root, 'output/.tandem/records/a.json'), '{"version":1,"generation":1,"units":[]}')]
  ])('keeps an edited .en.md aside when its record is %s, and says which lines', async (_what, breakRecord) => {
    const {root, en} = await built()
    en[4] = 'A second paragraph, as the editor wrote it.'
    await writeFile(join(root, 'output/a.en.md'), en.join('\n'))
    await breakRecord(root)
    const memory = await read(root, 'output/.tandem/memory.de-en.jsonl')
    const run = await tandem(root, ['build', '--quiet'])
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('output/a.en.md  warning  edit-orphaned  this English file has lines that may be a reviewer\'s (5), and tandem has no record of what it wrote here: the file is kept as output/a.en.md.orphaned')
    expect(await read(root, 'output/a.en.md.orphaned')).toBe(en.join('\n'))
    // Nothing of it was taken for a review: the memory has no human entry it cannot vouch for.
    expect(await read(root, 'output/.tandem/memory.de-en.jsonl')).toBe(memory)
  })

  it('keeps nothing aside when the file without a record is what the build writes', async () => {
    const {root} = await built()
    await rm(join(root, 'output/.tandem/records/a.json'))
    await rm(join(root, 'output/.tandem/state.json'))
    const run = await tandem(root, ['build', '--quiet'])
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    await expect(read(root, 'output/a.en.md.orphaned')).rejects.toThrow(/ENOENT/)
  })

  it('takes edits of frontmatter fields and link-definition titles, and refuses a changed definition target', async () => {
    const article = '---\ntitle: Ein Titel hier\ndescription: "Eine Beschreibung."\n---\n\n# Kopf\n\nSiehe [den Link][ref] hier.\n\n[ref]: https://example.org "Ein Linktitel"\n'
    const root = await makeProject({'input/a.md': article})
    expect((await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}})).code).toBe(0)
    const en = (await read(root, 'output/a.en.md')).split('\n')
    expect(en[1]).toMatch(/^title: /)
    expect(en[9]).toMatch(/^\[ref\]: https:\/\/example\.org "/)
    en[1] = 'title: A title here'
    en[2] = 'description: "A description: with a colon."'
    en[9] = '[ref]: https://example.org "A link title"'
    await writeFile(join(root, 'output/a.en.md'), en.join('\n'))
    const run = await tandem(root, ['build', '--quiet'], {env: {LANG: 'C', TANDEM_REVIEWER: 'Erika Muster'}})
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const memory = await read(root, 'output/.tandem/memory.de-en.jsonl')
    for (const [source, target] of [['Ein Titel hier', 'A title here'], ['Eine Beschreibung.', 'A description: with a colon.'], ['Ein Linktitel', 'A link title']]) {
      expect(memory).toContain(`{"source":"${source}","target":"${target}","status":"reviewed","provider":"human","by":"Erika Muster"`)
    }
    const kept = (await read(root, 'output/a.en.md')).split('\n')
    expect([kept[1], kept[9]]).toEqual(['title: A title here', '[ref]: https://example.org "A link title"'])
    kept[9] = '[ref]: https://evil.example "A link title"'
    await writeFile(join(root, 'output/a.en.md'), kept.join('\n'))
    const moved = await tandem(root, ['build', '--quiet'])
    expect(moved.code).toBe(1)
    expect(moved.stderr).toContain('output/a.en.md:10:1  error  edit-markup')
  })

  it('never overwrites an earlier kept-aside copy', async () => {
    const {root, en} = await built()
    await writeFile(join(root, 'output/a.en.md.orphaned'), 'an earlier copy the editor has not looked at yet\n')
    en[4] = 'A second paragraph, as the editor wrote it.'
    await writeFile(join(root, 'output/a.en.md'), en.join('\n'))
    await rm(join(root, 'output/.tandem/records/a.json'))
    const run = await tandem(root, ['build', '--quiet'])
    expect(run.stderr).toContain('the file is kept as output/a.en.md.orphaned.2')
    expect(await read(root, 'output/a.en.md.orphaned')).toBe('an earlier copy the editor has not looked at yet\n')
    expect(await read(root, 'output/a.en.md.orphaned.2')).toBe(en.join('\n'))
  })

  it('refuses two .en.md edits of one sentence in two articles that disagree, naming each other, and takes neither', async () => {
    const root = await makeProject({'input/a.md': 'Ein gleicher Satz.\n', 'input/b.md': 'Ein gleicher Satz.\n'})
    expect((await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}})).code).toBe(0)
    const memory = await read(root, 'output/.tandem/memory.de-en.jsonl')
    await writeFile(join(root, 'output/a.en.md'), 'One same sentence.\n')
    await writeFile(join(root, 'output/b.en.md'), 'A sentence that is the same.\n')
    const run = await tandem(root, ['build', '--quiet'])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('output/a.en.md:1:1  error  human-conflict  two reviewed versions of one sentence wait: output/b.en.md:1 has "A sentence that is the same.", this one "One same sentence."')
    expect(run.stderr).toContain('output/b.en.md:1:1  error  human-conflict  two reviewed versions of one sentence wait: output/a.en.md:1 has "One same sentence.", this one "A sentence that is the same."')
    expect(await read(root, 'output/.tandem/memory.de-en.jsonl')).toBe(memory)
    expect([await read(root, 'output/a.en.md'), await read(root, 'output/b.en.md')]).toEqual(['One same sentence.\n', 'A sentence that is the same.\n'])
  })
})
