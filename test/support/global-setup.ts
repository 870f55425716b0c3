import type { TestProject } from 'vitest/node';
import { buildLiff, isStale } from '../../liff/build.ts';
import { startSharedBrowser } from './browser.ts';
import { prepareTestDatabases } from './test-database.ts';

/**
 * Vitest global set-up, once before any test file runs: the LIFF pages are built (only when a
 * source changed since the last build), so `npm ci && npm test` needs no extra step; the migrated
 * template the test databases are copied from is made (only when a migration changed); and one
 * Chromium is started for the browser tests to share.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [browser] = await Promise.all([startSharedBrowser(), isStale() ? buildLiff() : undefined, prepareTestDatabases()]);
  if (browser) project.provide('chromiumEndpoint', browser.wsEndpoint());
  return async () => {
    await browser?.close();
  };
}
