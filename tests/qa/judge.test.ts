import {describe, expect, it} from 'vitest'
import {ratingOf, ratingSummary, validateVerdict} from '../../src/qa/judge.js'

const ITEM = {id: 'a1', source: 'Musk kritisierte die Abwerbung <b1>scharf</b1>.', target: 'Musk criticised the  recruitment <b1>sharply</b1>.'}
const finding = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({category: 'terminology', severity: 'major', span: 'the recruitment', note: '“poaching” is the term', ...extra})

describe('a judge’s rating of one translation', () => {
  it('is taken with its score and findings, spans compared as the reader sees the text (no tags, spaces folded)', () => {
    const verdict = validateVerdict(ITEM, {id: 'a1', score: 62, findings: [finding(), finding({category: 'style', severity: 'minor', span: 'sharply.', note: 'fine\u001b[31m'})], fix: ''}, 'openai:judge')
    expect(verdict).toEqual({
      ok: true,
      rating: {
        by: 'openai:judge',
        score: 62,
        findings: [
          {category: 'terminology', severity: 'major', span: 'the recruitment', note: '“poaching” is the term'},
          // Note: a control character in a note is never stored.
          {category: 'style', severity: 'minor', span: 'sharply.', note: 'fine [31m'}
        ]
      }
    })
    // An omission quotes the German.
    expect(validateVerdict(ITEM, {id: 'a1', score: 80, findings: [finding({category: 'omission', span: 'scharf'})], fix: ''}, 'j').ok).toBe(true)
    // A fix is offered only when it says something else than the translation.
    expect(validateVerdict(ITEM, {id: 'a1', score: 40, findings: [], fix: 'Musk sharply criticised the poaching <b1></b1>.'}, 'j')).toMatchObject({ok: true, fix: 'Musk sharply criticised the poaching <b1></b1>.'})
    expect(validateVerdict(ITEM, {id: 'a1', score: 40, findings: [], fix: ITEM.target}, 'j')).not.toHaveProperty('fix')
  })

  it.each([
    ['no answer', undefined, 'no rating'],
    ['a score out of range', {score: 101, findings: []}, 'score not a whole number from 0 to 100'],
    ['a score that is not whole', {score: 62.5, findings: []}, 'score not a whole number from 0 to 100'],
    ['a score as text', {score: '62', findings: []}, 'score not a whole number from 0 to 100'],
    ['findings that are no list', {score: 62, findings: 'none'}, 'findings not a list'],
    ['a category outside MQM', {score: 62, findings: [finding({category: 'fluency'})]}, 'category "fluency" not an MQM category'],
    ['an unknown severity', {score: 62, findings: [finding({severity: 'blocker'})]}, 'severity "blocker" not minor, major or critical'],
    ['a span that is not in the English', {score: 62, findings: [finding({span: 'the headhunting'})]}, 'span “the headhunting” not in the English'],
    ['an omission not in the German', {score: 62, findings: [finding({category: 'omission', span: 'heftig'})]}, 'span “heftig” not in the German'],
    ['too many findings', {score: 62, findings: Array.from({length: 13}, () => finding())}, 'more than 12 findings']
  ])('is refused for %s', (_what, answer, reason) => {
    expect(validateVerdict(ITEM, answer === undefined ? undefined : {id: 'a1', ...answer}, 'j')).toEqual({ok: false, reason})
  })

  it('is read back from the memory as it was stored, and a damaged one is no rating', () => {
    const verdict = validateVerdict(ITEM, {id: 'a1', score: 62, findings: [finding()]}, 'openai:judge')
    if (!verdict.ok) throw new Error(verdict.reason)
    expect(ratingOf(JSON.parse(JSON.stringify(verdict.rating)))).toEqual(verdict.rating)
    expect(ratingOf({...verdict.rating, replaced: {target: 'x', provider: 'deepl'}})?.replaced).toEqual({target: 'x', provider: 'deepl'})
    expect(ratingOf({by: 'j', score: 'high', findings: []})).toBeUndefined()
    expect(ratingOf({by: 'j', score: 50, findings: [{category: 'fluency', severity: 'minor', span: '', note: ''}]})).toBeUndefined()
    expect(ratingSummary(verdict.rating)).toBe('terminology (major) “the recruitment”: “poaching” is the term')
  })
})
