import {defineConfig} from 'vitest/config'
import PlainSummaryReporter from './tests/helpers/plain-summary-reporter.js'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    reporters: ['default', new PlainSummaryReporter()],
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
})
