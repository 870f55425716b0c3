import { buildLiff, isStale } from '../../liff/build.ts';
import { prepareTestDatabases } from './test-database.ts';

/**
 * Vitest global set-up, once before any test file runs: the LIFF pages are built (only when a
 * source changed since the last build), so `npm ci && npm test` needs no extra step, and the
 * migrated template the test databases are copied from is made (only when a migration changed).
 */
export default async function setup(): Promise<void> {
  await Promise.all([isStale() ? buildLiff() : undefined, prepareTestDatabases()]);
}
