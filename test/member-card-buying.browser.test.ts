import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { DEFAULT_STRIPE_SECRET_KEY, DEFAULT_STRIPE_WEBHOOK_SECRET, startFakeStripeApi, type RunningFakeStripeApi } from '../dev/fakes/stripe-api.ts';
import { expectAccessible } from './support/accessibility.ts';
import { apiClient } from './support/api-client.ts';
import { hasChromium, liffDevice, openBrowser, screenshotDir } from './support/browser.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { until } from './support/test-system.ts';

/**
 * Buying from the member card (docs/members.md, "Buying from the card"), in Chromium on a phone
 * with LIFF Mock: the price and what the member gets shown before they confirm, then Stripe's
 * page (the fake's link, answered here); a top-up typed "1,500" shows the wallet after it; a bad
 * amount is said, and nothing is asked of Stripe. Thai light and English dark, axe-core, screenshots.
 */
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 10_000 });

describe.skipIf(!hasChromium)('buying from the member card', () => {
  let h: LiffHarness;
  let browser: Browser;
  let stripe: RunningFakeStripeApi;

  beforeAll(async () => {
    stripe = await startFakeStripeApi();
    h = await startLiffHarness({ STRIPE_SECRET_KEY: DEFAULT_STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: DEFAULT_STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE_URL: stripe.url });
    browser = await openBrowser();
    const api = apiClient(h.sys);
    expect((await api('POST', '/api/v1/services', { key: 'som_tam', name: { th: 'คลาสส้มตำ', en: 'Som tam class' }, durationMinutes: 90, capacity: 10, price: '700' })).status).toBe(201);
    expect((await api('POST', '/api/v1/member-packages', { key: 'six', nameTh: 'แพ็กเกจ 6 คลาส', nameEn: '6-class package', credits: 6, services: ['som_tam'], priceMinor: 360_000, validityDays: 120 })).status).toBe(201);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    await stripe?.close();
  });

  async function memberOnPhone(lang: 'th' | 'en', dark: boolean) {
    const userId = lineId('U');
    await h.tell(userId, 'สวัสดีค่ะ');
    const chat = await until(() => h.sys.knex('conversations').where({ external_id: userId }).first());
    const member = (await apiClient(h.sys)('POST', '/api/v1/members', { contactId: chat.contact_id })).json as { id: string; number: string };
    const page = await liffDevice(browser, h, { line: { userId, name: 'Nok' }, locale: lang === 'th' ? 'th-TH' : 'en-US', dark });
    // Stripe's own page is not ours to load: answered here, so the test sees where the member was sent.
    await page.route('https://checkout.stripe.com/**', (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<title>Stripe</title><main>Stripe Checkout</main>' }));
    await page.goto(`${h.sys.url}/liff/card?lang=${lang}`);
    await poll(() => page.getByTestId('member-number').textContent()).toBe(member.number);
    return { page, member };
  }

  it('in Thai: the package with its price and what it holds, confirmed, goes to Stripe for that price', async () => {
    const { page, member } = await memberOnPhone('th', false);
    const offer = page.getByTestId('offer');
    expect(await offer.textContent()).toContain('แพ็กเกจ 6 คลาส');
    expect(await offer.textContent()).toContain('฿3,600.00');
    expect(await offer.textContent()).toContain('6 ครั้ง · คลาสส้มตำ · ใช้ได้ 120 วัน');
    await offer.getByRole('button', { name: 'เลือก แพ็กเกจ 6 คลาส' }).click();
    expect(await offer.textContent()).toContain('ชำระ ฿3,600.00 รับ แพ็กเกจ 6 คลาส: 6 ครั้ง ใช้ได้ 120 วันนับจากวันที่ชำระ');
    await expectAccessible(page, 'card buying th');
    await page.screenshot({ path: `${screenshotDir()}/member-card-buy-th.png`, fullPage: true });
    await offer.getByRole('button', { name: 'ชำระ ฿3,600.00' }).click();
    await page.waitForURL(/checkout\.stripe\.com/);
    const asked = await h.sys.knex('member_top_ups').where({ member_id: member.id }).select('amount_minor', 'status');
    expect(asked.map((t) => [Number(t.amount_minor), t.status])).toEqual([[360_000, 'pending']]);
  });

  it('in English and dark: "1,500" shows the wallet after it before paying; "0" is said, nothing asked of Stripe', async () => {
    const { page, member } = await memberOnPhone('en', true);
    await page.getByLabel('Amount (baht)').fill('0');
    await page.getByRole('button', { name: 'Continue' }).click();
    await poll(() => page.getByRole('alert').textContent()).toBe('Enter at least 20 baht, like 1,500.');
    expect(await h.sys.knex('member_top_ups').where({ member_id: member.id }).first()).toBeUndefined();
    await page.getByLabel('Amount (baht)').fill('1,500');
    await page.getByRole('button', { name: 'Continue' }).click();
    // Intl writes a no-break space after the currency.
    await poll(() => page.getByTestId('top-up-after').textContent()).toMatch(/^You pay THB\s1,500\.00; your wallet will then hold THB\s1,500\.00\.$/);
    await expectAccessible(page, 'card top-up en dark');
    await page.screenshot({ path: `${screenshotDir()}/member-card-top-up-en-dark.png`, fullPage: true });
    await page.getByRole('button', { name: /^Pay THB\s1,500\.00$/ }).click();
    await page.waitForURL(/checkout\.stripe\.com/);
    expect((await h.sys.knex('member_top_ups').where({ member_id: member.id }).select('amount_minor')).map((t) => Number(t.amount_minor))).toEqual([150_000]);
  });
});
