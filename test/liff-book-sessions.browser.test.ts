import { randomUUID } from 'node:crypto';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localMoment } from '../core/time/org-time.ts';
import { expectAccessible } from './support/accessibility.ts';
import { apiClient } from './support/api-client.ts';
import { hasChromium, liffDevice, openBrowser, screenshotDir } from './support/browser.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { formBooked } from './support/test-system.ts';

/**
 * The booking form of a class booked by session (docs/liff.md, "The booking form"; docs/bookings.md,
 * "Sessions and seats"), in Debian's Chromium at a phone's size, in Thai: it lists only the
 * sessions with room, says the seats left when few, books the one picked; a session taken while
 * the form was open is refused with the business's words under the list, the list read again and
 * nothing else the customer typed lost. axe-core on each screen; screenshots
 * (docs/liff/ with SCREENSHOTS=docs).
 */
const SHOTS = screenshotDir();
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 10_000 });

// Skipped where Debian's Chromium is not installed: there is no browser to drive (.ci/run installs it).
describe.skipIf(!hasChromium)('the booking form of a class booked by session', () => {
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

  const phone = (o: { dark?: boolean } = {}) => liffDevice(browser, h, o);
  const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  const expectNoOverflow = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  const sessionRadios = (page: Page) => page.locator('input[name=session]');
  /** What a person reads on the page: no internal key or id among it. */
  const expectNoIds = async (page: Page, serviceKey: string) => {
    const text = (await page.textContent('main'))!;
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(text).not.toContain(serviceKey);
  };

  it('lists only the sessions with room, with "เหลือ 1 ที่"; books the one picked; a last seat taken meanwhile is refused under the list, the list read again, nothing else lost; a session cancelled meanwhile likewise', async () => {
    const api = apiClient(h.sys);
    const zone = (await h.sys.knex('orgs').where({ id: h.sys.defaultOrgId }).first('time_zone')).time_zone as string;
    const inDays = (n: number) => new Date(new Date(`${localMoment(zone).date}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);
    // The service's form asks a date and a time: the sessions take their place.
    const key = await h.bookableService({
      name: { th: 'คลาสขนมไทย', en: 'Thai dessert class' },
      durationMinutes: 180,
      capacity: 10,
      formFields: [{ field: 'start_date', required: true }, { field: 'time', required: true }, { field: 'travelers' }],
    });
    const schedule = async (date: string, time: string, capacity: number) => {
      const r = await api('POST', `/api/v1/services/${key}/sessions`, { date, time, capacity });
      expect(r.status, JSON.stringify(r.json)).toBe(201);
      return r.json.items[0].id as string;
    };
    const staffBooks = (sessionId: string, travelers: number) =>
      api('POST', '/api/v1/bookings', { session_id: sessionId, travelers, name: 'Walk-in', email: `w.${randomUUID().slice(0, 8)}@example.com`, language: 'th' });
    const full = await schedule(inDays(3), '10:00', 2);
    const lastSeat = await schedule(inDays(4), '13:30', 3);
    const roomy = await schedule(inDays(5), '09:00', 10);
    expect((await staffBooks(full, 2)).status).toBe(201);
    expect((await staffBooks(lastSeat, 2)).status).toBe(201);
    const beYear = (date: string) => String(Number(date.slice(0, 4)) + 543);

    // The first customer, in Thai on a phone.
    const page = await phone();
    await page.goto(`${h.sys.url}/liff/book?lang=th`);
    await page.getByLabel('คลาสขนมไทย', { exact: false }).check();
    await poll(() => sessionRadios(page).count()).toBe(2);
    const listed = await page.locator('label:has(input[name=session])').allTextContents();
    expect(listed[0]).toContain('13:30 น.');
    expect(listed[0]).toContain(beYear(inDays(4)));
    expect(listed[0]).toContain('เหลือ 1 ที่');
    expect(listed[1]).toContain('09:00 น.');
    expect(listed[1]).not.toContain('เหลือ');
    expect(listed.join()).not.toContain('10:00');
    expect(await page.locator('#f-start_date, #f-time').count()).toBe(0);
    expect(await page.textContent('fieldset:has(input[name=session]) legend')).toBe('เลือกรอบ');
    await page.getByRole('radio', { name: /09:00/ }).check();
    await page.fill('#f-travelers', '2');
    await page.fill('#f-name', 'มะลิ');
    await page.fill('#f-phone', '0812345678');
    await expectNoIds(page, key);
    await expectNoOverflow(page);
    await expectAccessible(page, 'book sessions th light');
    await shot(page, 'book-sessions-th-light');
    await page.getByRole('button', { name: 'ส่งคำขอจอง' }).click();
    await poll(() => page.textContent('main')).toContain('ได้รับคำขอจองแล้ว');
    const first = await formBooked(h.sys.knex, (await page.textContent('main'))!.match(/B-\d{6}/)![0]);
    expect(first).toMatchObject({ session_id: roomy, session_seats: 2, party_size: 2 });
    expect(String(first.requested_date instanceof Date ? first.requested_date.toISOString() : first.requested_date).slice(0, 10)).toBe(inDays(5));

    // The second customer has the form open, picks the last seat and types the rest...
    const second = await phone({ dark: true });
    await second.goto(`${h.sys.url}/liff/book?lang=th`);
    await second.getByLabel('คลาสขนมไทย', { exact: false }).check();
    await poll(() => sessionRadios(second).count()).toBe(2);
    await second.fill('#f-travelers', '1');
    await second.fill('#f-name', 'ส้มโอ');
    await second.fill('#f-phone', '0898765432');
    // Sending without a session says so on the list.
    await second.getByRole('button', { name: 'ส่งคำขอจอง' }).click();
    await poll(() => second.textContent('#session-error')).toBe('กรุณาเลือกรอบ');
    await second.getByRole('radio', { name: /13:30/ }).check();
    expect(await second.locator('#session-error').count()).toBe(0);
    await second.fill('#f-email', 'somo@example.com');
    await second.fill('#f-notes', 'แพ้ถั่วค่ะ');
    // ...while staff give that seat to a walk-in.
    expect((await staffBooks(lastSeat, 1)).status).toBe(201);
    const before = Number((await h.sys.knex('bookings').count({ n: '*' }))[0].n);
    await second.getByRole('button', { name: 'ส่งคำขอจอง' }).click();
    await poll(() => second.textContent('#session-full')).toContain('เต็มแล้ว');
    const said = (await second.textContent('#session-full'))!;
    expect(said).toContain('คลาสขนมไทย');
    expect(said).toContain('13:30');
    expect(await second.getAttribute('#session-full', 'role')).toBe('alert');
    expect(await second.locator('#session-error').count()).toBe(0);
    expect(await second.locator('form [role=alert]').count()).toBe(1);
    // The list read again: the full session is gone, nothing is chosen; everything else stays.
    await poll(() => sessionRadios(second).count()).toBe(1);
    expect(await second.locator('label:has(input[name=session])').textContent()).toContain('09:00 น.');
    expect(await second.locator('input[name=session]:checked').count()).toBe(0);
    expect(await second.getByLabel('คลาสขนมไทย', { exact: false }).isChecked()).toBe(true);
    expect(await second.inputValue('#f-travelers')).toBe('1');
    expect(await second.inputValue('#f-name')).toBe('ส้มโอ');
    expect(await second.inputValue('#f-phone')).toBe('0898765432');
    expect(await second.inputValue('#f-email')).toBe('somo@example.com');
    expect(await second.inputValue('#f-notes')).toBe('แพ้ถั่วค่ะ');
    expect(Number((await h.sys.knex('bookings').count({ n: '*' }))[0].n)).toBe(before);
    await expectNoIds(second, key);
    await expectNoOverflow(second);
    await expectAccessible(second, 'book session full th dark');
    await shot(second, 'book-session-full-th-dark');
    // The full session can be waited for: one tap joins its waitlist with the name and phone typed.
    await second.getByRole('button', { name: 'ลงชื่อรอคิวรอบนี้' }).click();
    await poll(() => second.textContent('#waitlist-joined')).toContain('(คิวที่ 1)');
    expect(await second.textContent('#waitlist-joined')).toContain('คลาสขนมไทย');
    expect(await second.textContent('#waitlist-joined')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(await h.sys.knex('session_waitlist').where({ session_id: lastSeat }).select('status', 'seats', 'source')).toEqual([{ status: 'waiting', seats: 1, source: 'web' }]);
    await expectNoIds(second, key);
    await expectAccessible(second, 'book session waitlist th dark');
    await shot(second, 'book-session-waitlist-th-dark');

    // In English, the business's English words.
    await second.getByRole('button', { name: 'English' }).click();
    await poll(() => second.textContent('#session-full')).toContain('is full');
    expect(await second.locator('label:has(input[name=session])').textContent()).toMatch(/^\w{3} \d{1,2} \w{3} \d{4} · 09:00$/);
    expect(await second.textContent('fieldset:has(input[name=session]) legend')).toBe('Choose a time');

    // The other session, picked: booked, the message gone.
    await second.getByRole('radio', { name: /09:00/ }).check();
    expect(await second.locator('#session-full').count()).toBe(0);
    await second.getByRole('button', { name: 'Send booking request' }).click();
    await poll(() => second.textContent('main')).toContain('Request received');
    const booked = await formBooked(h.sys.knex, (await second.textContent('main'))!.match(/B-\d{6}/)![0]);
    expect(booked).toMatchObject({ session_id: roomy, session_seats: 1 });
    expect(await h.sys.knex('service_sessions').where({ id: lastSeat }).first('seats_taken')).toEqual({ seats_taken: 3 });
    expect(await h.sys.knex('service_sessions').where({ id: roomy }).first('seats_taken')).toEqual({ seats_taken: 3 });

    // Booking again: a new evening session is listed; cancelled by the business while picked, it is
    // refused under the list (422 naming session_id) and the list read again without it.
    const evening = await schedule(inDays(6), '18:00', 8);
    await second.getByRole('button', { name: 'Book something else' }).click();
    await poll(() => sessionRadios(second).count()).toBe(2);
    await second.getByRole('radio', { name: /18:00/ }).check();
    expect((await api('POST', `/api/v1/services/${key}/sessions/${evening}/cancel`, { reason: 'The teacher is ill' })).status).toBe(200);
    await second.getByRole('button', { name: 'Send booking request' }).click();
    await poll(() => second.textContent('#session-error')).toBe('This time can no longer be booked: please choose another');
    await poll(() => sessionRadios(second).count()).toBe(1);
    expect(await second.inputValue('#f-name')).toBe('ส้มโอ');
    await expectAccessible(second, 'book session cancelled en dark');
  });
});
