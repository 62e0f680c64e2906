import {execFileSync} from 'node:child_process'
import {describe, expect, it} from 'vitest'
import {createTranslator} from '../../src/cli/i18n.js'
import {de} from '../../src/cli/locales/de.js'
import {en} from '../../src/cli/locales/en.js'
import {closedPort, startLoopback} from '../helpers/loopback.js'
import {makeProject, put, tandem} from '../helpers/project.js'

/** Every key of a locale, dotted, with its text. */
function leaves(value: unknown, prefix = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[prefix, value]]
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => leaves(child, prefix === '' ? key : `${prefix}.${key}`))
}

/** Words that only an English sentence has (not "Option", "Argument", "was": German has them too): a German line with one is a mixed line. */
const ENGLISH = /\b(?:the|and|not|is|are|with|without|from|were|has|have|needs?|must|unknown|missing|error|file|folder|built|yet|run|first|command|expected|got)\b/i

describe('tandem speaks both languages', () => {
  it('has every message in German and English, with the same values to fill in', async () => {
    const english = new Map(leaves(en))
    const german = new Map(leaves(de))
    expect([...german.keys()].sort()).toEqual([...english.keys()].sort())
    const t = {en: await createTranslator('en'), de: await createTranslator('de')}
    for (const [key, text] of english) {
      const values = new Set(text.match(/\{\{\w+\}\}/g) ?? [])
      // Note: where the English passes on a library's own words ({{detail}} alone), the German may say it in its own.
      const germanValues = new Set(german.get(key)?.match(/\{\{\w+\}\}/g) ?? [])
      if (text === '{{detail}}') expect([...germanValues].every((value) => values.has(value)), key).toBe(true)
      else expect(germanValues, key).toEqual(values)
      const params = Object.fromEntries([...values].map((value) => [value.slice(2, -2), 'X']))
      // Rendered, neither leaves a placeholder behind nor falls back to the key.
      for (const lang of ['en', 'de'] as const) {
        const rendered = t[lang](key.replace(/_(one|other)$/, ''), {...params, count: key.endsWith('_one') ? 1 : 2})
        expect(rendered, `${lang} ${key}`).not.toMatch(/\{\{|^[a-z]+\.[a-zA-Z.]+$/)
      }
    }
  })

  it('gives every message asked for without values exactly as i18next does', async () => {
    const {createInstance} = await import('i18next')
    const keys = leaves(en).map(([key]) => key)
    // Note: plural keys are asked for without their suffix; both ways must agree too.
    const asked = [...new Set([...keys, ...keys.map((key) => key.replace(/_(one|other)$/, '')), 'no.such.key', 'rule'])]
    for (const lang of ['en', 'de'] as const) {
      const t = await createTranslator(lang)
      const instance = createInstance()
      await instance.init({lng: lang, fallbackLng: 'en', resources: {en: {translation: en}, de: {translation: de}}, initAsync: false, showSupportNotice: false} as Parameters<typeof instance.init>[0])
      for (const key of asked) expect(t(key), `${lang} ${key}`).toBe(String(instance.t(key)))
    }
  })

  it('has German help texts, headings and commander errors', async () => {
    const root = await makeProject({'input/a.md': 'Ein Satz.\n'})
    const help = await tandem(root, ['--lang', 'de', 'build', '--help'])
    // Note: argument names stay as they are: commander's errors quote them.
    expect(help.stdout).toContain('Aufruf: tandem build [Optionen] [files...]')
    expect(help.stdout).toContain('Optionen:')
    expect(help.stdout).toContain('nur Probleme ausgeben')
    expect(help.stdout).toContain('Hilfe zum Befehl anzeigen')
    const lines = help.stdout.split('\n').filter((line) => /^\s+-/.test(line)).map((line) => line.replace(/^\s+\S+(?: <[^>]+>)?\s+/, ''))
    for (const line of lines) expect(line, line).not.toMatch(ENGLISH)
  })

  it.each([
    [['build', '--nosuch'], "Fehler: unbekannte Option '--nosuch'"],
    [['bild'], "Fehler: unbekannter Befehl 'bild' (Meinten Sie build?)"],
    [['glossary', 'add'], "Fehler: das Argument 'german' fehlt"],
    [['review', 'a', 'b'], "Fehler: zu viele Argumente für 'review': 1 erwartet, 2 angegeben"],
    [['build', '--provider'], "Fehler: die Option '--provider <name>' braucht einen Wert"],
    [['import', 'nosuch.xlf'], 'tandem: nosuch.xlf: Datei oder Ordner nicht gefunden'],
    [['review', 'a'], 'a.md: noch nicht erstellt; zuerst tandem build ausführen'],
    [['build', '--provider', 'systran'], 'tandem: Konfigurationsfehler: unbekannter Dienst "systran" (bekannt: identity, pseudo, deepl, openai, anthropic, aws, azure, google, libretranslate)'],
    [['build', '--provider', 'deepl'], 'tandem: Konfigurationsfehler: deepl braucht DEEPL_AUTH_KEY in der Umgebung oder in .env (siehe .env.example)'],
    [['build', '--concurrency', '0'], 'tandem: Konfigurationsfehler: die Option --concurrency muss eine ganze Zahl von 1 bis 64 sein'],
    [['build', '--output', 'input'], 'tandem: Konfigurationsfehler: Eingabe- und Ausgabeordner sind derselbe Ordner (input); bitte einen anderen Ausgabeordner wählen'],
    [['review', 'nosuch'], 'tandem: Konfigurationsfehler: kein Artikel "nosuch" in input']
  ])('tandem --lang de %j speaks German', async (args, expected) => {
    const root = await makeProject({'input/a.md': 'Ein Satz.\n'})
    const run = await tandem(root, ['--lang', 'de', ...args])
    const printed = `${run.stdout}${run.stderr}`.trim()
    expect(printed).toContain(expected)
    for (const line of printed.split('\n')) expect(line.replace(/'[^']*'|"[^"]*"|\S+\.\w+/g, ''), line).not.toMatch(ENGLISH)
  })

  it('puts the rendered message beside the rule and its values in --json diagnostics, in the chosen language', async () => {
    const root = await makeProject({'input/a.md': 'Es sind 200.000 GPUs.\n'})
    const run = await tandem(root, ['--lang', 'de', 'build', '--provider', 'identity', '--json'])
    const summary = JSON.parse(run.stdout) as {diagnostics: Array<{rule: string; params: Record<string, unknown>; message: string}>}
    const numbers = summary.diagnostics.find((item) => item.rule === 'qa-numbers')
    expect(numbers?.params['detail']).toBe('200.000 → 200,000')
    expect(numbers?.message).toBe((await createTranslator('de'))('rule.qa-numbers', numbers?.params))
    expect(numbers?.message).toContain('200.000 → 200,000')
  })

  it('says a provider fault in German, quoting only what the server said', async () => {
    const port = await closedPort()
    const root = await makeProject({'input/a.md': 'Ein Satz.\n'})
    const dead = await tandem(root, ['--lang', 'de', 'build', '--provider', 'libretranslate', '--base-url', `http://127.0.0.1:${port}`, '--quiet'])
    expect(dead.code).toBe(1)
    expect(dead.stderr.trimEnd().split('\n')).toEqual([
      `tandem: libretranslate: http://127.0.0.1:${port} ist nicht erreichbar (ECONNREFUSED): läuft der Server, stimmt die Adresse?`,
      '1 Artikel nicht erstellt: nach diesem Fehler wurde nichts mehr gesendet; ihre bisherigen Ausgaben sind unverändert'
    ])
    const server = await startLoopback(() => ({status: 403, body: {error: 'Invalid API key'}}))
    const refused = await tandem(root, ['--lang', 'de', 'build', '--provider', 'libretranslate', '--base-url', server.url, '--quiet'])
    expect(refused.stderr.split('\n')[0]).toBe(`tandem: libretranslate: HTTP 403 von ${server.url}: Invalid API key (den API-Schlüssel prüfen)`)
  })

  /** A line without its quoted parts and file names: what is left is tandem's own words. */
  const ownWords = (line: string): string => line.replace(/'[^']*'|"[^"]*"|„[^“]*“|<[^>]+>|\S+\.\w+|\S+:\/\/\S+/g, '')

  const MEMORY = '{"tandem":"translation-memory","version":1}\n{"source":"Ein Satz.","target":"A sentence.","status":"machine","provider":"pseudo"}\n'
  it.each<[string, Record<string, string | Uint8Array>, string[], string]>([
    ['a glossary with an unknown field', {'glossary/g.yaml': 'terms:\n  - de: KI\n    en: AI\n    colour: red\n'}, ['build', '--provider', 'identity'], 'Konfigurationsfehler: glossary/g.yaml:4: unbekanntes Feld "colour" (bekannt: de, en, forbidden, note, case, forms)'],
    ['a glossary that is not YAML', {'glossary/g.yaml': 'terms: [unclosed\n'}, ['build', '--provider', 'identity'], 'Konfigurationsfehler: glossary/g.yaml:2: ungültiges YAML: '],
    ['a glossary term twice', {'glossary/a.yaml': 'terms:\n  - de: KI\n    en: AI\n', 'glossary/b.yaml': 'terms:\n  - de: KI\n    en: artificial intelligence\n'}, ['glossary', 'list'], 'glossary/b.yaml:2: "KI" widerspricht glossary/a.yaml:2, wo es als "AI" (Begriff) steht'],
    ['an empty glossary name', {'glossary/g.yaml': 'names:\n  - ""\n'}, ['glossary', 'check'], 'glossary/g.yaml:2: ein Name darf nicht leer sein'],
    ['a memory with one German twice', {'output/.tandem/memory.de-en.jsonl': `${MEMORY}{"source":"Ein Satz.","target":"One sentence.","status":"machine","provider":"pseudo"}\n`}, ['build', '--provider', 'identity'], 'der Übersetzungsspeicher ist beschädigt: '],
    ['a memory line that is not JSON', {'output/.tandem/memory.de-en.jsonl': `${MEMORY}{nope\n`}, ['build', '--provider', 'identity'], ':3: kein gültiges JSON'],
    ['a CSV row with one column', {'terms.csv': 'KI,AI\nnur eine Spalte\n'}, ['glossary', 'import', 'terms.csv'], 'tandem: terms.csv:2: eine Zeile braucht einen deutschen und einen englischen Begriff'],
    ['an XLIFF that declares entities', {'a.xlf': '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<xliff/>\n'}, ['import', 'a.xlf'], 'tandem: a.xlf:2: ein DOCTYPE mit Entitäten wird abgelehnt'],
    ['a TMX that is not XML', {'a.tmx': '<tmx><body></tmx>\n'}, ['import', 'a.tmx'], 'tandem: a.tmx:1: kein wohlgeformtes XML (der XML-Leser meldet „Expected closing tag'],
    ['an XLIFF cut short', {'a.xlf': '<?xml version="1.0"?>\n<xliff>\n<file>\n<unit id="a">\n<notes><note>x'}, ['import', 'a.xlf'], 'tandem: a.xlf:5: die Datei endet mit noch offenen Elementen (<xliff>, <file>, <unit>, <notes>, <note>): ist sie abgeschnitten?'],
    ['an XLIFF that is no XLIFF', {'a.xlf': '<?xml version="1.0"?>\n<html/>\n'}, ['import', 'a.xlf'], 'tandem: a.xlf:1: keine XLIFF-Datei'],
    ['a binary file to import', {'a.tmx': new Uint8Array([0x3c, 0x74, 0, 0xff, 0x0a])}, ['import', 'a.tmx'], 'tandem: a.tmx: kein UTF-8-Text (eine Binärdatei oder eine andere Kodierung); bitte als UTF-8 speichern'],
    ['a lock with no owner yet', {'output/.tandem/lock': ''}, ['build', '--provider', 'identity'], 'tandem: der Ausgabeordner ist belegt: die Sperre '],
    ['a frontmatter that is not YAML', {'input/a.md': '---\ntitle: "Ein Titel\n---\n\nEin Satz.\n'}, ['build', '--provider', 'identity'], 'Fehler  parse-failed  nicht lesbar: ungültiges YAML im Vorspann: ein Zeichen fehlt'],
    ['an unknown revision', {}, ['review', '--changed', 'nosuchrev'], 'tandem: unbekannte Git-Revision "nosuchrev" (ein Commit, Branch oder Tag des Repositorys in .)']
  ])('says %s in German, and nothing in English', async (_what, files, args, expected) => {
    const root = await makeProject({'input/a.md': 'Ein Satz.\n', ...files})
    if (args.includes('--changed')) {
      execFileSync('git', ['init', '-q'], {cwd: root})
      execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '--allow-empty', '-m', 'start'], {cwd: root})
      expect((await tandem(root, ['build', '--provider', 'pseudo', '--quiet'])).code).toBe(0)
    }
    const run = await tandem(root, ['--lang', 'de', ...args])
    expect(run.code).not.toBe(0)
    const printed = `${run.stdout}${run.stderr}`.trim()
    expect(printed).toContain(expected)
    for (const line of printed.split('\n')) expect(ownWords(line), line).not.toMatch(ENGLISH)
  })

  it('says a garbled answer in German, per sentence and in --json, and a retry while it waits', async () => {
    let calls = 0
    const server = await startLoopback(() => (++calls === 1 ? {status: 503, body: {error: 'busy'}} : {status: 200, raw: 'not json at all'}))
    const root = await makeProject({'input/a.md': 'Ein Satz.\n'})
    const run = await tandem(root, ['--lang', 'de', 'build', '--provider', 'libretranslate', '--base-url', server.url])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`neuer Versuch in 1 s (Versuch 2 von 10: 503 von ${server.url.replace('http://', '')})`)
    expect(run.stderr).toContain('input/a.md:1:1  Fehler  provider-failed  libretranslate ist fehlgeschlagen (libretranslate: die Antwort ist kein gültiges JSON) bei: Ein Satz.')
    for (const line of run.stderr.trim().split('\n')) expect(ownWords(line), line).not.toMatch(ENGLISH)
    const json = await tandem(root, ['--lang', 'de', 'build', '--provider', 'libretranslate', '--base-url', server.url, '--json'])
    const summary = JSON.parse(json.stdout) as {diagnostics: Array<{rule: string; params: Record<string, unknown>; message: string}>}
    const failed = summary.diagnostics.find((item) => item.rule === 'provider-failed')
    expect(failed?.params['reason']).toBe('provider-bad-response: libretranslate: the answer is not valid JSON')
    expect(failed?.message).toBe('libretranslate ist fehlgeschlagen (libretranslate: die Antwort ist kein gültiges JSON) bei: Ein Satz.')
  })

  it('says a file it cannot write, and the kind of a suggestion, in German', async () => {
    const root = await makeProject({'input/a.md': 'Ein Satz über KI.\n'})
    await put(root, 'output/a.de-en.md/x', 'a folder where the bilingual file goes')
    const run = await tandem(root, ['--lang', 'de', 'build', '--provider', 'pseudo', '--quiet'])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('input/a.md  Fehler  write-failed  Ausgaben nicht schreibbar: a.de-en.md: an der Stelle dieser Datei steht ein Ordner')
    const english = await tandem(root, ['build', '--provider', 'pseudo', '--quiet'])
    expect(english.stderr).toContain('input/a.md  error  write-failed  cannot write outputs: a.de-en.md: a folder stands where this file goes')
    const suggest = await tandem(root, ['--lang', 'de', 'glossary', 'suggest'])
    expect(suggest.stdout).toContain('KI  (Akronym, 1×)  input/a.md:1')
  })
})
