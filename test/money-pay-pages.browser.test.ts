import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { DEFAULT_STRIPE_SECRET_KEY, DEFAULT_STRIPE_WEBHOOK_SECRET, startFakeStripeApi, type RunningFakeStripeApi } from '../dev/fakes/stripe-api.ts';
import { expectAccessible } from './support/accessibility.ts';
import { apiClient } from './support/api-client.ts';
import { hasChromium, liffDevice, openBrowser, screenshotDir } from './support/browser.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { until } from './support/test-system.ts';
import { pricedBooking, sendSlip } from './support/money.ts';
import { enrolStaff } from './support/staff-desk.ts';
import { checkScreen, staffDevice } from './support/staff-browser.ts';

/**
 * The "Pay" button (docs/money.md): on the quote page (a plain browser, by the quote's token) and
 * on my bookings (inside LINE), once staff asked for a payment; it opens the Stripe Checkout link.
 * In Thai and English, checked with axe-core; screenshots under test-results/screenshots/.
 */
const SHOTS = screenshotDir();
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 10_000 });

// Skipped where Debian's Chromium is not installed: there is no browser to drive (.ci/run installs it).
describe.skipIf(!hasChromium)('the Pay button on the customer pages', () => {
  let h: LiffHarness;
  let stripe: RunningFakeStripeApi;
  let browser: Browser;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    stripe = await startFakeStripeApi();
    h = await startLiffHarness({ STRIPE_SECRET_KEY: DEFAULT_STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: DEFAULT_STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE_URL: stripe.url });
    api = apiClient(h.sys);
    browser = await openBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    await stripe?.close();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

  it('the quote page shows Pay with the payment link of that version, in Thai and English', async () => {
    const q = await h.sentQuote();
    const link = await api('POST', `/api/v1/bookings/${q.number}/payment-links`, {});
    expect(link.status).toBe(201);
    const page = await liffDevice(browser, h);
    await page.goto(`${h.sys.url}/liff/quote/${q.token}?lang=th`);
    const pay = page.getByRole('link', { name: 'ชำระเงิน (บัตร / พร้อมเพย์)' });
    await poll(() => pay.count()).toBe(1);
    expect(await pay.getAttribute('href')).toBe(link.json.url);
    await expectAccessible(page, 'quote pay th');
    await shot(page, 'quote-pay-th-light');
    const en = await liffDevice(browser, h, { dark: true, locale: 'en-US' });
    await en.goto(`${h.sys.url}/liff/quote/${q.token}?lang=en`);
    await poll(() => en.getByRole('link', { name: 'Pay now (card or PromptPay)' }).count()).toBe(1);
    await expectAccessible(en, 'quote pay en dark');
    await shot(en, 'quote-pay-en-dark');
  });

  it('my bookings shows Pay on the booking that waits for payment, and not once it is paid', async () => {
    const userId = lineId('U');
    await h.tell(userId, 'hello there');
    const chat = await until(() => h.sys.knex('conversations').where({ external_id: userId }).first());
    const service = await h.sys.knex('services').where({ org_id: h.sys.defaultOrgId, key: 'sushi_class' }).first();
    await h.sys.knex('bookings').insert({ org_id: h.sys.defaultOrgId, number: 'B-777001', contact_id: chat.contact_id, conversation_id: chat.id, service_id: service.id, source: 'line', stage: 'confirmed', party_size: 2, requested_date: '2027-03-10' });
    const link = await api('POST', '/api/v1/bookings/B-777001/payment-links', {});
    expect(link.status).toBe(201);
    for (const lang of ['th', 'en'] as const) {
      const me = await liffDevice(browser, h, { line: { userId, name: 'Nok' }, locale: lang === 'th' ? 'th-TH' : 'en-US' });
      await me.goto(`${h.sys.url}/liff/me?lang=${lang}`);
      await poll(() => me.textContent('main')).toContain('B-777001');
      await me.locator('summary').first().click();
      const pay = me.getByRole('link', { name: lang === 'th' ? 'ชำระเงิน' : 'Pay now' });
      await poll(() => pay.count()).toBe(1);
      expect(await pay.getAttribute('href')).toBe(link.json.url);
      await expectAccessible(me, `me pay ${lang}`);
      await shot(me, `me-pay-${lang}-light`);
    }
    const session = [...stripe.state.sessions.values()].find((s) => (s.metadata as Record<string, string>).payment_id === link.json.payment.id)!;
    stripe.state.webhookUrl = `${h.sys.url}/webhooks/stripe`;
    await stripe.state.completeSession(session.id);
    await until(async () => (await h.sys.knex('booking_payments').where({ id: link.json.payment.id }).first())?.status === 'paid');
    const after = await liffDevice(browser, h, { line: { userId, name: 'Nok' } });
    await after.goto(`${h.sys.url}/liff/me?lang=en`);
    await poll(() => after.textContent('main')).toContain('B-777001');
    expect(await after.getByRole('link', { name: 'Pay now' }).count()).toBe(0);
  });

  it('the desk shows a booking\'s payments; a manager confirms a transfer slip there, once', async () => {
    const b = await pricedBooking(h);
    expect(await sendSlip(h, b.userId)).toContain('transfer slip');
    const slip = await until(() => h.sys.knex('booking_payments').where({ booking_id: b.id, method: 'transfer' }).first());
    const manager = await enrolStaff(h, { displayName: 'Mali', role: 'manager', language: 'th' });
    for (const lang of ['th', 'en'] as const) {
      const page = await staffDevice(browser, h, manager);
      await page.goto(`${h.sys.url}/liff/desk/booking/${b.number}?lang=${lang}`);
      await poll(() => page.textContent('main')).toContain(lang === 'th' ? 'สลิปรอยืนยัน' : 'Slip to confirm');
      expect(await page.textContent('main')).toContain('5,000.00');
      await checkScreen(page, `booking-slip-${lang}`);
    }
    const page = await staffDevice(browser, h, manager);
    await page.goto(`${h.sys.url}/liff/desk/booking/${b.number}?lang=en`);
    await page.getByRole('button', { name: 'Confirm: money received' }).click();
    await poll(() => page.textContent('main')).toContain('Confirmed; the customer is told.');
    await poll(() => page.textContent('main')).toContain('Paid');
    expect(await page.getByRole('button', { name: 'Confirm: money received' }).count()).toBe(0);
    await checkScreen(page, 'booking-slip-confirmed-en');
    expect((await h.sys.knex('booking_payments').where({ id: slip.id }).first()).status).toBe('paid');
    expect(await h.sys.knex('booking_events').where({ booking_id: b.id, type: 'payment_confirmed' })).toHaveLength(1);
  });
});
