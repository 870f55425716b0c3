import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order test files start in: the longest first, so that the run does not end on a long file
 * started late while the other workers sit idle. A file's length is, in this order:
 * - its duration in the last run Vitest remembers here (node_modules/.vite; in `.ci/run`, the run
 *   on PostgreSQL orders the run on the embedded defaults);
 * - its seconds in test/support/file-durations.json, kept in git, for a clean clone's first run
 *   (Vitest's own fallback, the file's size, started the isolation test between businesses,
 *   250 lines and 35 s, 49th of 200, behind unit tests that are long lists of cases);
 * - a guess from its size, at the seconds per byte of the files measured (a new file).
 * `TEST_DURATIONS_UPDATE=1` with the timings reporter (test/support/file-timings.ts) writes the
 * file again after a whole run.
 */
export const DURATIONS_FILE = new URL('./file-durations.json', import.meta.url);

export function readDurations(): Record<string, number> {
  return existsSync(DURATIONS_FILE) ? (JSON.parse(readFileSync(DURATIONS_FILE, 'utf8')) as Record<string, number>) : {};
}

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const kept = readDurations();
    const rows = files.map((spec) => {
      const remembered = this.ctx.cache.getTestSpecificationResult(spec)?.duration;
      const seconds = remembered !== undefined ? remembered / 1000 : kept[relative(spec.project.config.root, spec.moduleId)];
      return { spec, seconds, bytes: statSync(spec.moduleId).size };
    });
    const measured = rows.filter((r) => r.seconds !== undefined);
    const bytes = measured.reduce((sum, r) => sum + r.bytes, 0);
    const perByte = bytes > 0 ? measured.reduce((sum, r) => sum + r.seconds!, 0) / bytes : 1;
    const length = (r: (typeof rows)[number]) => r.seconds ?? r.bytes * perByte;
    return rows.sort((a, b) => length(b) - length(a)).map((r) => r.spec);
  }
}
