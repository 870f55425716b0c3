import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserServer, type Page } from 'playwright-core';
import { inject } from 'vitest';

/**
 * Debian's Chromium, driven by playwright-core (nothing downloads a browser). One runs for the whole
 * test run, started by the global set-up; each browser test file connects to it and opens contexts
 * of its own, so no file waits for a browser to start.
 */
export const CHROMIUM = '/usr/bin/chromium';
/**
 * Browser tests skip where Chromium is not installed (a developer's machine without it); `.ci/run`
 * installs it first, so in CI they always run.
 */
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

export const PHONE = { width: 390, height: 844 };

/**
 * The chat simulator's page of a running system, at a desktop's size, in a browser of this file's
 * own; the page's script errors are collected in `errors` (a test expects none).
 */
export async function simulatorPage(simulatorUrl: string, errors: string[]): Promise<{ browser: Browser; page: Page }> {
  const browser = await openBrowser();
  const page = await browser.newPage({ viewport: { width: 1200, height: 820 } });
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(simulatorUrl);
  return { browser, page };
}

/**
 * A phone (or another size) in Thai unless said, light or dark. With `line`, inside LINE as this
 * user: LIFF Mock hands the page an ID token the fake LINE server issued, which the server checks
 * with LINE on every call. A page error fails the test.
 */
export async function liffDevice(
  browser: Browser,
  h: { idToken(lineUserId: string, o?: { name?: string }): string },
  o: { dark?: boolean; line?: { userId: string; name: string }; locale?: string; size?: { width: number; height: number } } = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: o.size ?? PHONE, colorScheme: o.dark ? 'dark' : 'light', locale: o.locale ?? 'th-TH', hasTouch: true });
  if (o.line) {
    const token = h.idToken(o.line.userId, { name: o.line.name });
    await context.addInitScript(
      ([t, name, sub]) => {
        (window as unknown as { __liffMock: object }).__liffMock = { getIDToken: t, getDecodedIDToken: { sub, name }, isInClient: true, isLoggedIn: true };
      },
      [token, o.line.name, o.line.userId] as const,
    );
  }
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  return page;
}
