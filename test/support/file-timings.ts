import { appendFileSync, writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * A Vitest reporter that writes where each test file's time went, one JSON line a file, to
 * `TEST_TIMINGS_FILE` (default `test-timings.ndjson`): importing it, and its tests and hooks.
 * `npm test -- --reporter=default --reporter=./test/support/file-timings.ts`; docs/testing.md
 * has the table it made.
 */
export default class FileTimings implements Reporter {
  readonly #file = process.env.TEST_TIMINGS_FILE ?? 'test-timings.ndjson';
  readonly #started = Date.now();

  onInit(): void {
    writeFileSync(this.#file, '');
  }

  onTestModuleEnd(module: TestModule): void {
    const d = module.diagnostic();
    const line = {
      file: module.moduleId.slice(process.cwd().length + 1),
      tests: [...module.children.allTests()].length,
      importMs: Math.round(d.collectDuration + d.setupDuration + d.prepareDuration + d.environmentSetupDuration),
      runMs: Math.round(d.duration),
      endedAtS: Math.round((Date.now() - this.#started) / 1000),
    };
    appendFileSync(this.#file, JSON.stringify(line) + '\n');
  }
}
