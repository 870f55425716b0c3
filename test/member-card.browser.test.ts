import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { localMoment } from '../core/time/org-time.ts';
import { expectAccessible } from './support/accessibility.ts';
import { apiClient } from './support/api-client.ts';
import { hasChromium, liffDevice, openBrowser, screenshotDir } from './support/browser.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { until } from './support/test-system.ts';

/**
 * The member card (`/liff/card`, docs/members.md), the end of the check: a member with a
 * 5-class package books a class through the API with credits, and the card shows 4 left, with the
 * number, its QR code, the wallet, the points and the usage. Phone size, Thai and English, light
 * and dark, axe-core; screenshots under test-results/screenshots/.
 */
const SHOTS = screenshotDir();
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 10_000 });

describe.skipIf(!hasChromium)('the member card', () => {
  let h: LiffHarness;
  let browser: Browser;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    h = await startLiffHarness({});
    api = apiClient(h.sys);
    browser = await openBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

  it('shows the member number with its QR code, tier, wallet, points, credits by package with expiry and the usage; the booking paid with a credit leaves 4 of 5', async () => {
    const userId = lineId('U');
    await h.tell(userId, 'สวัสดีค่ะ');
    const chat = await until(() => h.sys.knex('conversations').where({ external_id: userId }).first());
    expect((await api('POST', '/api/v1/services', { key: 'thai_curry', name: { th: 'คลาสแกงไทย', en: 'Thai curry class' }, durationMinutes: 180, capacity: 10, price: '1200' })).status).toBe(201);
    expect((await api('POST', '/api/v1/member-packages', { key: 'five', nameTh: 'แพ็กเกจ 5 คลาส', nameEn: '5-class package', credits: 5, services: ['thai_curry'], priceMinor: 500_000, validityDays: 90 })).status).toBe(201);
    await api('PATCH', '/api/v1/org/settings', { membership: { pointsPerBaht: 1, tiers: [{ key: 'silver', nameTh: 'ซิลเวอร์', nameEn: 'Silver', minPoints: 1000 }, { key: 'gold', nameTh: 'โกลด์', nameEn: 'Gold', minPoints: 10000 }], cancelCreditHours: 24, adjustmentApprovalAbove: { credits: 5, walletMinor: 100_000, points: 1000 }, expiryNoticeDays: 7 } });
    const member = (await api('POST', '/api/v1/members', { contactId: chat.contact_id })).json;
    expect((await api('POST', `/api/v1/members/${member.id}/packages`, { packageKey: 'five', paidWith: 'transfer' })).status).toBe(201);
    expect((await api('POST', `/api/v1/members/${member.id}/adjustments`, { target: 'wallet', amount: 75_000, reason: 'Top-up at the counter' })).status).toBe(201);
    const day = new Date(new Date(`${localMoment('Asia/Bangkok').date}T00:00:00Z`).getTime() + 4 * 86_400_000).toISOString().slice(0, 10);
    const session = (await api('POST', '/api/v1/services/thai_curry/sessions', { date: day, time: '10:00', capacity: 10 })).json.items[0];
    const booked = await api('POST', '/api/v1/bookings', { session_id: session.id, member_number: member.number, pay_with: 'credits' });
    expect(booked.status, JSON.stringify(booked.json)).toBe(201);

    for (const [lang, dark] of [['th', false], ['en', true], ['th', true], ['en', false]] as const) {
      const page = await liffDevice(browser, h, { line: { userId, name: 'Nok' }, locale: lang === 'th' ? 'th-TH' : 'en-US', dark });
      await page.goto(`${h.sys.url}/liff/card?lang=${lang}`);
      await poll(() => page.getByTestId('member-number').textContent()).toBe(member.number);
      const main = (await page.textContent('main')) ?? '';
      expect(await page.getByTestId('package').first().textContent()).toContain(lang === 'th' ? 'เหลือ 4 จาก 5 ครั้ง' : '4 of 5 left');
      expect(await page.getByTestId('wallet').textContent()).toMatch(/750\.00/);
      expect(await page.getByTestId('points').textContent()).toBe('5,000');
      expect(main).toContain(lang === 'th' ? 'ซิลเวอร์' : 'Silver');
      expect(main).toContain(lang === 'th' ? 'คลาสแกงไทย' : 'Thai curry class');
      expect(main).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      const qr = page.getByRole('img', { name: lang === 'th' ? 'คิวอาร์โค้ดหมายเลขสมาชิก ให้พนักงานสแกน' : 'QR code of your member number, for staff to scan' });
      expect(await qr.count()).toBe(1);
      expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      await expectAccessible(page, `member card ${lang} ${dark ? 'dark' : 'light'}`);
      await shot(page, `member-card-${lang}-${dark ? 'dark' : 'light'}`);
    }
  });

  it('someone who is not a member is told how to join', async () => {
    const userId = lineId('U');
    await h.tell(userId, 'hello');
    await until(() => h.sys.knex('conversations').where({ external_id: userId }).first());
    const page = await liffDevice(browser, h, { line: { userId, name: 'Pim' }, locale: 'en-US' });
    await page.goto(`${h.sys.url}/liff/card?lang=en`);
    await poll(() => page.textContent('main')).toContain('You are not a member yet');
    await expectAccessible(page, 'member card not a member');
  });
});
