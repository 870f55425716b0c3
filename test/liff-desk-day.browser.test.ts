import { randomUUID } from 'node:crypto';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localMoment } from '../core/time/org-time.ts';
import { apiClient } from './support/api-client.ts';
import { hasChromium, openBrowser } from './support/browser.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { enrolStaff, type EnrolledStaff } from './support/staff-desk.ts';
import { checkScreen, expectWords, staffDevice } from './support/staff-browser.ts';

/**
 * The day at the desk (docs/bookings.md, "The day at the desk"), in Debian's Chromium on a phone,
 * signed in with LIFF Mock: a support member in Thai checks customers in and moves one to another
 * session, is refused a full one with the seats left; a manager in English overbooks it with a
 * reason. Screenshots in Thai and English; no internal keys or ISO dates on the page.
 */
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 15_000 });

// Skipped where Debian's Chromium is not installed: there is no browser to drive (.ci/run installs it).
describe.skipIf(!hasChromium)('the day of sessions at the desk', () => {
  let h: LiffHarness;
  let browser: Browser;
  let somchai: EnrolledStaff;
  let malee: EnrolledStaff;

  beforeAll(async () => {
    h = await startLiffHarness();
    somchai = await enrolStaff(h, { displayName: 'Somchai', role: 'support', language: 'th' });
    malee = await enrolStaff(h, { displayName: 'Malee', role: 'manager', language: 'en' });
    browser = await openBrowser();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });


  it('checks customers in, moves one, is refused a full session with the seats left; a manager overbooks it with a reason', async () => {
    const api = apiClient(h.sys);
    const zone = (await h.sys.knex('orgs').where({ id: h.sys.defaultOrgId }).first('time_zone')).time_zone as string;
    const inDays = (n: number) => new Date(new Date(`${localMoment(zone).date}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);
    const key = await h.bookableService({ name: { th: 'คลาสขนมไทย', en: 'Thai dessert class' }, durationMinutes: 180, capacity: 10 });
    const schedule = async (date: string, time: string, capacity: number) => (await api('POST', `/api/v1/services/${key}/sessions`, { date, time, capacity })).json.items[0].id as string;
    const day = inDays(2);
    const morning = await schedule(day, '09:00', 4);
    const evening = await schedule(day, '18:00', 2);
    const full = await schedule(inDays(3), '10:00', 1);
    const book = async (sessionId: string, name: string) =>
      (await api('POST', '/api/v1/bookings', { session_id: sessionId, name, email: `${randomUUID().slice(0, 8)}@example.com`, language: 'th' })).json.number as string;
    const [ploy, nok] = [await book(morning, 'พลอย'), await book(morning, 'นก')];
    await book(evening, 'Anna');
    await book(full, 'Holder');

    const page = await staffDevice(browser, h, somchai);
    await page.goto(`${h.sys.url}/liff/desk/day?date=${day}&lang=th`);
    await poll(() => page.locator('section.day-session').count()).toBe(2);
    const first = page.locator('section.day-session').first();
    expect(await first.locator('h2').textContent()).toBe('09:00–12:00 · คลาสขนมไทย');
    expect(await first.textContent()).toContain('จอง 2/4 · ว่าง 2 ที่');
    const ployLine = page.locator(`li[data-booking="${ploy}"]`);
    await ployLine.getByRole('button', { name: 'มาแล้ว' }).click();
    await poll(() => ployLine.textContent()).toContain('✓ มาแล้ว');
    const nokLine = page.locator(`li[data-booking="${nok}"]`);
    await nokLine.getByRole('button', { name: 'ไม่มา' }).click();
    await poll(() => nokLine.textContent()).toContain('✗ ไม่มา');
    expect(await h.sys.knex('bookings').whereIn('number', [ploy, nok]).orderBy('number').select('number', 'attendance')).toEqual([
      { number: ploy, attendance: 'attended' },
      { number: nok, attendance: 'no_show' },
    ]);
    await expectWords(page, [key, 'attended', 'no_show', 'new']);
    await checkScreen(page, 'day-th');

    // Nok moves to the full session: refused, with the seats left, and stays.
    await nokLine.locator('select').selectOption(full);
    await nokLine.getByRole('button', { name: 'ย้าย', exact: true }).click();
    await poll(() => page.textContent('#day-said')).toContain('เต็มแล้ว (ว่าง 0 ที่ ต้องการ 1 ที่)');
    expect(await page.textContent('#day-said')).toContain(nok);
    expect(await nokLine.getByLabel('เหตุผลที่รับเกินจำนวน (ผู้จัดการ)').count()).toBe(0);
    expect(await h.sys.knex('bookings').where({ number: nok }).first('session_id')).toEqual({ session_id: morning });
    await expectWords(page, [key]);
    await checkScreen(page, 'day-move-refused-th');
    // ...and to the evening one, which has room.
    await nokLine.locator('select').selectOption(evening);
    await nokLine.getByRole('button', { name: 'ย้าย', exact: true }).click();
    await poll(() => page.locator('section.day-session').nth(1).textContent()).toContain('นก');
    expect(await page.locator('section.day-session').nth(1).textContent()).toContain('จอง 2/2 · ว่าง 0 ที่');

    // The manager, in English, overbooks the full session for Ploy, with a reason.
    const manager = await staffDevice(browser, h, malee);
    await manager.goto(`${h.sys.url}/liff/desk/day?date=${day}&lang=en`);
    await poll(() => manager.locator('section.day-session').count()).toBe(2);
    const ployThere = manager.locator(`li[data-booking="${ploy}"]`);
    expect(await ployThere.textContent()).toContain('✓ Attended');
    await ployThere.locator('select').selectOption(full);
    await ployThere.getByRole('button', { name: 'Move', exact: true }).click();
    await poll(() => manager.textContent('#day-said')).toContain('is full (0 left, 1 needed)');
    await ployThere.getByLabel('Reason to overbook (managers)').fill('Regular customer, the teacher agreed');
    await checkScreen(manager, 'day-overbook-en');
    await ployThere.getByRole('button', { name: 'Overbook' }).click();
    await poll(() => manager.textContent('#day-said')).toContain(`Moved ${ploy} to`);
    expect(await h.sys.knex('service_sessions').where({ id: full }).first('capacity', 'seats_taken', 'overbooked')).toEqual({ capacity: 1, seats_taken: 2, overbooked: 1 });
    await manager.getByRole('button', { name: 'Next day ›' }).click();
    await poll(() => manager.locator('section.day-session').count()).toBe(1);
    expect(await manager.locator('section.day-session').textContent()).toContain('1 over capacity');
    await expectWords(manager, [key, 'no_show', 'session_full']);
    await checkScreen(manager, 'day-next-en');

    // The dashboard's bookings screen: the sessions of those days, how full, who came, the waitlist.
    // Morning 0/4 (both moved away, their check-ins cleared with the move), evening 2/2, the full one 2/1: 4 of 7 seats.
    const period = `from=${day}&to=${inDays(3)}`;
    for (const [lang, title, fill, noShow] of [
      ['en', 'Sessions and seats', 'Fill rate', 'No-show rate'],
      ['th', 'รอบและที่นั่ง', 'อัตราการจองเต็ม', 'อัตราไม่มาตามนัด'],
    ] as const) {
      await manager.goto(`${h.sys.url}/liff/dashboard?lang=${lang}#/bookings?${period}`);
      const seats = manager.locator('section', { has: manager.getByRole('heading', { name: title }) });
      await poll(() => seats.count()).toBe(1);
      expect(await seats.locator('.stat', { hasText: fill }).locator('.big').textContent()).toMatch(/^57\.1\s?%$/);
      expect(await seats.locator('.stat', { hasText: noShow }).locator('.big').textContent()).toBe('–');
      await checkScreen(manager, `dashboard-sessions-${lang}`);
    }
  });
});
