import {describe, expect, it} from 'vitest'
import type {BuildState} from '../../src/builder/state.js'
import type {MemoryEntry} from '../../src/memory/store.js'
import {mergeMemory, mergeRecord, mergeState} from '../../src/merge/merge.js'

const machine = (source: string, target: string): MemoryEntry => ({source, target, status: 'machine', provider: 'deepl'})
const reviewed = (source: string, target: string, by: string, at: string): MemoryEntry => ({source, target, status: 'reviewed', provider: 'human', by, at})

/** The merge both ways round: a rule that depends on which branch is "ours" would make a rebase differ from a merge. */
function both(base: MemoryEntry[], ours: MemoryEntry[], theirs: MemoryEntry[]): ReturnType<typeof mergeMemory> {
  const one = mergeMemory(base, ours, theirs)
  const other = mergeMemory(base, theirs, ours)
  expect(JSON.stringify([...other.entries].sort((a, b) => (a.source < b.source ? -1 : 1)))).toBe(JSON.stringify([...one.entries].sort((a, b) => (a.source < b.source ? -1 : 1))))
  return one
}

describe('mergeMemory', () => {
  const a = machine('Satz A.', 'Sentence A.')
  const b = machine('Satz B.', 'Sentence B.')
  const c = machine('Satz C.', 'Sentence C.')

  it('keeps the different entries both branches added, with no conflict', () => {
    const result = both([a], [a, b], [a, c])
    expect(result.entries.map((entry) => entry.source).sort()).toEqual(['Satz A.', 'Satz B.', 'Satz C.'])
    expect(result.conflicts).toEqual([])
  })

  it('takes the change of the one branch that changed an entry, a removal too', () => {
    expect(both([a, b], [a, b], [a, {...b, target: 'Sentence B, better.'}]).entries).toContainEqual({...b, target: 'Sentence B, better.'})
    expect(both([a, b], [a], [a, b]).entries.map((entry) => entry.source)).toEqual(['Satz A.'])
  })

  it('keeps a judge’s rating when both branches made the same English and only one had it rated', () => {
    const rated: MemoryEntry = {...b, judge: {by: 'openai:gpt-4o', score: 62, findings: [{category: 'style', severity: 'minor', span: 'Sentence', note: 'fine'}]}}
    expect(both([a], [a, b], [a, rated]).entries).toContainEqual(rated)
  })

  it('lets a reviewed translation beat a machine one, whichever branch has it', () => {
    const review = reviewed('Satz B.', 'The sentence B.', 'Anna', '2026-11-01T10:00:00Z')
    const result = both([a, b], [a, review], [a, {...b, target: 'Sentence Bee.'}])
    expect(result.entries).toContainEqual(review)
    expect(result.conflicts).toEqual([])
  })

  it('keeps one of two machine translations and of two reviews with the same English, the same one either way round', () => {
    expect(both([b], [{...b, target: 'One.'}], [{...b, target: 'Two.'}]).conflicts).toEqual([])
    const early = reviewed('Satz B.', 'The same.', 'Anna', '2026-11-01T10:00:00Z')
    const late = reviewed('Satz B.', 'The same.', 'Ben', '2026-11-02T10:00:00Z')
    const result = both([b], [early], [late])
    expect(result.entries).toEqual([late])
    expect(result.conflicts).toEqual([])
  })

  it('reports two different reviews as a conflict, the entry carrying both versions', () => {
    const anna = reviewed('Satz B.', 'Anna’s sentence.', 'Anna', '2026-11-01T10:00:00Z')
    const ben = reviewed('Satz B.', 'Ben’s sentence.', 'Ben', '2026-11-02T10:00:00Z')
    const result = both([a, b], [a, anna], [a, ben])
    expect(result.conflicts).toHaveLength(1)
    expect(result.conflicts[0]).toEqual({...ben, conflict: {target: 'Anna’s sentence.', status: 'reviewed', provider: 'human', by: 'Anna', at: '2026-11-01T10:00:00Z'}})
  })

  it('refuses, without merging, a sentence one branch left in conflict and the other changed (three versions)', () => {
    const anna = reviewed('Satz B.', 'Anna’s.', 'Anna', '2026-11-01T10:00:00Z')
    const stored = {...anna, conflict: {target: 'Ben’s.', status: 'reviewed' as const, provider: 'human', by: 'Ben'}}
    const cleo = reviewed('Satz B.', 'Cleo’s.', 'Cleo', '2026-11-03T10:00:00Z')
    expect(both([b], [stored], [cleo])).toMatchObject({refused: ['Satz B.']})
    // The other branch left it as it was: the conflict travels on, undecided.
    expect(both([b], [stored], [b])).toEqual({entries: [stored], conflicts: [stored], refused: []})
  })

  it('reports a removal against a change of a reviewed entry as a conflict; a changed machine entry simply stays', () => {
    const review = reviewed('Satz B.', 'The sentence B.', 'Anna', '2026-11-01T10:00:00Z')
    const base = reviewed('Satz B.', 'Old.', 'Anna', '2026-10-01T10:00:00Z')
    expect(both([a, base], [a], [a, review]).conflicts).toEqual([{...review, conflict: {removed: true}}])
    expect(both([a, b], [a], [a, {...b, target: 'Changed.'}])).toEqual({entries: [a, {...b, target: 'Changed.'}], conflicts: [], refused: []})
  })
})

describe('mergeState and mergeRecord', () => {
  const entry = (input: string) => ({files: [`${input}.en.md`], fingerprint: 'f', input, outputs: {[`${input}.en.md`]: input}})
  const state = (articles: BuildState['articles']): BuildState => ({version: 2, articles})

  it('takes each article from the branch that built it; one built on both loses its fingerprint, so the next build rebuilds it', () => {
    const base = state({'a.md': entry('a0')})
    const merged = mergeState(base, state({'a.md': entry('a1'), 'b.md': entry('b')}), state({'a.md': entry('a2'), 'c.md': entry('c')}))
    expect(merged.articles['b.md']).toEqual(entry('b'))
    expect(merged.articles['c.md']).toEqual(entry('c'))
    expect(merged.articles['a.md']).toEqual({files: ['a1.en.md', 'a2.en.md']})
    expect(mergeState(base, state({}), base).articles).toEqual({})
  })

  it('takes the record of the branch that rebuilt the article; both rebuilt it: none, so the next build rebuilds it', () => {
    expect(mergeRecord('base', 'base', 'theirs')).toEqual({text: 'theirs'})
    expect(mergeRecord('base', 'ours', 'base')).toEqual({text: 'ours'})
    expect(mergeRecord('base', 'same', 'same')).toEqual({text: 'same'})
    expect(mergeRecord('base', 'ours', 'theirs')).toEqual({rebuild: true})
  })
})
