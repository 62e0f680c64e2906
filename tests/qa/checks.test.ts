import {describe, expect, it} from 'vitest'
import {checkLength, checkNumbers, checkQuotes, checkSentence, checkUntranslated, QA_CHECKS} from '../../src/qa/checks.js'

describe('QA checks', () => {
  it.each([
    ['über 200.000 GPUs', 'more than 200,000 GPUs', []],
    ['über 200.000 GPUs', 'more than 200000 GPUs', []],
    ['über 200.000 GPUs', 'more than 200.000 GPUs', ['200.000 → 200,000']],
    ['um 3,5 % gestiegen', 'up 3.5%', []],
    ['um 3,5 % gestiegen', 'up 3,5%', ['3,5 → 3.5']],
    ['1.234,56 Euro', '1,234.56 euros', []],
    ['am 31.12.2024', 'on December 31, 2024', []],
    ['am 31.12.2024', 'on 31 December 2024', []],
    ['am 31.12.2024', 'on 2024-12-31', []],
    ['am 31.12.2024', 'on 31.12.2024', ['31.12.2024 → a date with day 31, December and 2024']],
    ['seit 2017 bis 2027', 'from 2017 to 2027', []],
    ['seit 2017', 'since 2018', ['2017 → 2017']],
    ['5 Ingenieure', 'five engineers', []],
    ['um 14.30 Uhr', 'at 2:30 p.m.', []],
    ['um 14.30 Uhr', 'at 2.30pm', []],
    ['um 14.30 Uhr', 'at 14:30', []],
    ['um 14:30 Uhr', 'at 2:30 PM', []],
    ['um 9 Uhr', 'at 9 a.m.', []],
    ['um 9 Uhr', 'at nine o’clock', []],
    ['um 9 Uhr', 'at 09:00', []],
    ['um 12 Uhr', 'at noon', []],
    ['um 14.30 Uhr', 'at 2:30 a.m.', ['14.30 Uhr → 2:30 p.m. or 14:30']],
    ['um 14.30 Uhr', 'at half past two', ['14.30 Uhr → 2:30 p.m. or 14:30']],
    ['um 14.30 Uhr und 200.000 Euro', 'at 2:30 p.m. and 200,000 euros', []]
  ] as Array<[string, string, string[]]>)('numbers: %s → %s', (german, english, expected) => {
    expect(checkNumbers(german, english).map((finding) => finding.detail)).toEqual(expected)
  })

  it('finds German quotation marks left in the English', () => {
    expect(checkQuotes('“Fine,” he said.')).toEqual([])
    expect(checkQuotes('„Fine,“ he said.')).toEqual([{check: 'quotes', detail: '„'}])
  })

  it('finds untranslated sentences but not English already in the source', () => {
    expect(checkUntranslated('Die Abwerbung ist Teil eines Konflikts.', 'Die Abwerbung ist Teil eines Konflikts.')).toEqual([{check: 'untranslated', detail: 'the same as the German'}])
    expect(checkUntranslated('Die Abwerbung ist Teil eines Konflikts.', 'The poaching ist Teil eines conflict.')[0]?.check).toBe('untranslated')
    expect(checkUntranslated('Die Abwerbung ist Teil eines Konflikts.', 'The poaching is part of a conflict.')).toEqual([])
    expect(checkUntranslated('OpenAI’s New Hires and Scaling Efforts', 'OpenAI’s New Hires and Scaling Efforts')).toEqual([])
  })

  it('finds length-ratio outliers', () => {
    expect(checkLength('Ein ziemlich langer deutscher Satz mit Inhalt.', 'Short.')).toEqual([{check: 'length', detail: '0.13'}])
    expect(checkLength('Ein ziemlich langer deutscher Satz mit Inhalt.', 'A rather long German sentence with content.')).toEqual([])
    expect(checkLength('Kurz.', 'A much, much longer English rendering of it.')).toEqual([])
  })

  it('runs only the enabled checks', () => {
    const all = checkSentence('„Über 200.000.“', '„Over 200.000.“', new Set(QA_CHECKS))
    expect(all.map((finding) => finding.check).sort()).toEqual(['numbers', 'quotes'])
    expect(checkSentence('„Über 200.000.“', '„Over 200.000.“', new Set(['quotes'] as const)).map((finding) => finding.check)).toEqual(['quotes'])
  })
})
