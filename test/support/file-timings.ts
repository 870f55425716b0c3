import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';
import { DURATIONS_FILE, readDurations } from './longest-first.ts';

/**
 * A Vitest reporter that writes where each test file's time went, one JSON line a file, to
 * `TEST_TIMINGS_FILE` (default `test-timings.ndjson`): importing it, and its tests and hooks, by
 * the clock and in the worker's processor time (test/support/file-cpu.ts).
 * `npm test -- --reporter=default --reporter=./test/support/file-timings.ts`; docs/testing.md
 * has the tables it made. With `TEST_DURATIONS_UPDATE=1`, it also writes each file's seconds to
 * test/support/file-durations.json, which orders the next runs (test/support/longest-first.ts).
 */
export default class FileTimings implements Reporter {
  readonly #file = process.env.TEST_TIMINGS_FILE ?? 'test-timings.ndjson';
  readonly #started = Date.now();
  readonly #seconds = new Map<string, number>();

  onInit(): void {
    writeFileSync(this.#file, '');
  }

  onTestModuleEnd(module: TestModule): void {
    const d = module.diagnostic();
    const file = module.moduleId.slice(process.cwd().length + 1);
    const line = {
      file,
      tests: [...module.children.allTests()].length,
      importMs: Math.round(d.collectDuration + d.setupDuration + d.prepareDuration + d.environmentSetupDuration),
      runMs: Math.round(d.duration),
      // The worker's processor time: the machine is shared, and the clock is not the file's own.
      importCpuMs: module.meta().importCpuMs,
      cpuMs: module.meta().cpuMs,
      endedAtS: Math.round((Date.now() - this.#started) / 1000),
    };
    this.#seconds.set(file, Math.round(d.duration / 100) / 10);
    appendFileSync(this.#file, JSON.stringify(line) + '\n');
  }

  onTestRunEnd(): void {
    if (process.env.TEST_DURATIONS_UPDATE !== '1') return;
    // Files this run did not include keep their figure; files that are gone lose it.
    const all = { ...readDurations(), ...Object.fromEntries(this.#seconds) };
    const kept = Object.entries(all).filter(([file]) => existsSync(file)).sort(([a], [b]) => a.localeCompare(b));
    writeFileSync(DURATIONS_FILE, JSON.stringify(Object.fromEntries(kept), null, 1) + '\n');
  }
}
