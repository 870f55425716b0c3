import { expect } from 'vitest';
import { DEFAULT_STRIPE_SECRET_KEY, DEFAULT_STRIPE_WEBHOOK_SECRET, startFakeStripeApi, type RunningFakeStripeApi } from '../../dev/fakes/stripe-api.ts';
import { apiClient } from './api-client.ts';
import { startLiffHarness, type LiffHarness } from './liff-customer.ts';
import { pricedBooking, sendSlip } from './money.ts';
import { until } from './test-system.ts';

/**
 * A business with real money for the finance screen's tests (docs/money.md, "The finance view"),
 * made as customers and staff make it: each booking is the demo's sushi class for two (5,000.00 THB).
 * - `paid`: paid in full by card through its link, with a cost of 3,200.00 on the booking (a margin);
 * - `refunded`: paid by card, then 1,000.00 given back through Stripe;
 * - `deposit`: a transfer slip confirmed for a 1,500.00 deposit (3,500.00 still owed);
 * - `differs`: paid by card, and Stripe's payout carried 100.00 less than the payment (a mismatch).
 */
export interface FinanceWorld {
  h: LiffHarness;
  stripe: RunningFakeStripeApi;
  paid: string;
  refunded: string;
  deposit: string;
  differs: string;
  close(): Promise<void>;
}

export const bangkokToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(new Date());

export async function startFinanceWorld(): Promise<FinanceWorld> {
  const stripe = await startFakeStripeApi();
  const h = await startLiffHarness({ STRIPE_SECRET_KEY: DEFAULT_STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: DEFAULT_STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE_URL: stripe.url });
  stripe.state.webhookUrl = `${h.sys.url}/webhooks/stripe`;
  const api = apiClient(h.sys);
  const payment = (id: string) => h.sys.knex('booking_payments').where({ id }).first();
  const paidByCard = async () => {
    const b = await pricedBooking(h);
    const link = await api('POST', `/api/v1/bookings/${b.number}/payment-links`, {});
    expect(link.status).toBe(201);
    const session = [...stripe.state.sessions.values()].find((s) => (s.metadata as Record<string, string>).payment_id === link.json.payment.id)!;
    await stripe.state.completeSession(session.id as string);
    const row = await until(async () => ((await payment(link.json.payment.id))?.status === 'paid' ? payment(link.json.payment.id) : undefined));
    return { ...b, payment: row };
  };

  const paid = await paidByCard();
  // Margins are of the period's bookings by their date: this one is today's.
  await h.sys.knex('bookings').where({ id: paid.id }).update({ requested_date: bangkokToday() });
  expect((await api('PUT', `/api/v1/bookings/${paid.number}/cost`, { costMinor: 320_000 })).status).toBe(200);

  const refunded = await paidByCard();
  const refund = await api('POST', `/api/v1/payments/${refunded.payment.id}/refunds`, { amountMinor: 100_000, reason: 'one fewer' });
  expect(refund.status).toBe(201);
  await until(async () => (await h.sys.knex('payment_refunds').where({ payment_id: refunded.payment.id, status: 'succeeded' }).first()) ?? false);

  const deposit = await pricedBooking(h);
  await sendSlip(h, deposit.userId);
  const slip = await until(() => h.sys.knex('booking_payments').where({ booking_id: deposit.id, method: 'transfer' }).first());
  expect((await api('POST', `/api/v1/payments/${slip.id}/confirm`, { amountMinor: 150_000 })).status).toBe(200);

  const differs = await paidByCard();
  const charge = [...stripe.state.charges.values()].find((c) => c.payment_intent === differs.payment.stripe_payment_intent)!;
  const line = stripe.state.balanceTransactions.find((t) => t.source === charge.id)!;
  Object.assign(line, { amount: 490_000, net: 490_000 - Number(line.fee) });
  const { payout } = await stripe.state.payOut();
  await until(async () => (await h.sys.knex('stripe_payout_lines').where({ payout_id: payout.id })).length > 0);

  return {
    h,
    stripe,
    paid: paid.number,
    refunded: refunded.number,
    deposit: deposit.number,
    differs: differs.number,
    async close() {
      await h.close();
      await stripe.close();
    },
  };
}
