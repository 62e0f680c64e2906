import {describe, expect, it} from 'vitest'
import {maskTerms, matchTagged, verifyTranslation} from '../../src/glossary/enforce.js'
import {parseGlossaryFile} from '../../src/glossary/parse-file.js'
import {GlossaryMatcher} from '../../src/glossary/matcher.js'

const matcher = new GlossaryMatcher(parseGlossaryFile('names:\n  - Tesla\nterms:\n  - de: Abwerbung\n    en: poaching\n  - de: Ingenieur\n    en: engineer\n', 'g.yaml'))

describe('glossary enforcement helpers', () => {
  it('never matches inside placeholders (code, URLs, HTML)', () => {
    // In the tagged form code and URLs are already void tags; their text is not there to match.
    expect(matchTagged(matcher, 'Rufe <c1/> auf, siehe <x2/> und <a3>die Abwerbung</a3>.').map((m) => m.text)).toEqual(['Abwerbung'])
    expect(matchTagged(matcher, 'Text &lt;Tesla&gt; bleibt Text.').map((m) => m.text)).toEqual(['Tesla'])
  })

  it('protects terms as numbered placeholders after the existing ones and restores the English', () => {
    const masked = maskTerms(matcher, 'Die <b1>Abwerbung</b1> von Ingenieuren bei <c2/> Tesla.')
    expect(masked.text).toBe('Die <b1><g3/></b1> von <g4/> bei <c2/> <g5/>.')
    expect(masked.restore('<g5/> and the <b1><g3/></b1> of <g4/> at <c2/>.')).toBe('Tesla and the <b1>poaching</b1> of engineers at <c2/>.')
  })

  it('protects only the named entries when asked', () => {
    const only = new Set(matcher.match('Abwerbung').map((m) => m.entry))
    expect(maskTerms(matcher, 'Abwerbung bei Tesla', only).text).toBe('<g1/> bei Tesla')
  })

  it('verifies each entry once per sentence', () => {
    const matches = matcher.match('Die Abwerbung der Abwerbung von Ingenieuren bei Tesla.')
    expect(verifyTranslation(matches, 'The poaching of engineers at Tesla.')).toEqual([])
    expect(verifyTranslation(matches, 'The headhunting of engineers at tesla.').map((v) => `${v.kind} ${v.entry.de}`)).toEqual(['missing Abwerbung', 'missing Tesla'])
  })
})
