import { defineConfig } from 'vitest/config';

// Resolve this package's own `dbauthz-source` export condition first, so `import ... from 'dbauthz'`
// inside the repository (the examples, the README samples) runs the TypeScript sources, never
// `dist/`. The name is the package's own: an app's `--conditions=source` must not pick the sources,
// which the package does not ship.
const conditions = ['dbauthz-source', 'module', 'node', 'development|production'];

// One config for every suite. The global setup resolves a PostgreSQL server (DATABASE_URL,
// testcontainers, or embedded) and migrates a template database that each test file clones.
export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/matchers.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
