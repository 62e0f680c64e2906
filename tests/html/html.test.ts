import {readFile, stat} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parseHtml} from '../../src/html/parse.js'
import {structureDifference} from '../../src/html/write.js'
import {makeProject, put, tandem} from '../helpers/project.js'
import {recordingProvider} from '../helpers/providers.js'

const PAGE = `<!DOCTYPE html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <title>Die Abwerbung &amp; ihre Folgen</title>
  <meta name="description" content="Ein Bericht über die Abwerbung.">
  <style>p::before { content: "Achtung"; }</style>
  <script>var gruss = "Hallo Welt";</script>
</head>
<body>
  <h1>OpenAI wirbt Forscher ab</h1>
  <p>Das ist ein <strong class="x">wichtiger</strong> Satz. Und hier ist ein <a href="https://example.com/geheim?b=1" title="Ein Link">Link zur Seite</a>.<br/>
  Zweite Zeile mit <code>npm install</code> und <span style="color:red">roter Markierung</span>.</p>
  <ul>
    <li>Erster Punkt</li>
    <li>Zweiter Punkt mit <em>Betonung</em></li>
  </ul>
  <figure><img src="bild.png" alt="Ein Bild der Stadt"><figcaption>Die Stadt bei Nacht.</figcaption></figure>
  <p translate="no">Dieser Text bleibt stehen.</p>
  <p class="foo notranslate">Auch dieser Absatz bleibt.</p>
  <blockquote lang="en">An English quote stays.</blockquote>
  <pre><code>const gruss = "Guten Tag";</code></pre>
  <table><tr><th>Quote</th><td>+4,2 %</td></tr></table>
  <!-- ein Kommentar, nie gesendet -->
  <input type="text" placeholder="Suchen Sie hier">
  <button aria-label="Menü schließen">×</button>
  <svg viewBox="0 0 10 10"><text x="1" y="5">Grafiktext bleibt</text></svg>
  <template><p>Eine Vorlage bleibt</p></template>
</body>
</html>
`

const NEVER_SENT = ['Hallo Welt', 'Achtung', 'example.com', 'geheim', 'npm install', 'Dieser Text bleibt', 'Auch dieser Absatz', 'English quote', 'Guten Tag', 'Kommentar', 'color:red', 'bild.png', 'Grafiktext', 'Vorlage']

describe('HTML articles (input/NAME.html)', () => {
  it('with identity, writes the input back byte for byte but for lang="en", and a rebuild changes no byte', async () => {
    const root = await makeProject({'input/seite.html': PAGE})
    const run = await tandem(root, ['build', '--provider', 'identity', '--quiet'])
    expect(run.stderr).not.toContain(' error ')
    expect(run.code).toBe(0)
    const english = await readFile(join(root, 'output/seite.en.html'), 'utf8')
    // A cell of numbers takes English number forms, provider or not.
    expect(english).toBe(PAGE.replace('<html lang="de">', '<html lang="en">').replace('<td>+4,2 %</td>', '<td>+4.2%</td>'))
    const before = (await stat(join(root, 'output/seite.en.html'))).mtimeMs
    const again = await tandem(root, ['build', '--provider', 'identity'])
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('1 built (1 unchanged, skipped)')
    expect((await stat(join(root, 'output/seite.en.html'))).mtimeMs).toBe(before)
  })

  it('sends only the text of blocks and the attributes a reader sees; everything else comes back as it was', async () => {
    const provider = recordingProvider()
    const root = await makeProject({'input/seite.html': PAGE})
    const run = await tandem(root, ['build', '--provider', 'recording', '--quiet'], {providers: {recording: provider}})
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const sent = JSON.stringify(provider.requests)
    for (const text of NEVER_SENT) expect(sent, text).not.toContain(text)
    for (const text of ['Die Abwerbung &amp; ihre Folgen', 'Ein Bericht über die Abwerbung.', 'OpenAI wirbt Forscher ab', 'Ein Link', 'Ein Bild der Stadt', 'Die Stadt bei Nacht.', 'Suchen Sie hier', 'Erster Punkt', 'Quote', 'Menü schließen']) {
      expect(provider.received, text).toContain(text)
    }
    const english = await readFile(join(root, 'output/seite.en.html'), 'utf8')
    // The pseudo English: accents on every vowel of translated text and attributes, nothing else touched.
    expect(english).toContain('<title>Díé Ábwérbúng &amp; íhré Fólgén</title>')
    expect(english).toContain('<meta name="description" content="Éín Bérícht übér díé Ábwérbúng.">')
    expect(english).toContain('<a href="https://example.com/geheim?b=1" title="Éín Línk">Línk zúr Séíté</a>')
    expect(english).toContain('<strong class="x">wíchtígér</strong>')
    expect(english).toContain('<br/>')
    expect(english).toContain('<img src="bild.png" alt="Éín Bíld dér Stádt">')
    expect(english).toContain('<input type="text" placeholder="Súchén Síé híér">')
    expect(english).toContain('<button aria-label="Ménü schlíéßén">×</button>')
    expect(english).toContain('<svg viewBox="0 0 10 10"><text x="1" y="5">Grafiktext bleibt</text></svg>')
    expect(english).toContain('<template><p>Eine Vorlage bleibt</p></template>')
    // A cell of numbers takes English number forms, with no provider.
    expect(english).toContain('<td>+4.2%</td>')
    for (const kept of ['<script>var gruss = "Hallo Welt";</script>', '<style>p::before { content: "Achtung"; }</style>', '<p translate="no">Dieser Text bleibt stehen.</p>', '<p class="foo notranslate">Auch dieser Absatz bleibt.</p>', '<blockquote lang="en">An English quote stays.</blockquote>', '<pre><code>const gruss = "Guten Tag";</code></pre>', '<!-- ein Kommentar, nie gesendet -->', '<html lang="en">']) {
      expect(english).toContain(kept)
    }
    expect(structureDifference(PAGE, english)).toBeUndefined()
    // The review files come from the same sentences.
    const de = await readFile(join(root, 'output/seite.de.md'), 'utf8')
    const en = await readFile(join(root, 'output/seite.en.md'), 'utf8')
    expect(de).toContain('# OpenAI wirbt Forscher ab\n')
    expect(de).toContain('Das ist ein **wichtiger** Satz.\nUnd hier ist ein [Link zur Seite](https://example.com/geheim?b=1 "Ein Link").')
    expect(de).toContain('- Erster Punkt\n- Zweiter Punkt mit *Betonung*\n')
    expect(de.split('\n')).toHaveLength(en.split('\n').length)
    expect(de).not.toContain('Hallo Welt')
  })

  it('keeps a fragment a fragment, and its entities and whitespace outside translated text', async () => {
    const fragment = '<h2 id="a">Der&nbsp;Titel</h2>\n\n<p>\n    Ein Satz mit &bdquo;Zitat&ldquo;.\n</p>\n<p>&copy; 2024</p>\n'
    const root = await makeProject({'input/teil.htm': fragment})
    const run = await tandem(root, ['build', '--provider', 'pseudo', '--quiet'])
    expect(run.code).toBe(0)
    const english = await readFile(join(root, 'output/teil.en.html'), 'utf8')
    expect(english).toBe('<h2 id="a">Dér Títél</h2>\n\n<p>\n    Éín Sátz mít „Zítát“.\n</p>\n<p>&copy; 2024</p>\n')
    expect(structureDifference(fragment, english)).toBeUndefined()
  })

  it('writes an answer that brings tags or entities as text, never as markup', async () => {
    const provider = recordingProvider({answer: () => ({id: '', text: 'Evil <img src=x onerror=alert(1)> &amp; <script>alert(2)</script>'})})
    const root = await makeProject({'input/a.html': '<p>Ein harmloser Satz.</p>\n'})
    const run = await tandem(root, ['build', '--provider', 'recording', '--quiet'], {providers: {recording: provider}})
    if (run.code === 0) {
      const english = await readFile(join(root, 'output/a.en.html'), 'utf8')
      expect(english).not.toContain('<script>')
      expect(english).not.toContain('<img')
      expect(structureDifference('<p>Ein harmloser Satz.</p>\n', english)).toBeUndefined()
    } else {
      expect(run.stderr).toMatch(/input\/a\.html:1:\d+ {2}error/)
    }
  })

  it('finds the structure difference a broken English would have, with its line', () => {
    expect(structureDifference('<p>Ein <b>Satz</b>.</p>\n<p>Zwei.</p>', '<p>One <i>sentence</i>.</p>\n<p>Two.</p>')).toEqual({line: 1, column: 8})
    expect(structureDifference('<p>Ein <b>Satz</b>.</p>', '<p>One <b>sentence</b>.</p><p>More</p>')).toBeDefined()
    expect(structureDifference('<p>Ein <a href="x">Satz</a>.</p>', '<p><a href="y">One</a>.</p>')).toBeDefined()
    expect(structureDifference('<p title="Ein">Ein <b>Satz</b> und <i>mehr</i>.</p>', '<p title="One"><i>More</i> and <b>one</b>.</p>')).toBeUndefined()
    expect(structureDifference('<pre>Code hier</pre>', '<pre>Code here</pre>')).toBeDefined()
    // Inline elements may change places inside their block, never leave it; what is never sent stays as it was.
    expect(structureDifference('<p>Ein <code>a</code>-Objekt und ein <code>b</code>.</p>', '<p>A <code>b</code> and an <code>a</code> object.</p>')).toBeUndefined()
    expect(structureDifference('<p>Ein <code>a</code>-Objekt und ein <code>b</code>.</p>', '<p>A <code>b</code> and an <code>c</code> object.</p>')).toBeDefined()
    expect(structureDifference('<ul><li>Im <em>A</em> Feld <strong>B</strong>.</li><li>Zwei</li></ul>', '<ul><li>In <strong>B</strong> the <em>A</em> field.</li><li>Two</li></ul>')).toBeUndefined()
    expect(structureDifference('<ul><li>Im <em>A</em> Feld <strong>B</strong>.</li><li>Zwei</li></ul>', '<ul><li>In the <em>A</em> field.</li><li><strong>B</strong> two</li></ul>')).toEqual({line: 1, column: 28})
    // Blocks keep their order.
    expect(structureDifference('<p>Eins.</p><p><b>Zwei</b>.</p>', '<p><b>Two</b>.</p><p>One.</p>')).toEqual({line: 1, column: 4})
  })

  it('sends an inline element without a Markdown form (span, abbr) as one paired placeholder, which an answer may move whole', async () => {
    const page = '<p>Ein <span class="rot">rot markierter</span> Satz mit <abbr title="zum Beispiel">z. B.</abbr> einer Abkürzung.</p>\n'
    const provider = recordingProvider({answer: (text) => ({id: '', text: text.includes('<m1>') ? 'A sentence <m1>marked red</m1> with an abbreviation, <m2>e.g.</m2>.' : 'for example'})})
    const root = await makeProject({'input/a.html': page})
    const run = await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: provider}})
    expect(provider.received).toContain('Ein <m1>rot markierter</m1> Satz mit <m2>z. B.</m2> einer Abkürzung.')
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const english = await readFile(join(root, 'output/a.en.html'), 'utf8')
    expect(english).toBe('<p>A sentence <span class="rot">marked red</span> with an abbreviation, <abbr title="for example">e.g.</abbr>.</p>\n')
    expect(structureDifference(page, english)).toBeUndefined()
  })

  it('moves the spaces inside <strong> and <em> outside, so that each sentence keeps its line in the review files', async () => {
    const page = '<p>Satz eins. <strong> Fett zwei. </strong>\nSatz drei mit <em>Betonung </em>hier.</p>\n'
    const root = await makeProject({'input/a.html': page})
    const run = await tandem(root, ['build', '--provider', 'pseudo', '--quiet'])
    expect(run.code).toBe(0)
    const de = await readFile(join(root, 'output/a.de.md'), 'utf8')
    expect(de).toBe('Satz eins.\n**Fett zwei.**\nSatz drei mit *Betonung* hier.\n')
    expect((await readFile(join(root, 'output/a.en.md'), 'utf8')).split('\n')).toHaveLength(4)
    expect(structureDifference(page, await readFile(join(root, 'output/a.en.html'), 'utf8'))).toBeUndefined()
  })

  it('replaces text the parser moves where it is written, and leaves misnested or unclosed inline markup German with a warning', async () => {
    // Text directly inside a table is moved before it by the parser: it still has its bytes, and is replaced there.
    const table = '<table>\nVerirrter Text<tr><td>Zelle eins</td></tr></table>\n'
    const misnested = '<p>Ein <b>fetter <i>und</b> kursiver</i> Satz.</p>\n<p>Ein guter Satz.</p>\n'
    const root = await makeProject({'input/a.html': misnested, 'input/b.html': '<p>Eins<p>Zwei <b>fett<p>drei</b> Ende\n', 'input/c.html': table})
    const provider = recordingProvider()
    const run = await tandem(root, ['build', '--provider', 'recording', '--quiet'], {providers: {recording: provider}})
    expect(run.stderr).not.toContain(' error ')
    expect(run.code).toBe(0)
    expect(await readFile(join(root, 'output/c.en.html'), 'utf8')).toBe('<table>\nVérírrtér Téxt<tr><td>Zéllé éíns</td></tr></table>\n')
    // Rewriting a tag the parser implied would change what later text means: the block stays German, and is neither sent nor shown as translated.
    expect(run.stderr).toContain('input/a.html:1:4  warning  html-kept  this text stays German')
    expect(run.stderr).toContain('input/b.html:1:11  warning  html-kept')
    expect(await readFile(join(root, 'output/a.en.html'), 'utf8')).toBe('<p>Ein <b>fetter <i>und</b> kursiver</i> Satz.</p>\n<p>Éín gútér Sátz.</p>\n')
    expect(provider.received.join(' ')).not.toContain('fetter')
    expect(await readFile(join(root, 'output/a.de.md'), 'utf8')).toBe('Ein guter Satz.\n')
    for (const name of ['a', 'b', 'c']) {
      const german = await readFile(join(root, `input/${name}.html`), 'utf8')
      expect(structureDifference(german, await readFile(join(root, `output/${name}.en.html`), 'utf8')), name).toBeUndefined()
    }
  })

  it('refuses a binary or invalid UTF-8 .html with its place, and keeps the earlier output', async () => {
    const root = await makeProject({'input/a.html': '<p>Ein Satz.</p>\n'})
    expect((await tandem(root, ['build', '--provider', 'pseudo', '--quiet'])).code).toBe(0)
    const earlier = await readFile(join(root, 'output/a.en.html'), 'utf8')
    await put(root, 'input/a.html', Buffer.from([0x3c, 0x70, 0x3e, 0x0a, 0x41, 0xff, 0x42]))
    const bad = await tandem(root, ['build', '--provider', 'pseudo', '--quiet'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('input/a.html:2:2  error  read-encoding')
    expect(await readFile(join(root, 'output/a.en.html'), 'utf8')).toBe(earlier)
    // A picture saved under an .html name.
    await put(root, 'input/a.html', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]))
    const binary = await tandem(root, ['build', '--provider', 'pseudo', '--quiet'])
    expect(binary.code).toBe(1)
    expect(binary.stderr).toMatch(/^input\/a\.html:\d+:\d+ {2}error {2}read-binary {2}binary file \(NUL byte at byte 8\), not a text article/m)
    expect(await readFile(join(root, 'output/a.en.html'), 'utf8')).toBe(earlier)
  })

  it('refuses an HTML and a Markdown article that would write the same outputs', async () => {
    const root = await makeProject({'input/a.html': '<p>Ein Satz.</p>\n', 'input/a.md': 'Ein Satz.\n'})
    const run = await tandem(root, ['build', '--provider', 'pseudo', '--quiet'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('two inputs would write the same outputs')
  })
})

describe('HTML articles with a YAML frontmatter (Jekyll, MDN)', () => {
  it('translates the listed fields and keeps every other byte of the frontmatter; the frontmatter is never read as text', async () => {
    const page = '---\ntitle: Ein Titel\nslug: Glossar/AJAX\ntags:\n  - Glossar\n---\n<p>Ein Satz über <strong>AJAX</strong>.</p>\n'
    const provider = recordingProvider()
    const root = await makeProject({'input/ajax.html': page})
    const run = await tandem(root, ['build', '--provider', 'recording', '--quiet'], {providers: {recording: provider}})
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(provider.received.join('|')).toBe('Ein Titel|Ein Satz über <b1>AJAX</b1>.')
    const english = await readFile(join(root, 'output/ajax.en.html'), 'utf8')
    // (pseudo moves the first placeholder to the end of the sentence, as a provider may.)
    expect(english).toBe('---\ntitle: Éín Títél\nslug: Glossar/AJAX\ntags:\n  - Glossar\n---\n<p><strong>ÁJÁX</strong>. Éín Sátz übér</p>\n')
    expect(structureDifference(page, english)).toBeUndefined()
  })
})
