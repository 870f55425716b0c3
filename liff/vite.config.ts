import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * One build, one HTML entry per page (customer pages and staff apps) (served by api/liff/liff-pages.ts under /liff/).
 * JSX compiles to Preact's automatic runtime; the LIFF SDK is a chunk of its own, loaded only
 * where a LIFF id is configured (liff/src/kit/line.ts).
 */
const root = import.meta.dirname;
export const CUSTOMER_PAGES = ['track', 'quote', 'book', 'me', 'privacy', 'card'] as const;
/** The staff apps (liff/src/kit/staff.ts): each is built once its HTML file exists. */
export const STAFF_PAGES = ['dashboard', 'desk', 'settings'] as const;
export const PAGES = [...CUSTOMER_PAGES, ...STAFF_PAGES].filter((p) => existsSync(resolve(root, `${p}.html`)));

/**
 * The chat simulator's sign-in link (`#liff-mock-id-token=`, liff/src/kit/staff.ts) is in the pages
 * only when they are built outside production (liff/build.ts sets LIFF_SIMULATOR).
 */
export const simulatorBuild = () => process.env.LIFF_SIMULATOR === 'on';

export default defineConfig({
  root,
  define: { __SIMULATOR__: JSON.stringify(simulatorBuild()) },
  base: '/liff/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    target: 'es2020',
    modulePreload: { polyfill: false },
    // liff/build.ts reads it to add up each page's JavaScript.
    manifest: true,
    rollupOptions: { input: Object.fromEntries(PAGES.map((p) => [p, resolve(root, `${p}.html`)])) },
  },
});
