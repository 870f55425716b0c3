import { randomUUID } from 'node:crypto';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localMoment } from '../core/time/org-time.ts';
import { apiClient } from './support/api-client.ts';
import { hasChromium, openBrowser } from './support/browser.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { enrolStaff, type EnrolledStaff } from './support/staff-desk.ts';
import { checkScreen, expectWords, customerAsking, staffDevice } from './support/staff-browser.ts';

/**
 * The desk's booking form for a service booked by its sessions (docs/bookings.md, "Staff opening a
 * booking from a conversation"), in Debian's Chromium on a phone, signed in with LIFF Mock: a
 * support member in Thai (light) is offered the sessions with room, seats left when few, as people
 * write dates; a session that filled meanwhile is refused and the customer put on its waitlist. A
 * manager in English (dark) overbooks one with a reason. No ids or ISO dates on the page.
 */
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 15_000 });

// Skipped where Debian's Chromium is not installed: there is no browser to drive (.ci/run installs it).
describe.skipIf(!hasChromium)("the desk's booking form for a class booked by session", () => {
  let h: LiffHarness;
  let browser: Browser;
  let noi: EnrolledStaff;
  let malee: EnrolledStaff;

  beforeAll(async () => {
    h = await startLiffHarness();
    noi = await enrolStaff(h, { displayName: 'Noi', role: 'support', language: 'th' });
    malee = await enrolStaff(h, { displayName: 'Malee', role: 'manager', language: 'en' });
    browser = await openBrowser();
  }, 90_000); // a system, two staff enrolled and a browser started on a loaded machine
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  /** The conversation's booking form, opened from the customer panel. */
  async function bookingForm(page: Page, conversationId: string, lang: 'th' | 'en') {
    await page.goto(`${h.sys.url}/liff/desk/conversation/${conversationId}?lang=${lang}`);
    const panel = page.locator('details.customer-panel');
    await poll(() => panel.count()).toBe(1);
    if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
    await panel.getByRole('button', { name: lang === 'th' ? 'เปิดการจอง' : 'Open a booking' }).click();
    return page.getByRole('form', { name: lang === 'th' ? 'เปิดการจอง' : 'Open a booking' });
  }

  it('offers the sessions with room; a session that filled is refused and the customer waits; a manager overbooks with a reason', async () => {
    const api = apiClient(h.sys);
    const zone = (await h.sys.knex('orgs').where({ id: h.sys.defaultOrgId }).first('time_zone')).time_zone as string;
    const inDays = (n: number) => new Date(new Date(`${localMoment(zone).date}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);
    const key = await h.bookableService({ name: { th: 'คลาสทำแกง', en: 'Curry class' }, durationMinutes: 180, capacity: 10 });
    const schedule = async (date: string, time: string, capacity: number) => (await api('POST', `/api/v1/services/${key}/sessions`, { date, time, capacity })).json.items[0].id as string;
    const book = async (sessionId: string, travelers = 1) =>
      expect((await api('POST', '/api/v1/bookings', { session_id: sessionId, travelers, name: 'Other guest', email: `${randomUUID().slice(0, 8)}@example.com`, language: 'th' })).status).toBe(201);
    const few = await schedule(inDays(3), '10:00', 8);
    const roomy = await schedule(inDays(4), '14:30', 8);
    const full = await schedule(inDays(5), '10:00', 2);
    await book(few, 6);
    await book(full, 2);

    // Support, in Thai: the two sessions with room, dates as people write them, "เหลือ 2 ที่" on the one with few left.
    const c = await customerAsking(h, 'สมใจ ใจดี', 'ขอคุยกับเจ้าหน้าที่ค่ะ');
    const page = await staffDevice(browser, h, noi);
    const form = await bookingForm(page, c.id, 'th');
    await form.getByLabel('บริการ').selectOption(key);
    const choices = form.locator('fieldset[data-sessions] label');
    await poll(() => choices.count()).toBe(2);
    const texts = await choices.allTextContents();
    expect(texts[0]).toMatch(/^\S+\. \d{1,2} \S+ 10:00 · เหลือ 2 ที่$/);
    expect(texts[1]).toMatch(/^\S+\. \d{1,2} \S+ 14:30$/);
    expect(await form.getByLabel('วันที่').count()).toBe(0);
    await expectWords(page, [key]);
    await checkScreen(page, 'book-sessions-th');

    // The session with few left fills before Noi sends: refused, nothing booked, the customer put in line.
    await form.getByLabel('จำนวนคน').fill('2');
    await book(few, 2);
    await form.getByRole('button', { name: 'เปิดการจอง' }).click();
    await poll(() => form.getByRole('alert').textContent()).toContain('รอบนี้เต็มแล้ว (เหลือ 0 ที่)');
    // The list is read again: the full session has left it.
    await poll(() => choices.allTextContents()).toEqual([expect.stringMatching(/14:30$/)]);
    expect(Number((await h.sys.knex('bookings').where({ contact_id: c.contactId }).count<{ n: string }[]>('* as n'))[0].n)).toBe(0);
    await expectWords(page, [key, 'session_full']);
    await checkScreen(page, 'book-sessions-full-th');
    await form.getByRole('button', { name: 'ลงชื่อลูกค้ารอคิวรอบนี้' }).click();
    await poll(() => page.getByRole('status').first().textContent()).toContain('ลงชื่อรอคิวแล้ว (คิวที่ 1)');
    expect(await h.sys.knex('session_waitlist').where({ contact_id: c.contactId }).first()).toMatchObject({ session_id: few, seats: 2, status: 'waiting', source: 'staff' });

    // The manager, in English and dark: the roomy session fills meanwhile; overbooked with a reason.
    const d = await customerAsking(h, 'Anna Lee', 'I want to talk to a person', 'en');
    const manager = await staffDevice(browser, h, malee, { dark: true });
    const mform = await bookingForm(manager, d.id, 'en');
    await mform.getByLabel('Service').selectOption(key);
    await poll(() => mform.locator('fieldset[data-sessions] label').allTextContents()).toEqual([expect.stringMatching(/^\S+ \d{1,2} \S+ 14:30$/)]);
    await checkScreen(manager, 'book-sessions-en-dark');
    await book(roomy, 8);
    await mform.getByRole('button', { name: 'Open a booking' }).click();
    await poll(() => mform.getByRole('alert').textContent()).toContain('This session is full (0 left).');
    await poll(() => mform.locator('fieldset[data-sessions]').textContent()).toContain('No session has room now.');
    await mform.getByLabel('Reason to overbook (managers)').fill('Regular customer, the chef agreed');
    await checkScreen(manager, 'book-sessions-overbook-en-dark');
    await mform.getByRole('button', { name: 'Overbook' }).click();
    const booked = await (async () => {
      await poll(async () => Number((await h.sys.knex('bookings').where({ contact_id: d.contactId }).count<{ n: string }[]>('* as n'))[0].n)).toBe(1);
      return h.sys.knex('bookings').where({ contact_id: d.contactId }).first();
    })();
    expect(booked).toMatchObject({ session_id: roomy, conversation_id: d.id, source: 'staff' });
    await poll(() => manager.getByRole('status').first().textContent()).toContain(`Booking ${booked.number} opened`);
    expect(await h.sys.knex('service_sessions').where({ id: roomy }).first('capacity', 'seats_taken', 'overbooked')).toEqual({ capacity: 8, seats_taken: 9, overbooked: 1 });
    expect(await h.sys.knex('service_sessions').where({ id: full }).first('seats_taken', 'overbooked')).toEqual({ seats_taken: 2, overbooked: 0 });
  });
});
