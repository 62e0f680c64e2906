import {runCli} from '../cli/program.js'

/**
 * `tandem` as the benchmark runs it: the real CLI in its own process, which
 * at the end reports its exit code and peak memory (worker threads included).
 */
const controller = new AbortController()
const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: {write: () => true},
  cwd: process.cwd(),
  env: process.env,
  signal: controller.signal
})
process.stdout.write(`\nBENCH ${JSON.stringify({code, maxRssMb: process.resourceUsage().maxRSS / 1024})}\n`)
