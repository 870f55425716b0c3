import { configDefaults, defineConfig } from 'vitest/config';
import LongestFirst from './test/support/longest-first.ts';

/**
 * The failure drills and process tests (test/drills/: kill, LINE and Redis outages, recovery,
 * fuzz, backup, the data-directory lock, start-up, the volume generator) run their own command,
 * `npm run test:drills` (vitest.drills.config.ts): they wait on outages and processes for minutes,
 * and a developer runs `npm test` between two changes. `.ci/run` runs both, on both backends.
 */
export const DRILLS = 'test/drills/**';

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'bot/**/*.test.ts', 'api/**/*.test.ts', 'workers/**/*.test.ts', 'migrations/**/*.test.ts', 'seeds/**/*.test.ts', 'eval/**/*.test.ts', 'dev/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, DRILLS],
    // The LIFF pages (liff/dist) and the migrated test database template are made before any test file.
    globalSetup: ['test/support/global-setup.ts'],
    // Each file's processor time, for the timings reporter (test/support/file-timings.ts); and no
    // connection handed two queries at once (test/support/one-query-at-a-time.ts).
    setupFiles: ['test/support/file-cpu.ts', 'test/support/one-query-at-a-time.ts'],
    // A test that drives a browser or starts the whole product takes 10 to 30 s on a quiet two-core
    // machine; on a busy one three of them ran out of 30 s on 2026-11-25 with nothing wrong.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Three files at a time on two cores; each file owns its database (and Redis prefix). Once the
    // test systems idled cheaply (the outbox relay's poll, the drills moved out) two workers left the
    // processors a third idle: on 2026-11-26, embedded 335 s with two, 284 s with three, 304 s with
    // four; PostgreSQL + Redis 284-299 s with two, 227 s with three (docs/testing.md).
    maxWorkers: 3,
    pool: 'forks',
    // A worker process runs file after file without importing everything again for each: that was
    // 40 % of the run's processor time (embedded: 501 s to 301 s, and 335 s to 244 s of the clock).
    // It asks that a test file leave no state of its own behind in modules: none mocks a module,
    // fakes timers or writes process.env, and each starts its own system, database and servers.
    isolate: false,
    // The longest files first, by the durations kept in git, so the run does not end on a long file
    // started late while the other workers sit idle (test/support/longest-first.ts).
    sequence: { sequencer: LongestFirst },
  },
});
