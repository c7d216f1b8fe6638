import { defineConfig } from 'vitest/config';

// Every test runs on the embedded store; tests that touch the database (*.db.test.ts) run again on
// the local PostgreSQL service. CORRIDOR_TEST_PG_URL overrides the server to use.
const pgUrl = process.env.CORRIDOR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'pglite',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'node_modules/**'],
          env: { CORRIDOR_TEST_STORE: 'pglite' },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
          env: { CORRIDOR_TEST_STORE: 'postgres', CORRIDOR_TEST_PG_URL: pgUrl },
        },
      },
    ],
  },
});
