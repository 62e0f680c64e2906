import {defineConfig} from 'vitest/config'
import PlainSummaryReporter from './tests/helpers/plain-summary-reporter.js'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    reporters: ['default', new PlainSummaryReporter()],
    // Note: two test files at once on a two-core machine: many tests wait on loopback servers and child processes.
    maxWorkers: 2,
    // Note: the limit catches a hang, it does not time anything (npm run bench does). The corpus builds take
    // 10–45 s alone and up to three times that in CI, beside the 5 MB article test.
    testTimeout: 180_000,
    hookTimeout: 60_000
  }
})
