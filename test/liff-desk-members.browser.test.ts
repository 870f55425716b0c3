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
 * mock) opens the member. Thai and English, light and dark, axe-core, screenshots.
 */
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 15_000 });

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
});
