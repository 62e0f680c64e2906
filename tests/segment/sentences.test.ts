import {describe, expect, it} from 'vitest'
import {splitSentences} from '../../src/segment/sentences.js'

describe('splitSentences', () => {
  it('splits ordinary sentences', () => {
    expect(splitSentences('Das ist gut. Das ist besser! Ist das am besten? Ja.')).toEqual([
      'Das ist gut.',
      'Das ist besser!',
      'Ist das am besten?',
      'Ja.'
    ])
  })

  it.each([
    ['z. B.', 'Das gilt z. B. für Tesla. Dann kommt mehr.', ['Das gilt z. B. für Tesla.', 'Dann kommt mehr.']],
    ['z.B. without spaces', 'Das gilt z.B. für Tesla. Dann kommt mehr.', ['Das gilt z.B. für Tesla.', 'Dann kommt mehr.']],
    ['d. h.', 'Er kam spät, d. h. nach Mitternacht. Dann schlief er.', ['Er kam spät, d. h. nach Mitternacht.', 'Dann schlief er.']],
    ['u. a.', 'Dabei waren u. a. Tesla und xAI. Sonst niemand.', ['Dabei waren u. a. Tesla und xAI.', 'Sonst niemand.']],
    ['Dr.', 'Gestern sprach Dr. Müller. Er war gut.', ['Gestern sprach Dr. Müller.', 'Er war gut.']],
    ['Nr.', 'Das ist Nr. 5 der Liste. Weiter.', ['Das ist Nr. 5 der Liste.', 'Weiter.']],
    ['bzw.', 'Das betrifft Tesla bzw. xAI. Weiter.', ['Das betrifft Tesla bzw. xAI.', 'Weiter.']],
    ['ca.', 'Es kamen ca. 300 Leute. Weiter.', ['Es kamen ca. 300 Leute.', 'Weiter.']],
    ['usw.', 'Äpfel, Birnen usw. sind Obst. Weiter.', ['Äpfel, Birnen usw. sind Obst.', 'Weiter.']],
    ['Mio.', 'Es kostet 5 Mio. Euro. Weiter.', ['Es kostet 5 Mio. Euro.', 'Weiter.']],
    ['Mrd.', 'Es kostet 5 Mrd. Dollar. Weiter.', ['Es kostet 5 Mrd. Dollar.', 'Weiter.']],
    ['z. B. at a sentence start', 'Z. B. hier. Dann dort.', ['Z. B. hier.', 'Dann dort.']]
  ])('does not split after the abbreviation %s', (_name, text, expected) => {
    expect(splitSentences(text)).toEqual(expected)
  })

  it.each([
    ['usw.', 'Er fuhr weiter usw. Er belegte Platz 3.', ['Er fuhr weiter usw.', 'Er belegte Platz 3.']],
    ['etc.', 'Es gab Brot, Käse etc. Dann gingen alle.', ['Es gab Brot, Käse etc.', 'Dann gingen alle.']],
    ['u. Ä.', 'Es gab Kabel, Stecker u. Ä. Die Kiste war voll.', ['Es gab Kabel, Stecker u. Ä.', 'Die Kiste war voll.']],
    ['o. ä.', 'Nimm Tee o. ä. Danach schläfst du.', ['Nimm Tee o. ä.', 'Danach schläfst du.']],
    ['u.Ä. without a space', 'Es gab Kabel u.Ä. Die Kiste war voll.', ['Es gab Kabel u.Ä.', 'Die Kiste war voll.']]
  ])('splits after %s when a new sentence follows', (_name, text, expected) => {
    expect(splitSentences(text)).toEqual(expected)
  })

  it.each([
    ['usw. before a verb', 'Äpfel, Birnen usw. sind Obst.', ['Äpfel, Birnen usw. sind Obst.']],
    ['u. Ä. before a verb', 'Kabel, Stecker u. Ä. lagen herum.', ['Kabel, Stecker u. Ä. lagen herum.']],
    ['etc. before a comma', 'Brot, Käse etc., alles war da.', ['Brot, Käse etc., alles war da.']]
  ])('keeps %s inside its sentence', (_name, text, expected) => {
    expect(splitSentences(text)).toEqual(expected)
  })

  it.each([
    ['am 3. Oktober', 'Das war am 3. Oktober 2024. Danach kam mehr.', ['Das war am 3. Oktober 2024.', 'Danach kam mehr.']],
    ['der 2. Platz', 'Er belegte der 2. Platz im Rennen. Gut.', ['Er belegte der 2. Platz im Rennen.', 'Gut.']],
    ['zum 5. Mal', 'Das passierte zum 5. Mal. Schon wieder.', ['Das passierte zum 5. Mal.', 'Schon wieder.']],
    ['3. 10. 2024', 'Am 3. 10. 2024 war es so. Dann nicht.', ['Am 3. 10. 2024 war es so.', 'Dann nicht.']]
  ])('does not split an ordinal: %s', (_name, text, expected) => {
    expect(splitSentences(text)).toEqual(expected)
  })

  it('splits after a capital letter that ends a sentence (a name, a plan B)', () => {
    expect(splitSentences('Das betrifft Tesla bzw. X. Weiter geht es.')).toEqual(['Das betrifft Tesla bzw. X.', 'Weiter geht es.'])
    expect(splitSentences('Satz A. Satz B.')).toEqual(['Satz A.', 'Satz B.'])
  })

  it('splits after a year that ends a sentence', () => {
    expect(splitSentences('Das Ziel ist profitabel bis 2027. Danach kommt 2029.')).toEqual(['Das Ziel ist profitabel bis 2027.', 'Danach kommt 2029.'])
  })

  it.each([
    ['a date', 'Am 31.12.2024 endete es. Neu.', ['Am 31.12.2024 endete es.', 'Neu.']],
    ['thousands', 'Es sind 200.000 GPUs. Viele.', ['Es sind 200.000 GPUs.', 'Viele.']],
    ['decimal comma and percent', 'Es stieg um 3,5 %. Dann fiel es.', ['Es stieg um 3,5 %.', 'Dann fiel es.']],
    ['a version', 'Nutze Version 2.1.3 bitte. Danke.', ['Nutze Version 2.1.3 bitte.', 'Danke.']]
  ])('does not split inside %s', (_name, text, expected) => {
    expect(splitSentences(text)).toEqual(expected)
  })

  it.each([
    ['continued after the quote', 'Er sagte: „Das ist gut.“ und ging. Dann kam sie.', ['Er sagte: „Das ist gut.“ und ging.', 'Dann kam sie.']],
    ['attribution after the quote', '„Toll!“, sagte er. Sie nickte.', ['„Toll!“, sagte er.', 'Sie nickte.']],
    ['two sentences inside one quote', 'Sie rief: „Komm her. Sofort.“ Er kam.', ['Sie rief: „Komm her. Sofort.“', 'Er kam.']],
    ['guillemets', 'Er schrieb »Das ist neu. Sehr neu.« in sein Heft. Fertig.', ['Er schrieb »Das ist neu. Sehr neu.« in sein Heft.', 'Fertig.']]
  ])('keeps quotations together: %s', (_name, text, expected) => {
    expect(splitSentences(text)).toEqual(expected)
  })

  it('treats soft line breaks as spaces', () => {
    expect(splitSentences('Ein Satz\nüber zwei Zeilen. Und noch\neiner.')).toEqual(['Ein Satz\nüber zwei Zeilen.', 'Und noch\neiner.'])
  })

  it('never splits where the text has no whitespace', () => {
    expect(splitSentences('Status: 2.Durchsicht fertig. Weiter.')).toEqual(['Status: 2.Durchsicht fertig.', 'Weiter.'])
    expect(splitSentences('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~')).toHaveLength(1)
  })
})
