import {describe, expect, it} from 'vitest'
import {alignUnits, diff, wordDiff} from '../../src/review/diff.js'

/** Apply a diff to check it: the 'same' and 'delete' steps give a, 'same' and 'insert' give b. */
function check(a: string[], b: string[]): number {
  const ops = diff(a, b)
  expect(ops.flatMap((op) => (op.op === 'insert' ? [] : [op.a]))).toEqual(a)
  expect(ops.flatMap((op) => (op.op === 'delete' ? [] : [op.b]))).toEqual(b)
  return ops.filter((op) => op.op !== 'same').length
}

describe('diff', () => {
  it('finds a shortest edit script', () => {
    expect(check('ABCABBA'.split(''), 'CBABAC'.split(''))).toBe(5)
    expect(check([], ['a', 'b'])).toBe(2)
    expect(check(['a', 'b'], [])).toBe(2)
    expect(check(['a', 'x', 'c'], ['a', 'y', 'c'])).toBe(2)
  })

  it('handles large inputs with many differences (beyond the exact algorithm) and still pairs each change', () => {
    const a = Array.from({length: 50_000}, (_, i) => `s${i}`)
    const b = a.map((item, i) => (i % 10 === 0 ? `${item}!` : item))
    // 5,000 replaced items: 10,000 differences, past the exact diff's limit of 2,000.
    expect(check(a, b)).toBe(10_000)
    expect(alignUnits(a, b).changed.size).toBe(5_000)
  })

  it('pairs a replaced sentence with the one it replaced', () => {
    const {match, changed} = alignUnits(['a', 'b', 'c'], ['a', 'B', 'c', 'd'])
    expect([...match]).toEqual([0, 1, 2, -1])
    expect([...changed]).toEqual([1])
  })

  it('diffs words', () => {
    expect(wordDiff('der erste Satz', 'der zweite Satz')).toEqual([
      {op: 'same', text: 'der '},
      {op: 'delete', text: 'erste'},
      {op: 'insert', text: 'zweite'},
      {op: 'same', text: ' Satz'}
    ])
  })
})
