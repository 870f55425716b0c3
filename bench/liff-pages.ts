import { chromium, type Browser } from 'playwright-core';
import { lineId } from '../dev/fakes/line-api.ts';
import { buildLiff } from '../liff/build.ts';
import { startLiffHarness } from '../test/support/liff-customer.ts';
import { fmt, median, table } from './stats.ts';
import { enrolMember } from '../core/members/members.ts';
import { sellPackage } from '../core/members/package-sales.ts';
import { createPackage } from '../core/members/packages.ts';

/**
 * The customer pages on a slow phone: Chromium with 4x CPU slowdown (CDP
 * Emulation.setCPUThrottlingRate) and a slow mobile network (Network.emulateNetworkConditions:
 * 1.6 Mbit/s down, 750 kbit/s up, 150 ms latency), a fresh browser context (empty cache) per
 * visit. First contentful paint from the Paint Timing API; usable when the page shows what the
 * customer came for (the case, the quote's total, the form's name field, their list), measured
 * from navigation start by an observer in the page. Median of 5 per page. Goals (issue #12): FCP under 1.5 s, usable under 2.5 s.
 */
const RUNS = 5;
const CHROMIUM = '/usr/bin/chromium';

export async function benchLiffPages(): Promise<string> {
  await buildLiff();
  const h = await startLiffHarness();
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const customer = lineId('U');
    const c = await h.reportProblem(customer);
    const q = await h.sentQuote();
    // The customer is a member with a package: the card page shows a whole card.
    const { contact_id: contactId } = await h.sys.knex('contact_identities').where({ external_id: customer }).first('contact_id');
    await h.sys.knex.transaction(async (trx) => {
      const { member } = await enrolMember(trx, h.sys.defaultOrgId, contactId);
      await createPackage(trx, { orgId: h.sys.defaultOrgId, actor: { type: 'api_key', id: null } }, { key: 'bench_five', nameTh: 'แพ็กเกจ 5 คลาส', nameEn: '5 classes', credits: 5, services: ['sushi_class'], priceMinor: 500_000, currency: 'THB', validityDays: 90 });
      await sellPackage(trx, { member, packageKey: 'bench_five', paidWith: 'transfer', actor: { type: 'system', id: null } });
    });
    const pages: { name: string; path: string; usable: string; line?: boolean }[] = [
      { name: 'track', path: `/liff/track/${c.token}`, usable: 'h1#case-title' },
      { name: 'quote', path: `/liff/quote/${q.token}`, usable: 'h1#quote-title' },
      { name: 'book', path: '/liff/book', usable: '#f-name' },
      { name: 'me (in LINE, LIFF SDK + mock)', path: '/liff/me', usable: 'h2#cases', line: true },
      { name: 'card (in LINE, LIFF SDK + mock; QR drawn on the server)', path: '/liff/card', usable: '[data-testid="package"]', line: true },
    ];
    const rows: (string | number)[][] = [];
    for (const p of pages) {
      const fcp: number[] = [];
      const usable: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
        if (p.line) {
          const token = h.idToken(customer, { name: 'Bench' });
          await context.addInitScript((t) => {
            (window as unknown as { __liffMock: object }).__liffMock = { getIDToken: t, getDecodedIDToken: { name: 'Bench' }, isInClient: true, isLoggedIn: true };
          }, token);
        }
        // The moment the page shows it, seen from inside the page: Playwright's own polling, slowed
        // 4x with the page, noticed it 300 to 600 ms later and counted that too.
        await context.addInitScript((selector) => {
          const seen = new MutationObserver(() => {
            if (document.querySelector(selector)) {
              (window as unknown as { __usableAt: number }).__usableAt = performance.now();
              seen.disconnect();
            }
          });
          seen.observe(document, { childList: true, subtree: true });
        }, p.usable);
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        await page.goto(h.sys.url + p.path, { waitUntil: 'commit' });
        await page.waitForFunction(() => (window as unknown as { __usableAt?: number }).__usableAt !== undefined, undefined, { timeout: 30_000 });
        const t = await page.evaluate(() => ({
          usable: (window as unknown as { __usableAt: number }).__usableAt,
          fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        }));
        fcp.push(t.fcp);
        usable.push(t.usable);
        await context.close();
      }
      rows.push([p.name, fmt(median(fcp)), fmt(median(usable)), median(fcp) < 1500 && median(usable) < 2500 ? 'yes' : 'no']);
    }
    return `### LIFF pages on a slow phone (4x CPU slowdown, 1.6 Mbit/s, 150 ms; median of ${RUNS}, empty cache)\n\n${table(['page', 'first contentful paint (ms)', 'usable (ms)', 'within goals'], rows)}`;
  } finally {
    await browser.close();
    await h.close();
  }
}
