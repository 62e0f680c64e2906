import {describe, expect, it} from 'vitest'
import {checkPlaceholders, normalizeTagged, parseTagged, taggedToPlain, tokensToTagged} from '../../src/segment/tags.js'

describe('tagged form', () => {
  it('round-trips tokens, escaping text that looks like a tag', () => {
    const tagged = 'A &lt;b1&gt; &amp; <b1>fett <c2/></b1> und <a3>Link</a3>'
    const tokens = parseTagged(tagged)
    expect(tokens.map((token) => token.type)).toEqual(['text', 'open', 'text', 'void', 'close', 'text', 'open', 'text', 'close'])
    expect(tokensToTagged(tokens)).toBe(tagged)
    expect(taggedToPlain(tagged)).toBe('A <b1> & fett  und Link')
  })

  it('reads unknown tags and stray angle brackets as text', () => {
    expect(parseTagged('a < b <foo1> <br/>')).toEqual([{type: 'text', value: 'a < b <foo1> <br/>'}])
  })

  it('normalizes whitespace but keeps no-break spaces', () => {
    expect(normalizeTagged('  3,5\u00a0%\n und  mehr ')).toBe('3,5\u00a0% und mehr')
  })
})

describe('checkPlaceholders', () => {
  const source = parseTagged('Die <b1>Abwerbung</b1> von <c2/> und <a3>hier</a3>.')
  const check = (target: string): string[] => checkPlaceholders(source, parseTagged(target)).map((p) => `${p.rule} ${p.tag}`)

  it('accepts moved placeholders', () => {
    expect(check('<a3>Here</a3> the <b1>poaching</b1> of <c2/>.')).toEqual([])
  })

  it('reports a lost placeholder', () => {
    expect(check('The <b1>poaching</b1> of and <a3>here</a3>.')).toEqual(['placeholder-missing <c2/>'])
  })

  it('reports a duplicated placeholder', () => {
    expect(check('The <b1>poaching</b1> <c2/> of <c2/> and <a3>here</a3>.')).toEqual(['placeholder-duplicate <c2/>'])
  })

  it('reports an invented placeholder', () => {
    expect(check('The <b1>poaching</b1> of <c2/> <c9/> and <a3>here</a3>.')).toEqual(['placeholder-unknown <c9/>'])
  })

  it('reports crossed nesting and a missing close', () => {
    expect(check('The <b1>poaching <a3>of</b1> here</a3> <c2/>.')).toContain('placeholder-nesting </b1>')
    expect(check('The <b1>poaching of <c2/> and <a3>here</a3>.')).toContain('placeholder-nesting </b1>')
  })

  it('reports a changed kind', () => {
    expect(check('The <i1>poaching</i1> of <c2/> and <a3>here</a3>.')).toContain('placeholder-kind <i1>')
  })
})
