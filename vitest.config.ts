import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    // Integration and e2e tests start real servers and processes; two cores, so two workers.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // .ci/run counts passed and failed tests from the JSON results; TEST_RESULTS can put them elsewhere.
    reporters: ['default', ['json', { outputFile: process.env.TEST_RESULTS || '.tmp/test-results.json' }]],
  },
})
