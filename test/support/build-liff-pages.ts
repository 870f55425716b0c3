import { buildLiff, isStale } from '../../liff/build.ts';

/**
 * Vitest global set-up: the LIFF pages are built once before any test file runs (and only when a
 * source changed since the last build), so `npm ci && npm test` needs no extra step.
 */
export default async function setup(): Promise<void> {
  if (isStale()) await buildLiff();
}
