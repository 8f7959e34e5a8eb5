import { defineConfig } from 'vitest/config';

// Unit + integration tests. Integration tests run on PGlite always and on PostgreSQL when TEST_DATABASE_URL is set.
export default defineConfig({
  test: {
    include: ['apps/server/src/**/*.test.ts', 'packages/*/src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
