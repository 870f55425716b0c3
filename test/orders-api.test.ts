import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { signBody } from '../core/http/body-signature.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { configureGroup, sentTo, waitForMessageTo } from './support/staff-desk.ts';
import { startTestSystem, untilSettled } from './support/test-system.ts';

/**
 * The orders API end to end: the business's main system, with an integration key and bodies signed
 * with ORDERS_API_SECRET, creates and updates orders; a change lands on the timeline of each case
 * naming the order and in the audit log; failed orders flag (and, if the org allows, pause) their
 * provider and tell the managers. Every refusal shows the answer and that nothing was stored or
 * changed: the orders, the links, the case timelines, the audit log, the provider timelines.
 */
const SECRET = 'orders-api-secret-for-tests-0123';
// Shared with the second api of the 503 test, so that the integration key is valid there too.
const APP_ENCRYPTION_KEY = randomBytes(32).toString('hex');
let h: LineCustomerHarness;
let api: ReturnType<typeof apiClient>;
let managersGroup: string;
let supportGroup: string;
const keys: Record<string, string> = {};
const nowSeconds = () => Math.floor(Date.now() / 1000);
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const newNumber = () => `ORD-${randomBytes(5).toString('hex').toUpperCase()}`;

beforeAll(async () => {
  h = await startLineCustomerHarness({ ORDERS_API_SECRET: SECRET, APP_ENCRYPTION_KEY });
  api = apiClient(h.sys);
  for (const role of ['integration', 'support']) {
    const res = await api('POST', '/api/v1/api-keys', { name: `orders ${role}`, role });
    keys[role] = res.json.key;
  }
  ({ groupId: managersGroup } = await configureGroup(h, lineId('C'), { purpose: 'managers', language: 'en' }));
  ({ groupId: supportGroup } = await configureGroup(h, lineId('C'), { purpose: 'support', routing: { caseTypes: ['order_not_delivered'] }, language: 'th' }));
}, 60_000);
afterAll(() => h?.close());

/** A signed request to the orders API, as the main system sends it; `sign` changes how. */
async function send(
  method: 'PUT' | 'POST',
  path: string,
  body: unknown,
  o: { key?: string; secret?: string; timestamp?: number; signature?: string | null; raw?: string } = {},
) {
  const raw = o.raw ?? JSON.stringify(body);
  const ts = o.timestamp ?? nowSeconds();
  const headers: Record<string, string> = { authorization: `Bearer ${o.key ?? keys.integration}`, 'content-type': 'application/json', 'x-opsdesk-timestamp': String(ts) };
  if (o.signature !== null) headers['x-opsdesk-signature'] = o.signature ?? signBody(raw, o.secret ?? SECRET, ts);
  const res = await fetch(`${h.sys.url}${path}`, { method, headers, body: raw });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}
const put = (number: string, body: Record<string, unknown>, o?: Parameters<typeof send>[3]) => send('PUT', `/api/v1/orders/${encodeURIComponent(number)}`, body, o);
const batch = (orders: Record<string, unknown>[], o?: Parameters<typeof send>[3]) => send('POST', '/api/v1/orders', { orders }, o);

const paid = (fields: Record<string, unknown> = {}) => ({ amountMinor: 129_900, currency: 'THB', status: 'paid', provider: 'flash_express', updatedAt: minutesAgo(10), ...fields });

/** Everything a refused or ignored request must leave as it was. */
async function stored() {
  const k = h.sys.knex;
  const n = async (table: string) => Number((await k(table).count<{ c: string }[]>('* as c'))[0].c);
  return {
    orders: await k('orders').select('*').orderBy('number'),
    caseOrders: await n('case_orders'),
    caseEvents: await n('case_events'),
    audit: await n('audit_log'),
    providerEvents: await n('provider_events'),
  };
}

/** Runs a refused request's checks, then checks that it left everything as it was. */
async function leavesAllAsItWas(refused: () => Promise<void>) {
  const before = await stored();
  await refused();
  expect(await stored()).toEqual(before);
}

/** A case opened through POST /api/v1/cases for a phone number (the way a ticket opens one). */
async function caseFor(fields: Record<string, unknown> = {}) {
  const res = await fetch(`${h.sys.url}/api/v1/cases`, {
    method: 'POST',
    headers: { authorization: `Bearer ${keys.integration}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ source: 'ticket', caseType: 'order_not_delivered', summary: 'Parcel not delivered', phone: `08${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, fields }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { number: string }).number;
}
const timelineOf = async (number: string) => (await api('GET', `/api/v1/cases/${number}`)).json.timeline as { type: string; actorType: string; data: any }[];

describe('the main system creates and updates orders', () => {
  it('an order linked to a case opened for a phone number: its changes on the case timeline, on the case, in the audit log', async () => {
    const caseNumber = await caseFor();
    const number = newNumber();

    const created = await put(number, paid({ caseNumber, version: 1 }));
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({
      outcome: 'created',
      order: { number, amountMinor: 129_900, currency: 'THB', status: 'paid', provider: 'flash_express', refundStatus: 'none', refundAmountMinor: null, version: 1, cases: [caseNumber] },
    });
    const linked = (await timelineOf(caseNumber)).filter((e) => e.type === 'order_linked');
    expect(linked).toEqual([expect.objectContaining({ actorType: 'api_key', data: { order: expect.objectContaining({ number, status: 'paid', amountMinor: 129_900 }) } })]);

    // The main system refunds it: a newer version with the refund.
    const refunded = await put(number, paid({ status: 'refunded', refundStatus: 'refunded', refundAmountMinor: 129_900, version: 2, updatedAt: minutesAgo(2) }));
    expect(refunded.json).toMatchObject({ outcome: 'updated', order: { status: 'refunded', refundStatus: 'refunded', refundAmountMinor: 129_900, version: 2 } });
    const updates = (await timelineOf(caseNumber)).filter((e) => e.type === 'order_updated');
    expect(updates).toHaveLength(1);
    expect(updates[0].data).toMatchObject({
      number,
      first: false,
      version: 2,
      changes: { status: { from: 'paid', to: 'refunded' }, refundStatus: { from: 'none', to: 'refunded' }, refundAmountMinor: { from: null, to: 129_900 } },
    });
    expect(Object.keys(updates[0].data.changes).sort()).toEqual(['refundAmountMinor', 'refundStatus', 'status']);

    // The case shows the order as the main system reports it, beside what the customer said.
    const detail = (await api('GET', `/api/v1/cases/${caseNumber}`)).json;
    expect(detail.orderIds).toContain(number);
    expect(detail.orders.find((o: { number: string }) => o.number === number)).toMatchObject({ synced: { status: 'refunded', amountMinor: 129_900, refundStatus: 'refunded', provider: 'flash_express' } });

    // The audit log lists both changes, by the integration key, with what changed.
    const audit = (await api('GET', '/api/v1/audit?entity=order&action=order.*')).json.items.filter((e: { entityName: { en: string } | null }) => e.entityName?.en === number);
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['order.updated', 'order.created']);
    expect(audit[0]).toMatchObject({ actorType: 'api_key', actorName: 'orders integration', details: { changes: { status: { from: 'paid', to: 'refunded' } } } });
    expect(audit[1].details).toMatchObject({ linkedTo: caseNumber });

    expect((await api('GET', `/api/v1/orders/${number}`, undefined, keys.support)).json).toMatchObject({ number, status: 'refunded', cases: [caseNumber] });
  });

  it('an order the customer named before the main system sent it: its first facts go on that case', async () => {
    const number = newNumber();
    const caseNumber = await caseFor({ orderIds: [number] });
    const res = await put(number, paid({ status: 'processing' }));
    expect(res.json).toMatchObject({ outcome: 'created', order: { cases: [caseNumber] } });
    const [first] = (await timelineOf(caseNumber)).filter((e) => e.type === 'order_updated');
    expect(first.data).toMatchObject({ number, first: true, changes: { status: { from: null, to: 'processing' }, amountMinor: { from: null, to: 129_900 }, provider: { from: null, to: 'flash_express' } } });
  });

  it('a case opened for an order the main system sent before: its card shows the order\'s status and exact amount', async () => {
    const number = newNumber();
    await put(number, paid({ status: 'cancelled', amountMinor: 1_234_505 }));
    const caseNumber = await caseFor({ orderIds: [number], amount: 99, currency: 'THB' });
    const card = await waitForMessageTo(h, supportGroup, (m) => m.type === 'flex' && String(m.altText).includes(caseNumber), 20_000);
    const body = JSON.stringify(card.contents.body);
    expect(body).toContain(`${number} (ยกเลิกแล้ว)`);
    // The main system's amount, to the satang, over what the customer said.
    expect(body).toContain('12,345.05 THB');
    expect(body).not.toContain('99.00 THB');
  });

  it('the same order again is unchanged and records nothing; a batch answers each order in the order sent', async () => {
    const a = { number: newNumber(), ...paid() };
    const b = { number: newNumber(), ...paid({ status: 'pending', provider: null }) };
    const first = await batch([a, b]);
    expect(first.status).toBe(200);
    expect(first.json.results.map((r: { number: string; outcome: string }) => [r.number, r.outcome])).toEqual([[a.number, 'created'], [b.number, 'created']]);

    const before = await stored();
    const again = await batch([b, a]);
    expect(again.json).toMatchObject({ results: [{ number: b.number, outcome: 'unchanged' }, { number: a.number, outcome: 'unchanged' }], counts: { created: 0, updated: 0, unchanged: 2, stale: 0 } });
    expect(await stored()).toEqual(before);

    // A later time with the same facts: still unchanged, and nothing on any timeline, but the stored
    // time moves on, so that an update from between the two is known as older.
    const later = await batch([{ ...a, updatedAt: minutesAgo(1) }]);
    expect(later.json.results[0]).toMatchObject({ outcome: 'unchanged', updatedAt: expect.any(String) });
    expect(await stored()).toMatchObject({ caseEvents: before.caseEvents, audit: before.audit });
    expect((await batch([{ ...a, status: 'cancelled', updatedAt: minutesAgo(5) }])).json.results[0].outcome).toBe('stale');
  });
});

describe('provider health: failed orders flag their provider', () => {
  it('at the threshold within the window: flagged at risk, paused when the org allows, the managers told once', async () => {
    expect((await api('PATCH', '/api/v1/org/settings', { providerHealth: { failedOrders: 3, windowMinutes: 60, autoPause: true } })).status).toBe(200);
    const provider = 'truemoney_wallet';
    const failed = (minutes: number) => ({ number: newNumber(), ...paid({ provider, status: 'failed', updatedAt: minutesAgo(minutes) }) });
    // One failed two hours ago is outside the window; two inside: not yet.
    await batch([failed(120), failed(20), failed(5)]);
    const pristine = await api('GET', `/api/v1/providers/${provider}`);
    expect(pristine.json).toMatchObject({ paused: false, timeline: [] });

    // The third inside the window crosses it.
    const third = failed(1);
    expect((await batch([third])).status).toBe(200);
    const after = (await api('GET', `/api/v1/providers/${provider}`)).json;
    expect(after.paused).toBe(true);
    expect(after.timeline.map((e: { type: string }) => e.type)).toEqual(['paused', 'orders_failing']);
    expect(after.timeline[0]).toMatchObject({ actorType: 'system', data: { automatic: true, failed: 3 } });
    expect(after.timeline[1].data).toMatchObject({ failed: 3, threshold: 3, windowMinutes: 60, paused: true });
    expect(after.timeline[1].data.orders[0]).toBe(third.number);

    const notice = await waitForMessageTo(h, managersGroup, (m) => m.type === 'text' && String(m.text).includes('TrueMoney Wallet'));
    expect(notice.text).toContain('3 orders failed within 60 minutes');
    expect(notice.text).toContain('paused automatically');

    // The providers report reads it as a high risk, with the reason.
    const report = (await api('GET', '/api/v1/analytics/providers?preset=last_7_days')).json;
    const row = report.providers.find((p: { provider: string }) => p.provider === provider);
    expect(row).toMatchObject({ riskLevel: 'high', paused: true });
    expect(row.riskParts).toContainEqual({ rule: 'failingOrders', value: 3, threshold: 3, windowMinutes: 60, level: 'high' });

    // A fourth within the same window: no second flag, no second notice.
    await batch([failed(0)]);
    await untilSettled(h.sys.knex);
    expect((await api('GET', `/api/v1/providers/${provider}`)).json.timeline).toHaveLength(2);
    expect(sentTo(h, managersGroup).filter((m) => String(m.text).includes('TrueMoney Wallet'))).toHaveLength(1);
  });

  it('without automatic pause: flagged and told, still taking cases', async () => {
    expect((await api('PATCH', '/api/v1/org/settings', { providerHealth: { failedOrders: 2, windowMinutes: 30, autoPause: false } })).status).toBe(200);
    const provider = 'paygate';
    await batch([1, 2].map((m) => ({ number: newNumber(), ...paid({ provider, status: 'failed', updatedAt: minutesAgo(m) }) })));
    const after = (await api('GET', `/api/v1/providers/${provider}`)).json;
    expect(after.paused).toBe(false);
    expect(after.timeline).toEqual([expect.objectContaining({ type: 'orders_failing', data: expect.objectContaining({ failed: 2, paused: false }) })]);
    const notice = await waitForMessageTo(h, managersGroup, (m) => m.type === 'text' && String(m.text).includes('PayGate'));
    expect(notice.text).toContain('It still takes new cases');
  });
});

describe('bad input: a clear answer, and nothing stored or changed', () => {
  let number: string;
  let caseNumber: string;
  beforeAll(async () => {
    caseNumber = await caseFor();
    number = newNumber();
    expect((await put(number, paid({ caseNumber, version: 5, updatedAt: minutesAgo(5) }))).json.outcome).toBe('created');
  });

  it.each([
    ['a wrong secret', () => put(number, paid({ status: 'failed', version: 6 }), { secret: 'another-secret-0123456789' })],
    ['no signature', () => put(number, paid({ status: 'failed', version: 6 }), { signature: null })],
    ['a signature of another body', () => put(number, paid({ status: 'failed', version: 6 }), { signature: signBody(JSON.stringify(paid()), SECRET, nowSeconds()) })],
    ['a timestamp six minutes old', () => put(number, paid({ status: 'failed', version: 6 }), { timestamp: nowSeconds() - 360 })],
    ['a batch with a wrong secret', () => batch([{ number, ...paid({ status: 'failed', version: 6 }) }], { secret: 'another-secret-0123456789' })],
  ])('%s: 401', (_name, attempt) =>
    leavesAllAsItWas(async () => {
      const res = await attempt();
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe('unauthenticated');
      expect(res.json.error.message).toMatch(/X-Opsdesk/);
    }));

  it('an unknown provider: 422 naming it; in a batch the good orders beside it are not stored either', () =>
    leavesAllAsItWas(async () => {
      const one = await put(number, paid({ provider: 'no_such_provider', version: 6 }));
      expect(one.status).toBe(422);
      expect(one.json.error.details).toEqual([{ path: 'provider', message: expect.stringContaining('no_such_provider') }]);
      const many = await batch([{ number: newNumber(), ...paid() }, { number: newNumber(), ...paid({ provider: 'no_such_provider' }) }]);
      expect(many.status).toBe(422);
      expect(many.json.error.details).toEqual([{ path: 'orders.1.provider', message: expect.stringContaining('no_such_provider') }]);
    }));

  it('another currency than the stored order: 422 naming the currency', () =>
    leavesAllAsItWas(async () => {
      const res = await put(number, paid({ currency: 'USD', version: 6 }));
      expect(res.status).toBe(422);
      expect(res.json.error.details).toEqual([{ path: 'currency', message: expect.stringContaining('stored in THB') }]);
    }));

  it('an update older than the stored one, by version or by time: 200 stale, the stored order as it was', async () => {
    const before = await stored();
    const byVersion = await put(number, paid({ status: 'failed', version: 4, updatedAt: minutesAgo(1) }));
    expect(byVersion.status).toBe(200);
    expect(byVersion.json).toMatchObject({ outcome: 'stale', order: { status: 'paid', version: 5 } });
    const inBatch = await batch([{ number, ...paid({ status: 'cancelled', version: 3, caseNumber: await caseFor() }) }]);
    expect(inBatch.json).toMatchObject({ results: [{ number, outcome: 'stale', version: 5, cases: [caseNumber] }], counts: { stale: 1 } });
    expect((await stored()).orders).toEqual(before.orders);

    // Without versions, the main system's time decides.
    const timed = newNumber();
    await put(timed, paid({ updatedAt: minutesAgo(3) }));
    const mid = await stored();
    const older = await put(timed, paid({ status: 'cancelled', updatedAt: minutesAgo(4) }));
    expect(older.json).toMatchObject({ outcome: 'stale', order: { status: 'paid' } });
    expect(await stored()).toEqual(mid);
  });

  it('a body that is not an order: 400 or 422 naming each field', async () => {
    const before = await stored();
    expect((await put(number, {}, { raw: '{"amountMinor": 12' })).json.error.code).toBe('malformed_body');
    const wrong = await put(number, { amountMinor: 123.45, currency: 'thb', status: 'shipped', refundAmountMinor: -1, updatedAt: 'yesterday', colour: 'red' });
    expect(wrong.status).toBe(422);
    expect(wrong.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['', 'amountMinor', 'currency', 'refundAmountMinor', 'status', 'updatedAt']);
    const refundTooBig = await put(number, paid({ refundAmountMinor: 200_000, version: 6 }));
    expect(refundTooBig.json.error.details).toEqual([{ path: 'refundAmountMinor', message: 'is more than the order amount', code: 'custom' }]);
    const future = await put(number, paid({ version: 6, updatedAt: new Date(Date.now() + 3_600_000).toISOString() }));
    expect(future.json.error.details).toEqual([{ path: 'updatedAt', message: expect.stringContaining('ahead of this server') }]);
    const twice = await batch([{ number, ...paid({ version: 6 }) }, { number, ...paid({ version: 7 }) }]);
    expect(twice.json.error.details).toEqual([{ path: 'orders.1.number', message: expect.stringContaining('orders.0') }]);
    const noCase = await put(number, paid({ version: 6, caseNumber: 'C-999999' }));
    expect(noCase.json.error.details).toEqual([{ path: 'caseNumber', message: 'No case C-999999 in this org' }]);
    expect((await batch([])).json.error.details[0].path).toBe('orders');
    expect(await stored()).toEqual(before);
  });

  it('a key whose role may not write orders: 403; it may read them', async () => {
    const before = await stored();
    const res = await put(number, paid({ status: 'failed', version: 6 }), { key: keys.support });
    expect(res.status).toBe(403);
    expect(await stored()).toEqual(before);
    expect((await api('GET', `/api/v1/orders/${number}`, undefined, keys.support)).json.status).toBe('paid');
  });

  it('without ORDERS_API_SECRET on the server: 503 saying so', async () => {
    const before = await stored();
    const bare = await startTestSystem({ db: h.sys.db, roles: ['api'], env: { DEV_SIMULATOR: 'off', APP_ENCRYPTION_KEY } });
    try {
      const res = await fetch(`${bare.url}/api/v1/orders/${number}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${keys.integration}`, 'content-type': 'application/json' },
        body: JSON.stringify(paid({ version: 6 })),
      });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/ORDERS_API_SECRET/);
    } finally {
      await bare.stop();
    }
    expect(await stored()).toEqual(before);
  });

  it('is in the OpenAPI document, with the signature headers', async () => {
    const doc = (await api('GET', '/api/v1/openapi.json')).json;
    const op = doc.paths['/api/v1/orders/{number}'].put;
    expect(op['x-permission']).toBe('orders.sync');
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(['number', 'X-Opsdesk-Timestamp', 'X-Opsdesk-Signature']);
    expect(op.responses['401'].description).toMatch(/X-Opsdesk-Signature/);
    expect(Object.keys(doc.paths['/api/v1/orders'])).toEqual(['post']);
  });
});
