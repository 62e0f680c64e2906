import {spawn} from 'node:child_process'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {makeProject, tandem} from '../helpers/project.js'

const CLI = join(import.meta.dirname, '../../dist/cli/main.js')

describe('tandem review --serve as a process', () => {
  it('prints its URL, answers on it, and stops cleanly on Ctrl-C', async () => {
    const root = await makeProject({'input/a.md': 'Ein Satz.\n'})
    expect((await tandem(root, ['build', '--provider', 'pseudo', '--quiet'])).code).toBe(0)
    const child = spawn(process.execPath, [CLI, 'review', '--serve'], {cwd: root, env: {PATH: process.env['PATH'] ?? '', LANG: 'C'}, stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8')
        const found = /review app at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)
        if (found?.[1] !== undefined) resolve(found[1])
      })
      child.on('exit', () => reject(new Error(`exited early: ${stderr}`)))
    })
    const page = await fetch(url)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<script src="/app.js" defer></script>')
    const articles = (await (await fetch(`${url}api/articles`)).json()) as Array<{name: string}>
    expect(articles.map((item) => item.name)).toEqual(['a.md'])
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    child.kill('SIGINT')
    expect(await exit).toBe(0)
    expect(stderr).toBe('review app stopped\n')
  })

  it('refuses a port that is not a port, exit 2', async () => {
    const root = await makeProject({'input/a.md': 'Ein Satz.\n'})
    const run = await tandem(root, ['review', '--serve', '--port', '70000'])
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('tandem: configuration error: option --port must be a port number from 0 to 65535\n')
  })
})
