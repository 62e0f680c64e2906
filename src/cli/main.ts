#!/usr/bin/env node
import {runCli} from './program.js'

// A reader that closes the pipe early (tandem review | head) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

const controller = new AbortController()
process.once('SIGINT', () => controller.abort(new Error('interrupted')))

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  signal: controller.signal
})
process.exitCode = code
