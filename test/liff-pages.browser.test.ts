import { randomUUID } from 'node:crypto';
import { expectAccessible } from './support/accessibility.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, type Page } from 'playwright-core';
import { hasChromium, liffDevice, openBrowser, screenshotDir } from './support/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { LIFF_ID, startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { formBooked, until } from './support/test-system.ts';

/**
 * The customer pages in Debian's Chromium at a phone's size, driven as a person would: in Thai
 * and English, light and dark, by keyboard; axe-core checks WCAG 2.1 AA on each page as shown;
 * LIFF Mock stands in for the LINE app. Screenshots: docs/liff/ with SCREENSHOTS=docs (test/support/browser.ts).
 */
const SHOTS = screenshotDir();
const nextYear = new Date().getUTCFullYear() + 1;
/** Waits for what the page shows: generous, since two cores run the system, the browser and other test files at once. */
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 10_000 });

// Skipped where Debian's Chromium is not installed: there is no browser to drive (.ci/run installs it).
describe.skipIf(!hasChromium)('the customer pages in a browser', () => {
  let h: LiffHarness;
  let browser: Browser;

  beforeAll(async () => {
    h = await startLiffHarness();
    browser = await openBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  /** A phone: light or dark; with `line`, inside LINE as this user (test/support/browser.ts). */
  const phone = (o: { dark?: boolean; line?: { userId: string; name: string }; locale?: string } = {}) => liffDevice(browser, h, o);

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
    // Headed with the business's name, not a generic "customer service".
    expect(await page.textContent('header .brand')).toBe((await h.sys.knex('orgs').where({ is_default: true }).first()).name);
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
    expect(await formBooked(h.sys.knex, number)).toMatchObject({ party_size: 3, source: 'web' });
    expect(Number((await h.sys.knex('bookings').count({ n: '*' }))[0].n)).toBe(before + 1);
  });

  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  /** A web server of its own answering every path with this page: a business's website. */
  async function serveHtml(html: string): Promise<{ url: string; close: () => Promise<void> }> {
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(() => ok())) };
  }

  const bookings = async (where: Record<string, unknown> = {}) => Number((await h.sys.knex('bookings').where(where).count({ n: '*' }))[0].n);
  /** The focused element, as a person would name it: its label or its text. */
  const focused = (page: Page) => page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el) return '';
    return (el.labels?.[0]?.textContent ?? el.textContent ?? '').trim();
  });

  it("booking form: a service asking a date, a time and a destination shows just those; a time outside its hours is refused on the page, and by the server when the hours changed meanwhile", async () => {
    const everyDay = (from: string, to: string) => Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, [[from, to]]]));
    const key = await h.bookableService({
      name: { th: 'รถรับส่งสนามบิน (ส่วนตัว)', en: 'Private airport ride' },
      durationMinutes: 60,
      capacity: 4,
      formFields: [
        { field: 'start_date', required: true },
        { field: 'time', required: true },
        { field: 'destination', required: true },
        { field: 'travelers' },
      ],
      hours: everyDay('06:00', '22:00'),
    });
    const page = await phone();
    await page.goto(`${h.sys.url}/liff/book?lang=en`);
    await page.getByLabel('Private airport ride', { exact: false }).check();
    // The details asked (the privacy notice's box for news and offers is not one: docs/privacy.md).
    expect(await page.locator('form input:not([type=radio]):not([type=checkbox]), form textarea').evaluateAll((els) => els.map((e) => e.id))).toEqual(['f-start_date', 'f-time', 'f-destination', 'f-travelers', 'f-name', 'f-phone', 'f-email', 'f-notes']);
    expect(await page.textContent('label[for=f-destination]')).toBe('Destination ');
    expect(await page.textContent('label[for=f-travelers]')).toContain('(optional)');
    expect(await page.getAttribute('#f-time', 'aria-required')).toBe('true');
    // Before a day is chosen the week's hours are shown, then that day's.
    expect(await page.textContent('#f-time-hint')).toBe('Opening hours: Mon–Sun 06:00–22:00');
    await page.fill('#f-start_date', `${nextYear}-02-14`);
    await poll(() => page.textContent('#f-time-hint')).toBe('Open 06:00–22:00 that day');
    await page.fill('#f-time', '23:30');
    await page.locator('#f-time').blur();
    await poll(() => page.textContent('#f-time-error')).toBe('This time is outside opening hours');
    expect(await page.getAttribute('#f-time', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#f-time', 'aria-describedby')).toBe('f-time-hint f-time-error');
    await page.fill('#f-name', 'Ploy');
    await page.fill('#f-phone', '0812345678');
    // Required and not given: said on sending, nothing sent.
    const before = await bookings();
    await page.getByRole('button', { name: 'Send booking request' }).click();
    await poll(() => page.textContent('[role=alert]')).toBe('Please check the fields marked in red.');
    expect(await page.textContent('#f-destination-error')).toBe('Please fill this in');
    await expectNoOverflow(page);
    await expectAccessible(page, 'book en hours refused');
    await shot(page, 'book-en-hours');

    // 21:30 is open as the page knows it; the business closes at 21:00 from now on: the server refuses it, naming the time.
    await page.fill('#f-time', '21:30');
    await page.fill('#f-destination', 'Suvarnabhumi airport');
    expect(await page.locator('#f-time-error').count()).toBe(0);
    const { apiClient } = await import('./support/api-client.ts');
    expect((await apiClient(h.sys)('PATCH', `/api/v1/services/${key}`, { hours: everyDay('06:00', '21:00') })).status).toBe(200);
    await page.getByRole('button', { name: 'Send booking request' }).click();
    await poll(() => page.textContent('#f-time-error')).toBe('This time is outside opening hours');
    expect(await page.textContent('[role=alert]')).toBe('Please check the fields marked in red.');
    expect(await bookings()).toBe(before);
    // The same form, straight to the API: the same answer.
    const direct = await h.pub('POST', '/public/v1/bookings', {
      headers: { 'idempotency-key': randomUUID() },
      body: { service: key, start_date: `${nextYear}-02-14`, time: '21:30', destination: 'Suvarnabhumi airport', name: 'Ploy', phone: '0812345678', language: 'en' },
    });
    expect(direct.status).toBe(422);
    expect(direct.json.error.details).toEqual([expect.objectContaining({ path: 'time', reason: 'outside_hours', message: expect.stringContaining('06:00-21:00') })]);
    expect(await bookings()).toBe(before);

    await page.fill('#f-time', '20:45');
    await page.getByRole('button', { name: 'Send booking request' }).click();
    await poll(() => page.textContent('main')).toContain('Request received');
    const number = (await page.textContent('main'))!.match(/B-\d{6}/)![0];
    const row = await formBooked(h.sys.knex, number);
    expect(String(row.requested_time).slice(0, 5)).toBe('20:45');
    expect(row.details).toMatchObject({ destination: 'Suvarnabhumi airport' });
  });

  /** Tab, as a person does, until the field with this label has the focus (a date or time field holds its own picker button on the way). */
  async function tabTo(page: Page, label: string) {
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      if ((await focused(page)).startsWith(label)) return;
    }
    throw new Error(`Tab did not reach ${label}; the focus is on ${await focused(page)}`);
  }

  it('booking form by keyboard only: Tab to each field, Space for the service, typing, Enter sends', async () => {
    const page = await phone({ locale: 'en-US' });
    await page.goto(`${h.sys.url}/liff/book?lang=en`);
    await poll(() => page.getByRole('radio').count()).toBeGreaterThan(1);
    const before = await bookings();
    await page.keyboard.press('Tab'); // the language switch
    expect(await focused(page)).toBe('ภาษาไทย');
    await page.keyboard.press('Tab'); // the services: the first is focused, Space chooses it
    await page.keyboard.press('Space');
    expect(await page.getByRole('radio').first().isChecked()).toBe(true);
    expect(await focused(page)).toContain('Sushi cooking class');
    await tabTo(page, 'Date');
    await page.keyboard.type(`0214${nextYear}`);
    await tabTo(page, 'Time'); // past the date's own calendar button
    await page.keyboard.type('1030AM');
    await tabTo(page, 'Number of people');
    await page.keyboard.type('2');
    await tabTo(page, 'Your name');
    await page.keyboard.type('Keyboard Kanya');
    await tabTo(page, 'Phone');
    await page.keyboard.type('0899999999');
    await tabTo(page, 'E-mail');
    await page.keyboard.press('Enter'); // Enter in a field sends the form
    await poll(() => page.textContent('main')).toContain('Request received');
    const number = (await page.textContent('main'))!.match(/B-\d{6}/)![0];
    const row = await formBooked(h.sys.knex, number);
    expect(await bookings()).toBe(before + 1);
    expect(row).toMatchObject({ party_size: 2, requested_date: expect.anything() });
    expect(String(row.requested_time).slice(0, 5)).toBe('10:30');
    // The focus ring is visible on what the keyboard reaches.
    await tabTo(page, 'Book something else');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
  });

  it('a page opened with no network says so and offers to try again; back online, trying again shows it', async () => {
    const c = await h.reportProblem(lineId('U'));
    const page = await phone();
    // The page itself arrives (from a cache, a flaky moment), the network is gone before it asks for the case.
    await page.route('**/public/v1/**', (route) => route.abort('internetdisconnected'));
    await page.goto(`${h.sys.url}/liff/track/${c.token}?lang=en`);
    await page.context().setOffline(true);
    await poll(() => page.textContent('[role=alert] p')).toBe('You are offline, so this page could not be loaded. Try again when you are back online.');
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(1);
    await poll(() => page.textContent('[role=status]')).toBe('You are offline.');
    await expectAccessible(page, 'track offline');
    await shot(page, 'track-en-offline');
    await page.context().setOffline(false);
    await page.unroute('**/public/v1/**');
    await page.getByRole('button', { name: 'Try again' }).click();
    await poll(() => page.textContent('main')).toContain(c.number);
    expect(await page.locator('[role=alert]').count()).toBe(0);

    // The booking form likewise: no services without the network, then the form.
    const book = await phone();
    await book.route('**/public/v1/services**', (route) => route.abort('internetdisconnected'));
    await book.goto(`${h.sys.url}/liff/book?lang=th`);
    await poll(() => book.textContent('[role=alert] p')).toContain('โหลดหน้านี้ไม่ได้');
    await book.unroute('**/public/v1/services**');
    await book.getByRole('button', { name: 'ลองอีกครั้ง' }).click();
    await poll(() => book.getByRole('radio').count()).toBeGreaterThan(1);
  });

  it('a superseded quote says so, offers to ask for a new one, and cannot be answered', async () => {
    const first = await h.sentQuote();
    const { apiClient } = await import('./support/api-client.ts');
    const api = apiClient(h.sys);
    const v2 = await api('POST', `/api/v1/bookings/${first.number}/quotes`, { lines: [{ description: 'Guided day trip, private', quantity: 4, unitPrice: 2100 }], validUntil: `${nextYear}-01-31` });
    expect(v2.status).toBe(201);
    expect((await api('POST', `/api/v1/bookings/${first.number}/quotes/${v2.json.version}/send`)).status).toBe(200);
    const page = await phone({ dark: true });
    await page.goto(`${h.sys.url}/liff/quote/${first.token}?lang=en`);
    await poll(() => page.textContent('main')).toContain('Replaced by a newer version');
    const text = (await page.textContent('main'))!;
    expect(text).toContain('This quote was replaced by a newer version: open the latest link in the chat.');
    expect(text).toContain('Would you like a new quote? Send us a message in the chat and we will send you one.');
    expect(await page.getByRole('button', { name: 'Accept this quote' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Decline' }).count()).toBe(0);
    await expectAccessible(page, 'quote superseded');
    await shot(page, 'quote-en-dark-superseded');
    // And at the API: answering it is refused.
    expect((await h.pub('POST', `/public/v1/quotes/${first.token}/accept`, { body: {} })).status).toBe(409);
  });

  it('my bookings and cases in English, dark', async () => {
    const userId = lineId('U');
    const c = await h.reportProblem(userId);
    const booked = await h.pub('POST', '/liff-api/v1/bookings', {
      headers: { authorization: `Bearer ${h.idToken(userId)}`, 'idempotency-key': randomUUID() },
      body: { service: 'thai_cooking_class', start_date: `${nextYear}-03-01`, time: '09:30', travelers: 2, name: 'Anong', language: 'en' },
    });
    expect(booked.status).toBe(201);
    const me = await phone({ dark: true, line: { userId, name: 'Anong' } });
    await me.goto(`${h.sys.url}/liff/me?lang=en`);
    await poll(() => me.textContent('main')).toContain(booked.json.booking_id);
    const text = (await me.textContent('main'))!;
    expect(text).toContain('My bookings and cases');
    expect(text).toContain('Thai cooking class');
    expect(text).toContain(c.number);
    // The stage in the customer's words, not staff's ("New request").
    expect(text).toContain('To be confirmed');
    expect(text).not.toContain('New request');
    await me.locator('summary').first().click();
    await poll(() => me.textContent('details[open]')).toContain('09:30');
    await expectNoOverflow(me);
    await expectAccessible(me, 'me en dark');
    await shot(me, 'me-en-dark');
  });

  it("the booking form on a business's website: ?org= picks the business, in a plain browser and in an iframe, no LINE sign-in", async () => {
    const other = await h.otherOrg({ key: 'pottery_class', name: { th: 'คลาสปั้นดินเผา', en: 'Pottery class' } });
    const page = await phone({ locale: 'en-GB' });
    const sdk: string[] = [];
    page.on('request', (r) => {
      if (/liff-sdk|\/liff\/.*core/.test(r.url())) sdk.push(r.url());
    });
    // A page of the business's own site (another origin), with the form in an iframe.
    const site = await serveHtml(`<!doctype html><html lang="en"><title>Pottery</title><h1>Book with us</h1><iframe title="Booking form" src="${h.sys.url}/liff/book?org=${other.slug}&lang=en" style="width:100%;height:1400px;border:0"></iframe></html>`);
    cleanups.push(site.close);
    // The business names its website as one that may show its form (org settings, bookingFormOrigins).
    await h.sys.knex('orgs').where({ id: other.id }).update({ settings: JSON.stringify({ bookingFormOrigins: [new URL(site.url).origin] }) });
    await page.goto(`${site.url}/book`);
    const form = page.frameLocator('iframe[title="Booking form"]');
    await poll(() => form.getByRole('radio').count()).toBe(2); // its one service, and "something else"
    expect(await form.locator('form').textContent()).toContain('Pottery class');
    expect(await form.locator('form').textContent()).not.toContain('Sushi');
    await form.getByLabel('Pottery class', { exact: false }).check();
    await form.locator('#f-start_date').fill(`${nextYear}-05-02`);
    await form.locator('#f-time').fill('14:00');
    await form.locator('#f-name').fill('Web Visitor');
    await form.locator('#f-email').fill(`web${randomUUID().slice(0, 6)}@example.com`);
    await form.getByRole('button', { name: 'Send booking request' }).click();
    await poll(() => form.locator('main').textContent()).toContain('Request received');
    const number = (await form.locator('main').textContent())!.match(/B-\d{6}/)![0];
    const row = await formBooked(h.sys.knex, number, other.id);
    expect(row).toMatchObject({ source: 'web', org_id: other.id });
    expect(sdk).toEqual([]); // the LIFF SDK was never loaded, though a LIFF id is configured

    // Opened straight in a browser, the same.
    const direct = await phone();
    await direct.goto(`${h.sys.url}/liff/book?org=${other.slug}&lang=en`);
    await poll(() => direct.getByRole('radio').count()).toBe(2);
    expect(await direct.textContent('header .brand')).toBe(other.name);
    await direct.screenshot({ path: `${SHOTS}/book-other-business-en-light.png`, fullPage: true });
    // A business that does not exist: a friendly not-found page, not a form.
    await direct.goto(`${h.sys.url}/liff/book?org=no-such-business&lang=en`);
    await poll(() => direct.textContent('h1')).toBe('We could not find this page');
    expect(await direct.locator('form').count()).toBe(0);
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
