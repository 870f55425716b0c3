import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/accessibility.ts';
import { hasChromium, openBrowser, screenshotDir } from './support/browser.ts';
import { startFinanceWorld, type FinanceWorld } from './support/finance-world.ts';
import { enrolStaff, type EnrolledStaff } from './support/staff-desk.ts';
import { PHONE, staffDevice } from './support/staff-browser.ts';

/**
 * The dashboard's finance screen (docs/money.md, docs/liff.md) in Debian's Chromium at a phone's
 * size, signed in with LIFF Mock, over real payments (a booking paid by card with its cost, one
 * partly refunded, a transfer deposit still owing, a payout that carried less than its payment):
 * the accountant in Thai (light) and English (dark), a manager reaching it from the dashboard's
 * tabs, and a support member who is not shown it and is told why when they ask for it.
 */
const SHOTS = screenshotDir();
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 20_000 });

// Skipped where Debian's Chromium is not installed: there is no browser to drive (.ci/run installs it).
describe.skipIf(!hasChromium)('the finance screen in a browser', () => {
  let world: FinanceWorld;
  let browser: Browser;
  let accountant: EnrolledStaff;
  let manager: EnrolledStaff;
  let support: EnrolledStaff;

  beforeAll(async () => {
    world = await startFinanceWorld();
    accountant = await enrolStaff(world.h, { displayName: 'Anong Accountant', role: 'accountant', language: 'th' });
    manager = await enrolStaff(world.h, { displayName: 'Mali Manager', role: 'manager' });
    support = await enrolStaff(world.h, { displayName: 'Sam Support', role: 'support' });
    browser = await openBrowser();
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  const url = (lang: string, hash = '') => `${world.h.sys.url}/liff/dashboard?lang=${lang}${hash}`;
  const section = (page: Page, name: string) => page.getByRole('region', { name });
  /** What a person reads: no internal keys, no ISO dates, no raw minor units. */
  const expectWords = async (page: Page) => {
    // innerText keeps the breaks between words (textContent would run "Finance" into the next word).
    const text = await page.innerText('main');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(text).not.toMatch(/amount_differs|not_paid_out|promptpay|payout_mismatches|cash_in|\b[a-z]+_[a-z_]+\b|\b[a-z]+[A-Z][a-zA-Z]+\b/);
    expect(text).not.toMatch(/350000|150000|490000/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/dashboard-finance-${name}.png`, fullPage: true });

  it('the accountant opens the dashboard on a phone in Thai and lands on finance: money in, refunds, what is owed, the mismatch and the margin', async () => {
    const page = await staffDevice(browser, world.h, accountant, { size: PHONE });
    await page.goto(url('th'));
    await poll(() => page.locator('h1').textContent()).toBe('การเงิน');
    // The accountant reads no other figure: finance is their one screen.
    expect(await page.locator('nav[aria-label="หน้าจอ"] a').allTextContents()).toEqual(['การเงิน']);
    const owed = section(page, 'ยอดค้างชำระ');
    await poll(() => owed.textContent()).toContain(world.deposit);
    expect(await owed.locator('tr', { hasText: world.deposit }).textContent()).toMatch(/฿5,000\.00.*฿1,500\.00.*฿3,500\.00/);
    expect(await section(page, 'เงินเข้าตามวิธีชำระ').textContent()).toMatch(/บัตร.*฿15,000\.00/);
    expect(await section(page, 'เงินเข้าตามวิธีชำระ').textContent()).toMatch(/โอนเงิน.*฿1,500\.00/);
    expect(await section(page, 'คืนเงิน').textContent()).toContain('฿1,000.00');
    const mismatch = section(page, 'รายการที่ไม่ตรงกัน').locator('tr', { hasText: world.differs });
    expect(await mismatch.textContent()).toMatch(/ยอดโอนไม่ตรงกับยอดที่ลูกค้าชำระ.*฿5,000\.00.*฿4,900\.00/);
    expect(await section(page, 'กำไรต่อการจอง').locator('tr', { hasText: world.paid }).textContent()).toMatch(/฿5,000\.00.*฿3,200\.00.*฿1,800\.00/);
    // Days as people write them: "26 พ.ย. 2569".
    expect(await section(page, 'เงินเข้ารายวัน').textContent()).toMatch(/\d{1,2} [ก-๙]+\.[ก-๙]+\. 25\d\d/);
    await expectWords(page);
    await expectAccessible(page, 'finance th light');
    await shot(page, 'th-light');

    // A CSV for each table, as the REST route answers it.
    const download = page.waitForEvent('download');
    await section(page, 'ยอดค้างชำระ').getByRole('button', { name: /CSV/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('finance-outstanding.csv');
    // The browser may run elsewhere: the file is read through its stream, not a path on this machine.
    const chunks: Buffer[] = [];
    for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString('utf8')).toContain(`${world.deposit},THB,500000,150000,350000`);
    await page.context().close();
  });

  it('in English and dark, a period is chosen with a tap (last month has none of this money)', async () => {
    const page = await staffDevice(browser, world.h, accountant, { size: PHONE, dark: true });
    await page.goto(url('en', '#/finance'));
    const owed = section(page, 'Still owed');
    await poll(() => owed.textContent()).toContain(world.deposit);
    expect(await owed.locator('tr', { hasText: world.deposit }).textContent()).toMatch(/THB\s3,500\.00/);
    expect(await section(page, 'Mismatches').textContent()).toContain('Paid out a different amount than the payment');
    expect(await section(page, 'Cash in by method').textContent()).toMatch(/Card.*Bank transfer|Bank transfer.*Card/);
    await expectWords(page);
    await expectAccessible(page, 'finance en dark');
    await shot(page, 'en-dark');

    await page.getByRole('link', { name: 'Last month' }).click();
    await poll(() => section(page, 'Refunds').textContent()).toContain('Nothing in this period');
    expect(page.url()).toContain('#/finance?preset=last_month');
    // What is owed is owed now, whatever the period.
    expect(await section(page, 'Still owed').textContent()).toContain(world.deposit);
    await expectWords(page);
    await shot(page, 'en-dark-last-month');
    await page.context().close();
  });

  it('a manager reaches finance from the dashboard home; a support member is not shown it and, asking by address, is told why', async () => {
    const page = await staffDevice(browser, world.h, manager, { size: PHONE });
    await page.goto(url('en'));
    await poll(() => page.locator('h1').textContent()).toBe('Live queue');
    await page.locator('nav.tabs').getByRole('link', { name: 'Finance' }).click();
    await poll(() => section(page, 'Still owed').textContent()).toContain(world.deposit);
    await page.context().close();

    const theirs = await staffDevice(browser, world.h, support, { size: PHONE });
    await theirs.goto(url('en'));
    await poll(() => theirs.locator('h1').textContent()).toBe('Live queue');
    expect(await theirs.locator('nav.tabs a').allTextContents()).not.toContain('Finance');
    await theirs.goto(url('en', '#/finance'));
    await poll(() => theirs.textContent('[role=alert]')).toContain('because your role (support) may not see this');
    expect(await theirs.textContent('main')).not.toContain(world.deposit);
    await expectAccessible(theirs, 'finance refused en light');
    await shot(theirs, 'refused-en-light');
    await theirs.context().close();
  });
});
