import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {makeProject, tandem} from '../helpers/project.js'
import {recordingProvider} from '../helpers/providers.js'

const read = (root: string, path: string): Promise<string> => readFile(join(root, path), 'utf8').catch(() => '')

describe('an answer may not bring markup the German does not have', () => {
  it('sends an inline HTML element as one paired placeholder, and refuses an answer that closes it before it opens', async () => {
    const root = await makeProject({'input/a.md': 'Ein <span style="color:red">rot markierter</span> Satz.\n'})
    const swapped = recordingProvider({answer: () => ({id: '', text: 'A </m1>red marked<m1> sentence.'})})
    const run = await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: swapped}})
    expect(swapped.received).toEqual(['Ein <m1>rot markierter</m1> Satz.'])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('input/a.md:1:1  error  placeholder-nesting')
    expect(await read(root, 'output/a.en.md')).toBe('')
    // Refused answers are not remembered: the next build asks again.
    expect(await read(root, 'output/.tandem/memory.de-en.jsonl')).not.toContain('red marked')
  })

  it('refuses inline HTML tags that are not one element in the German, when an answer puts them in another order', async () => {
    // The tags are in different inline nodes (one inside the emphasis), so each is a placeholder of its own.
    const root = await makeProject({'input/a.md': 'Ein *<span>rot* markierter</span> Satz.\n'})
    const swapped = recordingProvider({answer: () => ({id: '', text: 'A <h3/>red <i1><h2/></i1> marked sentence.'})})
    const run = await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: swapped}})
    expect(swapped.received).toEqual(['Ein <i1><h2/>rot</i1> markierter<h3/> Satz.'])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('(expected inline HTML opened and closed as in the German, got </span> before its <span>)')
    expect(await read(root, 'output/a.en.md')).toBe('')
  })

  it('keeps inline HTML elements that a translation reorders, each moved whole', async () => {
    const root = await makeProject({'input/a.md': 'Drücke <kbd>Strg</kbd> und <kbd>C</kbd>.\n'})
    const moved = recordingProvider({answer: () => ({id: '', text: 'Press <m2>C</m2> after <m1>Ctrl</m1>.'})})
    const run = await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: moved}})
    expect(moved.received).toEqual(['Drücke <m1>Strg</m1> und <m2>C</m2>.'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(await read(root, 'output/a.en.md')).toBe('Press <kbd>C</kbd> after <kbd>Ctrl</kbd>.\n')
  })

  it.each([
    ['a Hugo shortcode', 'A sentence {{< evil >}} here.'],
    ['a Liquid tag', 'A sentence {% include evil.html %} here.'],
    ['a template expression', 'A sentence {{ site.Params.secret }} here.']
  ])('refuses %s in the words, with the sentence', async (_what, text) => {
    const root = await makeProject({'input/a.md': 'Ein Satz steht hier.\n'})
    const run = await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider({answer: () => ({id: '', text})})}})
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/input\/a\.md:1:1 {2}error {2}translation-markup {2}recording added template markup \(\{[{%].*[}%]\}\) that the German does not have; refused: Ein Satz steht hier\./)
    expect(await read(root, 'output/a.en.md')).toBe('')
  })
})

describe('TeX math is never sent', () => {
  // Note: math is protected as text, after CommonMark has read it: a backslash before punctuation (\\, or \\{) is
  // an escape to it and does not survive; remark-math would keep it (not used: it reads "5 $ und 10 $" as math).
  it('keeps $…$ and $$…$$ out of what the provider sees and writes them back as they were; prices stay prose', async () => {
    const article = 'Die Formel $E = mc^2$ gilt, und $$\\int_0^1 f(x) dx$$ auch.\n\nEs kostet 5 $ und 10 $ im Monat, zwischen $5 und $10.\n'
    const root = await makeProject({'input/a.md': article})
    const provider = recordingProvider()
    const run = await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: provider}})
    expect(run.code).toBe(0)
    expect(provider.received).toEqual(['Die Formel <x1/> gilt, und <x2/> auch.', 'Es kostet 5 $ und 10 $ im Monat, zwischen $5 und $10.'])
    const en = await read(root, 'output/a.en.md')
    expect(en).toContain('$E = mc^2$')
    expect(en).toContain('$$\\int_0^1 f(x) dx$$')
  })

  it('reads math before emphasis and escapes: nothing inside it is sent or rewritten, a math block neither', async () => {
    const article = 'Es gilt $a*b*c$ und $\\sum_{i=1}^n i$ hier.\n\n$$\nx_{1} + y_{2}\n$$\n\nDas kostet 5 $ und 10 $.\n'
    const root = await makeProject({'input/a.md': article})
    const provider = recordingProvider()
    const run = await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: provider}})
    expect(run.code).toBe(0)
    expect(provider.received).toEqual(['Es gilt <x1/> und <x2/> hier.', 'Das kostet 5 $ und 10 $.'])
    const en = await read(root, 'output/a.en.md')
    expect(en).toContain('$a*b*c$')
    expect(en).toContain('$\\sum_{i=1}^n i$')
    expect(en).toContain('$$\nx_{1} + y_{2}\n$$')
    const identity = await makeProject({'input/a.md': article.replace('Das kostet 5 $ und 10 $.', 'Das kostet viel.')})
    expect((await tandem(identity, ['build', '--provider', 'identity', '--quiet'])).code).toBe(0)
    expect(await read(identity, 'output/a.en.md')).toBe('Es gilt $a*b*c$ und $\\sum_{i=1}^n i$ hier.\n\n$$\nx_{1} + y_{2}\n$$\n\nDas kostet viel.\n')
  })

  it('sends prices between dollars as prose, and keeps a $$ line that no line closes a paragraph', async () => {
    const article = 'Der Umsatz lag bei 5 Mrd. US$, der **Gewinn** bei 1 Mrd. US$.\n\n| Basis | 10$/Monat, sonst 100$/Jahr |\n| - | - |\n| a | b |\n\n$$$ Geldregen für alle\n\nNoch ein Absatz.\n'
    const root = await makeProject({'input/a.md': article})
    const provider = recordingProvider()
    const run = await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: provider}})
    expect(run.code).toBe(0)
    expect(provider.received).toEqual(expect.arrayContaining(['Der Umsatz lag bei 5 Mrd. US$, der <b1>Gewinn</b1> bei 1 Mrd. US$.', '10$/Monat, sonst 100$/Jahr', '$$$ Geldregen für alle', 'Noch ein Absatz.']))
  })

  it('reads ":::tip Titel" as an admonition only in a paragraph: never in HTML, code or frontmatter', async () => {
    const article = '---\ndescription: |\n  :::note Hinweis im Text\n---\n\n<pre>\n:::tip Nicht ändern\n</pre>\n\n```\n:::tip Im Code\n```\n\n:::tip Mein Titel\nEin Tipp.\n:::\n'
    const root = await makeProject({'input/a.md': article})
    expect((await tandem(root, ['build', '--provider', 'identity', '--quiet'])).code).toBe(0)
    expect(await read(root, 'output/a.de.md')).toBe(article.replace(':::tip Mein Titel', ':::tip[Mein Titel]'))
  })
})
