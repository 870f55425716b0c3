import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserServer } from 'playwright-core';
import { inject } from 'vitest';

/**
 * Debian's Chromium, driven by playwright-core (nothing downloads a browser). One runs for the whole
 * test run, started by the global set-up; each browser test file connects to it and opens contexts
 * of its own, so no file waits for a browser to start.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

const LAUNCH = {
  executablePath: CHROMIUM,
  // No background networking: this machine's closed network refuses its connections, many at a time.
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared Chromium's address, when the machine has one. */
    chromiumEndpoint?: string;
  }
}

/** For the global set-up: the run's Chromium, or none where it is not installed. */
export async function startSharedBrowser(): Promise<BrowserServer | undefined> {
  return hasChromium ? chromium.launchServer(LAUNCH) : undefined;
}

/**
 * A connection to the run's Chromium, this file's own: closing it closes the file's contexts and
 * leaves the browser to the others. Without the global set-up (a script), a browser of its own.
 */
export async function openBrowser(): Promise<Browser> {
  const endpoint = inject('chromiumEndpoint');
  return endpoint ? chromium.connect(endpoint) : chromium.launch(LAUNCH);
}

/**
 * Where the browser tests write their screenshots: `test-results/screenshots/` (not kept in git),
 * so that a developer's tree stays clean after `npm test`; with `SCREENSHOTS=docs`, over the
 * pictures in docs/liff/ that the docs show (refresh them so when a screen changed).
 */
export function screenshotDir(): string {
  const dir = resolve(import.meta.dirname, process.env.SCREENSHOTS === 'docs' ? '../../docs/liff' : '../../test-results/screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}
