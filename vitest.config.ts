import { defineConfig } from 'vitest/config';

// One config for every suite. The global setup resolves a PostgreSQL server (DATABASE_URL,
// testcontainers, or embedded) and migrates a template database that each test file clones.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
