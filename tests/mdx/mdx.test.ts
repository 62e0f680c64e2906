import {readFile, stat, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {compiles} from '../helpers/mdx.js'
import {makeProject, tandem} from '../helpers/project.js'
import {recordingProvider} from '../helpers/providers.js'

const PAGE = `---
title: Erste Schritte
draft: false
---
import {Aside, Card} from '@astrojs/starlight/components'
export const version = 'eins'

# Willkommen bei Starlight

Das ist ein Satz mit <Badge text="neu" variant="tip">neuer Funktion</Badge> und {version} im Text. Noch ein Satz.

<Card title="Eine Karte" icon="sternchen">
  Der Inhalt der Karte ist **wichtig**.
</Card>

:::note[Hinweis]
Ein Hinweis im Kasten.
:::

:::tip{title="Guter Rat" icon="herzchen"}
Ein Tipp.
:::

<Aside type="caution" title="Vorsicht">Heiße Oberfläche nicht berühren.</Aside>

{/* ein Kommentar, nie gesendet */}

\`\`\`js
const gruss = 'Hallo Welt'
\`\`\`
`

describe('MDX articles (input/NAME.mdx)', () => {
  it('sends prose, JSX text children as paired placeholders and the listed attributes; never imports, expressions, other attributes or code', async () => {
    const provider = recordingProvider()
    const root = await makeProject({'input/seite.mdx': PAGE})
    const run = await tandem(root, ['build', '--provider', 'recording', '--quiet'], {providers: {recording: provider}})
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(provider.received).toEqual([
      'Erste Schritte',
      'Willkommen bei Starlight',
      'Das ist ein Satz mit <m1>neuer Funktion</m1> und <x2/> im Text.',
      'Noch ein Satz.',
      'Eine Karte',
      'Der Inhalt der Karte ist <b1>wichtig</b1>.',
      'Hinweis',
      'Ein Hinweis im Kasten.',
      'Guter Rat',
      'Ein Tipp.',
      '<m1>Heiße Oberfläche nicht berühren.</m1>',
      'Vorsicht'
    ])
    const sent = JSON.stringify(provider.requests)
    for (const secret of ['@astrojs', 'eins', 'version', 'sternchen', 'herzchen', 'caution', 'Kommentar', 'Hallo Welt', 'variant', 'neu"']) expect(sent, secret).not.toContain(secret)
    const english = await readFile(join(root, 'output/seite.en.mdx'), 'utf8')
    // Pseudo English (accents) where text was sent; everything else as it was.
    expect(english).toContain('title: Érsté Schrítté\ndraft: false')
    expect(english).toContain("import {Aside, Card} from '@astrojs/starlight/components'\nexport const version = 'eins'")
    expect(english).toContain('<Badge text="neu" variant="tip">néúér Fúnktíón</Badge>')
    expect(english).toContain('{version}')
    expect(english).toContain('<Card title="Éíné Kárté" icon="sternchen">')
    expect(english).toContain(':::note[Hínwéís]\nÉín Hínwéís ím Kástén.\n:::')
    expect(english).toContain(':::tip{title="Gútér Rát" icon="herzchen"}')
    expect(english).toContain('<Aside type="caution" title="Vórsícht">Héíßé Óbérfläché nícht bérührén.</Aside>')
    expect(english).toContain("{/* ein Kommentar, nie gesendet */}\n\n```js\nconst gruss = 'Hallo Welt'\n```")
    expect(await compiles(PAGE)).toBeUndefined()
    expect(await compiles(english)).toBeUndefined()
    // The review files are the same sentences, line for line.
    const de = await readFile(join(root, 'output/seite.de.md'), 'utf8')
    expect(de.split('\n')).toHaveLength((await readFile(join(root, 'output/seite.en.md'), 'utf8')).split('\n').length)
    expect(await readFile(join(root, 'output/seite.de-en.md'), 'utf8')).toContain('| `<Card>` **title:** Eine Karte | `<Card>` **title:** Éíné Kárté |')
  })

  it('changes no byte on a rebuild of an unchanged article', async () => {
    const root = await makeProject({'input/seite.mdx': PAGE})
    expect((await tandem(root, ['build', '--provider', 'pseudo', '--quiet'])).code).toBe(0)
    const files = ['seite.en.mdx', 'seite.de.md', 'seite.en.md', 'seite.de-en.md', 'seite.review.html']
    const before = await Promise.all(files.map(async (name) => [await readFile(join(root, 'output', name), 'utf8'), (await stat(join(root, 'output', name))).mtimeMs]))
    const again = await tandem(root, ['build', '--provider', 'pseudo'])
    expect(again.code).toBe(0)
    const after = await Promise.all(files.map(async (name) => [await readFile(join(root, 'output', name), 'utf8'), (await stat(join(root, 'output', name))).mtimeMs]))
    expect(after).toEqual(before)
  })

  it('refuses an answer that breaks a component placeholder, and writes nothing of the article', async () => {
    const provider = recordingProvider({answer: (text) => ({id: '', text: text.replace('</m1>', '')})})
    const root = await makeProject({'input/seite.mdx': 'Ein Satz mit <Badge>neuer Funktion</Badge> hier.\n'})
    const run = await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: provider}})
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('input/seite.mdx:1:1  error  placeholder-nesting  recording broke the nesting of </m1> in: Ein Satz mit <m1>neuer Funktion</m1> hier.')
    await expect(stat(join(root, 'output/seite.en.mdx'))).rejects.toThrow()
  })

  it('refuses MDX that does not compile with the parser\'s message and line, keeps the earlier output, and builds the other articles', async () => {
    const root = await makeProject({'input/a.mdx': 'Ein guter Satz.\n', 'input/b.md': 'Ein anderer Satz.\n'})
    expect((await tandem(root, ['build', '--provider', 'pseudo', '--quiet'])).code).toBe(0)
    const earlier = await readFile(join(root, 'output/a.en.mdx'), 'utf8')
    const broken = 'Ein guter Satz.\n\nNoch einer mit <Badge>offenem Element.\n'
    expect(await compiles(broken)).toBeDefined()
    await writeFile(join(root, 'input/a.mdx'), broken)
    await writeFile(join(root, 'input/b.md'), 'Ein neuer Satz.\n')
    const run = await tandem(root, ['build', '--provider', 'pseudo', '--quiet'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/input\/a\.mdx:3:\d+ {2}error {2}mdx-invalid {2}not valid MDX: .*Badge.*; nothing written/)
    expect(await readFile(join(root, 'output/a.en.mdx'), 'utf8')).toBe(earlier)
    expect(await readFile(join(root, 'output/b.en.md'), 'utf8')).toBe('Éín néúér Sátz.\n')
  })

  it('translates the attributes listed in "mdx.attributes", and only those', async () => {
    const page = '<Screenshot name="battery" caption="Die Hausbatterie im Keller" title="Ein Titel" />\n'
    const provider = recordingProvider()
    const root = await makeProject({'input/a.mdx': page, 'tandem.config.json': JSON.stringify({mdx: {attributes: ['caption']}})})
    const run = await tandem(root, ['build', '--provider', 'recording', '--quiet'], {providers: {recording: provider}})
    expect(run.code).toBe(0)
    expect(provider.received).toEqual(['Die Hausbatterie im Keller'])
    expect(await readFile(join(root, 'output/a.en.mdx'), 'utf8')).toBe('<Screenshot name="battery" caption="Díé Háúsbáttéríé ím Kéllér" title="Ein Titel" />\n')
    const bad = await makeProject({'input/a.mdx': page, 'tandem.config.json': '{\n  "mdx": {"attributes": "caption"}\n}\n'})
    const refused = await tandem(bad, ['build', '--provider', 'pseudo', '--quiet'])
    expect(refused.code).not.toBe(0)
    expect(refused.stderr).toContain('tandem.config.json:2')
    expect(refused.stderr).toContain('mdx.attributes')
  })

  it('takes over a reviewer\'s edit in the .en.md of an MDX article, read as MDX', async () => {
    const root = await makeProject({'input/a.mdx': 'import X from "./x.js"\n\nEin Satz mit <X>Inhalt</X> hier.\n'})
    expect((await tandem(root, ['build', '--provider', 'pseudo', '--quiet'])).code).toBe(0)
    const en = await readFile(join(root, 'output/a.en.md'), 'utf8')
    expect(en).toContain('<X>Ínhált</X>')
    await writeFile(join(root, 'output/a.en.md'), en.replace(/^.*<X>Ínhált<\/X>.*$/m, 'A sentence with <X>content</X> here.'))
    const run = await tandem(root, ['build', '--provider', 'pseudo', '--quiet'])
    expect(run.stderr).not.toContain('error')
    expect(run.code).toBe(0)
    expect(await readFile(join(root, 'output/a.en.mdx'), 'utf8')).toContain('A sentence with <X>content</X> here.')
    const memory = await readFile(join(root, 'output/.tandem/memory.de-en.jsonl'), 'utf8')
    expect(memory).toContain('"target":"A sentence with <m1>content</m1> here."')
    expect(memory).toContain('"provider":"human"')
  })
})

describe('admonitions (:::note) in Markdown and MDX', () => {
  const page = [
    ':::note[Hinweis]',
    'Ein Hinweis im Kasten.',
    ':::',
    '',
    ':::tip Mein Titel',
    'Ein Tipp.',
    ':::',
    '',
    '```md',
    ':::tip Ein Beispiel im Code',
    '```',
    '',
    'Achtung:Bitte lesen.',
    ''
  ].join('\n')

  it.each(['a.md', 'a.mdx'])('keeps each on its lines in %s, translates its label, and reads Docusaurus\' ":::tip Titel" as ":::tip[Titel]"', async (name) => {
    const provider = recordingProvider()
    const root = await makeProject({[`input/${name}`]: page})
    const run = await tandem(root, ['build', '--provider', 'recording', '--quiet'], {providers: {recording: provider}})
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(provider.received).toEqual(expect.arrayContaining(['Hinweis', 'Ein Hinweis im Kasten.', 'Mein Titel', 'Ein Tipp.']))
    const en = await readFile(join(root, 'output/a.en.md'), 'utf8')
    expect(en).toContain(':::note[Hínwéís]\nÉín Hínwéís ím Kástén.\n:::\n\n:::tip[Méín Títél]\nÉín Típp.\n:::\n\n```md\n:::tip Ein Beispiel im Code\n```')
    if (name === 'a.md') expect(en).toContain('Áchtúng:Bítté lésén.')
  })

  it.each(['a.md', 'a.mdx'])('writes a translated label with braces, stars or brackets in %s as text, never as markup', async (name) => {
    const provider = recordingProvider({answer: (text) => ({id: '', text: text === 'Hínwéís' ? 'Note {x} *y* [z] <b>' : text})})
    const root = await makeProject({[`input/${name}`]: ':::note[Hinweis]\nEin Hinweis.\n:::\n'})
    const run = await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: provider}})
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const en = await readFile(join(root, `output/${name.replace(/\.mdx?$/, '.en.md')}`), 'utf8')
    expect(en.split('\n')[0]).toMatch(/^:::note\[Note \\\{x\\?\} \\\*y\\\* \\\[z\\\] (\\<|&lt;)b>\]$/)
    if (name === 'a.mdx') expect(await compiles(await readFile(join(root, 'output/a.en.mdx'), 'utf8'))).toBeUndefined()
  })
})
