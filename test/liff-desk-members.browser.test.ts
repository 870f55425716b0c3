import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './support/api-client.ts';
import { hasChromium, openBrowser } from './support/browser.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { enrolStaff, type EnrolledStaff } from './support/staff-desk.ts';
import { checkScreen, customerAsking, expectWords, staffDevice } from './support/staff-browser.ts';

/**
 * The desk's member panel (docs/members.md, "On the desk"), in Debian's Chromium on a phone signed
 * in with LIFF Mock: beside a member's conversation, the card's figures; a package sold by a double
 * tap is sold once; a take-back above the org's amount waits for a manager. On the "Members"
 * screen a mistyped number is "not found" and a scanned one (LIFF scanCodeV2, answered by the
 * mock) opens the member. A manager refunds a package partly used, seeing first what the org's
 * rule gives back, and decides the adjustments support asked for; support sees theirs decided and
 * is offered neither. Thai and English, light and dark, axe-core, screenshots.
 */
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 15_000 });
/** Money as the page writes it has a no-break space after the currency. */
const flat = (text: string | null) => text?.replace(/\s+/g, ' ');

describe.skipIf(!hasChromium)('members on the desk', () => {
  let h: LiffHarness;
  let browser: Browser;
  let somchai: EnrolledStaff;

  beforeAll(async () => {
    h = await startLiffHarness();
    somchai = await enrolStaff(h, { displayName: 'Somchai', role: 'support', language: 'th' });
    browser = await openBrowser();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  async function aMemberAsking(name: string) {
    const api = apiClient(h.sys);
    const c = await customerAsking(h, name, 'ขอคุยกับเจ้าหน้าที่ค่ะ');
    const m = await api('POST', '/api/v1/members', { contactId: c.contactId });
    expect(m.status, JSON.stringify(m.json)).toBe(201);
    return { ...c, member: m.json as { id: string; number: string } };
  }

  it('beside a conversation, in Thai: the figures, a package sold once by a double tap, a take-back above the amount awaiting a manager', async () => {
    const api = apiClient(h.sys);
    const service = await h.bookableService({ name: { th: 'คลาสแกงเขียวหวาน', en: 'Green curry class' }, durationMinutes: 120, capacity: 8 });
    const pkg = await api('POST', '/api/v1/member-packages', { key: 'five_curry', nameTh: 'แพ็กเกจ 5 คลาส', nameEn: 'Five classes', credits: 5, services: [service], priceMinor: 450_000, validityDays: 90 });
    expect(pkg.status, JSON.stringify(pkg.json)).toBe(201);
    const c = await aMemberAsking('Ploy Member');
    expect((await api('POST', `/api/v1/members/${c.member.id}/adjustments`, { target: 'wallet', amount: 50_000, reason: 'Opening balance' })).status).toBe(201);

    const page = await staffDevice(browser, h, somchai);
    await page.goto(`${h.sys.url}/liff/desk/conversation/${c.id}?lang=th`);
    const panel = page.locator('details.customer-panel');
    await poll(() => panel.count()).toBe(1);
    if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
    const member = panel.locator(`[data-member="${c.member.number}"]`);
    await poll(() => member.count()).toBe(1);
    expect(await member.textContent()).toContain('฿500.00');
    expect(await member.textContent()).toContain('ยังไม่มีแพ็กเกจ');

    // A double tap on "sell": one sale.
    const sell = member.getByRole('form', { name: 'ขายแพ็กเกจ' });
    await sell.locator('select').nth(0).selectOption('five_curry');
    expect(await sell.locator('select').nth(0).textContent()).toContain('แพ็กเกจ 5 คลาส · 5 ครั้ง · ฿4,500.00');
    await sell.getByLabel('ชำระโดย').selectOption('cash');
    await sell.getByRole('button', { name: 'ขายแพ็กเกจ' }).dblclick();
    await poll(() => member.getByTestId('member-packages').textContent()).toContain('เหลือ 5/5');
    expect(await member.textContent()).toContain('ขาย แพ็กเกจ 5 คลาส แล้ว');
    expect(Number((await h.sys.knex('member_package_sales').where({ member_id: c.member.id }).count('* as n'))[0].n)).toBe(1);

    // Taking back 10 credits (above the org's 5) from a support member: it waits, nothing taken yet.
    const adjust = member.getByRole('form', { name: 'เพิ่มหรือหักด้วยมือ' });
    await adjust.getByLabel('รายการ').selectOption('credits');
    await adjust.getByLabel('จำนวน (ติดลบเพื่อหักคืน)').fill('-10');
    await adjust.getByLabel('เหตุผล').fill('ลงผิดแพ็กเกจ');
    await adjust.getByRole('button', { name: 'บันทึก' }).click();
    await poll(() => adjust.textContent()).toContain('รอผู้จัดการอนุมัติ');
    expect(await member.getByTestId('member-packages').textContent()).toContain('เหลือ 5/5');
    // Money as staff write it, with a thousands comma: 1,500 baht is given (above 1,000: it waits too).
    await adjust.getByLabel('รายการ').selectOption('wallet');
    await adjust.getByLabel('จำนวน (ติดลบเพื่อหักคืน)').fill('1,500');
    await adjust.getByLabel('เหตุผล').fill('เติมเงินสดที่เคาน์เตอร์');
    await adjust.getByRole('button', { name: 'บันทึก' }).click();
    await poll(() => h.sys.knex('member_adjustments').where({ member_id: c.member.id, target: 'wallet', amount: 150_000 }).first('status')).toEqual({ status: 'awaiting_approval' });
    // Zero is not an amount: said, nothing recorded.
    await adjust.getByLabel('จำนวน (ติดลบเพื่อหักคืน)').fill('0');
    await adjust.getByLabel('เหตุผล').fill('ทดลอง');
    await adjust.getByRole('button', { name: 'บันทึก' }).click();
    await poll(() => adjust.textContent()).toContain('กรุณาใส่จำนวนที่ไม่ใช่ศูนย์');
    expect(Number((await h.sys.knex('member_adjustments').where({ member_id: c.member.id }).count('* as n'))[0].n)).toBe(3);
    await expectWords(page, ['five_curry', service, 'awaiting_approval', 'credits']);
    await checkScreen(page, 'member-panel-th');

    // The customer's 360 shows the same panel, with the sale.
    await page.goto(`${h.sys.url}/liff/desk/contact/${c.contactId}?lang=th`);
    const onProfile = page.locator(`[data-member="${c.member.number}"]`);
    await poll(() => onProfile.count()).toBe(1);
    expect(await onProfile.getByTestId('member-packages').textContent()).toContain('เหลือ 5/5');
    await checkScreen(page, 'member-contact-th');
  });

  it('the Members screen, in English and dark: a mistyped number is "not found"; a scanned member card opens the member', async () => {
    const c = await aMemberAsking('Anna Member');
    const page = await staffDevice(browser, h, somchai, { dark: true });
    // LIFF Mock answers scanCodeV2 with this, as LINE's camera would read the card's QR code.
    await page.context().addInitScript((value) => Object.assign((window as unknown as { __liffMock: object }).__liffMock, { scanCode: { value } }), c.member.number);
    await page.goto(`${h.sys.url}/liff/desk/members?lang=en`);
    await poll(() => page.textContent('h1')).toBe('Find a member');
    const typo = c.member.number.slice(0, -1) + (c.member.number.endsWith('Z') ? 'Y' : 'Z');
    await page.getByLabel('Member number (type or scan)').fill(typo);
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await poll(() => page.textContent('main')).toContain('No member has this number');
    expect(await page.textContent('main')).not.toContain(c.member.number);
    await checkScreen(page, 'members-en-dark-not-found');

    await page.getByRole('button', { name: 'Scan QR code' }).click();
    await poll(() => page.locator(`[data-member="${c.member.number}"]`).count()).toBe(1);
    expect(await page.getByLabel('Member number (type or scan)').inputValue()).toBe(c.member.number);
    expect(await page.textContent('main')).toContain('No packages yet');
    await expectWords(page, []);
    await checkScreen(page, 'members-en-dark-found');
  });

  it('a manager refunds a partly used package and decides what support asked; support sees theirs, in Thai and English', async () => {
    const api = apiClient(h.sys);
    const malee = await enrolStaff(h, { displayName: 'Malee', role: 'manager', language: 'en' });
    const service = await h.bookableService({ name: { th: 'คลาสต้มยำ', en: 'Tom yum class' }, durationMinutes: 60, capacity: 8 });
    const price = 360_000;
    for (const key of ['six_tomyum', 'gift_tomyum']) {
      const made = await api('POST', '/api/v1/member-packages', { key, nameTh: key === 'six_tomyum' ? 'แพ็กเกจ 6 คลาส' : 'แพ็กเกจของขวัญ', nameEn: key === 'six_tomyum' ? 'Six classes' : 'Gift classes', credits: 6, services: [service], priceMinor: price, validityDays: 60 });
      expect(made.status, JSON.stringify(made.json)).toBe(201);
    }
    const c = await aMemberAsking('Nok Member');
    const six = await api('POST', `/api/v1/members/${c.member.id}/packages`, { packageKey: 'six_tomyum', paidWith: 'cash' });
    const gift = await api('POST', `/api/v1/members/${c.member.id}/packages`, { packageKey: 'gift_tomyum', paidWith: 'cash' });
    expect([six.status, gift.status]).toEqual([201, 201]);
    // Two classes of the six taken, paid with its credits (the one that runs out first, then the oldest sale).
    const date = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    for (const time of ['10:00', '14:00']) {
      const session = await api('POST', `/api/v1/services/${service}/sessions`, { date, time, capacity: 8 });
      const booked = await api('POST', '/api/v1/bookings', { session_id: session.json.items[0].id, member_number: c.member.number, pay_with: 'credits', language: 'th' });
      expect(booked.status, JSON.stringify(booked.json)).toBe(201);
    }
    expect((await api('GET', `/api/v1/members/${c.member.id}`)).json.packages.find((p: { id: string }) => p.id === six.json.id).creditsLeft).toBe(4);

    // Support, in Thai: no refund offered; a take-back and a gift above the business's amounts wait.
    const counter = await staffDevice(browser, h, somchai);
    await counter.goto(`${h.sys.url}/liff/desk/members?lang=th`);
    await counter.getByLabel('หมายเลขสมาชิก (พิมพ์หรือสแกน)').fill(c.member.number);
    await counter.getByRole('button', { name: 'ค้นหา', exact: true }).click();
    const panel = counter.locator(`[data-member="${c.member.number}"]`);
    await poll(() => panel.count()).toBe(1);
    expect(await panel.getByRole('button', { name: /คืนเงิน/ }).count()).toBe(0);
    const adjust = panel.getByRole('form', { name: 'เพิ่มหรือหักด้วยมือ' });
    for (const [what, amount, reason] of [['points', '5000', 'ของขวัญเปิดร้าน'], ['wallet', '-2,000', 'บันทึกเงินซ้ำ']]) {
      await adjust.getByLabel('รายการ').selectOption(what);
      await adjust.getByLabel('จำนวน (ติดลบเพื่อหักคืน)').fill(amount);
      await adjust.getByLabel('เหตุผล').fill(reason);
      await adjust.getByRole('button', { name: 'บันทึก' }).click();
      await poll(() => h.sys.knex('member_adjustments').where({ member_id: c.member.id, reason }).first('status')).toEqual({ status: 'awaiting_approval' });
    }
    await counter.reload();
    const mine = counter.getByRole('region', { name: 'คำขอของฉัน' });
    // His own only: these two, and the two he asked for another member before.
    const his = mine.locator('li', { hasText: c.member.number });
    await poll(() => his.count()).toBe(2);
    expect(await his.allTextContents()).toEqual([expect.stringContaining('รออนุมัติ'), expect.stringContaining('รออนุมัติ')]);
    expect(await mine.getByRole('button').count()).toBe(0);
    await expectWords(counter, ['awaiting_approval', 'points', 'wallet']);
    await checkScreen(counter, 'members-requests-th');

    // The manager, in English and dark: the list with who asked; approve one by a double tap, refuse the other with a reason.
    const desk = await staffDevice(browser, h, malee, { dark: true });
    await desk.goto(`${h.sys.url}/liff/desk/members?lang=en`);
    const waiting = desk.getByRole('region', { name: 'Adjustments awaiting approval' });
    const points = waiting.locator('li', { hasText: '+5,000 points' });
    const wallet = waiting.locator('li', { hasText: '-THB 2,000.00' });
    await poll(() => points.count()).toBe(1);
    expect(await points.textContent()).toContain('Asked by Somchai');
    expect(await wallet.textContent()).toContain('บันทึกเงินซ้ำ');
    await checkScreen(desk, 'members-approvals-en-dark');
    await points.getByRole('button', { name: 'Approve' }).dblclick();
    await poll(() => waiting.getByRole('status').textContent()).toContain('Approved');
    await wallet.getByRole('button', { name: 'Refuse' }).click();
    await wallet.getByLabel('Why it is refused').fill('The receipt shows it once');
    await wallet.getByRole('button', { name: 'Refuse' }).click();
    await poll(() => waiting.locator('li', { hasText: c.member.number }).count()).toBe(0);
    expect((await api('GET', `/api/v1/members/${c.member.id}`)).json.points).toBe(Math.floor(2 * price / 100) + 5000);
    expect(Number((await h.sys.knex('ledger_postings').where({ kind: 'member_adjustment' }).whereIn('source_id', h.sys.knex('member_adjustments').select(h.sys.knex.raw('id::text')).where({ member_id: c.member.id })).count('* as n'))[0].n)).toBe(1);

    // The refund of the six-class package: what the rule gives back, before confirming.
    await desk.getByLabel('Member number (type or scan)').fill(c.member.number);
    await desk.getByRole('button', { name: 'Find', exact: true }).click();
    const member = desk.locator(`[data-member="${c.member.number}"]`);
    await poll(() => member.count()).toBe(1);
    const preview = (await api('GET', `/api/v1/members/${c.member.id}/packages/${six.json.id}/refund`)).json;
    // 2 of 6 used: each took unearned / credits left, so 4/6 of the price is still unearned.
    const back = price - Math.floor(price / 6) - Math.floor((price - Math.floor(price / 6)) / 5);
    expect(preview).toMatchObject({ creditsLeft: 4, refundMinor: back, to: 'transfer' });
    await member.getByRole('button', { name: 'Refund Six classes' }).click();
    const refund = member.getByRole('form', { name: 'Refund Six classes' });
    await poll(async () => flat(await refund.getByTestId('refund-figures').textContent())).toBe(`4 credits left taken back · THB ${(back / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })} paid back · ${preview.pointsTakenBack.toLocaleString('en-GB')} points taken back`);
    await refund.getByLabel('Pay back').selectOption('wallet');
    await refund.getByLabel('Reason').fill('Moving to Chiang Mai');
    await checkScreen(desk, 'member-refund-en-dark');
    await refund.getByRole('button', { name: 'Confirm the refund' }).click();
    await poll(async () => flat(await member.getByRole('status').first().textContent())).toContain(`Six classes refunded: THB ${(back / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })}`);
    const card = (await api('GET', `/api/v1/members/${c.member.id}`)).json;
    expect(card.wallet.balanceMinor).toBe(back);
    expect(card.packages.find((p: { id: string }) => p.id === six.json.id)).toMatchObject({ status: 'refunded', refundedMinor: back });

    // The gift package refunded by someone else while the form was open: said in words, nothing more refunded.
    await member.getByRole('button', { name: 'Refund Gift classes' }).click();
    const giftForm = member.getByRole('form', { name: 'Refund Gift classes' });
    await poll(() => giftForm.getByTestId('refund-figures').count()).toBe(1);
    expect((await api('POST', `/api/v1/members/${c.member.id}/packages/${gift.json.id}/refund`, { reason: 'At the counter' })).status).toBe(200);
    await giftForm.getByLabel('Reason').fill('Twice');
    await giftForm.getByRole('button', { name: 'Confirm the refund' }).click();
    await poll(() => giftForm.getByRole('alert').textContent()).toBe('This package was refunded already.');
    expect((await api('GET', `/api/v1/members/${c.member.id}`)).json.wallet.balanceMinor).toBe(back);
    await expectWords(desk, ['used_up', 'awaiting_approval', 'paidWith']);
    // The panel reread the card: the gift shows closed, as it is.
    await poll(() => member.getByTestId('member-packages').locator('li', { hasText: 'Gift classes' }).textContent()).toContain('Closed');
    await checkScreen(desk, 'member-refund-refused-en-dark');

    // Support sees what became of theirs, in Thai.
    await counter.reload();
    await poll(() => his.allTextContents()).toEqual([expect.stringContaining('ไม่อนุมัติ: The receipt shows it once'), expect.stringContaining('อนุมัติแล้ว')]);
    await checkScreen(counter, 'members-requests-decided-th');
  });
});
