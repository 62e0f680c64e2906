import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {validateXML} from 'xmllint-wasm'
import {describe, expect, it} from 'vitest'
import {TranslationMemory} from '../../src/memory/store.js'
import {makeProject, tandem} from '../helpers/project.js'
import {recordingProvider} from '../helpers/providers.js'

/** The official XLIFF 2.1 schemas (core, Translation Candidates, Metadata, xml.xsd), vendored unchanged. */
const SCHEMAS = fileURLToPath(new URL('../fixtures/xliff-2.1/', import.meta.url))
const FILES = ['xliff_core_2.0.xsd', 'matches.xsd', 'metadata.xsd', 'informativeCopiesOf3rdPartySchemas/w3c/xml.xsd']

/** Validate an XLIFF document against the core schema and the matches module (which imports the core). */
async function validate(text: string): Promise<{valid: boolean; errors: string[]}> {
  const preload = await Promise.all(FILES.map(async (fileName) => ({fileName, contents: await readFile(join(SCHEMAS, fileName), 'utf8')})))
  const result = await validateXML({xml: [{fileName: 'export.xlf', contents: text}], schema: preload[1] as {fileName: string; contents: string}, preload})
  return {valid: result.valid, errors: result.errors.map((error) => error.rawMessage)}
}

const REVIEWED = 'Der Minister sprach von einem wichtigen Schritt für das Volk.'
const NEW = 'Der Minister sprach von einem **wichtigen** Schritt für das Land.'

async function exported(memoryEntries: boolean, config: Record<string, unknown> = {}): Promise<{root: string; text: string}> {
  const root = await makeProject({'input/a.md': `# Titel\n\n${NEW}\n\n${REVIEWED}\n\nHeute regnet es in der ganzen Stadt.\n`, 'tandem.config.json': JSON.stringify(config)})
  if (memoryEntries) {
    const memory = await TranslationMemory.open(join(root, 'output/.tandem'), 'memory.de-en.jsonl')
    await memory.record([
      {source: REVIEWED, target: 'The minister spoke of an important step for the people.', status: 'reviewed', provider: 'human'},
      {source: 'Der Minister sprach von einem <b1>wichtigen</b1> Schritt für die Stadt.', target: 'The minister spoke of an <b1>important</b1> step for the city.', status: 'machine', provider: 'deepl'}
    ])
    await memory.save()
  }
  expect((await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: recordingProvider()}})).code).toBe(0)
  const run = await tandem(root, ['export', '--xliff'])
  expect(run.code, run.stderr).toBe(0)
  return {root, text: await readFile(join(root, 'exports/a.xlf'), 'utf8')}
}

describe('XLIFF export against the official XLIFF 2.1 schemas', () => {
  it('the validator refuses what the schemas forbid (a match without its reference, a similarity above 100)', async () => {
    const bad = `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0" version="2.1" srcLang="de" trgLang="en">
  <file id="f1">
    <unit id="u1">
      <mtc:matches>
        <mtc:match similarity="150"><source>a</source><target>b</target></mtc:match>
      </mtc:matches>
      <segment id="s1"><source>a</source></segment>
    </unit>
  </file>
</xliff>
`
    const result = await validate(bad)
    expect(result.valid).toBe(false)
    expect(result.errors.join('\n')).toMatch(/ref/)
    expect(result.errors.join('\n')).toMatch(/similarity|150/)
  })

  it('carries the memory’s similar sentences as translation candidates, and validates', async () => {
    const {text} = await exported(true)
    const result = await validate(text)
    expect(result.errors).toEqual([])
    expect(result.valid).toBe(true)
    expect(text).toContain('xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0"')
    // The new sentence: the reviewed match (one word changed, its bold not) and the machine one (bold kept, one word changed).
    const unit = /<unit [^>]*name="line 3">[\s\S]*?<\/unit>/.exec(text)?.[0] ?? ''
    expect(unit).toContain(
      '<mtc:match id="m1" ref="#s1" similarity="84" type="tm" origin="deepl">\n          <source>Der Minister sprach von einem <pc id="b1">wichtigen</pc> Schritt für die Stadt.</source>\n          <target>The minister spoke of an <pc id="b1">important</pc> step for the city.</target>'
    )
    expect(unit).toContain('<mtc:match id="m2" ref="#s1" similarity="76" type="tm" origin="human" subType="tandem:reviewed">')
    expect(unit).toContain('<segment id="s1" state="translated">')
    // The reviewed sentence gets no candidates; a sentence with nothing similar neither.
    const reviewed = /<unit [^>]*name="line 5">[\s\S]*?<\/unit>/.exec(text)?.[0] ?? ''
    expect(reviewed).toContain('state="final"')
    expect(reviewed).not.toContain('mtc:')
    expect(text.match(/<mtc:matches>/g)).toHaveLength(1)
  })

  it('validates without candidates too, and imports back as before', async () => {
    // Nothing similar enough (the build's own translations are in the memory, but fuzzy.show asks for 100).
    const {text} = await exported(false, {fuzzy: {show: 100}})
    expect(text).not.toContain('mtc')
    expect(text).toContain('<unit ')
    expect((await validate(text)).valid).toBe(true)
    // A file with candidates imports as before: the candidates are hints, the segment's target is what comes back.
    const withCandidates = await exported(true)
    // A translator edits the new sentence's target (an unchanged machine target would stay machine).
    const unit = /<unit [^>]*name="line 3">[\s\S]*?<\/unit>/.exec(withCandidates.text)?.[0] ?? ''
    const edited = unit.replace(/<segment id="s1" state="translated">([\s\S]*?)<target>[\s\S]*?<\/target>/, '<segment id="s1" state="final">$1<target>The minister spoke of an <pc id="b1">important</pc> step for the country.</target>')
    expect(edited).not.toBe(unit)
    await writeFile(join(withCandidates.root, 'exports/a.xlf'), withCandidates.text.replace(unit, edited))
    const run = await tandem(withCandidates.root, ['import', 'exports/a.xlf'], {env: {LANG: 'en_US.UTF-8', TANDEM_REVIEWER: 'Eva'}})
    expect(run.code, run.stderr).toBe(0)
    const memory = await TranslationMemory.open(join(withCandidates.root, 'output/.tandem'), 'memory.de-en.jsonl')
    const entry = memory.get('Der Minister sprach von einem <b1>wichtigen</b1> Schritt für das Land.')
    expect(entry?.status).toBe('reviewed')
    expect(entry?.target).toBe('The minister spoke of an <b1>important</b1> step for the country.')
  })
})
