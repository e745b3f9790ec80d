import { defineConfig } from 'vitest/config'

/**
 * unit: the domain, no I/O. api:embedded and api:postgres: the same API tests through the real
 * HTTP app on PGlite and on a throwaway PostgreSQL server. e2e: real Chromium against `dazzle serve`.
 */
export default defineConfig({
  test: {
    reporters: ['default', './test/support/plain-summary.ts'],
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'] } },
      {
        test: {
          name: 'api:embedded',
          include: ['test/api/**/*.test.ts'],
          env: { DAZZLE_TEST_DB: 'embedded' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'api:postgres',
          include: ['test/api/**/*.test.ts'],
          env: { DAZZLE_TEST_DB: 'postgres' },
          globalSetup: ['./test/support/global-postgres.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 120_000,
          // building an app (migrations, WordNet) takes seconds on a loaded 2-core machine
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
