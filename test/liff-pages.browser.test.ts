import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { LIFF_ID, startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { until } from './support/test-system.ts';

/**
 * The customer pages in Debian's Chromium at a phone's size, driven as a person would: in Thai
 * and English, light and dark, by keyboard; axe-core checks WCAG 2.1 AA on each page as shown;
 * LIFF Mock stands in for the LINE app. Screenshots go to docs/liff/ for the docs.
 */
const CHROMIUM = '/usr/bin/chromium';
const AXE = resolve(import.meta.dirname, '../node_modules/axe-core/axe.min.js');
const SHOTS = resolve(import.meta.dirname, '../docs/liff');
const PHONE = { width: 390, height: 844 };
const nextYear = new Date().getUTCFullYear() + 1;
/** Waits for what the page shows: generous, since two cores run the system, the browser and other test files at once. */
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 10_000 });

describe.skipIf(!existsSync(CHROMIUM))('the customer pages in a browser', () => {
  let h: LiffHarness;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    h = await startLiffHarness();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  /** A phone: light or dark; with `line`, inside LINE as this user (LIFF Mock hands the page an ID token the fake LINE issued). */
  async function phone(o: { dark?: boolean; line?: { userId: string; name: string } } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: PHONE, colorScheme: o.dark ? 'dark' : 'light', locale: 'th-TH', hasTouch: true });
    contexts.push(context);
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

  /** axe-core in the page: WCAG 2.0/2.1 A and AA, zero violations. */
  async function expectAccessible(page: Page, what: string) {
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const r = await (window as unknown as { axe: { run(o: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
      return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations, what).toEqual([]);
  }

  /** The page fits the phone's width: nothing to scroll sideways. */
  async function expectNoOverflow(page: Page) {
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

  it('case tracking: status in plain words, in Thai and English, light and dark, switched by keyboard; refreshed; unknown token is a friendly page', async () => {
    const user = lineId('U');
    const c = await h.reportProblem(user);
    const page = await phone();
    await page.goto(`${h.sys.url}/liff/track/${c.token}`);
    await poll(() => page.textContent('h1')).toContain('เติมเงิน');
    expect(await page.textContent('main')).toContain(c.number);
    expect(await page.textContent('main')).toContain('ได้รับเรื่องแล้ว');
    await expectNoOverflow(page);
    await expectAccessible(page, 'track th light');
    await shot(page, 'track-th-light');
    // Keyboard: the language switch is the first stop, and Enter switches.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('English');
    await page.keyboard.press('Enter');
    await poll(() => page.textContent('main')).toContain('We received your report');
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    // Staff move the case: the open page shows it once it refreshes (visibility change asks at once).
    const api = (await import('./support/api-client.ts')).apiClient(h.sys);
    expect((await api('POST', `/api/v1/cases/${c.number}/transitions`, { to: 'investigating' })).status).toBe(200);
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await poll(() => page.textContent('main')).toContain('Status changed to');

    const dark = await phone({ dark: true });
    await dark.goto(`${h.sys.url}/liff/track/${c.token}?lang=en`);
    await poll(() => dark.textContent('h1')).toBeTruthy();
    await expectAccessible(dark, 'track en dark');
    await shot(dark, 'track-en-dark');

    await page.goto(`${h.sys.url}/liff/track/0123456789abcdef0123456789abcdef`);
    await poll(() => page.textContent('h1')).toBe('We could not find this page');
    await page.goto(`${h.sys.url}/liff/track/<script>`);
    await poll(() => page.textContent('h1')).toBe('We could not find this page');
    await expectAccessible(page, 'not found');
    await shot(page, 'track-not-found-en-light');
  });

  it('quote: lines, total and validity; declined by keyboard with a reason; an expired one says so and cannot be answered', async () => {
    const q = await h.sentQuote();
    const page = await phone();
    await page.goto(`${h.sys.url}/liff/quote/${q.token}?lang=th`);
    await poll(() => page.textContent('main')).toContain('ยอดรวมทั้งสิ้น');
    const text = (await page.textContent('main'))!;
    expect(text).toContain('Guided day trip');
    expect(text).toMatch(/7,500\.00/); // 4 x 1,800 + 500 - 200
    await expectNoOverflow(page);
    await expectAccessible(page, 'quote th light');
    await shot(page, 'quote-th-light');
    // Decline, by keyboard only: the reason is asked for before anything is sent.
    await page.getByRole('button', { name: 'ปฏิเสธ' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'ส่งคำตอบ' }).focus();
    await page.keyboard.press('Enter');
    await poll(() => page.textContent('[role=alert]')).toContain('กรุณาบอกเหตุผล');
    await page.focus('#reason');
    await page.keyboard.type('ราคาสูงกว่างบที่ตั้งไว้');
    await page.getByRole('button', { name: 'ส่งคำตอบ' }).focus();
    await page.keyboard.press('Enter');
    await poll(() => page.textContent('main')).toContain('ปฏิเสธแล้ว');
    expect(await h.sys.knex('booking_quotes').where({ token: q.token }).first()).toMatchObject({ status: 'declined', decline_reason: 'ราคาสูงกว่างบที่ตั้งไว้' });

    const accepted = await h.sentQuote();
    const dark = await phone({ dark: true });
    await dark.goto(`${h.sys.url}/liff/quote/${accepted.token}?lang=en`);
    await dark.getByRole('button', { name: 'Accept this quote' }).click();
    await poll(() => dark.textContent('main')).toContain('Your booking is confirmed');
    await expectAccessible(dark, 'quote en dark accepted');
    await shot(dark, 'quote-en-dark-accepted');

    const expired = await h.sentQuote();
    await h.sys.knex('booking_quotes').where({ token: expired.token }).update({ valid_until: '2020-01-01' });
    await page.goto(`${h.sys.url}/liff/quote/${expired.token}?lang=en`);
    await poll(() => page.textContent('main')).toContain('This quote has expired.');
    expect(await page.textContent('main')).toContain('Would you like a new quote?');
    expect(await page.getByRole('button', { name: 'Accept this quote' }).count()).toBe(0);
  });

  it('booking form in a plain browser: checks as the customer types, keeps the form offline, and books once', async () => {
    const page = await phone();
    await page.goto(`${h.sys.url}/liff/book?lang=en`);
    await page.getByLabel('Sushi', { exact: false }).first().check();
    await page.fill('#f-start_date', '2020-01-01');
    await page.locator('#f-start_date').blur();
    await poll(() => page.textContent('main')).toContain('This date has passed');
    await page.fill('#f-start_date', `${nextYear}-02-14`);
    await page.fill('#f-name', 'Mali');
    await page.fill('#f-phone', 'abc');
    await page.locator('#f-phone').blur();
    await poll(() => page.textContent('main')).toContain('That does not look like a phone number');
    await page.fill('#f-phone', '081-234-5678');
    await page.fill('#f-travelers', '3');
    expect(await page.textContent('main')).not.toContain('That does not look like a phone number');
    await expectNoOverflow(page);
    await expectAccessible(page, 'book en light');
    await shot(page, 'book-en-light');

    const before = Number((await h.sys.knex('bookings').count({ n: '*' }))[0].n);
    await page.context().setOffline(true);
    await page.getByRole('button', { name: 'Send booking request' }).click();
    await poll(() => page.textContent('[role=alert]')).toContain('You are offline');
    expect(await page.inputValue('#f-name')).toBe('Mali');
    expect(await page.inputValue('#f-phone')).toBe('081-234-5678');
    await shot(page, 'book-en-offline');
    await page.context().setOffline(false);
    await page.getByRole('button', { name: 'Send booking request' }).click();
    await poll(() => page.textContent('main')).toContain('Request received');
    const number = (await page.textContent('main'))!.match(/B-\d{6}/)![0];
    expect(Number((await h.sys.knex('bookings').count({ n: '*' }))[0].n)).toBe(before + 1);
    expect(await h.sys.knex('bookings').where({ number }).first()).toMatchObject({ party_size: 3, source: 'web' });
  });

  it('inside LINE: the form has the LINE name, the booking is tied to the LINE user and confirmed in the chat; my bookings and cases list it', async () => {
    const userId = lineId('U');
    await h.reportProblem(userId);
    const page = await phone({ dark: true, line: { userId, name: 'สมชาย' } });
    await page.goto(`${h.sys.url}/liff/book`);
    expect(await page.getAttribute('meta[name=liff-id]', 'content')).toBe(LIFF_ID);
    await poll(() => page.inputValue('#f-name')).toBe('สมชาย');
    await page.getByRole('radio').first().check();
    await page.fill('#f-start_date', `${nextYear}-03-03`);
    await page.fill('#f-travelers', '2');
    await expectAccessible(page, 'book th dark in LINE');
    await shot(page, 'book-th-dark-line');
    await page.getByRole('button', { name: 'ส่งคำขอจอง' }).click();
    await poll(() => page.textContent('main')).toContain('ได้รับคำขอจองแล้ว');
    const number = (await page.textContent('main'))!.match(/B-\d{6}/)![0];
    const pushed = await until(async () => h.line.state.deliveriesTo(userId).find((d) => JSON.stringify(d.messages).includes(number)));
    expect(pushed.kind).toBe('push');

    const me = await phone({ line: { userId, name: 'สมชาย' } });
    await me.goto(`${h.sys.url}/liff/me`);
    await poll(() => me.textContent('main')).toContain(number);
    expect(await me.textContent('main')).toContain('C-');
    await expectNoOverflow(me);
    await expectAccessible(me, 'me th light');
    await shot(me, 'me-th-light');
    // Each opens its detail: the booking unfolds, the case opens its tracking page.
    await me.locator('summary').first().click();
    await me.getByRole('link', { name: /ดูรายละเอียดเคส/ }).first().click();
    await poll(() => me.url()).toContain('/liff/track/');
    await poll(() => me.textContent('h1')).toContain('เติมเงิน');

    // Outside LINE the page says where to open it, and reads nothing.
    const outside = await phone();
    await outside.route('**/liff/me', async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, body: (await res.text()).replace(`content="${LIFF_ID}"`, 'content=""') });
    });
    await outside.goto(`${h.sys.url}/liff/me?lang=en`);
    await poll(() => outside.textContent('main')).toContain('Open this page in LINE');
  });
});
