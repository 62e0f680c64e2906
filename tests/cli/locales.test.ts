import {describe, expect, it} from 'vitest'
import {createTranslator} from '../../src/cli/i18n.js'
import {de} from '../../src/cli/locales/de.js'
import {en} from '../../src/cli/locales/en.js'
import {closedPort, startLoopback} from '../helpers/loopback.js'
import {makeProject, tandem} from '../helpers/project.js'

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
      expect(new Set(german.get(key)?.match(/\{\{\w+\}\}/g) ?? []), key).toEqual(values)
      const params = Object.fromEntries([...values].map((value) => [value.slice(2, -2), 'X']))
      // Rendered, neither leaves a placeholder behind nor falls back to the key.
      for (const lang of ['en', 'de'] as const) {
        const rendered = t[lang](key.replace(/_(one|other)$/, ''), {...params, count: key.endsWith('_one') ? 1 : 2})
        expect(rendered, `${lang} ${key}`).not.toMatch(/\{\{|^[a-z]+\.[a-zA-Z.]+$/)
      }
    }
  })

  it('has German help texts, headings and commander errors', async () => {
    const root = await makeProject({'input/a.md': 'Ein Satz.\n'})
    const help = await tandem(root, ['--lang', 'de', 'build', '--help'])
    // Note: the usage line's own words ([options], argument names) stay as commander writes them.
    expect(help.stdout).toContain('Aufruf: tandem build [options] [files...]')
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
    [['build', '--provider', 'google'], 'tandem: Konfigurationsfehler: unbekannter Dienst "google" (bekannt: identity, pseudo, deepl, openai, libretranslate)'],
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
})
