import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {localizeNumbers} from '../../src/segment/numbers.js'
import {makeProject, tandem} from '../helpers/project.js'
import {recordingProvider} from '../helpers/providers.js'

describe('segments of numbers only take English form without a provider', () => {
  it.each([
    ['+4,2 %', '+4.2%'],
    ['−6,1 %', '−6.1%'],
    ['1.234,5', '1,234.5'],
    ['200.000', '200,000'],
    ['3,50 €', '3.50 €'],
    ['31.12.2024', '31 December 2024'],
    ['2024', undefined],
    ['1.–3.', undefined],
    ['<b1>4,2</b1> %', '<b1>4.2</b1> %'],
    ['192.168.178.1', undefined],
    ['4.100.2', undefined],
    ['1,234.5', undefined],
    ['31.12.24', '31 December 2024'],
    ['31.02.2024', undefined]
  ])('%s → %s', (german, english) => {
    expect(localizeNumbers(german, 'long')).toBe(english)
  })

  it('writes dates as the config says', () => {
    expect(localizeNumbers('31.12.2024', 'us')).toBe('12/31/2024')
    expect(localizeNumbers('1.2.2024', 'iso')).toBe('2024-02-01')
  })

  it('puts a table of numbers into English form in the build, checked by the numbers check', async () => {
    const article = '# Zahlen\n\n| Quartal | Wachstum | Stand |\n| --- | --- | --- |\n| Erstes Quartal | +4,2 % | 31.12.2024 |\n| Zweites Quartal | −6,1 % | 1.234,5 |\n'
    const root = await makeProject({'input/a.md': article, 'tandem.config.json': JSON.stringify({target: 'en-US'})})
    const provider = recordingProvider()
    const run = await tandem(root, ['build', '--provider', 'r', '--quiet'], {providers: {r: provider}})
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    // The numbers never went to the provider.
    expect(provider.received.some((text) => /\d/.test(text))).toBe(false)
    const en = await readFile(join(root, 'output/a.en.md'), 'utf8')
    expect(en).toContain('| +4.2%')
    expect(en).toContain('| 12/31/2024 |')
    expect(en).toContain('| −6.1%')
    expect(en).toContain('| 1,234.5 |')
    expect((await readFile(join(root, 'output/a.de.md'), 'utf8')).split('\n')).toHaveLength(en.split('\n').length)
  })
})
