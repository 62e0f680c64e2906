import {describe, expect, it} from 'vitest'
import {ENGLISH_LABELS, judgeHtml, matchHtml} from '../../src/review/html.js'

describe('a rating and a match in the review page', () => {
  it('are escaped, every field, even the numbers a record file may hold as anything', () => {
    const hostile = '<img src=x onerror=alert(1)>' as unknown as number
    const judge = judgeHtml({score: hostile, by: '<b>judge</b>', en: 'English', findings: [{category: 'style', severity: 'minor', span: '<i>x</i>', note: '<script>1</script>'}], replaced: 'Old <u>English</u>'}, ENGLISH_LABELS)
    const match = matchHtml({de: 'Satz', en: '<s>x</s>', score: hostile, reviewed: true}, 'Satz', ENGLISH_LABELS)
    for (const html of [judge, match]) for (const raw of ['<img', '<script', '<i>x', '<u>', '<b>judge', '<s>x']) expect(html).not.toContain(raw)
    expect(judge).toContain('Second opinion · &lt;img src=x onerror=alert(1)&gt; · &lt;b&gt;judge&lt;/b&gt;')
  })
})
