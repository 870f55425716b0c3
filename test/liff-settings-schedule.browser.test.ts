import { randomUUID } from 'node:crypto';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localMoment } from '../core/time/org-time.ts';
import { apiClient } from './support/api-client.ts';
import { hasChromium, openBrowser } from './support/browser.ts';
import { checkScreen } from './support/fits.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { staffDevice } from './support/staff-browser.ts';
import { enrolStaff, type EnrolledStaff } from './support/staff-desk.ts';

/**
 * A service's schedule in the Settings app (liff/src/settings/schedule.tsx), in Debian's Chromium
 * on a phone: an admin in Thai (light) sees the sessions with seats taken, dates as people write
 * them, is refused a capacity that would strand bookings (the bookings listed on the field, nothing
 * changed), adds a weekly class (a holiday left out and said), and cancels a session (its customers
 * told); in English (dark) sets a slot rule and is refused one whose slots would all run past
 * closing time, on the field. axe-core WCAG 2.1 AA. Screenshots: settings-schedule-*.png.
 */
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 10_000 });
const ZONE = 'Asia/Bangkok';
const inDays = (n: number) => new Date(new Date(`${localMoment(ZONE).date}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);
const ISO = /\d{4}-\d{2}-\d{2}/;

// Skipped where Debian's Chromium is not installed: there is no browser to drive (.ci/run installs it).
describe.skipIf(!hasChromium)("a service's schedule, in the Settings app", () => {
  let h: LiffHarness;
  let browser: Browser;
  let admin: EnrolledStaff;
  let api: ReturnType<typeof apiClient>;
  let cls: string;
  let sessionId: string;
  const booked: string[] = [];

  beforeAll(async () => {
    h = await startLiffHarness();
    api = apiClient(h.sys);
    await h.sys.knex('orgs').where({ id: h.sys.defaultOrgId }).update({ time_zone: ZONE });
    admin = await enrolStaff(h, { displayName: 'Ada Admin', role: 'admin', language: 'th' });
    browser = await openBrowser();
    cls = await h.bookableService({ name: { th: 'คลาสซูชิรอบเช้า', en: 'Morning sushi class' }, capacity: 4, durationMinutes: 120 });
    const s = await api('POST', `/api/v1/services/${cls}/sessions`, { date: inDays(10), time: '10:00' });
    expect(s.status, JSON.stringify(s.json)).toBe(201);
    sessionId = s.json.items[0].id;
    for (let i = 0; i < 3; i++) {
      const b = await api('POST', '/api/v1/bookings', { session_id: sessionId, language: 'en', name: `Guest ${i}`, email: `g${i}.${randomUUID().slice(0, 6)}@example.com` });
      expect(b.status).toBe(201);
      booked.push(b.json.number);
    }
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('an admin in Thai on a phone: the sessions, a capacity that would strand bookings refused on the field, a weekly class added, a session cancelled', async () => {
    const page = await staffDevice(browser, h, admin);
    // From the Settings home, the schedule screen lists the services by name.
    await page.goto(`${h.sys.url}/liff/settings?lang=th`);
    await page.getByRole('link', { name: /^ตารางรอบและช่วงเวลา/ }).click();
    await page.getByRole('link', { name: 'คลาสซูชิรอบเช้า' }).click();
    await poll(() => page.textContent('h1')).toBe('ตารางรอบและช่วงเวลา · คลาสซูชิรอบเช้า');
    const row = page.locator('[data-sessions] > li').first();
    await poll(() => row.textContent()).toContain('จองแล้ว 3/4 · ว่าง 1');
    const text = (await row.textContent())!;
    // "อ. 8 ธ.ค. 2569 · 10:00": the weekday, the Buddhist year, no ISO date.
    expect(text).toMatch(new RegExp(`^\\S+\\. \\d{1,2} \\S+ ${Number(inDays(10).slice(0, 4)) + 543} · 10:00`));
    expect(text).not.toMatch(ISO);

    await row.getByLabel('ที่นั่ง').fill('2');
    await row.getByRole('button', { name: 'เปลี่ยน' }).click();
    await poll(() => row.locator('.error').first().textContent()).toBe('จองไปแล้ว 3 ที่ ลดที่นั่งต่ำกว่านี้ไม่ได้');
    for (const n of booked) expect(await row.locator('[data-stranded]').textContent()).toContain(n);
    expect(await row.getByLabel('ที่นั่ง').getAttribute('aria-invalid')).toBe('true');
    expect(await h.sys.knex('service_sessions').where({ id: sessionId }).first('capacity', 'seats_taken')).toEqual({ capacity: 4, seats_taken: 3 });
    await checkScreen(page, 'settings-schedule-stranded-th');

    // A weekly class on the day of the week of inDays(14) for two weeks, one of them a holiday: left out and said.
    const holiday = inDays(21);
    const cal = (await api('GET', '/api/v1/org/business-calendar')).json;
    expect((await api('PATCH', '/api/v1/org/business-calendar', { holidays: [...cal.holidays, holiday] })).status).toBe(200);
    await page.fill('#sa-date', inDays(14));
    await page.fill('#sa-time', '18:00');
    const weekday = new Intl.DateTimeFormat('th-TH', { timeZone: 'UTC', weekday: 'short' }).format(new Date(`${inDays(14)}T00:00:00Z`));
    await page.getByRole('checkbox', { name: weekday, exact: true }).check();
    await page.fill('#sa-until', inDays(21));
    await page.getByRole('button', { name: 'เพิ่มรอบ' }).click();
    await poll(() => page.locator('[data-added]').textContent()).toMatch(/^เพิ่ม 1 รอบแล้ว · ข้าม: .* \(วันหยุด\)$/);
    expect(await page.locator('[data-added]').textContent()).not.toMatch(ISO);
    await poll(() => page.locator('[data-sessions] > li').count()).toBe(2);
    expect(await h.sys.knex('service_sessions').join('services', 'services.id', 'service_sessions.service_id').where({ 'services.key': cls }).orderBy('starts_at').pluck('service_sessions.status')).toEqual(['scheduled', 'scheduled']);

    // A past date is refused on its field, nothing added.
    await page.getByRole('checkbox', { name: weekday, exact: true }).uncheck();
    await page.fill('#sa-date', inDays(-1));
    await page.getByRole('button', { name: 'เพิ่มรอบ' }).click();
    await poll(() => page.locator('#sa-time-e').textContent()).toBe('เวลานี้ผ่านไปแล้ว');
    expect(await page.locator('[data-sessions] > li').count()).toBe(2);

    await row.getByRole('button', { name: 'ยกเลิกรอบ' }).click();
    await row.getByLabel('เหตุผล (ลูกค้าที่จองจะได้รับแจ้ง)').fill('เชฟป่วย');
    await row.getByRole('button', { name: 'ยืนยันยกเลิก' }).click();
    await poll(() => row.textContent()).toContain('ยกเลิกการจอง 3 รายการ และแจ้งลูกค้าแล้ว');
    expect(await row.textContent()).toContain('ยกเลิกแล้ว');
    expect(await h.sys.knex('bookings').whereIn('number', booked).pluck('stage')).toEqual(['cancelled', 'cancelled', 'cancelled']);
    await checkScreen(page, 'settings-schedule-th');
    await page.close();
  });

  it('in English, dark: a slot rule set; one whose every slot would run past closing time refused on the field', async () => {
    const spa = await h.bookableService({ name: { th: 'นวดไทย', en: 'Thai massage' }, durationMinutes: 60 });
    const longOne = await h.bookableService({
      name: { th: 'สปาเต็มวัน', en: 'Full-day spa' },
      durationMinutes: 240,
      hours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['10:00', '13:00']]])),
    });
    const page = await staffDevice(browser, h, admin, { dark: true });
    // From the service's own screen.
    await page.goto(`${h.sys.url}/liff/settings/services/${spa}?lang=en`);
    await page.getByRole('link', { name: 'Sessions and slots' }).click();
    await poll(() => page.textContent('h1')).toBe('Sessions and slots · Thai massage');
    await poll(() => page.locator('[data-rule]').textContent()).toBe('Not booked in slots yet');
    await page.getByLabel('Bookings at once (people or rooms)').fill('3');
    await page.getByLabel('A start every (minutes)').selectOption('30');
    await page.getByRole('button', { name: 'Save' }).click();
    await poll(() => page.locator('[data-rule]').textContent()).toBe('Now: 3 at once · every 30 min · 60 min each');
    expect((await api('GET', `/api/v1/services/${spa}/slot-rule`)).json.rule).toEqual({ service: spa, resources: 3, stepMinutes: 30, durationMinutes: 60 });
    await checkScreen(page, 'settings-schedule-slots-en-dark');

    await page.goto(`${h.sys.url}/liff/settings/schedule/${longOne}?lang=en`);
    await poll(() => page.locator('[data-rule]').textContent()).toBe('Not booked in slots yet');
    await page.getByLabel('Bookings at once (people or rooms)').fill('2');
    await page.getByRole('button', { name: 'Save' }).click();
    await poll(() => page.locator('#sr-duration-e').textContent()).toBe('The service is longer than every opening period: each slot would run past closing time. Change its length or hours first');
    expect((await api('GET', `/api/v1/services/${longOne}/slot-rule`)).json.rule).toBeNull();
    await checkScreen(page, 'settings-schedule-slot-refused-en-dark');
    await page.close();
  });

  it('the hours screen, in Thai: a holiday on a day whose session has check-ins is refused under that day, nothing changed', async () => {
    const date = inDays(20);
    const s = await api('POST', `/api/v1/services/${cls}/sessions`, { date, time: '09:30' });
    expect(s.status).toBe(201);
    const b = await api('POST', '/api/v1/bookings', { session_id: s.json.items[0].id, language: 'en', name: 'Early bird', email: `e.${randomUUID().slice(0, 6)}@example.com` });
    expect((await api('POST', `/api/v1/bookings/${b.json.number}/attendance`, { attendance: 'attended' })).status).toBe(200);
    const before = (await api('GET', '/api/v1/org/business-calendar')).json;
    const page = await staffDevice(browser, h, admin);
    await page.goto(`${h.sys.url}/liff/settings/hours?lang=th`);
    await page.fill('#h-new', date);
    await page.getByRole('button', { name: 'เพิ่มวันหยุด' }).click();
    await page.getByRole('button', { name: 'บันทึก' }).click();
    const refused = page.locator(`[data-holiday="${date}"] .error`);
    await poll(() => refused.textContent()).toBe(`มีลูกค้าเช็คอินรอบ 09:30 ของวันนี้แล้ว (${b.json.number}) จึงเป็นวันหยุดไม่ได้`);
    expect((await api('GET', '/api/v1/org/business-calendar')).json).toEqual(before);
    expect(await h.sys.knex('service_sessions').where({ id: s.json.items[0].id }).first('status')).toEqual({ status: 'scheduled' });
    await checkScreen(page, 'settings-hours-checked-in-th');
    await page.close();
  });
});
