import {describe, expect, it} from 'vitest'
import {createTranslator} from '../../src/cli/i18n.js'
import {progressReporter} from '../../src/cli/progress.js'

async function capture(isTTY: boolean) {
  let text = ''
  const io = {
    stdout: {write: () => true},
    stderr: {write: (chunk: string) => (text += chunk), isTTY},
    cwd: '/',
    env: {},
    signal: new AbortController().signal
  }
  let now = 0
  const report = progressReporter(io, await createTranslator('en'), () => now, 2000)
  return {
    report,
    tick: (ms: number) => (now += ms),
    text: () => text
  }
}

describe('progress', () => {
  it('draws a bar with rate and time left on a terminal', async () => {
    const {report, tick, text} = await capture(true)
    tick(1000)
    report(10, 40)
    expect(text()).toBe('\r[######..................] 10/40 sentences, 10.0/s, 3 s left\u001b[K')
    tick(3000)
    report(40, 40)
    expect(text().endsWith('\r[########################] 40/40 sentences, 10.0/s, 0 s left\u001b[K\n')).toBe(true)
  })

  it('prints plain lines at most every interval elsewhere, and always the last', async () => {
    const {report, tick, text} = await capture(false)
    tick(500)
    report(1, 10)
    tick(500)
    report(2, 10)
    tick(2500)
    report(5, 10)
    report(10, 10)
    expect(text().trimEnd().split('\n')).toEqual([
      'translated 1 of 10 sentence(s), 2.0/s, about 5 s left',
      'translated 5 of 10 sentence(s), 1.4/s, about 4 s left',
      'translated 10 of 10 sentence(s), 2.9/s, about 0 s left'
    ])
  })

  it('says why it waits while the provider is retried, at most once per interval, on a terminal and elsewhere', async () => {
    const plain = await capture(false)
    const event = {attempt: 2, attempts: 10, delayMs: 3600, reason: '503 from api-free.deepl.com'}
    plain.report.retrying(event)
    plain.tick(500)
    plain.report.retrying({...event, attempt: 3})
    plain.tick(2000)
    plain.report.retrying({...event, attempt: 4, delayMs: 200})
    expect(plain.text().trimEnd().split('\n')).toEqual([
      'retrying in 4 s (attempt 3 of 10: 503 from api-free.deepl.com)',
      'retrying in 1 s (attempt 5 of 10: 503 from api-free.deepl.com)'
    ])
    const terminal = await capture(true)
    terminal.tick(1000)
    terminal.report.retrying(event)
    terminal.report(10, 40)
    expect(terminal.text()).toBe('\rretrying in 4 s (attempt 3 of 10: 503 from api-free.deepl.com)\u001b[K\r[######..................] 10/40 sentences, 10.0/s, 3 s left\u001b[K')
  })
})
