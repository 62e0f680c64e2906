import {defineConfig} from 'vitest/config'
import PlainSummaryReporter from './tests/helpers/plain-summary-reporter.js'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    reporters: ['default', new PlainSummaryReporter()],
    // Note: two test files at once on a two-core machine: many tests wait on loopback servers and child processes.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
})
