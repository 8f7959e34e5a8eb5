import { defineConfig } from 'vitest/config';

// Browser tests: the real server (`carebridge all`, embedded PGlite) driven through Debian's Chromium.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
