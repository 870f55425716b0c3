import { randomBytes } from 'node:crypto';
import { expectAccessible } from './support/accessibility.ts';
import { type Browser, type Page } from 'playwright-core';
import { hasChromium, openBrowser, screenshotDir } from './support/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../core/cases/open-case.ts';
import { issueReceiptForPayment } from '../core/documents/document-commands.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { buttonData, configureGroup, enrolStaff, waitForMessageTo, type EnrolledStaff } from './support/staff-desk.ts';
import { staffDevice, TABLET } from './support/staff-browser.ts';

/**
 * The staff desk in Debian's Chromium, used as a support member would from LINE (LIFF Mock hands
 * the page an ID token the fake LINE server issued; the server asks LINE about it on every call),
 * while a colleague taps the case's card in the LINE group through signed webhooks: one of them
 * wins, the other is told who has the case. Phone and tablet, Thai and English, light and dark,
 * axe-core WCAG 2.1 AA on every screen shown. Screenshots: docs/liff/ with SCREENSHOTS=docs (test/support/browser.ts).
 */
const SHOTS = screenshotDir();
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 15_000 });

// Skipped where Debian's Chromium is not installed: there is no browser to drive (.ci/run installs it).
describe.skipIf(!hasChromium)('the staff desk in a browser', () => {
  let h: LiffHarness;
  let browser: Browser;
  let somchai: EnrolledStaff;
  let nok: EnrolledStaff;
  let mali: EnrolledStaff;
  let boss: EnrolledStaff;
  let groupId: string;

  beforeAll(async () => {
    h = await startLiffHarness();
    [somchai, nok, mali, boss] = await Promise.all([
      enrolStaff(h, { displayName: 'Somchai', role: 'support', language: 'th' }),
      enrolStaff(h, { displayName: 'Nok', role: 'support' }),
      enrolStaff(h, { displayName: 'Mali', role: 'manager' }),
      enrolStaff(h, { displayName: 'Boss', role: 'ceo' }),
    ]);
    ({ groupId } = await configureGroup(h, lineId('C'), { purpose: 'support', routing: { caseTypes: ['topup_not_credited'] }, language: 'en' }));
    browser = await openBrowser();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  /** A device signed in to LINE as this staff member. */
  const device = (who: EnrolledStaff, o: { dark?: boolean; size?: { width: number; height: number } } = {}): Promise<Page> => staffDevice(browser, h, who, o);

  /** Fits the screen's width, accessible, and photographed. */
  async function check(page: Page, name: string) {
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), name).toBe(true);
    await expectAccessible(page, name);
    await page.screenshot({ path: `${SHOTS}/desk-${name}.png`, fullPage: true });
  }

  /** A customer reports a problem in LINE: the case, and its card in the support group. */
  async function reportedWithCard() {
    const customer = lineId('U');
    const c = await h.reportProblem(customer);
    const card = await waitForMessageTo(h, groupId, (m) => m.type === 'flex' && String(m.altText).includes(c.number), 20_000);
    return { customer, number: c.number, card };
  }

  const caseRow = (number: string) => h.sys.knex('cases').where({ org_id: h.sys.defaultOrgId, number }).first();
  const eventCount = async (number: string) => Number((await h.sys.knex('case_events').where({ case_id: (await caseRow(number)).id }).count({ n: '*' }))[0].n);
  const main = (page: Page) => page.textContent('main');
  const tap = (who: EnrolledStaff, data: string) => h.ask(who.lineUserId, { postback: { data }, groupId });

  it('a support member takes and resolves a case from the desk; a colleague tapping Take on its card in LINE is told who has it', async () => {
    const c = await reportedWithCard();
    const page = await device(somchai);
    await page.goto(`${h.sys.url}/liff/desk?lang=th`);
    await poll(() => page.textContent('h1')).toBe('โต๊ะงานเคส');
    await page.getByRole('button', { name: 'เคสที่เปิดอยู่' }).click();
    await poll(() => main(page)).toContain(c.number);
    await check(page, 'queue-th-light');

    await page.getByRole('link', { name: new RegExp(c.number) }).click();
    await poll(() => page.textContent('h1')).toContain(c.number);
    expect(await main(page)).toContain('เติมเงิน');
    await page.getByRole('button', { name: 'รับเคสนี้' }).click();
    await poll(() => main(page)).toContain('เคสนี้เป็นของคุณ');
    expect(await caseRow(c.number)).toMatchObject({ owner_staff_id: somchai.id, status: 'investigating' });

    // Nok taps Take on the card in the group: too late, told who has it.
    const answer = await tap(nok, buttonData(c.card, 'Take'));
    expect(answer.text).toBe(`Somchai already has ${c.number}`);
    expect((await caseRow(c.number)).owner_staff_id).toBe(somchai.id);

    // Somchai writes to the customer, then resolves with a root cause.
    await page.getByLabel('ข้อความถึงลูกค้า').fill('ตรวจสอบแล้ว เครดิตเข้าแล้วค่ะ');
    await page.getByRole('button', { name: 'ส่ง', exact: true }).click();
    await poll(() => main(page)).toContain('ส่งข้อความแล้ว');
    await poll(() => h.line.state.deliveriesTo(c.customer).some((d) => d.messages.some((m) => 'text' in m && m.text === 'ตรวจสอบแล้ว เครดิตเข้าแล้วค่ะ')));
    await page.getByLabel('สาเหตุของปัญหา').selectOption('payment_gateway');
    await page.getByRole('button', { name: 'แก้ไขแล้ว', exact: true }).click();
    await poll(async () => (await caseRow(c.number)).status).toBe('resolved');
    expect((await caseRow(c.number)).root_cause).toBe('payment_gateway');
    await poll(() => page.locator('ol.timeline').textContent()).toContain('ระบบชำระเงิน');
    await check(page, 'case-th-light-resolved');
  });

  it('the queue marks a case nobody answered past its first-response time, and one past its resolution time, in words', async () => {
    const [unanswered, late, fine] = [await reportedWithCard(), await reportedWithCard(), await reportedWithCard()];
    const past = new Date(Date.now() - 60_000);
    // Past its first-response time with no answer (its resolution clock still runs): escalated, and
    // before this, not marked at all.
    await h.sys.knex('cases').where({ number: unanswered.number }).update({ first_response_due_at: past, first_responded_at: null });
    await h.sys.knex('cases').where({ number: late.number }).update({ first_responded_at: new Date(), resolution_due_at: past });
    await h.sys.knex('cases').where({ number: fine.number }).update({ first_responded_at: new Date() });
    const page = await device(nok);
    await page.goto(`${h.sys.url}/liff/desk?lang=en`);
    await page.getByRole('button', { name: 'Open cases' }).click();
    const row = (n: string) => page.locator('li.case-row', { has: page.getByRole('link', { name: new RegExp(n) }) });
    await poll(() => row(unanswered.number).textContent()).toContain('No first response yet: past its time');
    expect(await row(late.number).textContent()).toContain('SLA breached');
    expect(await row(fine.number).textContent()).not.toMatch(/SLA breached|No first response/);
    expect(await row(fine.number).getAttribute('class')).not.toContain('breached');
    await check(page, 'queue-en-breaches');
  });

  it('the card tapped first wins: the desk, showing the case as it was, is told who has it and shows it as it is now', async () => {
    const c = await reportedWithCard();
    const page = await device(somchai, { size: TABLET });
    await page.goto(`${h.sys.url}/liff/desk/case/${c.number}?lang=en`);
    await poll(() => page.getByRole('button', { name: 'Take this case' }).count()).toBe(1);

    expect((await tap(nok, buttonData(c.card, 'Take'))).text).toBe(`Nok took ${c.number}`);
    const events = await eventCount(c.number);
    await page.getByRole('button', { name: 'Take this case' }).click();
    await poll(() => page.getByRole('alert').textContent()).toBe('This case was just changed: it is now Investigating, and Nok has it. Nothing was done; here it is as it is now.');
    expect((await caseRow(c.number)).owner_staff_id).toBe(nok.id);
    expect(await eventCount(c.number)).toBe(events);
    // Shown as it is now: Nok's, and Somchai (support) may no longer change it, and is told why.
    await poll(() => main(page)).toContain('Owner: Nok');
    expect(await main(page)).toContain('Nok has this case: only they or a manager can change it');
    expect(await page.getByRole('button', { name: /Take/ }).count()).toBe(0);
    await check(page, 'case-en-light-tablet-lost');
  });

  it('both at the same moment: exactly one wins, and the other is told who has it', async () => {
    const c = await reportedWithCard();
    const page = await device(somchai, { dark: true });
    await page.goto(`${h.sys.url}/liff/desk/case/${c.number}?lang=en`);
    await poll(() => page.getByRole('button', { name: 'Take this case' }).count()).toBe(1);
    const [answer] = await Promise.all([tap(nok, buttonData(c.card, 'Take')), page.getByRole('button', { name: 'Take this case' }).click()]);
    await poll(async () => (await main(page))!.includes('This case is yours') || (await main(page))!.includes('Nok has it')).toBe(true);
    const owner = (await caseRow(c.number)).owner_staff_id;
    if (owner === somchai.id) {
      expect(answer.text).toBe(`Somchai already has ${c.number}`);
    } else {
      expect(owner).toBe(nok.id);
      expect(answer.text).toBe(`Nok took ${c.number}`);
      expect(await page.getByRole('alert').textContent()).toContain('Nok has it');
    }
    const owners = await h.sys.knex('case_events').where({ case_id: (await caseRow(c.number)).id, type: 'owner_changed' });
    expect(owners).toHaveLength(1);
    await check(page, 'case-en-dark');
  });

  it('a manager on a tablet reassigns and names the provider a case waits on; Thai, dark', async () => {
    const c = await reportedWithCard();
    await h.sys.knex('providers').insert({ org_id: h.sys.defaultOrgId, key: `kbank${randomBytes(2).toString('hex')}`, name: 'KBank gateway' });
    const page = await device(mali, { size: TABLET, dark: true });
    await page.goto(`${h.sys.url}/liff/desk/case/${c.number}?lang=th`);
    await poll(() => page.textContent('h1')).toContain(c.number);
    await page.getByLabel('มอบหมายให้').selectOption({ label: 'Nok (ฝ่ายซัพพอร์ต)' });
    await page.getByRole('button', { name: 'มอบหมาย', exact: true }).click();
    await poll(async () => (await caseRow(c.number)).owner_staff_id).toBe(nok.id);
    await waitForMessageTo(h, nok.lineUserId, (m) => m.type === 'text' && String(m.text).includes(`gave you ${c.number}`));
    // The page reads the case again after the reassignment, and its version with it: a change of
    // status sent before that is refused as made on an older version (a CI run clicked that soon).
    await poll(() => page.locator('#assignee option').allTextContents()).not.toContain('Nok (ฝ่ายซัพพอร์ต)');
    await page.getByLabel('เปลี่ยนสถานะเป็น').selectOption('waiting_provider');
    await page.getByLabel('รอผู้ให้บริการรายไหน').selectOption({ label: 'KBank gateway' });
    await page.getByRole('button', { name: 'เปลี่ยนสถานะ', exact: true }).click();
    await poll(async () => (await caseRow(c.number)).status).toBe('waiting_provider');
    await poll(() => main(page)).toContain('KBank gateway');
    await check(page, 'case-th-dark-tablet-manager');
  });

  it('the CEO reads a case and is told why they cannot act on it; nothing to press; its SOP whole beside it', async () => {
    const c = await reportedWithCard();
    const typeKey = (await h.sys.knex('case_types').where({ id: (await caseRow(c.number)).case_type_id }).first()).key;
    const sop = '1. Check the payment gateway for the order.\n2. If it was paid, credit it by hand.\n3. If not, ask for the slip.';
    expect((await apiClient(h.sys)('PATCH', `/api/v1/case-types/${typeKey}`, { sop })).status).toBe(200);
    const page = await device(boss);
    await page.goto(`${h.sys.url}/liff/desk/case/${c.number}?lang=en`);
    await poll(() => page.textContent('h1')).toContain(c.number);
    const text = (await main(page))!;
    // The SOP whole, its steps on lines of their own.
    expect(await page.getByRole('heading', { name: 'How to handle it (SOP)' }).isVisible()).toBe(true);
    expect(await page.locator('.sop').innerText()).toBe(sop);
    expect((await apiClient(h.sys)('PATCH', `/api/v1/case-types/${typeKey}`, { sop: null })).status).toBe(200);
    expect(text).toContain('Your role (CEO) cannot do this (take cases)');
    expect(text).toContain('Your role (CEO) cannot do this (write to customers)');
    expect(await page.locator('section[aria-labelledby="actions"] button').count()).toBe(0);
    await check(page, 'case-en-light-ceo');

    // Nok takes it on the card in LINE; the CEO's open desk shows it when they come back to it.
    expect((await tap(nok, buttonData(c.card, 'Take'))).text).toBe(`Nok took ${c.number}`);
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await poll(() => main(page)).toContain('Owner: Nok');

    // The CEO may read the customer's 360 view: their identities, cases and messages.
    await page.getByRole('link', { name: 'See everything about this customer' }).click();
    await poll(() => page.textContent('main')).toContain('Their cases');
    expect(await main(page)).toContain(c.number);
    expect(await main(page)).toContain('เติมเงิน');
    await check(page, 'contact-en-light');
  });

  it("another org's case number in the address: the not-found screen, and nothing about that case", async () => {
    const [other] = await h.sys.knex('orgs').insert({ slug: `other-${randomBytes(3).toString('hex')}`, name: 'Other shop', time_zone: 'Asia/Bangkok' }).returning('id');
    await h.sys.knex('case_types').insert({ org_id: other.id, key: 'theirs', name_th: 'ของเขา', name_en: 'Their secret type', category: 'other', first_response_minutes: 10, resolution_minutes: 20 });
    const opened = await h.sys.knex.transaction((trx) =>
      openCase(trx, { orgId: other.id, caseTypeKey: 'theirs', contactId: null, conversationId: null, sourceMessageId: null, source: 'api', summary: 'their secret', language: 'en', fields: {} }),
    );
    const number = `C-7${Math.floor(Math.random() * 1e5)}`;
    await h.sys.knex('cases').where({ id: opened.id }).update({ number });
    const page = await device(mali);
    await page.goto(`${h.sys.url}/liff/desk/case/${number}?lang=en`);
    await poll(() => page.textContent('h1')).toBe('Case not found');
    expect(await main(page)).toContain(`Your business has no case ${number}`);
    expect(await main(page)).not.toContain('secret');
    await check(page, 'not-found-en-light');
  });

  it('a staff member removed while the desk is open: the next action is refused with the reason, and nothing changes', async () => {
    const leaver = await enrolStaff(h, { displayName: 'Leaver', role: 'support' });
    const c = await reportedWithCard();
    const page = await device(leaver, { dark: true });
    await page.goto(`${h.sys.url}/liff/desk/case/${c.number}?lang=th`);
    await poll(() => page.getByRole('button', { name: 'รับเคสนี้' }).count()).toBe(1);
    expect((await apiClient(h.sys)('DELETE', `/api/v1/staff/${leaver.id}`)).status).toBe(200);
    const before = await caseRow(c.number);
    await page.getByRole('button', { name: 'รับเคสนี้' }).click();
    await poll(() => page.getByRole('alert').textContent()).toContain('สิทธิ์พนักงานของคุณถูกยกเลิกแล้ว');
    expect(await caseRow(c.number)).toEqual(before);
    await check(page, 'removed-th-dark');
  });

  it('the bookings pipeline as a board by stage; a manager opens a booking and moves it on; Thai dark on a phone', async () => {
    const res = await h.pub('POST', '/public/v1/bookings', {
      headers: { 'idempotency-key': randomBytes(16).toString('hex') },
      body: { destination: 'Chiang Mai', travelers: 3, name: 'Pim Traveller', email: `p${randomBytes(4).toString('hex')}@example.com`, language: 'en', notes: 'ขอไกด์ผู้หญิงค่ะ แพ้ถั่ว' },
    });
    expect(res.status).toBe(201);
    const number = res.json.booking_id as string;
    const page = await device(mali, { size: TABLET });
    await page.goto(`${h.sys.url}/liff/desk?lang=en`);
    await page.getByRole('link', { name: 'Bookings' }).click();
    await poll(() => page.textContent('h1')).toBe('Bookings by stage');
    await poll(() => main(page)).toContain(number);
    await check(page, 'bookings-en-light-tablet');

    await page.getByRole('link', { name: number }).click();
    await poll(() => page.textContent('h1')).toContain(number);
    // What the customer asked for in their own words, and where the booking came from, in words.
    await poll(() => page.getByRole('region', { name: 'What the customer asked for' }).textContent()).toContain('ขอไกด์ผู้หญิงค่ะ แพ้ถั่ว');
    expect(await main(page)).toContain('Came fromThe website form');
    await page.getByLabel('Move to stage').selectOption({ label: 'Contacted' });
    await page.getByLabel('Note (optional)').fill('Called: they want a quote for three');
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    await poll(async () => (await h.sys.knex('bookings').where({ org_id: h.sys.defaultOrgId, number }).first()).stage).toBe('contacted');
    await poll(() => page.getByRole('status').textContent()).toBe('Done');
    await poll(() => main(page)).toContain('Called: they want a quote for three');
    await check(page, 'booking-en-light-tablet');

    // The quote builder: two lines and a discount, the total as one types; saved, then sent.
    // Prices as people type them ("1,800", "฿500"); one that cannot be read says so and holds the save.
    // The quote's line, not the issue-a-document form beside it, which has a description too.
    await page.getByRole('group', { name: 'Line' }).getByLabel('Description').fill('Guided day trip');
    await page.getByLabel('Quantity').fill('3');
    await page.getByLabel('Unit price (THB)').fill('1,800');
    await page.getByRole('button', { name: '+ Add a line' }).click();
    await page.locator('#q-desc-1').fill('Hotel pick-up');
    await page.locator('#q-price-1').fill('฿500');
    await page.getByLabel('Discount (THB)').fill('3,00');
    await poll(() => page.locator('#q-discount-hint').textContent()).toBe('Write it as a number, like 1,500 or 1500.50');
    expect(await page.getByLabel('Discount (THB)').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Save the draft' }).isDisabled()).toBe(true);
    // The lines are complete: the hint under the button is not there to send anyone looking at them.
    expect(await page.locator('#q-incomplete').count()).toBe(0);
    await check(page, 'booking-quote-unreadable-en-light-tablet');
    await page.getByLabel('Discount (THB)').fill('300');
    expect(await page.locator('#q-discount-hint').count()).toBe(0);
    await poll(() => page.locator('form strong[aria-live]').textContent()).toContain('5,600.00');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await poll(() => page.locator('section[aria-labelledby="quotes"] [role=status]').textContent()).toBe('Quote v1 saved as a draft');
    const booking = await h.sys.knex('bookings').where({ org_id: h.sys.defaultOrgId, number }).first();
    expect(await h.sys.knex('booking_quotes').where({ booking_id: booking.id }).first()).toMatchObject({ version: 1, status: 'draft' });
    await page.getByRole('button', { name: 'Send quote v1 to the customer' }).click();
    await poll(async () => (await h.sys.knex('booking_quotes').where({ booking_id: booking.id }).first()).status).toBe('sent');
    await poll(() => main(page)).toContain('v1 · sent');
    await check(page, 'booking-quote-en-light-tablet');

    // Handed to Nok from the desk.
    await page.getByLabel('Give it to').selectOption({ label: 'Nok (support)' });
    await page.getByRole('button', { name: 'Reassign', exact: true }).click();
    await poll(async () => (await h.sys.knex('bookings').where({ org_id: h.sys.defaultOrgId, number }).first()).assignee_staff_id).toBe(nok.id);
    await poll(() => page.locator('dl').textContent()).toContain('Handled byNok');

    const phone = await device(mali, { dark: true });
    await phone.goto(`${h.sys.url}/liff/desk/bookings?lang=th`);
    await poll(() => phone.textContent('h1')).toBe('การจองตามขั้นตอน');
    await poll(() => main(phone)).toContain(number);
    await check(phone, 'bookings-th-dark');
  });

  it("a booking's documents on the desk, newest first, each opening its PDF; English on a tablet, Thai dark on a phone", async () => {
    const api = apiClient(h.sys);
    const res = await h.pub('POST', '/public/v1/bookings', {
      headers: { 'idempotency-key': randomBytes(16).toString('hex') },
      body: { destination: 'Krabi', travelers: 2, name: 'Pim Traveller', email: `p${randomBytes(4).toString('hex')}@example.com`, language: 'th' },
    });
    const number = res.json.booking_id as string;
    const seller = { name: 'บริษัท ทะเลใส ทัวร์ จำกัด', address: '99/1 ถนนเจริญกรุง กรุงเทพมหานคร 10500', taxId: '0105556123456', branch: 'head_office', vatRegistered: true };
    expect((await api('PATCH', '/api/v1/org/settings', { documentSeller: seller })).status).toBe(200);
    const booking = await h.sys.knex('bookings').where({ org_id: h.sys.defaultOrgId, number }).first();
    const receipt = await h.sys.knex.transaction((trx) =>
      issueReceiptForPayment(trx, { orgId: h.sys.defaultOrgId, bookingId: booking.id, contactId: booking.contact_id, paymentRef: `pay_${randomBytes(4).toString('hex')}`, amountMinor: 300_000, currency: 'THB', method: 'PromptPay', paidAt: new Date() }),
    );
    if (!receipt.ok) throw new Error('receipt refused');
    const tax = await api('POST', '/api/v1/documents', { type: 'tax_invoice', bookingNumber: number, buyer: { name: 'Pim Co., Ltd.', address: '1 Sukhumvit Rd, Bangkok 10110', taxId: '0107551000011', branch: 'head_office' }, lines: [{ description: 'Krabi island day trip', quantity: 2, unitPriceMinor: 150_000 }] });
    expect(tax.status).toBe(201);
    expect((await api('POST', '/api/v1/documents', { type: 'credit_note', correctsNumber: tax.json.number, reason: 'One traveller less', lines: [{ description: 'One traveller', quantity: 1, unitPriceMinor: 150_050 }] })).status).toBe(201);

    const page = await device(mali, { size: TABLET });
    await page.goto(`${h.sys.url}/liff/desk/booking/${number}?lang=en`);
    const documents = page.getByRole('region', { name: 'Documents' });
    await poll(() => documents.textContent()).toContain(tax.json.number);
    const text = await documents.textContent();
    expect(text).toContain(`Receipt · ${receipt.document.view.number}`);
    expect(text).toContain(`Tax invoice · ${tax.json.number}`);
    // Intl puts a no-break space after the currency code.
    expect(text).toMatch(/THB\s3,000\.00 · THB\s1,500\.50 credited/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await check(page, 'booking-documents-en-light-tablet');
    const link = page.getByRole('link', { name: `Open ${tax.json.number} as PDF` });
    const pdf = await fetch(new URL((await link.getAttribute('href'))!, h.sys.url));
    expect(pdf.headers.get('content-type')).toBe('application/pdf');

    const phone = await device(mali, { dark: true });
    await phone.goto(`${h.sys.url}/liff/desk/booking/${number}?lang=th`);
    await poll(() => phone.getByRole('region', { name: 'เอกสาร' }).textContent()).toContain('ใบกำกับภาษี');
    expect(await phone.getByRole('region', { name: 'เอกสาร' }).textContent()).toContain('฿3,000.00');
    await check(phone, 'booking-documents-th-dark');
  });

  it("support corrects a case's type from the desk: the new type in the heading, the correction and its reason on the timeline", async () => {
    const c = await reportedWithCard();
    const page = await device(nok);
    await page.goto(`${h.sys.url}/liff/desk/case/${c.number}?lang=en`);
    await poll(() => page.textContent('h1')).toContain(c.number);
    await page.locator('summary', { hasText: 'Change type' }).click();
    await poll(() => page.locator('#correct-type option').count()).toBeGreaterThan(2);
    await page.getByLabel('The right type').selectOption('wrong_amount');
    await page.getByLabel('Why').fill('The customer paid 50 baht too much, the top-up itself arrived');
    await check(page, 'case-en-change-type');
    await page.locator('form button[type=submit]', { hasText: 'Change type' }).click();
    await poll(() => page.textContent('h1')).toContain('Wrong amount charged');
    await poll(() => page.locator('ol.timeline').textContent()).toContain('Type or severity corrected');
    expect(await page.locator('ol.timeline').textContent()).toContain('The customer paid 50 baht too much');
    const row = await caseRow(c.number);
    expect(await h.sys.knex('case_types').where({ id: row.case_type_id }).first()).toMatchObject({ key: 'wrong_amount' });
  });
});
