import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STRIPE_SECRET_KEY, DEFAULT_STRIPE_WEBHOOK_SECRET, signStripeBody, startFakeStripeApi, type RunningFakeStripeApi, type StripeEvent } from '../dev/fakes/stripe-api.ts';
import { createStripeClient } from '../core/checkout/stripe-client.ts';
import { ApiKeyHasher, issueApiKey } from '../core/api-keys/api-key-service.ts';
import { loadOrCreateKeyFile } from '../core/crypto/key-file.ts';
import { reconcileWithStripe } from '../core/checkout/reconciliation.ts';
import { sendBalanceReminder, type BalanceReminderJob } from '../core/checkout/balance-reminders.ts';
import { localInstant } from '../core/bookings/booking-reminders.ts';
import { confirmBooking, loadBooking, proposeTime } from '../core/bookings/booking-desk.ts';
import { balance, trialBalance } from '../core/ledger/ledger.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { until, untilSettled } from './support/test-system.ts';
import { pricedBooking as pricedBookingOf, sendSlip as sendSlipOf } from './support/money.ts';
import { startWebhookReceiver } from './support/webhook-receiver.ts';

/**
 * Money end to end (docs/money.md): a priced booking, a payment link through the API (the real
 * `stripe` SDK against the fake Stripe API), Stripe's signed events into /webhooks/stripe, the
 * booking paid once, the ledger balanced and the customer told in LINE; and each bad input the
 * issue lists, with what was (not) stored.
 */
let h: LineCustomerHarness;
let stripe: RunningFakeStripeApi;
let api: ReturnType<typeof apiClient>;
let orgId: string;
/** The business's own system, receiving our signed outbound webhooks. */
let receiver: Awaited<ReturnType<typeof startWebhookReceiver<{ type: string; data: any }>>>;
/** The sales team's LINE group: where money to check is announced. */
const SALES_GROUP = `C${randomBytes(16).toString('hex')}`;
const groupSays = () => h.line.state.deliveries.filter((d) => d.to === SALES_GROUP).flatMap((d) => d.messages.map((m) => ('text' in m ? String(m.text) : JSON.stringify(m))));

beforeAll(async () => {
  stripe = await startFakeStripeApi();
  h = await startLineCustomerHarness({ STRIPE_SECRET_KEY: DEFAULT_STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: DEFAULT_STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE_URL: stripe.url });
  stripe.state.webhookUrl = `${h.sys.url}/webhooks/stripe`;
  api = apiClient(h.sys);
  orgId = h.sys.defaultOrgId;
  const channel = await h.sys.knex('channels').where({ org_id: orgId, kind: 'line' }).first();
  await h.sys.knex('staff_groups').insert({ org_id: orgId, channel_id: channel.id, line_group_id: SALES_GROUP, purpose: 'sales', name: 'Sales', is_active: true, language: 'en' });
  receiver = await startWebhookReceiver<{ type: string; data: any }>('/hooks');
  const endpoint = await api('POST', '/api/v1/webhook-endpoints', { url: receiver.url, events: ['payment.succeeded', 'payment.refunded'] });
  expect(endpoint.status).toBe(201);
}, 60_000);
afterAll(async () => {
  await receiver?.close();
  await h?.close();
  await stripe?.close();
});

const pricedBooking = () => pricedBookingOf(h);
const sendSlip = (userId: string) => sendSlipOf(h, userId);

const pushesTo = (userId: string) => h.line.state.deliveries.filter((d) => d.to === userId).flatMap((d) => d.messages.map((m) => ('text' in m ? String(m.text) : '')));
const paymentOf = (id: string) => h.sys.knex('booking_payments').where({ id }).first();
const eventsOf = async (bookingId: string, type: string) => h.sys.knex('booking_events').where({ booking_id: bookingId, type });

async function postToWebhook(event: StripeEvent, signature?: string) {
  const body = JSON.stringify(event, null, 2);
  const res = await fetch(`${h.sys.url}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature ?? signStripeBody(body, DEFAULT_STRIPE_WEBHOOK_SECRET) }, body });
  return { status: res.status, json: (await res.json()) as any };
}

const sessionOf = (paymentId: string) => [...stripe.state.sessions.values()].find((s) => (s.metadata as Record<string, string>).payment_id === paymentId)!;

describe('a priced booking paid through a Stripe payment link', () => {
  it('asks for the whole amount, is paid once from an event delivered twice, balances the ledger and tells the customer in LINE', async () => {
    const b = await pricedBooking();
    const clearingBefore = await balance(h.sys.knex, orgId, 'stripe_clearing', 'THB');
    const link = await api('POST', `/api/v1/bookings/${b.number}/payment-links`, {});
    expect(link.status).toBe(201);
    expect(link.json).toMatchObject({ payment: { status: 'pending', amountMinor: 500_000, currency: 'THB', part: 'full' }, amountDue: { totalMinor: 500_000, dueMinor: 500_000, basis: 'service_price' }, customerTold: true });
    // The SDK spoke Stripe's form encoding: the amount went as an integer of satang.
    const created = stripe.state.requests.find((r) => r.path === '/v1/checkout/sessions' && r.method === 'POST')!;
    expect(created.body).toMatchObject({ mode: 'payment', line_items: [{ price_data: { currency: 'thb', unit_amount: '500000' } }], allowed_payment_method_types: ['card', 'promptpay'] });
    expect(link.json.url).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);
    await until(async () => pushesTo(b.userId).some((t) => t.includes(link.json.url) && t.includes('5,000 THB')));

    const [completed] = await stripe.state.completeSession(sessionOf(link.json.payment.id).id as string);
    expect(stripe.state.deliveries.find((d) => d.eventId === completed.id)?.status).toBe(200);
    // Stripe delivers it again, as it does when it did not hear our answer.
    const again = await postToWebhook(completed);
    expect(again).toEqual({ status: 200, json: { received: true, duplicate: true } });

    await until(async () => (await paymentOf(link.json.payment.id))?.status === 'paid');
    await untilSettled(h.sys.knex);
    expect(await eventsOf(b.id, 'payment_confirmed')).toHaveLength(1);
    expect((await eventsOf(b.id, 'payment_confirmed'))[0].data).toMatchObject({ paymentId: link.json.payment.id, amountMinor: 500_000, currency: 'THB', method: 'card' });
    expect(Number((await h.sys.knex('ledger_postings').where({ kind: 'payment', source_id: link.json.payment.id }).count({ n: '*' }))[0].n)).toBe(1);
    expect(await balance(h.sys.knex, orgId, 'stripe_clearing', 'THB')).toBe(clearingBefore + 500_000);
    expect((await trialBalance(h.sys.knex, orgId)).balanced).toBe(true);
    await until(async () => pushesTo(b.userId).some((t) => t.includes('received your payment of 5,000 THB for booking ' + b.number)));
    expect(pushesTo(b.userId).filter((t) => t.includes('received your payment'))).toHaveLength(1);
    // The message carries the payment's receipt (core/documents/): its link opens the PDF, with its number and the amount.
    const told = pushesTo(b.userId).find((t) => t.includes('received your payment'))!;
    const receiptPath = told.match(/Your receipt: https:\/\/desk\.example(\/public\/v1\/documents\/[^\s]+\.pdf)/)![1];
    const receipt = await h.sys.knex('documents').where({ type: 'receipt', booking_id: b.id });
    expect(receipt).toHaveLength(1);
    const pdf = await fetch(h.sys.url + receiptPath);
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    const dir = mkdtempSync(join(tmpdir(), 'receipt-'));
    writeFileSync(join(dir, 'r.pdf'), Buffer.from(await pdf.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-']).toString();
    expect(text).toContain(receipt[0].number);
    expect(text).toContain('5,000.00');
    // The business's system hears of it once, signed, by the outbound webhooks.
    await until(async () => receiver.received.some((r) => r.type === 'payment.succeeded' && r.data.payment.bookingNumber === b.number));
    expect(receiver.received.filter((r) => r.type === 'payment.succeeded' && r.data.payment.bookingNumber === b.number)).toEqual([
      expect.objectContaining({ data: { payment: { id: link.json.payment.id, bookingNumber: b.number, amountMinor: 500_000, currency: 'THB', paidWith: 'card' } } }),
    ]);

    const doc = (await api('GET', '/api/v1/openapi.json')).json;
    for (const path of ['/api/v1/payments', '/api/v1/payments/{id}/refunds', '/api/v1/bookings/{number}/payment-links', '/api/v1/finance']) expect(doc.paths[path], path).toBeDefined();
    const shown = await api('GET', `/api/v1/payments?booking=${b.number}`);
    expect(shown.json.payments).toMatchObject([{ id: link.json.payment.id, status: 'paid', paidWith: 'card', amountMinor: 500_000, refundedMinor: 0, checkoutUrl: null }]);
    const paidInFull = await api('POST', `/api/v1/bookings/${b.number}/payment-links`, {});
    expect(paidInFull).toMatchObject({ status: 409, json: { error: { code: 'conflict', message: `Booking ${b.number} is paid in full` } } });

    // The service is delivered: the money held becomes revenue, once.
    const [held, earned] = [await balance(h.sys.knex, orgId, 'deposits_held', 'THB'), await balance(h.sys.knex, orgId, 'revenue', 'THB')];
    const { version } = await h.sys.knex('bookings').where({ id: b.id }).first('version');
    expect((await api('POST', `/api/v1/bookings/${b.number}/stage`, { to: 'completed', expectedVersion: version })).status).toBe(200);
    expect(await balance(h.sys.knex, orgId, 'revenue', 'THB')).toBe(earned + 500_000);
    expect(await balance(h.sys.knex, orgId, 'deposits_held', 'THB')).toBe(held - 500_000);
    // A refund after that gives back revenue.
    const refund = await api('POST', `/api/v1/payments/${link.json.payment.id}/refunds`, { amountMinor: 50_000 });
    expect(refund.status).toBe(201);
    await until(async () => (await h.sys.knex('payment_refunds').where({ id: refund.json.id }).first())?.status === 'succeeded');
    expect(await balance(h.sys.knex, orgId, 'refunds', 'THB')).toBeGreaterThanOrEqual(50_000);
    expect(await balance(h.sys.knex, orgId, 'deposits_held', 'THB')).toBe(held - 500_000);
    expect((await trialBalance(h.sys.knex, orgId)).balanced).toBe(true);
  });

  it('asks for a deposit when the org says so, then the balance', async () => {
    const refused = await api('PATCH', '/api/v1/org/settings', { paymentRule: { kind: 'deposit_percent', percent: 130 } });
    expect(refused).toMatchObject({ status: 422, json: { error: { code: 'validation_failed' } } });
    expect((await api('PATCH', '/api/v1/org/settings', { paymentRule: { kind: 'deposit_percent', percent: 30 } })).status).toBe(200);
    try {
      const b = await pricedBooking();
      const deposit = await api('POST', `/api/v1/bookings/${b.number}/payment-links`, {});
      expect(deposit.json.payment).toMatchObject({ part: 'deposit', amountMinor: 150_000 });
      await stripe.state.completeSession(sessionOf(deposit.json.payment.id).id as string, { method: 'promptpay' });
      await until(async () => (await paymentOf(deposit.json.payment.id))?.status === 'paid');
      const rest = await api('POST', `/api/v1/bookings/${b.number}/payment-links`, {});
      expect(rest.json).toMatchObject({ payment: { part: 'balance', amountMinor: 350_000 }, amountDue: { paidMinor: 150_000, dueMinor: 350_000 } });
      expect((await api('GET', `/api/v1/payments/${deposit.json.payment.id}`)).json.paidWith).toBe('promptpay');
    } finally {
      expect((await api('PATCH', '/api/v1/org/settings', { paymentRule: null })).json.paymentRule).toEqual({ kind: 'full' });
    }
  });
});

describe('a newer link replaces a pending one', () => {
  it('closes the old Checkout Session at Stripe, so the customer can pay only the new one', async () => {
    const b = await pricedBooking();
    const first = await api('POST', `/api/v1/bookings/${b.number}/payment-links`, {});
    const oldSession = sessionOf(first.json.payment.id).id as string;
    const second = await api('POST', `/api/v1/bookings/${b.number}/payment-links`, {});
    expect(second.status).toBe(201);
    expect(stripe.state.requests.some((r) => r.method === 'POST' && r.path === `/v1/checkout/sessions/${oldSession}/expire`)).toBe(true);
    expect(stripe.state.sessions.get(oldSession)?.status).toBe('expired');
    expect((await api('GET', `/api/v1/payments/${first.json.payment.id}`)).json.status).toBe('expired');
    expect((await paymentOf(second.json.payment.id)).status).toBe('pending');
    await expect(stripe.state.completeSession(oldSession)).rejects.toThrow(/cannot be paid/);
    await stripe.state.completeSession(sessionOf(second.json.payment.id).id as string);
    await until(async () => (await paymentOf(second.json.payment.id))?.status === 'paid');
    expect((await eventsOf(b.id, 'payment_confirmed')).map((e) => e.data.paymentId)).toEqual([second.json.payment.id]);
  });

  it('Stripe unreachable when closing the old one: the old link stays payable, and a late payment on it is applied', async () => {
    const b = await pricedBooking();
    const first = await api('POST', `/api/v1/bookings/${b.number}/payment-links`, {});
    const oldSession = sessionOf(first.json.payment.id).id as string;
    stripe.state.faults.add(`/v1/checkout/sessions/${oldSession}/expire`, { status: 503 }, 2);
    const second = await api('POST', `/api/v1/bookings/${b.number}/payment-links`, {});
    expect(second.status).toBe(201);
    expect(stripe.state.requests.filter((r) => r.path === `/v1/checkout/sessions/${oldSession}/expire`).map((r) => r.status)).toEqual([503, 503]);
    expect((await paymentOf(first.json.payment.id)).status).toBe('pending');
    await stripe.state.completeSession(oldSession);
    await until(async () => (await paymentOf(first.json.payment.id))?.status === 'paid');
    const after = await api('POST', `/api/v1/bookings/${b.number}/payment-links`, {});
    expect(after).toMatchObject({ status: 409, json: { error: { code: 'conflict', message: `Booking ${b.number} is paid in full` } } });
  });
});

describe('the reminder before a balance falls due', () => {
  const client = () => createStripeClient({ secretKey: DEFAULT_STRIPE_SECRET_KEY, apiBaseUrl: stripe.url })!;
  const remindNow = (job: BalanceReminderJob, withStripe = true) => sendBalanceReminder(h.sys.knex, withStripe ? client() : undefined, job, { baseUrl: h.sys.url! });
  const reminderJobs = (bookingId: string) => h.sys.knex('outbox').where({ queue: 'balance-reminders', job_name: 'balance-due' }).whereRaw(`payload->>'bookingId' = ?`, [bookingId]);
  const balanceTold = (userId: string) => pushesTo(userId).filter((t) => t.includes('still has a balance of'));
  /** A priced booking (5,000.00 THB, on 2027-03-10) whose 30% deposit the customer paid by card. */
  async function depositPaid(o: { date?: string } = {}) {
    const b = await pricedBooking();
    if (o.date) await h.sys.knex('bookings').where({ id: b.id }).update({ requested_date: o.date });
    const deposit = await api('POST', `/api/v1/bookings/${b.number}/payment-links`, {});
    expect(deposit.json.payment).toMatchObject({ part: 'deposit', amountMinor: 150_000 });
    await stripe.state.completeSession(sessionOf(deposit.json.payment.id).id as string);
    await until(async () => (await paymentOf(deposit.json.payment.id))?.status === 'paid');
    return b;
  }
  const withDepositRule = async (fn: () => Promise<void>) => {
    expect((await api('PATCH', '/api/v1/org/settings', { paymentRule: { kind: 'deposit_percent', percent: 30 } })).status).toBe(200);
    try {
      await fn();
    } finally {
      expect((await api('PATCH', '/api/v1/org/settings', { paymentRule: null, balanceReminderDays: null })).status).toBe(200);
    }
  };

  it('a deposit paid: the balance reminder comes 3 days before at 10:00, once, with a fresh link that closes the older one', () =>
    withDepositRule(async () => {
      const b = await depositPaid();
      const [job, ...more] = await reminderJobs(b.id);
      expect(more).toEqual([]);
      expect(job.payload).toEqual({ bookingId: b.id, date: '2027-03-10' });
      expect(new Date(job.available_at).toISOString()).toBe(localInstant('2027-03-07', 10, 'Asia/Bangkok').toISOString());
      expect(new Date(job.available_at).toISOString()).toBe('2027-03-07T03:00:00.000Z');
      // Staff sent a link for the balance meanwhile; the customer has not paid it.
      const manual = await api('POST', `/api/v1/bookings/${b.number}/payment-links`, {});
      expect(manual.json.payment).toMatchObject({ part: 'balance', amountMinor: 350_000 });

      // Its time comes: the real worker runs it.
      await h.sys.knex('outbox').where({ id: job.id }).update({ available_at: h.sys.knex.fn.now() });
      await until(async () => {
        await h.sys.queues.queue('balance-reminders').promoteJobs({ count: 1000 });
        return (await h.sys.knex('outbox').where({ id: job.id }).first()).status === 'done' || false;
      });
      const fresh = await h.sys.knex('booking_payments').where({ booking_id: b.id, status: 'pending' });
      expect(fresh).toHaveLength(1);
      expect(fresh[0]).toMatchObject({ part: 'balance', amount_minor: 350_000 });
      expect((await paymentOf(manual.json.payment.id)).status).toBe('expired');
      const told = await until(async () => (balanceTold(b.userId).length ? balanceTold(b.userId) : undefined));
      expect(told).toEqual([`A reminder: booking ${b.number} (Sushi cooking class) on Wed, 10 Mar 2027 still has a balance of 3,500 THB to pay.\nPay by card or PromptPay here: ${fresh[0].checkout_url}\nIf you have paid already, thank you, and please ignore this message.`]);
      // One message: not the plain link's as well.
      expect(pushesTo(b.userId).filter((t) => t.startsWith('Payment for booking'))).toHaveLength(2);
      expect(await remindNow(job.payload)).toBe(false);
      expect(await h.sys.knex('booking_payments').where({ booking_id: b.id, status: 'pending' })).toHaveLength(1);
      expect(balanceTold(b.userId)).toHaveLength(1);
    }));

  it('without Stripe the reminder asks for a transfer and its slip', () =>
    withDepositRule(async () => {
      const b = await depositPaid();
      const [job] = await reminderJobs(b.id);
      expect(await remindNow(job.payload, false)).toBe(true);
      expect(await remindNow(job.payload, false)).toBe(false);
      expect((await eventsOf(b.id, 'balance_reminder_due')).map((e) => e.data)).toEqual([{ date: '2027-03-10', amountMinor: 350_000, currency: 'THB' }]);
      await until(async () => balanceTold(b.userId).length > 0);
      expect(balanceTold(b.userId)).toEqual([`A reminder: booking ${b.number} (Sushi cooking class) on Wed, 10 Mar 2027 still has a balance of 3,500 THB to pay.\nOnce you have transferred it, send the slip in this chat.`]);
      expect(await h.sys.knex('booking_payments').where({ booking_id: b.id, status: 'pending' })).toEqual([]);
    }));

  it('not told: paid in full meanwhile, the booking closed or moved, or its date sooner than the reminder', () =>
    withDepositRule(async () => {
      // Paid in full before the reminder's time.
      const paid = await depositPaid();
      const [paidJob] = await reminderJobs(paid.id);
      const rest = await api('POST', `/api/v1/bookings/${paid.number}/payment-links`, {});
      await stripe.state.completeSession(sessionOf(rest.json.payment.id).id as string);
      await until(async () => (await paymentOf(rest.json.payment.id))?.status === 'paid');
      expect(await reminderJobs(paid.id)).toHaveLength(1);
      expect(await remindNow(paidJob.payload)).toBe(false);

      // Closed.
      const closed = await depositPaid();
      const [closedJob] = await reminderJobs(closed.id);
      await h.sys.knex('bookings').where({ id: closed.id }).update({ stage: 'cancelled' });
      expect(await remindNow(closedJob.payload)).toBe(false);

      // Moved to another date: the job of the old date sends nothing.
      const moved = await depositPaid();
      const [movedJob] = await reminderJobs(moved.id);
      await h.sys.knex('bookings').where({ id: moved.id }).update({ requested_date: '2027-04-01' });
      expect(await remindNow(movedJob.payload)).toBe(false);
      expect(await remindNow(movedJob.payload, false)).toBe(false);

      // Sooner than 3 days: none scheduled.
      const tomorrow = new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 10);
      const soon = await depositPaid({ date: tomorrow });
      expect(await reminderJobs(soon.id)).toEqual([]);

      for (const b of [paid, closed, moved, soon]) {
        expect(balanceTold(b.userId)).toEqual([]);
        expect(await eventsOf(b.id, 'balance_reminder_due')).toEqual([]);
        expect(await h.sys.knex('booking_payments').where({ booking_id: b.id, status: 'pending' })).toEqual([]);
      }
    }));

  it('follows a booking moved to a new date: a reminder for the new date, and the old date\'s sends nothing', () =>
    withDepositRule(async () => {
      const b = await depositPaid();
      const [oldJob] = await reminderJobs(b.id);
      // Staff propose another date and the customer agrees: the booking is confirmed on 2027-04-20.
      await h.sys.knex.transaction(async (trx) => {
        const view = (await loadBooking(trx, b.id))!;
        expect((await proposeTime(trx, view, { type: 'system', id: null }, { date: '2027-04-20', time: '10:00' })).ok).toBe(true);
        expect((await confirmBooking(trx, (await loadBooking(trx, b.id))!, { type: 'system', id: null })).ok).toBe(true);
      });
      const jobs = await reminderJobs(b.id);
      expect(jobs.map((j) => j.payload).sort((x, y) => x.date.localeCompare(y.date))).toEqual([
        { bookingId: b.id, date: '2027-03-10' },
        { bookingId: b.id, date: '2027-04-20' },
      ]);
      const newJob = jobs.find((j) => j.payload.date === '2027-04-20')!;
      expect(new Date(newJob.available_at).toISOString()).toBe(localInstant('2027-04-17', 10, 'Asia/Bangkok').toISOString());
      expect(await remindNow(oldJob.payload, false)).toBe(false);
      expect(await remindNow(newJob.payload, false)).toBe(true);
      expect((await eventsOf(b.id, 'balance_reminder_due')).map((e) => e.data)).toEqual([{ date: '2027-04-20', amountMinor: 350_000, currency: 'THB' }]);
      // Confirmed again on the same date: no second job.
      await h.sys.knex.transaction(async (trx) => {
        const view = (await loadBooking(trx, b.id))!;
        await proposeTime(trx, view, { type: 'system', id: null }, { date: '2027-04-20', time: '11:00' });
        await confirmBooking(trx, (await loadBooking(trx, b.id))!, { type: 'system', id: null });
      });
      expect(await reminderJobs(b.id)).toHaveLength(2);
    }));

  it('the org sets how many days before; a number of days out of range is refused and nothing changes', () =>
    withDepositRule(async () => {
      for (const days of [0, 61, 2.5, '3']) {
        const refused = await api('PATCH', '/api/v1/org/settings', { balanceReminderDays: days });
        expect(refused, String(days)).toMatchObject({ status: 422, json: { error: { code: 'validation_failed' } } });
      }
      expect((await api('GET', '/api/v1/org/settings')).json.balanceReminderDays).toBe(3);
      expect((await api('PATCH', '/api/v1/org/settings', { balanceReminderDays: 5 })).json.balanceReminderDays).toBe(5);
      const b = await depositPaid();
      const [job] = await reminderJobs(b.id);
      expect(new Date(job.available_at).toISOString()).toBe('2027-03-05T03:00:00.000Z');
    }));
});

describe('what is refused or flagged, and nothing lost', () => {
  it('a webhook with a bad signature: 400, nothing stored', async () => {
    const event = { id: `evt_${randomBytes(8).toString('hex')}`, object: 'event', type: 'checkout.session.completed', created: Math.floor(Date.now() / 1000), data: { object: { id: 'cs_x' } } } as unknown as StripeEvent;
    const body = JSON.stringify(event);
    const wrong = await postToWebhook(event, signStripeBody(body, 'whsec_another_secret'));
    expect(wrong.status).toBe(400);
    expect(wrong.json.error).toMatchObject({ code: 'malformed_body', message: expect.stringMatching(/Stripe-Signature does not match/) });
    const stale = await postToWebhook(event, signStripeBody(JSON.stringify(event, null, 2), DEFAULT_STRIPE_WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 3600));
    expect(stale.status).toBe(400);
    const unsigned = await fetch(`${h.sys.url}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    expect(await h.sys.knex('stripe_events').where({ id: event.id }).first()).toBeUndefined();
  });

  it('Stripe down when a link is asked for: 503, no payment recorded, the customer told nothing', async () => {
    const b = await pricedBooking();
    stripe.state.faults.add('/v1/checkout/sessions', { status: 500 }, 2);
    const res = await api('POST', `/api/v1/bookings/${b.number}/payment-links`, {});
    expect(res.status).toBe(503);
    expect(res.json.error).toMatchObject({ code: 'unavailable', message: 'Stripe could not be reached to open a payment link; nothing was changed, try again shortly' });
    expect(await h.sys.knex('booking_payments').where({ booking_id: b.id })).toEqual([]);
    expect(await eventsOf(b.id, 'payment_link_created')).toEqual([]);
  });

  it('an amount that does not match the session: recorded, flagged to staff, not applied', async () => {
    const b = await pricedBooking();
    const link = await api('POST', `/api/v1/bookings/${b.number}/payment-links`, {});
    await stripe.state.completeSession(sessionOf(link.json.payment.id).id as string, { amountTotal: 100 });
    await until(async () => (await paymentOf(link.json.payment.id))?.status === 'flagged');
    const flagged = await api('GET', `/api/v1/payments/${link.json.payment.id}`);
    expect(flagged.json).toMatchObject({ status: 'flagged', flag: 'amount_mismatch', amountMinor: 100, flagDetail: { expectedMinor: 500_000, receivedMinor: 100 } });
    expect(await eventsOf(b.id, 'payment_confirmed')).toEqual([]);
    expect((await eventsOf(b.id, 'payment_flagged'))[0].data).toMatchObject({ flag: 'amount_mismatch' });
    // Staff are told in the sales group, with the booking's card.
    await until(async () => groupSays().some((t) => t.includes(`${b.number}: 1.00 THB arrived and was not applied to the booking (the amount or currency is not what was asked)`)));
    // Still owed in full.
    const next = await api('POST', `/api/v1/bookings/${b.number}/payment-links`, {});
    expect(next.json.amountDue).toMatchObject({ paidMinor: 0, dueMinor: 500_000 });
  });

  it('a payment for a superseded quote: flagged, refundable, never applied to the new quote', async () => {
    const b = await pricedBooking();
    await h.sys.knex('bookings').where({ id: b.id }).update({ stage: 'contacted' });
    const validUntil = '2099-12-31';
    await api('POST', `/api/v1/bookings/${b.number}/quotes`, { lines: [{ description: 'Private class', quantity: 1, unitPrice: 3000 }], validUntil });
    await api('POST', `/api/v1/bookings/${b.number}/quotes/1/send`);
    const link = await api('POST', `/api/v1/bookings/${b.number}/payment-links`, {});
    expect(link.json).toMatchObject({ payment: { amountMinor: 300_000, quoteVersion: 1 }, amountDue: { basis: 'open_quote' } });
    await api('POST', `/api/v1/bookings/${b.number}/quotes`, { lines: [{ description: 'Private class, 3 people', quantity: 1, unitPrice: 4000 }], validUntil });
    expect((await api('POST', `/api/v1/bookings/${b.number}/quotes/2/send`)).status).toBe(200);
    await stripe.state.completeSession(sessionOf(link.json.payment.id).id as string);
    await until(async () => (await paymentOf(link.json.payment.id))?.status === 'flagged');
    expect((await api('GET', `/api/v1/payments/${link.json.payment.id}`)).json).toMatchObject({ flag: 'quote_superseded', flagDetail: { quoteVersion: 1 } });
    const next = await api('POST', `/api/v1/bookings/${b.number}/payment-links`, {});
    expect(next.json.amountDue).toMatchObject({ totalMinor: 400_000, paidMinor: 0, dueMinor: 400_000 });
    const refund = await api('POST', `/api/v1/payments/${link.json.payment.id}/refunds`, { reason: 'Paid the old quote' });
    expect(refund).toMatchObject({ status: 201, json: { amountMinor: 300_000, status: 'succeeded' } });
  });

  it('two refunds racing past the amount paid: one refused with 409, the ledger never below zero', async () => {
    const b = await pricedBooking();
    const link = await api('POST', `/api/v1/bookings/${b.number}/payment-links`, {});
    await stripe.state.completeSession(sessionOf(link.json.payment.id).id as string);
    await until(async () => (await paymentOf(link.json.payment.id))?.status === 'paid');
    const both = await Promise.all([300_000, 300_000].map((amountMinor) => api('POST', `/api/v1/payments/${link.json.payment.id}/refunds`, { amountMinor })));
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)!.json.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/more than is left to refund \(200000 of 500000 THB\)/) });
    await untilSettled(h.sys.knex);
    expect(Number((await paymentOf(link.json.payment.id)).refunded_minor)).toBe(300_000);
    const refunds = await h.sys.knex('payment_refunds').where({ payment_id: link.json.payment.id });
    expect(refunds.map((r) => [Number(r.amount_minor), r.status])).toEqual([[300_000, 'succeeded']]);
    expect(Number((await h.sys.knex('ledger_postings').where({ kind: 'refund', source_id: refunds[0].id }).count({ n: '*' }))[0].n)).toBe(1);
    expect((await trialBalance(h.sys.knex, orgId)).balanced).toBe(true);
    await until(async () => pushesTo(b.userId).some((t) => t.includes('refunded 3,000 THB')));
    await until(async () => receiver.received.some((r) => r.type === 'payment.refunded' && r.data.refund.id === refunds[0].id && r.data.refund.amountMinor === 300_000));

    // Stripe down when the next refund is asked for: 503; the amount stays reserved, pending, for its webhook or the reconciliation.
    stripe.state.faults.add('/v1/refunds', { status: 503 }, 2);
    const down = await api('POST', `/api/v1/payments/${link.json.payment.id}/refunds`, { amountMinor: 100_000 });
    expect(down).toMatchObject({ status: 503, json: { error: { code: 'unavailable', message: 'Stripe could not be reached to refund this payment; nothing was changed, try again shortly' } } });
    expect((await h.sys.knex('payment_refunds').where({ payment_id: link.json.payment.id, status: 'pending' })).map((r) => Number(r.amount_minor))).toEqual([100_000]);
    // Refused by Stripe (more than Stripe holds, as Stripe says it): failed, and the amount may be refunded again.
    stripe.state.faults.add('/v1/refunds', { status: 400, body: { error: { type: 'invalid_request_error', message: 'Refund amount is greater than unrefunded amount on charge' } } });
    const refusedByStripe = await api('POST', `/api/v1/payments/${link.json.payment.id}/refunds`, { amountMinor: 100_000 });
    expect(refusedByStripe).toMatchObject({ status: 502, json: { error: { code: 'bad_gateway' } } });
    expect(Number((await paymentOf(link.json.payment.id)).refunded_minor)).toBe(400_000);
  });

  it('events out of order: a refund before its payment is kept and applied when the payment arrives', async () => {
    const b = await pricedBooking();
    const link = await api('POST', `/api/v1/bookings/${b.number}/payment-links`, {});
    stripe.state.webhooksDown = true;
    try {
      const [completed] = await stripe.state.completeSession(sessionOf(link.json.payment.id).id as string);
      const refund = await stripe.state.refundOutside(String((completed.data.object as any).payment_intent), 200_000);
      expect((await postToWebhook(refund)).status).toBe(200);
      await until(async () => (await h.sys.knex('stripe_events').where({ id: refund.id }).first())?.status === 'waiting');
      expect(await h.sys.knex('payment_refunds').where({ payment_id: link.json.payment.id })).toEqual([]);
      expect((await postToWebhook(completed)).status).toBe(200);
      await until(async () => (await h.sys.knex('stripe_events').where({ id: refund.id }).first())?.status === 'applied');
      const p = await paymentOf(link.json.payment.id);
      expect([p.status, Number(p.refunded_minor)]).toEqual(['paid', 200_000]);
      expect(await eventsOf(b.id, 'payment_refunded')).toHaveLength(1);
    } finally {
      stripe.state.webhooksDown = false;
    }
  });

  it('webhooks down for an hour: the reconciliation reads Stripe\'s events and applies the missed ones once', async () => {
    const b = await pricedBooking();
    const link = await api('POST', `/api/v1/bookings/${b.number}/payment-links`, {});
    stripe.state.webhooksDown = true;
    try {
      await stripe.state.completeSession(sessionOf(link.json.payment.id).id as string);
    } finally {
      stripe.state.webhooksDown = false;
    }
    expect((await paymentOf(link.json.payment.id)).status).toBe('pending');
    const client = createStripeClient({ secretKey: DEFAULT_STRIPE_SECRET_KEY, apiBaseUrl: stripe.url })!;
    const first = await reconcileWithStripe(h.sys.knex, client);
    expect(first.stored).toBeGreaterThanOrEqual(2);
    await until(async () => (await paymentOf(link.json.payment.id))?.status === 'paid');
    const second = await reconcileWithStripe(h.sys.knex, client);
    expect(second).toMatchObject({ listed: first.listed, stored: 0 });
    await untilSettled(h.sys.knex);
    expect(await eventsOf(b.id, 'payment_confirmed')).toHaveLength(1);
    expect(stripe.state.requests.some((r) => r.path === '/v1/events' && r.query['created[gte]'])).toBe(true);
  });
});

describe('bank-transfer slips', () => {
  it('a picture from a customer who owes money lands on the booking; staff confirm it once; the customer is told', async () => {
    const b = await pricedBooking();
    const bankBefore = await balance(h.sys.knex, orgId, 'bank', 'THB');
    expect(await sendSlip(b.userId)).toContain(`transfer slip for booking ${b.number}`);
    const slip = await until(() => h.sys.knex('booking_payments').where({ booking_id: b.id, method: 'transfer' }).first());
    expect([slip.status, Number(slip.amount_minor), slip.slip_message_id !== null]).toEqual(['pending', 500_000, true]);
    expect(await eventsOf(b.id, 'slip_received')).toHaveLength(1);
    await until(async () => groupSays().some((t) => t.includes(`sent a transfer slip for ${b.number} (5,000.00 THB). Check it and confirm.`)));
    const confirmed = await api('POST', `/api/v1/payments/${slip.id}/confirm`, {});
    expect(confirmed).toMatchObject({ status: 200, json: { status: 'paid', paidWith: 'transfer', amountMinor: 500_000 } });
    const twice = await api('POST', `/api/v1/payments/${slip.id}/confirm`, {});
    expect(twice).toMatchObject({ status: 409, json: { error: { code: 'conflict', message: 'This slip was confirmed already' } } });
    expect(await eventsOf(b.id, 'payment_confirmed')).toHaveLength(1);
    expect(await balance(h.sys.knex, orgId, 'bank', 'THB')).toBe(bankBefore + 500_000);
    await until(async () => pushesTo(b.userId).some((t) => t.includes(`received your payment of 5,000 THB for booking ${b.number}`)));
    // Paid in full: the next picture is only a picture.
    expect(await sendSlip(b.userId)).not.toContain('transfer slip');
  });

  it('a slip staff reject is not paid, and cannot be confirmed after', async () => {
    const b = await pricedBooking();
    await sendSlip(b.userId);
    const slip = await until(() => h.sys.knex('booking_payments').where({ booking_id: b.id, method: 'transfer' }).first());
    const noReason = await api('POST', `/api/v1/payments/${slip.id}/reject`, {});
    expect(noReason.status).toBe(422);
    const rejected = await api('POST', `/api/v1/payments/${slip.id}/reject`, { reason: 'Not a transfer slip' });
    expect(rejected).toMatchObject({ status: 200, json: { status: 'rejected' } });
    expect((await api('POST', `/api/v1/payments/${slip.id}/confirm`, {})).status).toBe(409);
    expect(await eventsOf(b.id, 'payment_confirmed')).toEqual([]);
    expect((await eventsOf(b.id, 'slip_rejected'))[0].data).toMatchObject({ reason: 'Not a transfer slip' });
  });
});

describe('another business', () => {
  it("sees none of this org's payments: each is answered as one that does not exist, and nothing changes", async () => {
    const [other] = await h.sys.knex('orgs').insert({ slug: `other-${randomBytes(3).toString('hex')}`, name: 'Other shop', time_zone: 'Asia/Bangkok' }).returning('id');
    const theirs = (await issueApiKey(h.sys.knex, new ApiKeyHasher(loadOrCreateKeyFile(h.sys.dataDir)), { orgId: other.id, name: 'their admin', role: 'admin' })).key;
    const paid = await h.sys.knex('booking_payments').where({ org_id: orgId, status: 'paid' }).first();
    const pending = await h.sys.knex('booking_payments').where({ org_id: orgId, status: 'pending', method: 'stripe' }).first();
    const booking = await h.sys.knex('bookings').where({ id: paid.booking_id }).first();
    const before = await h.sys.knex('booking_payments').orderBy('id');
    for (const [method, path, body] of [
      ['GET', `/api/v1/payments/${paid.id}`, undefined],
      ['POST', `/api/v1/payments/${paid.id}/refunds`, { amountMinor: 1 }],
      ['POST', `/api/v1/payments/${pending.id}/confirm`, {}],
      ['POST', `/api/v1/payments/${pending.id}/reject`, { reason: 'not yours' }],
      ['POST', `/api/v1/bookings/${booking.number}/payment-links`, {}],
    ] as const) {
      const res = await api(method, path, body, theirs);
      expect([path, res.status, res.json.error.code]).toEqual([path, 404, 'not_found']);
    }
    expect((await api('GET', '/api/v1/payments', undefined, theirs)).json.payments).toEqual([]);
    expect(await h.sys.knex('booking_payments').orderBy('id')).toEqual(before);
  });
});

describe('the finance view', () => {
  it('shows the accountant cash in by day and method, refunds and what is still owed, as JSON and CSV; support may not', async () => {
    const accountant = (await api('POST', '/api/v1/api-keys', { name: 'accountant', role: 'accountant' })).json.key;
    const support = (await api('POST', '/api/v1/api-keys', { name: 'support', role: 'support' })).json.key;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(new Date());
    const view = await api('GET', `/api/v1/finance?from=${today}&to=${today}`, undefined, accountant);
    expect(view.status).toBe(200);
    const paid = await h.sys.knex('booking_payments').where({ status: 'paid' });
    const card = view.json.cashIn.find((r: any) => r.method === 'card' && !r.flagged);
    expect(card.amountMinor).toBe(paid.filter((p) => p.method_detail === 'card').reduce((s, p) => s + Number(p.amount_minor), 0));
    expect(view.json.cashIn.some((r: any) => r.method === 'promptpay' && r.amountMinor === 150_000)).toBe(true);
    expect(view.json.cashIn.some((r: any) => r.flagged && r.amountMinor >= 100)).toBe(true);
    const refunded = await h.sys.knex('payment_refunds').where({ status: 'succeeded' });
    expect(view.json.refunds.reduce((s: number, r: any) => s + r.amountMinor, 0)).toBe(refunded.reduce((s, r) => s + Number(r.amount_minor), 0));
    // The deposit booking still owes its balance.
    expect(view.json.outstanding).toContainEqual(expect.objectContaining({ paidMinor: 150_000, dueMinor: 350_000 }));
    const csv = await fetch(`${h.sys.url}/api/v1/finance?from=${today}&to=${today}&format=csv&table=cash_in`, { headers: { authorization: `Bearer ${accountant}` } });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await csv.text();
    expect(text.split('\n')[0]).toMatch(/day.*method.*currency.*flagged.*payments.*amountMinor/);
    expect(text).toContain(`${today},promptpay,THB,false,1,150000`);
    const refused = await api('GET', `/api/v1/finance?from=${today}&to=${today}`, undefined, support);
    expect(refused.status).toBe(403);
    const backwards = await api('GET', `/api/v1/finance?from=${today}&to=2020-01-01`, undefined, accountant);
    expect(backwards).toMatchObject({ status: 422, json: { error: { code: 'validation_failed' } } });
  });
});
