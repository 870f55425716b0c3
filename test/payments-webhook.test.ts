import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_CREDIT_JOB, paymentPlatformEventId } from '../core/payments/payment-events.ts';
import { signBody } from '../core/http/body-signature.ts';
import { startTestSystem, until, type TestSystem } from './support/test-system.ts';

/**
 * Payment events end to end: signed webhooks into the running system, stored once, processed by
 * its workers, and one Critical "top-up not credited" case per order that is not credited in time.
 */
const SECRET = 'payments-webhook-secret-for-tests';
let sys: TestSystem;
let base: string;

beforeAll(async () => {
  sys = await startTestSystem({ env: { PAYMENTS_WEBHOOK_SECRET: SECRET, DEV_SIMULATOR: 'off' } });
  // A one-minute credit window: events that "occurred" minutes ago are due at once.
  await sys.knex('orgs').where({ id: sys.defaultOrgId }).update({ settings: sys.knex.raw(`settings || '{"topupCreditWindowMinutes": 1}'::jsonb`) });
  base = sys.url!;
}, 60_000);
afterAll(() => sys?.stopAll());

const nowSeconds = () => Math.floor(Date.now() / 1000);
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const newId = (p = 'evt') => `${p}_${randomBytes(6).toString('hex')}`;

function event(fields: Record<string, unknown> = {}) {
  return { id: newId(), type: 'payment.succeeded', occurredAt: new Date().toISOString(), orderId: newId('TP'), amount: 500, currency: 'THB', provider: 'promptpay', ...fields };
}

async function post(body: string, opts: { secret?: string; timestamp?: number; signature?: string | null; timestampHeader?: string | null } = {}) {
  const ts = opts.timestamp ?? nowSeconds();
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.timestampHeader !== null) headers['x-opsdesk-timestamp'] = opts.timestampHeader ?? String(ts);
  if (opts.signature !== null) headers['x-opsdesk-signature'] = opts.signature ?? signBody(body, opts.secret ?? SECRET, ts);
  const res = await fetch(`${base}/webhooks/payments`, { method: 'POST', headers, body });
  return { status: res.status, json: (await res.json().catch(() => undefined)) as any };
}
const send = (e: Record<string, unknown>) => post(JSON.stringify(e));

/** Payment events and the work queued for them. */
const stored = async () => ({
  events: Number((await sys.knex('inbound_events').whereNull('channel_id').count({ n: '*' }))[0].n),
  jobs: Number((await sys.knex('outbox').where({ queue: 'payments' }).count({ n: '*' }))[0].n),
});
const processed = (eventId: string) =>
  until(async () => (await sys.knex('inbound_events').where({ platform_event_id: paymentPlatformEventId(eventId) }).whereNotNull('processed_at').first()) ?? false);
const casesOf = (orderId: string) =>
  sys
    .knex('cases as c')
    .join('case_orders as co', 'co.case_id', 'c.id')
    .join('case_types as ct', 'ct.id', 'c.case_type_id')
    .where({ 'co.order_id': orderId })
    .select('c.id', 'c.severity', 'c.source', 'c.contact_id', 'c.summary', 'c.first_response_due_at', 'c.created_at', 'ct.key as case_type', 'co.amount', 'co.currency');
const caseFor = (orderId: string) => until(async () => (await casesOf(orderId))[0] ?? false);
/** Waits until every credit check of the order has run. */
async function checksDone(orderId: string) {
  const payment = await until(async () => (await sys.knex('payments').where({ order_id: orderId }).first()) ?? false);
  // A delayed job behind a busy machine (two heavy test files at once on two cores) can take a while.
  await until(async () => {
    const rows = await sys.knex('outbox').where({ queue: 'payments', job_name: CHECK_CREDIT_JOB }).whereRaw(`payload->>'paymentId' = ?`, [payment.id]);
    return rows.length > 0 && rows.every((r) => r.status === 'done');
  }, 40_000);
}

describe('the payments webhook refuses what it cannot trust, and stores nothing', () => {
  const body = () => JSON.stringify(event());
  it.each([
    ['a wrong secret', () => post(body(), { secret: 'another-secret' })],
    ['no signature', () => post(body(), { signature: null })],
    ['no timestamp', () => post(body(), { timestampHeader: null })],
    ['a signature of another body', () => { const b = body(); return post(b, { signature: signBody(b + ' ', SECRET, nowSeconds()) }); }],
    ['a signature over another timestamp', () => { const b = body(); return post(b, { signature: signBody(b, SECRET, nowSeconds() - 1) }); }],
    ['a signature without its v1= scheme', () => { const b = body(); return post(b, { signature: signBody(b, SECRET, nowSeconds()).slice(3) }); }],
    ['a timestamp that is not a number', () => post(body(), { timestampHeader: 'yesterday' })],
  ])('%s: 401', async (_name, attempt) => {
    const before = await stored();
    const res = await attempt();
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('unauthenticated');
    expect(await stored()).toEqual(before);
  });

  it.each([
    ['six minutes old', -360],
    ['six minutes ahead', +360],
  ])('a correctly signed request with a timestamp %s: 401, saying why', async (_name, offset) => {
    const before = await stored();
    const res = await post(body(), { timestamp: nowSeconds() + offset });
    expect(res.status).toBe(401);
    expect(res.json.error.message).toMatch(/X-Opsdesk-Timestamp is 3\d\d s in the (past|future).*replay/);
    expect(await stored()).toEqual(before);
  });

  it('a signed body that is not JSON: 400', async () => {
    const before = await stored();
    const res = await post('{"id": "evt_1", "type": ');
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('malformed_body');
    expect(await stored()).toEqual(before);
  });

  it('signed JSON that is not an event: 422 naming the fields', async () => {
    const before = await stored();
    const res = await send({ id: 'evt_x', type: 'payment.refunded', occurredAt: 'yesterday', amount: '500', customer: { phone: 812345678 } });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('validation_failed');
    const paths = res.json.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['amount', 'customer.phone', 'occurredAt', 'orderId', 'type']);
    for (const notAnObject of ['[]', '"payment.succeeded"', '']) {
      expect((await post(notAnObject)).status).toBe(notAnObject === '' ? 400 : 422);
    }
    expect(await stored()).toEqual(before);
  });

  it('without PAYMENTS_WEBHOOK_SECRET: 503, saying so', async () => {
    const before = await stored();
    // An api on the same database, started without the secret.
    const bare = await startTestSystem({ db: sys.db, roles: ['api'], env: { DEV_SIMULATOR: 'off' } });
    const saved = base;
    base = bare.url!;
    try {
      const res = await send(event());
      expect(res.status).toBe(503);
      expect(res.json.error.message).toMatch(/PAYMENTS_WEBHOOK_SECRET/);
    } finally {
      base = saved;
      await bare.stop();
    }
    expect(await stored()).toEqual(before);
  });
});

describe('a payment event is stored once', () => {
  it('the same event twice, and the same body signed again later: 200, nothing new', async () => {
    const e = event({ type: 'topup.credited' });
    const before = await stored();
    const first = await send(e);
    expect(first).toEqual({ status: 200, json: { received: true, duplicate: false } });
    expect(await stored()).toEqual({ events: before.events + 1, jobs: before.jobs + 1 });
    const again = await send(e);
    expect(again).toEqual({ status: 200, json: { received: true, duplicate: true } });
    const later = await post(JSON.stringify(e), { timestamp: nowSeconds() + 120 });
    expect(later.status).toBe(200);
    const atOnce = await Promise.all([send(e), send(e), send(e)]);
    expect(atOnce.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await stored()).toEqual({ events: before.events + 1, jobs: before.jobs + 1 });
    const row = await sys.knex('inbound_events').where({ platform_event_id: paymentPlatformEventId(e.id) }).first();
    expect(row).toMatchObject({ org_id: sys.defaultOrgId, channel_id: null, event_type: 'topup.credited', payload: e });
  });
});

describe('top-up not credited', () => {
  it('a succeeded payment with no credit within the window opens exactly one Critical case with the order and amount', async () => {
    const contact = (await sys.knex('contacts').insert({ org_id: sys.defaultOrgId, display_name: 'Somchai', phone: '+66812345678', external_ref: 'member-1234' }).returning('id'))[0].id;
    const e = event({ occurredAt: minutesAgo(2), amount: 1250.5, customer: { externalRef: 'member-1234' } });
    expect((await send(e)).status).toBe(200);
    // The same order reported again under another event id opens nothing more.
    await send({ ...e, id: newId() });
    const c = await caseFor(e.orderId);
    await checksDone(e.orderId);
    const cases = await casesOf(e.orderId);
    expect(cases).toHaveLength(1);
    expect(c).toMatchObject({ case_type: 'topup_not_credited', severity: 'critical', source: 'system', contact_id: contact, currency: 'THB' });
    expect(Number(c.amount)).toBe(1250.5);
    expect(c.summary).toContain(e.orderId);
    expect(new Date(c.first_response_due_at).getTime() - new Date(c.created_at).getTime()).toBeLessThanOrEqual(15 * 60_000 + 1000);

    const events = await sys.knex('case_events').where({ case_id: c.id }).orderBy('id');
    const alert = events.find((x) => x.type === 'alert_requested');
    expect(alert).toMatchObject({ is_public: false, actor_type: 'system', data: { reason: 'not_credited', severity: 'critical', orderId: e.orderId, amount: 1250.5, username: 'member-1234' } });
    expect(await sys.knex('payments').where({ order_id: e.orderId }).first()).toMatchObject({ status: 'succeeded', case_id: c.id, contact_id: contact });

    // A late credit goes on the case's timeline; it opens nothing.
    const credited = event({ type: 'topup.credited', orderId: e.orderId, amount: 1250.5 });
    await send(credited);
    await processed(credited.id);
    expect(await casesOf(e.orderId)).toHaveLength(1);
    const late = await sys.knex('case_events').where({ case_id: c.id, type: 'payment_event' });
    expect(late.map((x) => x.data.type)).toContain('topup.credited');
  });

  it('a payment credited within the window opens none', { timeout: 60_000 }, async () => {
    // Due eight seconds from now: the credit arrives before the check runs. The payment is
    // processed first, so that its check is scheduled (a credit processed first schedules none).
    const e = event({ occurredAt: new Date(Date.now() - 52_000).toISOString() });
    await send(e);
    await processed(e.id);
    await send(event({ type: 'topup.credited', orderId: e.orderId, occurredAt: new Date().toISOString() }));
    await checksDone(e.orderId);
    expect(await casesOf(e.orderId)).toHaveLength(0);
    expect(await sys.knex('payments').where({ order_id: e.orderId }).first()).toMatchObject({ status: 'credited', case_id: null });
  });

  it('a credit that arrives before its payment event opens none', async () => {
    const orderId = newId('TP');
    const credited = event({ type: 'topup.credited', orderId, occurredAt: minutesAgo(2) });
    await send(credited);
    await processed(credited.id);
    const paid = event({ orderId, occurredAt: minutesAgo(3) });
    await send(paid);
    await processed(paid.id);
    expect(await sys.knex('outbox').where({ job_name: CHECK_CREDIT_JOB }).whereRaw(`payload->>'paymentId' = (SELECT id::text FROM payments WHERE order_id = ?)`, [orderId])).toHaveLength(0);
    expect(await casesOf(orderId)).toHaveLength(0);
  });

  it('a failed payment opens one case at once, linked to the customer by phone', async () => {
    const contact = (await sys.knex('contacts').insert({ org_id: sys.defaultOrgId, display_name: 'Malee', phone: '+66898765432', language: 'en' }).returning('id'))[0].id;
    const e = event({ type: 'payment.failed', amount: 300, reason: 'bank declined', customer: { phone: '089-876-5432' } });
    await send(e);
    const c = await caseFor(e.orderId);
    expect(c).toMatchObject({ case_type: 'topup_not_credited', severity: 'critical', contact_id: contact });
    expect(c.summary).toMatch(/^Top-up not credited: payment failed/);
    await send({ ...e, id: newId(), type: 'payment.webhook_timeout' });
    await until(async () => (await sys.knex('case_events').where({ case_id: c.id, type: 'payment_event' }).first()) ?? false);
    expect(await casesOf(e.orderId)).toHaveLength(1);
    expect(await sys.knex('case_events').where({ case_id: c.id, type: 'alert_requested' })).toHaveLength(1);
  });

  it('a gateway webhook timeout opens one case at once, without a contact when the customer is unknown', async () => {
    const e = event({ type: 'payment.webhook_timeout', customer: { lineUserId: 'U' + 'f'.repeat(32) } });
    await send(e);
    const c = await caseFor(e.orderId);
    expect(c).toMatchObject({ case_type: 'topup_not_credited', severity: 'critical', contact_id: null });
    expect(c.summary).toContain('เติมเงินไม่เข้า');
  });

  it('a top-up pending for longer than the window opens one case', async () => {
    const e = event({ type: 'topup.pending', occurredAt: minutesAgo(2) });
    await send(e);
    const c = await caseFor(e.orderId);
    await checksDone(e.orderId);
    expect(await casesOf(e.orderId)).toHaveLength(1);
    const alert = await sys.knex('case_events').where({ case_id: c.id, type: 'alert_requested' }).first();
    expect(alert.data.reason).toBe('pending_too_long');
  });

  it('a customer who reported the order in chat first keeps their case: the payment joins it', async () => {
    const orderId = newId('TP');
    const { openCase } = await import('../core/cases/open-case.ts');
    const reported = await sys.knex.transaction((trx) =>
      openCase(trx, { orgId: sys.defaultOrgId, caseTypeKey: 'topup_not_credited', contactId: null, conversationId: null, sourceMessageId: null, source: 'line', summary: 'เติมเงินแล้วไม่เข้า', language: 'th', fields: { orderIds: [orderId] } }),
    );
    const e = event({ type: 'payment.failed', orderId });
    await send(e);
    await processed(e.id);
    const cases = await casesOf(orderId);
    expect(cases.map((c) => c.id)).toEqual([reported.id]);
    expect(await sys.knex('payments').where({ order_id: orderId }).first()).toMatchObject({ case_id: reported.id });
    expect(await sys.knex('case_events').where({ case_id: reported.id }).whereIn('type', ['payment_issue_detected', 'alert_requested']).orderBy('id').pluck('type')).toEqual(['payment_issue_detected', 'alert_requested']);
  });
});
