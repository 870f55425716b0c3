import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'bot/**/*.test.ts', 'api/**/*.test.ts', 'workers/**/*.test.ts', 'migrations/**/*.test.ts', 'seeds/**/*.test.ts', 'eval/**/*.test.ts', 'dev/**/*.test.ts', 'test/**/*.test.ts'],
    // The LIFF pages (liff/dist) and the migrated test database template are made before any test file.
    globalSetup: ['test/support/global-setup.ts'],
    // A test that drives a browser or starts the whole product takes 10 to 30 s on a quiet two-core
    // machine; on a busy one three of them ran out of 30 s on 2026-11-25 with nothing wrong.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: two files at a time; each file owns its database (and Redis prefix).
    maxWorkers: 2,
    pool: 'forks',
  },
});
