import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STRIPE_SECRET_KEY, DEFAULT_STRIPE_WEBHOOK_SECRET, startFakeStripeApi, type RunningFakeStripeApi, type StripeObject } from '../dev/fakes/stripe-api.ts';
import { createStripeClient } from '../core/checkout/stripe-client.ts';
import { reconcileWithStripe } from '../core/checkout/reconciliation.ts';
import { matchPayoutFromStripe, type StripePayout } from '../core/checkout/payouts.ts';
import { balance, trialBalance } from '../core/ledger/ledger.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { until, untilSettled } from './support/test-system.ts';
import { pricedBooking as pricedBookingOf } from './support/money.ts';

/**
 * Stripe payouts matched against payments, and the margin per booking (docs/money.md): the real
 * `stripe` SDK reads payouts and their balance transactions from the fake Stripe API; a payout
 * comes by its `payout.paid` webhook and by the reconciliation, and is matched once; every line we
 * cannot match is kept and listed in the finance view.
 */
let h: LineCustomerHarness;
let stripe: RunningFakeStripeApi;
let api: ReturnType<typeof apiClient>;
let orgId: string;
let accountant: string;
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(new Date());
const client = () => createStripeClient({ secretKey: DEFAULT_STRIPE_SECRET_KEY, apiBaseUrl: stripe.url })!;

beforeAll(async () => {
  stripe = await startFakeStripeApi();
  h = await startLineCustomerHarness({ STRIPE_SECRET_KEY: DEFAULT_STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: DEFAULT_STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE_URL: stripe.url });
  stripe.state.webhookUrl = `${h.sys.url}/webhooks/stripe`;
  api = apiClient(h.sys);
  orgId = h.sys.defaultOrgId;
  accountant = (await api('POST', '/api/v1/api-keys', { name: 'accountant', role: 'accountant' })).json.key;
}, 60_000);
afterAll(async () => {
  await h?.close();
  await stripe?.close();
});

const paymentOf = (id: string) => h.sys.knex('booking_payments').where({ id }).first();
const sessionOf = (paymentId: string) => [...stripe.state.sessions.values()].find((s) => (s.metadata as Record<string, string>).payment_id === paymentId)!;
/** A priced booking (5,000.00 THB) paid in full by card through its link. */
async function paidBooking() {
  const b = await pricedBookingOf(h);
  const link = await api('POST', `/api/v1/bookings/${b.number}/payment-links`, {});
  expect(link.status).toBe(201);
  await stripe.state.completeSession(sessionOf(link.json.payment.id).id as string);
  const payment = await until(async () => ((await paymentOf(link.json.payment.id))?.status === 'paid' ? paymentOf(link.json.payment.id) : undefined));
  return { ...b, payment };
}
const lineOf = (pi: string) => {
  const charge = [...stripe.state.charges.values()].find((c) => c.payment_intent === pi)!;
  return stripe.state.balanceTransactions.find((t) => t.source === charge.id)!;
};
const payoutRows = async (payoutId: string) => ({
  payouts: await h.sys.knex('stripe_payouts').where({ id: payoutId }),
  lines: await h.sys.knex('stripe_payout_lines').where({ payout_id: payoutId }).orderBy('id'),
  postings: await h.sys.knex('ledger_postings').where({ org_id: orgId, source_id: payoutId }).orderBy('id'),
});
const finance = async (q = '') => {
  const r = await api('GET', `/api/v1/finance?from=${today()}&to=${today()}${q}`, undefined, accountant);
  expect(r.status).toBe(200);
  return r.json;
};

describe('a Stripe payout', () => {
  it("comes by webhook, posts Stripe clearing to the bank less Stripe's fees, and matches each payment and refund it carries", async () => {
    const a = await paidBooking();
    const b = await paidBooking();
    const refund = await api('POST', `/api/v1/payments/${b.payment.id}/refunds`, { amountMinor: 100_000, reason: 'one fewer' }, accountant);
    expect(refund.status).toBe(201);
    await until(async () => (await h.sys.knex('payment_refunds').where({ id: refund.json.id }).first())?.status === 'succeeded');
    await untilSettled(h.sys.knex);
    const clearingBefore = await balance(h.sys.knex, orgId, 'stripe_clearing', 'THB');
    const bankBefore = await balance(h.sys.knex, orgId, 'bank', 'THB');
    const feesBefore = await balance(h.sys.knex, orgId, 'stripe_fees', 'THB');

    const { payout } = await stripe.state.payOut();
    const rows = await until(async () => ((await payoutRows(payout.id)).payouts.length ? payoutRows(payout.id) : undefined));
    expect(rows.payouts[0]).toMatchObject({ found_by: 'webhook', amount_minor: payout.amount, currency: 'THB' });
    const fee = stripe.state.feeFor(500_000);
    expect(fee).toBe(18_250);
    const ours = rows.lines.filter((l) => l.payment_id === a.payment.id || l.payment_id === b.payment.id || l.refund_id === refund.json.id);
    expect(ours.map((l) => [l.outcome, Number(l.amount_minor), Number(l.fee_minor), Number(l.expected_minor)]).sort()).toEqual(
      [
        ['matched', 500_000, fee, 500_000],
        ['matched', 500_000, fee, 500_000],
        ['matched', -100_000, 0, -100_000],
      ].sort(),
    );
    expect(rows.lines.every((l) => l.outcome === 'matched')).toBe(true);
    // The org's share: every line is this org's here, so the payout's amount reaches the bank.
    const gross = rows.lines.reduce((s, l) => s + Number(l.amount_minor), 0);
    const fees = rows.lines.reduce((s, l) => s + Number(l.fee_minor), 0);
    expect(gross - fees).toBe(payout.amount);
    expect(await balance(h.sys.knex, orgId, 'bank', 'THB')).toBe(bankBefore + Number(payout.amount));
    expect(await balance(h.sys.knex, orgId, 'stripe_fees', 'THB')).toBe(feesBefore + fees);
    expect(await balance(h.sys.knex, orgId, 'stripe_clearing', 'THB')).toBe(clearingBefore - gross);
    expect(await balance(h.sys.knex, orgId, 'stripe_clearing', 'THB')).toBe(0);
    expect((await trialBalance(h.sys.knex, orgId)).balanced).toBe(true);
    expect(rows.postings.map((p) => p.kind)).toEqual(['payout']);

    const view = await finance();
    expect(view.payouts).toContainEqual({ payoutId: payout.id, day: today(), currency: 'THB', lines: rows.lines.length, grossMinor: gross, feeMinor: fees, netMinor: payout.amount, mismatches: 0 });
    expect(view.payoutMismatches.filter((m: any) => m.payoutId === payout.id)).toEqual([]);
    const csv = await fetch(`${h.sys.url}/api/v1/finance?from=${today()}&to=${today()}&format=csv&table=payouts`, { headers: { authorization: `Bearer ${accountant}` } });
    const text = await csv.text();
    expect(text.split('\n')[0]).toMatch(/payoutId.*day.*currency.*lines.*grossMinor.*feeMinor.*netMinor.*mismatches/);
    expect(text).toContain(`${payout.id},${today()},THB,${rows.lines.length},${gross},${fees},${payout.amount},0`);
  });

  it('the same payout from the webhook and the reconciliation, even at once, is matched and posted once', async () => {
    await paidBooking();
    stripe.state.webhooksDown = true;
    let payout: StripeObject;
    try {
      ({ payout } = await stripe.state.payOut());
    } finally {
      stripe.state.webhooksDown = false;
    }
    const event = stripe.state.events.find((e) => e.type === 'payout.paid' && e.data.object.id === payout.id)!;
    const bankBefore = await balance(h.sys.knex, orgId, 'bank', 'THB');
    // The webhook (Stripe retrying it) and the reconciliation's run, side by side.
    const [, reconciled] = await Promise.all([
      fetch(`${h.sys.url}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': (await import('../dev/fakes/stripe-api.ts')).signStripeBody(JSON.stringify(event), DEFAULT_STRIPE_WEBHOOK_SECRET) }, body: JSON.stringify(event) }).then((r) => r.status),
      reconcileWithStripe(h.sys.knex, client()),
      matchPayoutFromStripe(h.sys.knex, client(), payout as unknown as StripePayout, 'reconciliation'),
    ]);
    expect(reconciled.payouts.listed).toBeGreaterThanOrEqual(2);
    await untilSettled(h.sys.knex);
    const again = await reconcileWithStripe(h.sys.knex, client());
    expect(again.payouts.matched).toBe(0);
    const rows = await payoutRows(payout.id);
    expect(rows.payouts).toHaveLength(1);
    expect(rows.lines).toHaveLength(1);
    expect(rows.postings.map((p) => p.kind)).toEqual(['payout']);
    expect(await balance(h.sys.knex, orgId, 'bank', 'THB')).toBe(bankBefore + Number(payout.amount));
    const applied = await h.sys.knex('stripe_events').where({ id: event.id }).first();
    expect(applied.status).toBe('applied');
    expect((await trialBalance(h.sys.knex, orgId)).balanced).toBe(true);
  });

  it('a line for a payment we do not know, and one whose amount differs: both kept and listed; the rest posted; clearing never below zero', async () => {
    const known = await paidBooking();
    const differs = await paidBooking();
    // Money taken at Stripe that no link of ours asked for.
    const stranger = stripe.state.chargeOutside(77_700);
    // Stripe says it charged 100.00 less than the payment we recorded.
    const line = lineOf(differs.payment.stripe_payment_intent);
    Object.assign(line, { amount: 490_000, net: 490_000 - Number(line.fee) });
    const clearingBefore = await balance(h.sys.knex, orgId, 'stripe_clearing', 'THB');
    const heldBefore = await balance(h.sys.knex, orgId, 'deposits_held', 'THB');
    const bankBefore = await balance(h.sys.knex, orgId, 'bank', 'THB');

    const { payout } = await stripe.state.payOut();
    const rows = await until(async () => ((await payoutRows(payout.id)).payouts.length ? payoutRows(payout.id) : undefined));
    const byOutcome = Object.fromEntries(rows.lines.map((l) => [l.outcome, l]));
    expect(rows.lines).toHaveLength(3);
    expect(byOutcome.unknown).toMatchObject({ org_id: null, payment_id: null, stripe_source: stranger.payment_intent, amount_minor: 77_700 });
    expect(byOutcome.amount_differs).toMatchObject({ payment_id: differs.payment.id, amount_minor: 490_000, expected_minor: 500_000 });
    expect(byOutcome.matched).toMatchObject({ payment_id: known.payment.id });
    // Clearing drains by what our books put in it; the 100.00 Stripe did not pay out waits in deposits held for staff.
    expect(await balance(h.sys.knex, orgId, 'stripe_clearing', 'THB')).toBe(clearingBefore - 1_000_000);
    expect(await balance(h.sys.knex, orgId, 'deposits_held', 'THB')).toBe(heldBefore - 10_000);
    // The bank gets this org's share: the stranger's money is nobody's books.
    expect(await balance(h.sys.knex, orgId, 'bank', 'THB')).toBe(bankBefore + Number(payout.amount) - Number(byOutcome.unknown.net_minor));
    expect((await trialBalance(h.sys.knex, orgId)).balanced).toBe(true);
    expect(rows.postings.map((p) => p.kind)).toEqual(['payout', 'payout_difference']);

    const view = await finance();
    expect(view.payouts.find((p: any) => p.payoutId === payout.id)).toMatchObject({ lines: 2, mismatches: 2 });
    expect(view.payoutMismatches.filter((m: any) => m.payoutId === payout.id)).toEqual(
      expect.arrayContaining([
        { kind: 'unknown', day: today(), payoutId: payout.id, lineId: byOutcome.unknown.id, bookingNumber: null, paymentId: null, currency: 'THB', expectedMinor: null, paidOutMinor: 77_700 },
        { kind: 'amount_differs', day: today(), payoutId: payout.id, lineId: byOutcome.amount_differs.id, bookingNumber: differs.number, paymentId: differs.payment.id, currency: 'THB', expectedMinor: 500_000, paidOutMinor: 490_000 },
      ]),
    );
    const csv = await (await fetch(`${h.sys.url}/api/v1/finance?from=${today()}&to=${today()}&format=csv&table=payout_mismatches`, { headers: { authorization: `Bearer ${accountant}` } })).text();
    expect(csv).toContain(`unknown,${today()},${payout.id},${byOutcome.unknown.id},,,THB,,77700`);
  });

  it('a Stripe payment no payout carried after the days allowed is listed; once paid out it is not', async () => {
    const late = await paidBooking();
    const tenDaysAgo = new Date(Date.now() - 10 * 24 * 3600_000);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(tenDaysAgo);
    await h.sys.knex('booking_payments').where({ id: late.payment.id }).update({ paid_at: tenDaysAgo });
    const view = async (q: string) => (await api('GET', `/api/v1/finance?from=${day}&to=${today()}${q}`, undefined, accountant)).json;
    expect((await view('')).payoutMismatches).toContainEqual({ kind: 'not_paid_out', day, payoutId: null, lineId: null, bookingNumber: late.number, paymentId: late.payment.id, currency: 'THB', expectedMinor: 500_000, paidOutMinor: null });
    // Allowed 14 days, it is not late yet.
    expect((await view('&payoutWithinDays=14')).payoutMismatches.filter((m: any) => m.paymentId === late.payment.id)).toEqual([]);
    const refused = await api('GET', `/api/v1/finance?from=${day}&to=${today()}&payoutWithinDays=0`, undefined, accountant);
    expect(refused).toMatchObject({ status: 422, json: { error: { code: 'validation_failed' } } });
    const { payout } = await stripe.state.payOut();
    await until(async () => (await payoutRows(payout.id)).lines.length === 1);
    expect((await view('')).payoutMismatches.filter((m: any) => m.paymentId === late.payment.id)).toEqual([]);
  });
});

describe('the margin per booking', () => {
  it("is what was paid less refunds less the cost, from the booking's own cost or its service's per person", async () => {
    const booking = await paidBooking();
    const refund = await api('POST', `/api/v1/payments/${booking.payment.id}/refunds`, { amountMinor: 50_000 }, accountant);
    await until(async () => (await h.sys.knex('payment_refunds').where({ id: refund.json.id }).first())?.status === 'succeeded');
    await h.sys.knex('bookings').where({ id: booking.id }).update({ requested_date: today() });
    const marginOf = async () => (await finance()).margins.find((m: any) => m.bookingNumber === booking.number);
    expect(await marginOf()).toBeUndefined();

    // The service costs 800.00 a person; the booking is for two.
    const svc = await api('PATCH', '/api/v1/services/sushi_class', { costMinor: 80_000 });
    expect(svc).toMatchObject({ status: 200, json: { costMinor: 80_000 } });
    expect(await marginOf()).toEqual({ bookingNumber: booking.number, stage: 'confirmed', currency: 'THB', paidMinor: 500_000, refundedMinor: 50_000, costMinor: 160_000, costFrom: 'service', marginMinor: 290_000 });

    // This booking cost more: its own cost wins.
    const own = await api('PUT', `/api/v1/bookings/${booking.number}/cost`, { costMinor: 480_000 }, accountant);
    expect(own).toMatchObject({ status: 200, json: { number: booking.number, costMinor: 480_000 } });
    expect(await marginOf()).toMatchObject({ costMinor: 480_000, costFrom: 'booking', marginMinor: -30_000 });
    const csv = await (await fetch(`${h.sys.url}/api/v1/finance?from=${today()}&to=${today()}&format=csv&table=margins`, { headers: { authorization: `Bearer ${accountant}` } })).text();
    expect(csv).toContain(`${booking.number},confirmed,THB,500000,50000,480000,booking,-30000`);

    // Bad costs: refused on the field, nothing changed.
    for (const bad of [{ costMinor: -1 }, { costMinor: 12.5 }, { costMinor: '100' }, {}]) {
      const r = await api('PUT', `/api/v1/bookings/${booking.number}/cost`, bad, accountant);
      expect(r).toMatchObject({ status: 422, json: { error: { code: 'validation_failed' } } });
    }
    expect((await api('PUT', '/api/v1/bookings/B-404404/cost', { costMinor: 1 }, accountant)).status).toBe(404);
    const support = (await api('POST', '/api/v1/api-keys', { name: 'support', role: 'support' })).json.key;
    expect((await api('PUT', `/api/v1/bookings/${booking.number}/cost`, { costMinor: 0 }, support)).status).toBe(403);
    expect(Number((await h.sys.knex('bookings').where({ id: booking.id }).first()).cost_minor)).toBe(480_000);
    expect((await api('PATCH', '/api/v1/services/sushi_class', { costMinor: -5 })).status).toBe(422);
    expect(Number((await h.sys.knex('services').where({ org_id: orgId, key: 'sushi_class' }).first()).cost_minor)).toBe(80_000);

    // Forgotten: the service's cost counts again.
    await api('PUT', `/api/v1/bookings/${booking.number}/cost`, { costMinor: null }, accountant);
    expect(await marginOf()).toMatchObject({ costFrom: 'service', marginMinor: 290_000 });
  });
});
