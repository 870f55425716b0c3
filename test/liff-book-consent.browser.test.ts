import { randomUUID } from 'node:crypto';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { expectAccessible } from './support/accessibility.ts';
import { hasChromium, liffDevice, openBrowser, screenshotDir } from './support/browser.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { staffDevice } from './support/staff-browser.ts';
import { enrolStaff } from './support/staff-desk.ts';
import { formBooked, until } from './support/test-system.ts';

/**
 * The privacy notice in the pages (docs/privacy.md), in Debian's Chromium at a phone's size: the
 * booking form inside LINE (LIFF Mock) shows it folded with an unticked box, opens it whole, and
 * the answer is recorded with the booking, as of the version shown, so the customer's first chat
 * does not ask again; the website's form records an unticked box as declined; the chat's link opens
 * the full notice; an admin publishes a new version in Settings, which the form then shows.
 * axe-core on each screen; screenshots (docs/liff/ with SCREENSHOTS=docs).
 */
const SHOTS = screenshotDir();
const nextYear = new Date().getUTCFullYear() + 1;
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 10_000 });

// Skipped where Debian's Chromium is not installed: there is no browser to drive (.ci/run installs it).
describe.skipIf(!hasChromium)('the privacy notice in the pages', () => {
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

  const phone = (o: { dark?: boolean; line?: { userId: string; name: string } } = {}) => liffDevice(browser, h, o);
  const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  const expectNoOverflow = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  const consentsOf = (contactId: string) => h.sys.knex('contact_consents').where({ contact_id: contactId }).orderBy('id');
  const notice = async () => (await h.sys.knex('privacy_notices').where({ org_id: h.sys.defaultOrgId }).orderBy('version', 'desc').first()) as { version: number; text_th: string; text_en: string };

  it('inside LINE, in Thai: the notice folded, opened whole; the box ticked is recorded with the booking as a consent to that version, and the first chat does not ask again', async () => {
    const current = await notice();
    const userId = lineId('U');
    const page = await phone({ line: { userId, name: 'มะลิ' } });
    await page.goto(`${h.sys.url}/liff/book`);
    await poll(() => page.inputValue('#f-name')).toBe('มะลิ');
    const consent = page.locator('fieldset.consent');
    await poll(() => consent.locator('legend').textContent()).toBe('ข้อมูลส่วนบุคคลของคุณ');
    // Folded: the summary names the version; the text is not shown until it is opened.
    expect(await consent.locator('summary').textContent()).toBe(`อ่านประกาศความเป็นส่วนตัว (ฉบับที่ ${current.version})`);
    expect(await consent.locator('.notice-text').isVisible()).toBe(false);
    const box = page.getByRole('checkbox', { name: /ยินยอมให้ส่งข่าวสาร/ });
    expect(await box.isChecked()).toBe(false);
    await page.getByRole('radio').first().check();
    await page.fill('#f-start_date', `${nextYear}-04-04`);
    await page.fill('#f-travelers', '2');
    await expectNoOverflow(page);
    await expectAccessible(page, 'book consent th light folded');
    await shot(page, 'book-consent-th-light');
    await consent.locator('summary').click();
    await poll(() => consent.locator('.notice-text').isVisible()).toBe(true);
    // The whole text, as the business published it (its paragraphs kept).
    expect((await consent.locator('.notice-text').innerText()).replace(/\s+/g, ' ').trim()).toBe(current.text_th.replace(/\s+/g, ' ').trim());
    await box.check();
    await expectNoOverflow(page);
    await expectAccessible(page, 'book consent th light open');
    await shot(page, 'book-consent-th-light-open');
    await page.getByRole('button', { name: 'ส่งคำขอจอง' }).click();
    await poll(() => page.textContent('main')).toContain('ได้รับคำขอจองแล้ว');
    const number = (await page.textContent('main'))!.match(/B-\d{6}/)![0];
    const booking = await h.sys.knex('bookings').where({ number }).first();
    expect((await consentsOf(booking.contact_id)).map((r) => [r.notice_version, r.answer, r.source])).toEqual([[current.version, 'granted', 'booking_form']]);
    // The customer answered this version in the form: their first message in the chat is answered without it.
    const first = await h.ask(userId, { text: 'What time do you open?' });
    expect(first.notice).toBeUndefined();
    expect(first.text.length).toBeGreaterThan(0);

    // Staff read the answer on the customer's page in the desk.
    const support = await enrolStaff(h, { displayName: 'Somchai', role: 'support', language: 'th' });
    const desk = await staffDevice(browser, h, support);
    await desk.goto(`${h.sys.url}/liff/desk/contact/${booking.contact_id}`);
    const fact = desk.locator('.facts .row', { hasText: 'รับข่าวสาร (PDPA)' });
    await poll(() => fact.count()).toBe(1);
    expect(await fact.locator('dd').textContent()).toMatch(/^ยินยอม · \d{1,2} /);
    await expectNoOverflow(desk);
    await expectAccessible(desk, 'desk contact consent th');
    await shot(desk, 'desk-contact-consent-th-light');
  });

  it("the website's form, in English, dark: a box left unticked is recorded as declined; the booking is made all the same", async () => {
    const current = await notice();
    const page = await phone({ dark: true });
    await page.goto(`${h.sys.url}/liff/book?org=${(await h.sys.knex('orgs').where({ id: h.sys.defaultOrgId }).first('slug')).slug}&lang=en`);
    await poll(() => page.locator('fieldset.consent legend').textContent()).toBe('Your personal data');
    await page.getByRole('radio').first().check();
    await page.fill('#f-start_date', `${nextYear}-05-05`);
    await page.fill('#f-travelers', '3');
    await page.fill('#f-name', 'Ploy');
    const email = `ploy.${randomUUID().slice(0, 8)}@example.com`;
    await page.fill('#f-email', email);
    await page.locator('fieldset.consent summary').click();
    await poll(() => page.locator('fieldset.consent .notice-text').innerText()).toContain('Personal Data Protection Act');
    await expectNoOverflow(page);
    await expectAccessible(page, 'book consent en dark');
    await shot(page, 'book-consent-en-dark');
    await page.getByRole('button', { name: 'Send booking request' }).click();
    await poll(() => page.textContent('main')).toContain('Request received');
    const booking = await formBooked(h.sys.knex, (await page.textContent('main'))!.match(/B-\d{6}/)![0]);
    const rows = await until(async () => {
      const r = await consentsOf(booking.contact_id);
      return r.length ? r : false;
    });
    expect(rows.map((r) => [r.notice_version, r.answer, r.source])).toEqual([[current.version, 'declined', 'web_form']]);
  });

  it("the chat's link opens the full notice, in the customer's language; an unknown version is a page not found", async () => {
    const current = await notice();
    const page = await phone();
    await page.goto(`${h.sys.url}/liff/privacy?v=${current.version}&lang=th`);
    await poll(() => page.textContent('h1')).toBe('ประกาศความเป็นส่วนตัว');
    expect(await page.textContent('main')).toContain(`ฉบับที่ ${current.version}`);
    expect((await page.locator('.notice-text').innerText()).replace(/\s+/g, ' ').trim()).toBe(current.text_th.replace(/\s+/g, ' ').trim());
    await expectNoOverflow(page);
    await expectAccessible(page, 'privacy th light');
    await shot(page, 'privacy-th-light');
    await page.goto(`${h.sys.url}/liff/privacy?v=999&lang=th`);
    await poll(() => page.textContent('main')).toContain('ไม่พบหน้านี้');
  });

  it('an admin publishes a new version in Settings; the earlier one is kept; the form shows the new one', async () => {
    const before = await notice();
    const admin = await enrolStaff(h, { displayName: 'Ada Admin', role: 'admin', language: 'th' });
    const page = await staffDevice(browser, h, admin);
    await page.goto(`${h.sys.url}/liff/settings/privacy`);
    await poll(() => page.textContent('h1')).toBe('ประกาศความเป็นส่วนตัว (PDPA)');
    expect(await page.inputValue('#pn-th')).toBe(before.text_th);
    await page.fill('#pn-th', `${before.text_th}\n\nเพิ่มเติม: เราใช้คุกกี้บนเว็บไซต์เพื่อจดจำภาษาที่คุณเลือกค่ะ`);
    await page.fill('#pn-en', `${before.text_en}\n\nAlso: our website uses a cookie to remember the language you chose.`);
    await page.getByRole('button', { name: `เผยแพร่เป็นฉบับที่ ${before.version + 1}` }).click();
    await poll(() => page.textContent('main')).toContain(`ฉบับที่ ${before.version + 1}`);
    await poll(() => page.locator('#pn-earlier').count()).toBe(1);
    await expectNoOverflow(page);
    await expectAccessible(page, 'settings privacy th');
    await shot(page, 'settings-privacy-th-light');
    const after = await notice();
    expect(after.version).toBe(before.version + 1);
    expect(after.text_th).toContain('คุกกี้');
    expect(await h.sys.knex('privacy_notices').where({ org_id: h.sys.defaultOrgId, version: before.version }).first('text_th')).toEqual({ text_th: before.text_th });
    expect(await h.sys.knex('audit_log').where({ action: 'privacy_notice.published', actor_type: 'staff', actor_id: admin.id }).first()).toBeDefined();

    const form = await phone();
    await form.goto(`${h.sys.url}/liff/book?lang=th`);
    await poll(() => form.locator('fieldset.consent summary').textContent()).toBe(`อ่านประกาศความเป็นส่วนตัว (ฉบับที่ ${after.version})`);
  });
});
