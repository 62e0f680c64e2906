#!/usr/bin/env node
import {runCli} from './program.js'

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
