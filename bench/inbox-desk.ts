import { chromium, type Browser } from 'playwright-core';
import { lineId } from '../dev/fakes/line-api.ts';
import { buildLiff, budgetOf, pageWeights } from '../liff/build.ts';
import { CHROMIUM } from '../test/support/browser.ts';
import { startLiffHarness } from '../test/support/liff-customer.ts';
import { PHONE } from '../test/support/staff-browser.ts';
import { enrolStaff } from '../test/support/staff-desk.ts';
import { until, untilSettled } from '../test/support/test-system.ts';
import { fmt, median, percentile, table } from './stats.ts';

/**
 * The desk's Inbox on a slow phone (`npm run bench -- inbox desk`): a support member opens
 * `/liff/desk/inbox` inside LINE (LIFF SDK and LIFF Mock; the server checks the token with the fake
 * LINE server) at a phone's size, in Chromium with 4x CPU slowdown (CDP
 * Emulation.setCPUThrottlingRate) and the slow mobile profile of the other page benchmarks
 * (Network.emulateNetworkConditions: 1.6 Mbit/s down, 750 kbit/s up, 150 ms latency), an empty
 * cache per visit; 30 customers waiting. Usable: the first frame after the Waiting list's rows are
 * in the page with their links (the page notes it itself, so the probe's polling under the slowed
 * CPU is not counted), from navigation start. Baseline: the same visits unthrottled. Median of 7.
 */
const RUNS = Number(process.env.BENCH_DESK_RUNS ?? 7);
const WAITING = 30;
const SLOW = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

export async function benchInboxDesk(): Promise<string> {
  await buildLiff();
  const desk = pageWeights().find((w) => w.page === 'desk')!;
  const h = await startLiffHarness();
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const staff = await enrolStaff(h, { displayName: 'Bench Support', role: 'support', language: 'th' });
    for (let i = 0; i < WAITING; i++) {
      const customer = lineId('U');
      h.line.state.addProfile({ userId: customer, displayName: `Customer ${i + 1}`, language: 'th' });
      await h.send(customer, { text: 'ขอคุยกับเจ้าหน้าที่ค่ะ' });
    }
    await until(async () => Number((await h.sys.knex('conversations').where({ inbox_status: 'waiting' }).count({ n: '*' }))[0].n) >= WAITING, 60_000);
    await untilSettled(h.sys.knex, 60_000);

    const visit = async (throttled: boolean) => {
      const context = await browser.newContext({ viewport: PHONE, locale: 'th-TH', hasTouch: true });
      const token = h.idToken(staff.lineUserId, { name: staff.displayName });
      await context.addInitScript(
        ([t, name, sub]) => {
          (window as unknown as { __liffMock: object }).__liffMock = { getIDToken: t, getDecodedIDToken: { sub, name }, isInClient: true, isLoggedIn: true };
          // Usable: the first frame after the Waiting list shows rows whose links can be followed.
          new MutationObserver((_, o) => {
            const pressed = document.querySelector('.tabs button[aria-pressed="true"]');
            if (!pressed || document.querySelectorAll('.conversation-row a.case-link').length === 0) return;
            o.disconnect();
            requestAnimationFrame(() => ((window as unknown as { __usable: number }).__usable = performance.now()));
          }).observe(document, { childList: true, subtree: true });
        },
        [token, staff.displayName, staff.lineUserId] as const,
      );
      const page = await context.newPage();
      if (throttled) {
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', SLOW);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      }
      await page.goto(`${h.sys.url}/liff/desk/inbox?lang=th`, { waitUntil: 'commit' });
      await page.waitForFunction(() => (window as unknown as { __usable?: number }).__usable !== undefined, undefined, { timeout: 60_000, polling: 250 });
      const t = await page.evaluate(() => ({
        usable: (window as unknown as { __usable: number }).__usable,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        rows: document.querySelectorAll('.conversation-row').length,
      }));
      // Clickable: a row's link opens the conversation.
      await page.click('.conversation-row a.case-link');
      await page.waitForURL(/conversation/, { timeout: 30_000 });
      await context.close();
      return t;
    };
    // One visit each to warm the server (plans, the LIFF token check), not counted.
    await visit(false);
    const plain: Awaited<ReturnType<typeof visit>>[] = [];
    const slow: Awaited<ReturnType<typeof visit>>[] = [];
    for (let i = 0; i < RUNS; i++) {
      plain.push(await visit(false));
      slow.push(await visit(true));
    }
    const base = median(plain.map((v) => v.usable));
    const row = (what: string, v: typeof plain, goal: boolean) => [
      what,
      fmt(median(v.map((x) => x.rows))),
      fmt(median(v.map((x) => x.fcp))),
      fmt(median(v.map((x) => x.usable))),
      fmt(percentile(v.map((x) => x.usable), 95)),
      fmt(median(v.map((x) => x.usable)) / base, 1),
      goal ? 'median < 2000 ms' : '',
      goal ? (median(v.map((x) => x.usable)) < 2000 ? 'yes' : 'NO') : '',
    ];
    const kb = desk.gzipBytes / 1024;
    return (
      `### The desk's Inbox on a slow phone (${WAITING} customers waiting; 390 x 844; empty cache; ${RUNS} visits each, alternated; from navigation start)\n\n` +
      table(
        ['visit', 'rows', 'first contentful paint ms', 'usable ms (median)', 'usable ms (p95)', 'x baseline', 'goal', 'met'],
        [row('baseline: no throttling', plain, false), row('4x CPU slowdown, 1.6 Mbit/s down, 750 kbit/s up, 150 ms', slow, true)],
      ) +
      `\n\nThe desk's JavaScript (gzipped, with the LIFF SDK, as \`npm run build:liff\` prints it): ${fmt(kb, 1)} KB of its ${budgetOf('desk')} KB budget (${kb <= budgetOf('desk') ? 'within' : 'OVER'}).`
    );
  } finally {
    await browser.close();
    await h.close();
  }
}
