import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

/**
 * Builds the LIFF pages into liff/dist (one Vite build, one entry per page), then prints each
 * page's JavaScript, gzipped, as a customer's phone downloads it: the page's entry, every chunk it
 * imports, and the LIFF SDK chunk where the page may load it (LIFF Mock, loaded only by the
 * browser tests, is not counted). A page past its budget (BUDGET_KB, or its own in PAGE_BUDGET_KB)
 * fails the build.
 *
 *   node liff/build.ts             build, print, check the budget
 *   node liff/build.ts --if-stale  the same, only when a source is newer than the last build
 *                                  (npm start and npm test call this: a fresh clone builds once)
 */
export const BUDGET_KB = 50;
/**
 * Pages with a budget of their own: the staff apps (the dashboard with its charts). Settings holds
 * sixteen screens an admin opens now and then, on the phone that already has the LIFF SDK cached;
 * it grew past 60 KB with the bot's level of sureness, past 66 KB with the e-mail channel's
 * connect and edit forms, and past 68 KB with the invitation and the choice of business for staff
 * of two (docs/liff.md, docs/tenants.md), and to 74 KB with a service's schedule screen, a chunk of
 * its own loaded only when opened (what the other screens download at start did not grow), and to
 * 75 KB with a text's e-mail form and its sandboxed preview in the template editor (issue #44;
 * about 1.3 KB, the Thai font inlined into the preview frame among it), and to 78 KB with a new
 * business's set-up checklist (2.1 KB, a chunk of its own fetched only when the screen is opened),
 * and to 81 KB with corporate clients' seats (seed 000; about 2.9 KB, a chunk of its own fetched
 * only when the screen is opened: what the other screens download at start grew by its menu entry),
 * and past 81 KB by a few bytes when the customer pages' sign-in (shared with Settings' signed-in
 * reads) learnt the chat simulator's, as the staff apps had it (docs/tenants.md, "Try it by hand").
 * The desk grew past 60 KB with
 * the day of sessions (check-in, moving a booking to another session), and to 66 KB with a
 * booking's money: its documents and its payments, with the transfer slips to confirm (docs/money.md),
 * and to 71 KB with the member panel and the "Members" screen (docs/members.md): a chunk of its own
 * (4 KB) and LIFF's scanCodeV2 module (0.6 KB), fetched only when a member is shown; what the desk
 * downloads at start grew by about 0.5 KB (the tab, the panel on the 360 and beside a conversation),
 * and to 73 KB with a package's refund and the adjustments awaiting a manager (about 1.9 KB, in the
 * member panel's chunk, fetched only when a member or the Members screen is shown; what the desk
 * downloads at start grew by 0.2 KB, the words of a move refused for its credit). Splitting a
 * screen into a chunk of its own does not lower this figure: it counts every chunk a page may load.
 */
export const PAGE_BUDGET_KB: Record<string, number> = { dashboard: 100, desk: 73, settings: 82 };
export const budgetOf = (page: string) => PAGE_BUDGET_KB[page] ?? BUDGET_KB;
const root = import.meta.dirname;
const dist = join(root, 'dist');
const STAMP = join(dist, '.sources');
/** What the pages are built from: a change to any of these makes the build stale. */
const SOURCES = [join(root, 'src'), join(root, 'vite.config.ts'), join(root, 'build.ts'), resolve(root, '../core/contracts'), resolve(root, '../core/vocabulary.ts'), resolve(root, '../package-lock.json'), ...['track', 'quote', 'book', 'me', 'privacy', 'card', 'dashboard', 'desk', 'settings'].map((p) => join(root, `${p}.html`))];

/**
 * Whether the pages are built with the chat simulator's sign-in link: not when the process
 * building them runs in production (NODE_ENV=production, as `npm start` does in production).
 */
export const withSimulator = () => process.env.NODE_ENV !== 'production';

/** A fingerprint of the sources (names, sizes, times) and of the kind of build: cheap, and a checkout that changes a file changes it. */
function sourcesFingerprint(): string {
  const h = createHash('sha256');
  h.update(`simulator:${withSimulator()}\n`);
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) for (const e of readdirSync(p).sort()) walk(join(p, e));
    else h.update(`${p}:${st.size}:${st.mtimeMs}\n`);
  };
  SOURCES.forEach(walk);
  return h.digest('hex');
}

export function isStale(): boolean {
  return !existsSync(STAMP) || readFileSync(STAMP, 'utf8') !== sourcesFingerprint();
}

type Manifest = Record<string, { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[]; name?: string }>;

/** Gzipped bytes of each page's JavaScript, with the LIFF SDK. */
export function pageWeights(): { page: string; files: string[]; gzipBytes: number }[] {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Manifest;
  const gz = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  return Object.entries(manifest)
    .filter(([, m]) => m.isEntry)
    .map(([src, entry]) => {
      const files = new Set<string>();
      const visit = (key: string, followDynamic: boolean) => {
        const m = manifest[key];
        if (!m || files.has(m.file)) return;
        files.add(m.file);
        for (const i of m.imports ?? []) visit(i, followDynamic);
        // The SDK is loaded on demand; it counts. LIFF Mock (tests only) does not.
        for (const d of m.dynamicImports ?? []) if (!d.includes('liff-mock')) visit(d, false);
      };
      visit(src, true);
      return { page: src.replace(/\.html$/, ''), files: [...files], gzipBytes: [...files].reduce((n, f) => n + gz(f), 0) };
    })
    .sort((a, b) => a.page.localeCompare(b.page));
}

/** `outDir`: a build elsewhere, for a look at what a production build holds (nothing is checked or stamped). */
export async function buildLiff(o: { outDir?: string; simulator?: boolean } = {}): Promise<void> {
  const fingerprint = sourcesFingerprint();
  // What ships, whoever builds: under the test runner NODE_ENV is "test", and Vite would then keep
  // the libraries' development code (about 5 KB more on the Settings app).
  const nodeEnv = process.env.NODE_ENV;
  const simulator = process.env.LIFF_SIMULATOR;
  process.env.LIFF_SIMULATOR = (o.simulator ?? withSimulator()) ? 'on' : 'off';
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', mode: 'production', ...(o.outDir ? { build: { outDir: o.outDir, emptyOutDir: true } } : {}) });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    if (simulator === undefined) delete process.env.LIFF_SIMULATOR;
    else process.env.LIFF_SIMULATOR = simulator;
  }
  if (o.outDir) return;
  const weights = pageWeights();
  const over = weights.filter((w) => w.gzipBytes > budgetOf(w.page) * 1024);
  process.stdout.write(`LIFF pages built into liff/dist. JavaScript per page, gzipped, with the LIFF SDK and the chunks it may load:\n`);
  for (const w of weights) {
    const budget = budgetOf(w.page);
    process.stdout.write(`  ${w.page.padEnd(9)} ${(w.gzipBytes / 1024).toFixed(1).padStart(5)} KB of ${budget} KB${w.gzipBytes > budget * 1024 ? '  OVER BUDGET' : ''}\n`);
  }
  if (over.length) throw new Error(`LIFF pages over budget: ${over.map((w) => `${w.page} ${(w.gzipBytes / 1024).toFixed(1)} KB of ${budgetOf(w.page)} KB`).join(', ')}`);
  writeFileSync(STAMP, fingerprint);
}

if (import.meta.main) {
  try {
    if (!process.argv.includes('--if-stale') || isStale()) await buildLiff();
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
