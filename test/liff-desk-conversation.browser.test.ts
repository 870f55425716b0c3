import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSavedReply } from '../core/conversations/saved-replies.ts';
import { hasChromium, openBrowser } from './support/browser.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { checkScreen, customerAsking as askingCustomer, staffDevice, TABLET } from './support/staff-browser.ts';
import { enrolStaff, type EnrolledStaff } from './support/staff-desk.ts';
import { until } from './support/test-system.ts';

/**
 * The desk's conversation screen beyond the Inbox's basics (docs/inbox.md "The desk's Inbox"), in
 * Debian's Chromium with LIFF Mock, at a phone's and a tablet's size, Thai and English, axe-core on
 * every state shown: `/` offers the org's saved replies as the customer will read them (picked by
 * keyboard and by a tap; the words reach the customer at the fake LINE server with their name and
 * their open case's number filled in); `@` in a private note offers colleagues and the note reaches
 * no customer; the customer's 360 beside the thread; a case and a booking opened from the
 * conversation, shown in the 360 and among the messages.
 */
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 15_000 });

// Skipped where Debian's Chromium is not installed: there is no browser to drive (.ci/run installs it).
describe.skipIf(!hasChromium)('the conversation screen: saved replies, mentions, the customer beside the thread', () => {
  let h: LiffHarness;
  let browser: Browser;
  let somchai: EnrolledStaff;
  let nok: EnrolledStaff;
  const tag = randomBytes(2).toString('hex');
  const shortcut = { thanks: `thanks${tag}`, hours: `hours${tag}`, caseNo: `case${tag}` };

  beforeAll(async () => {
    h = await startLiffHarness();
    [somchai, nok] = await Promise.all([enrolStaff(h, { displayName: 'Somchai', role: 'support' }), enrolStaff(h, { displayName: 'Nok', role: 'support', language: 'th' })]);
    const saved = (key: string, title: string, body: { th: string; en: string }) =>
      createSavedReply(h.sys.knex, { orgId: h.sys.defaultOrgId, actor: { type: 'staff', id: somchai.id }, key, title, body });
    await saved(shortcut.thanks, 'Thanks for waiting', { th: 'สวัสดีค่ะคุณ{{customer_name}} {{staff_name}}ดูแลเรื่องนี้ให้นะคะ', en: 'Hello {{customer_name}}, {{staff_name}} here: thanks for waiting.' });
    await saved(shortcut.hours, 'Opening hours', { th: 'เปิดทุกวัน 9:00-18:00 ค่ะ', en: 'We are open every day, 9:00 to 18:00.' });
    await saved(shortcut.caseNo, 'Your case', { th: 'เคส {{case_id}} ของคุณกำลังดำเนินการค่ะ', en: 'Your case {{case_id}} is being worked on.' });
    browser = await openBrowser();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const check = checkScreen;
  /** A LINE customer who asks for a person, in their language (their contact's too), and their conversation. */
  async function customerAsking(name: string, language: 'th' | 'en') {
    const c = await askingCustomer(h, name, language === 'th' ? 'ขอคุยกับเจ้าหน้าที่ค่ะ' : 'I want to talk to a person', language);
    await h.sys.knex('contacts').where({ id: c.contactId }).update({ language });
    return c;
  }

  const textsTo = (lineUserId: string) =>
    h.line.state
      .deliveriesTo(lineUserId)
      .flatMap((d) => d.messages)
      .map((m) => ('text' in m ? String(m.text) : ''));
  const box = (page: Page) => page.locator('#compose');
  const options = (page: Page) => page.getByRole('listbox').getByRole('option');
  const lastReplied = (id: string) => h.sys.knex('conversation_events').where({ conversation_id: id, type: 'replied' }).orderBy('id', 'desc').first();

  it('a phone, in English: / lists the saved replies as the customer reads them, picked by keyboard and by a tap, and sent', async () => {
    const c = await customerAsking('Ploy Srisuk', 'th');
    const page = await staffDevice(browser, h, somchai);
    await page.goto(`${h.sys.url}/liff/desk/conversation/${c.id}?lang=en`);
    await poll(() => page.textContent('h1')).toBe(c.name);

    // `/` opens the list: every saved reply, filled in Thai (the customer's language) with their name and the writer's.
    await box(page).fill('/');
    await poll(() => options(page).count()).toBeGreaterThanOrEqual(3);
    const listed = await page.getByRole('listbox', { name: 'Saved replies' }).textContent();
    expect(listed).toContain(`สวัสดีค่ะคุณ${c.name} Somchaiดูแลเรื่องนี้ให้นะคะ`);
    // The one naming an open case says the customer has none, and cannot be picked.
    const caseOption = options(page).filter({ hasText: `/${shortcut.caseNo}` });
    expect(await caseOption.textContent()).toContain('The customer has no open case');
    expect(await caseOption.getAttribute('aria-disabled')).toBe('true');
    await check(page, 'conversation-en-saved-replies');

    // Typing filters by shortcut and title; the keys move and pick.
    await box(page).pressSequentially('thanks');
    await poll(() => options(page).count()).toBe(1);
    await box(page).fill('/wait');
    await poll(() => options(page).allTextContents()).toEqual([expect.stringContaining('Thanks for waiting')]);
    await box(page).fill('/');
    await poll(() => options(page).count()).toBeGreaterThanOrEqual(3);
    // By shortcut: the case's, the hours', the thanks'. The highlight starts on the first that can be sent, and wraps.
    const selected = () => page.locator('[role=option][aria-selected=true]').textContent();
    expect(await options(page).allTextContents()).toEqual([expect.stringContaining(`/${shortcut.caseNo}`), expect.stringContaining(`/${shortcut.hours}`), expect.stringContaining(`/${shortcut.thanks}`)]);
    // The highlight moves off the case's reply once the screen knows the customer has no open case.
    await poll(() => selected()).toContain(`/${shortcut.hours}`);
    await box(page).press('ArrowDown');
    expect(await selected()).toContain(`/${shortcut.thanks}`);
    await box(page).press('ArrowDown');
    expect(await selected()).toContain(`/${shortcut.caseNo}`);
    await box(page).press('ArrowUp');
    expect(await selected()).toContain(`/${shortcut.thanks}`);
    await box(page).press('Escape');
    await poll(() => page.getByRole('listbox').count()).toBe(0);
    await box(page).fill('/thanks');
    await box(page).press('Enter');
    const filled = `สวัสดีค่ะคุณ${c.name} Somchaiดูแลเรื่องนี้ให้นะคะ`;
    await poll(() => box(page).inputValue()).toBe(filled);
    expect(await page.locator('#compose-hint').textContent()).toContain('as the customer will read it');

    // Sent unchanged: the saved reply itself, and the customer reads it with their name.
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await poll(() => textsTo(c.customer).includes(filled)).toBe(true);
    expect(await lastReplied(c.id)).toMatchObject({ actor_id: somchai.id, data: { savedReply: shortcut.thanks } });
    await poll(() => box(page).inputValue()).toBe('');

    // A tap picks too; edited before sending, the words in the box are what goes.
    await box(page).fill('/');
    await options(page).filter({ hasText: 'Opening hours' }).tap();
    await poll(() => box(page).inputValue()).toBe('เปิดทุกวัน 9:00-18:00 ค่ะ');
    await box(page).press('End');
    await box(page).pressSequentially(' ยกเว้นวันหยุดนักขัตฤกษ์');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await poll(() => textsTo(c.customer).includes('เปิดทุกวัน 9:00-18:00 ค่ะ ยกเว้นวันหยุดนักขัตฤกษ์')).toBe(true);
    expect((await lastReplied(c.id)).data.savedReply).toBeUndefined();
    await check(page, 'conversation-en-after-saved-reply');
  });

  it('a tablet, in Thai: the customer beside the thread; a case and a booking opened from it show there and among the messages, and a saved reply names the case', async () => {
    const c = await customerAsking('Mana Dee', 'en');
    const page = await staffDevice(browser, h, nok, { size: TABLET });
    await page.goto(`${h.sys.url}/liff/desk/conversation/${c.id}?lang=th`);
    await poll(() => page.textContent('h1')).toBe(c.name);
    const panel = page.locator('details.customer-panel');
    await poll(() => panel.getAttribute('open')).not.toBeNull();
    expect(await panel.textContent()).toContain('LINE');
    expect(await panel.textContent()).toContain('English');
    // Beside the thread, not under it.
    const [thread, side] = await Promise.all([page.locator('ol.thread').boundingBox(), panel.boundingBox()]);
    expect(side!.x).toBeGreaterThan(thread!.x + thread!.width - 1);

    // A case, from the org's case types, at a severity picked.
    await panel.getByRole('button', { name: 'เปิดเคส' }).click();
    await page.getByLabel('ประเภทเคส').selectOption('refund_request');
    await page.getByLabel('ความรุนแรง').selectOption('high');
    await page.getByLabel('เรื่องที่ลูกค้าแจ้ง').fill('ขอคืนเงินทัวร์ที่ยกเลิก');
    await page.getByRole('form', { name: 'เปิดเคส' }).getByRole('button', { name: 'เปิดเคส' }).click();
    const opened = await until(async () => (await h.sys.knex('cases').where({ contact_id: c.contactId }).first()) ?? false);
    expect(opened).toMatchObject({ conversation_id: c.id, severity: 'high', source: 'staff' });
    await poll(() => page.getByRole('status').first().textContent()).toContain(opened.number);
    await poll(() => page.locator('li.said-event').allTextContents()).toEqual([expect.stringContaining(`เปิดเคส ${opened.number}`)]);
    await poll(() => panel.getByRole('link', { name: opened.number }).count()).toBe(1);

    // A booking, for one of the org's services.
    const service = await h.sys.knex('services').where({ org_id: h.sys.defaultOrgId, is_active: true }).first();
    await panel.getByRole('button', { name: 'เปิดการจอง' }).click();
    await page.getByLabel('บริการ').selectOption(service.key);
    await page.getByLabel('จำนวนคน').fill('3');
    await page.getByRole('form', { name: 'เปิดการจอง' }).getByRole('button', { name: 'เปิดการจอง' }).click();
    const booked = await until(async () => (await h.sys.knex('bookings').where({ contact_id: c.contactId }).first()) ?? false);
    expect(booked).toMatchObject({ conversation_id: c.id, party_size: 3, source: 'staff' });
    await poll(() => page.locator('li.said-event').allTextContents()).toEqual([expect.stringContaining(opened.number), expect.stringContaining(`การจอง ${booked.number}`)]);
    await poll(() => panel.getByRole('link', { name: booked.number }).count()).toBe(1);
    expect(await panel.locator('li', { hasText: booked.number }).textContent()).toContain(service.name_th);

    // The case's saved reply can be picked now, filled with its number in the customer's English.
    await box(page).fill(`/${shortcut.caseNo}`);
    await poll(() => options(page).allTextContents()).toEqual([expect.stringContaining(`Your case ${opened.number} is being worked on.`)]);
    await check(page, 'conversation-th-tablet-customer');
    await box(page).press('Enter');
    await page.getByRole('button', { name: 'ส่ง', exact: true }).click();
    await poll(() => textsTo(c.customer).includes(`Your case ${opened.number} is being worked on.`)).toBe(true);

    // The 360's case link opens the case on the desk.
    await panel.getByRole('link', { name: opened.number }).click();
    await poll(() => page.textContent('h1')).toContain(opened.number);
  });

  it('a phone, in Thai: @ in a private note offers colleagues and writes @Name; the note reaches no customer', async () => {
    const c = await customerAsking('Kanya Jai', 'th');
    const page = await staffDevice(browser, h, nok, { dark: true });
    await page.goto(`${h.sys.url}/liff/desk/conversation/${c.id}?lang=th`);
    await poll(() => page.textContent('h1')).toBe(c.name);
    // On a phone the customer is a section to unfold above the composer.
    const panel = page.locator('details.customer-panel');
    await poll(() => panel.count()).toBe(1);
    expect(await panel.getAttribute('open')).toBeNull();
    await panel.locator('summary').tap();
    await poll(() => panel.getAttribute('open')).not.toBeNull();
    expect(await panel.textContent()).toContain(c.name);

    await page.getByRole('checkbox', { name: 'บันทึกภายใน' }).check();
    // Notes are for staff: `/` offers no saved reply in them.
    await box(page).fill('/');
    expect(await page.getByRole('listbox').count()).toBe(0);
    await box(page).fill('ฝาก @som');
    await poll(() => options(page).allTextContents()).toEqual(['@Somchai']);
    await check(page, 'conversation-th-dark-mention');
    await box(page).press('Enter');
    await poll(() => box(page).inputValue()).toBe('ฝาก @Somchai ');
    await box(page).pressSequentially('ช่วยดูเรื่องคืนเงินด้วย');
    // A tap picks a colleague too.
    await box(page).pressSequentially(' @');
    await options(page).filter({ hasText: '@Nok' }).tap();
    await poll(() => box(page).inputValue()).toBe('ฝาก @Somchai ช่วยดูเรื่องคืนเงินด้วย @Nok ');
    await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
    await poll(() => page.locator('li.said-note').textContent()).toContain('@Somchai ช่วยดูเรื่องคืนเงินด้วย @Nok');
    expect(await h.sys.knex('conversation_events').where({ conversation_id: c.id, type: 'note' }).first()).toMatchObject({ data: { text: 'ฝาก @Somchai ช่วยดูเรื่องคืนเงินด้วย @Nok' } });
    expect(textsTo(c.customer).join('\n')).not.toContain('ช่วยดูเรื่องคืนเงินด้วย');
    await check(page, 'conversation-th-dark-note');
  });
});
