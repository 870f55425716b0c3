import { randomUUID } from 'node:crypto';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localMoment } from '../core/time/org-time.ts';
import { expectAccessible } from './support/accessibility.ts';
import { apiClient } from './support/api-client.ts';
import { hasChromium, liffDevice, openBrowser, screenshotDir } from './support/browser.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';

/**
 * The booking form of a service booked in slots (two therapists; docs/bookings.md, "Slots with
 * parallel resources"), in Debian's Chromium at a phone's size: once the day is chosen, its free
 * starts are choices ("11:00–12:00", "เหลือ 1 ที่" when few), the full ones left out; a start taken
 * while the form was open is refused on the times, which are read again, nothing else lost; a day
 * with nothing free says so. Thai (light) and English (dark); axe-core; screenshots book-slots-*.
 */
const SHOTS = screenshotDir();
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 10_000 });
const ZONE = 'Asia/Bangkok';
const inDays = (n: number) => new Date(new Date(`${localMoment(ZONE).date}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);

// Skipped where Debian's Chromium is not installed: there is no browser to drive (.ci/run installs it).
describe.skipIf(!hasChromium)('the booking form of a service booked in slots', () => {
  let h: LiffHarness;
  let browser: Browser;
  let key: string;
  const api = () => apiClient(h.sys);
  const staffBooks = (date: string, time: string) =>
    api()('POST', '/api/v1/bookings', { service: key, start_date: date, time, travelers: 1, name: 'Walk-in', email: `w.${randomUUID().slice(0, 8)}@example.com`, language: 'th' });
  const times = (page: Page) => page.locator('[data-slots] label.choice');

  beforeAll(async () => {
    h = await startLiffHarness();
    await h.sys.knex('orgs').where({ id: h.sys.defaultOrgId }).update({ time_zone: ZONE });
    browser = await openBrowser();
    key = await h.bookableService({
      name: { th: 'นวดฝ่าเท้า', en: 'Foot massage' },
      durationMinutes: 60,
      hours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['10:00', '13:00']]])),
    });
    expect((await api()('PUT', `/api/v1/services/${key}/slot-rule`, { resources: 2, stepMinutes: 60 })).status).toBe(200);
    for (const [date, time] of [
      [inDays(3), '10:00'],
      [inDays(3), '10:00'],
      [inDays(3), '11:00'],
      ...['10:00', '11:00', '12:00'].flatMap((t) => [
        [inDays(4), t],
        [inDays(4), t],
      ]),
    ]) expect((await staffBooks(date, time)).status).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  async function check(page: Page, name: string) {
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const text = (await page.textContent('main'))!;
    expect(text).not.toContain(key);
    await expectAccessible(page, name);
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }

  it('in Thai: the day’s free starts as choices; one taken meanwhile refused on the times, read again, the rest kept; the next one booked', async () => {
    const page = await liffDevice(browser, h, {});
    await page.goto(`${h.sys.url}/liff/book?lang=th`);
    await page.getByLabel('นวดฝ่าเท้า', { exact: false }).check();
    await page.fill('#f-start_date', inDays(3));
    await poll(() => times(page).allTextContents()).toEqual(['11:00–12:00เหลือ 1 ที่', '12:00–13:00']);
    await page.getByLabel('11:00–12:00', { exact: false }).check();
    await page.fill('#f-name', 'มะลิ');
    await page.fill('#f-phone', '0812345678');
    await check(page, 'book-slots-th');

    // Someone takes the last therapist at 11:00 while the form is open.
    expect((await staffBooks(inDays(3), '11:00')).status).toBe(201);
    const before = await h.sys.knex('bookings').count({ n: '*' }).first();
    await page.getByRole('button', { name: 'ส่งคำขอจอง' }).click();
    await poll(() => page.locator('#time-error').textContent()).toBe('ขออภัยค่ะ เวลานี้ไม่ว่างแล้ว กรุณาเลือกเวลาอื่น');
    await poll(() => times(page).allTextContents()).toEqual(['12:00–13:00']);
    expect(await page.inputValue('#f-name')).toBe('มะลิ');
    expect(await page.inputValue('#f-phone')).toBe('0812345678');
    expect(await h.sys.knex('bookings').count({ n: '*' }).first()).toEqual(before);
    await check(page, 'book-slots-taken-th');

    await page.getByLabel('12:00–13:00', { exact: false }).check();
    await page.getByRole('button', { name: 'ส่งคำขอจอง' }).click();
    await poll(() => page.textContent('main')).toContain('ได้รับคำขอจองแล้ว');
    // The slot is held once the form is booked (at once inside LINE, a moment later from a website).
    const usage = () => h.sys.knex('service_slot_usage as u').join('services as s', 's.id', 'u.service_id').where('s.key', key).andWhere('u.starts_at', new Date(`${inDays(3)}T12:00:00+07:00`)).first('u.taken');
    await poll(usage).toEqual({ taken: 1 });
    await page.close();
  });

  it('in English, dark: a day with nothing free says so', async () => {
    const page = await liffDevice(browser, h, { dark: true });
    await page.goto(`${h.sys.url}/liff/book?lang=en`);
    await page.getByLabel('Foot massage', { exact: false }).check();
    await page.fill('#f-start_date', inDays(4));
    await poll(() => page.locator('[data-slots]').textContent()).toContain('No time is free on this day: please choose another.');
    expect(await times(page).count()).toBe(0);
    await page.fill('#f-start_date', inDays(5));
    await poll(() => times(page).allTextContents()).toEqual(['10:00–11:00', '11:00–12:00', '12:00–13:00']);
    await page.fill('#f-start_date', inDays(4));
    await poll(() => times(page).count()).toBe(0);
    await check(page, 'book-slots-none-en-dark');
    await page.close();
  });
});
