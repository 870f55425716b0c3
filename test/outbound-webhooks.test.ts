import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transitionCase } from '../core/cases/transition.ts';
import { assign, handOff, resolve, take } from '../core/conversations/conversation-commands.ts';
import { verifyBodySignature } from '../core/http/body-signature.ts';
import { startTestSystem, until, type TestSystem } from './support/test-system.ts';
import { apiClient, openTopUpCase } from './support/api-client.ts';

/**
 * Signed outbound webhooks through the running system, to a receiver on loopback that checks each
 * request's signature with the secret the API returned once.
 */
let sys: TestSystem;
let receiver: Server;
let receiverUrl: string;

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  body: any;
}
const received: Received[] = [];
/** path -> what to answer, given how many times this event id reached this path before. */
const answers = new Map<string, (seenBefore: number) => number>();

beforeAll(async () => {
  // Fast retries for the test; the product's policy is workers/job-policy.ts.
  sys = await startTestSystem({ env: { DEV_SIMULATOR: 'off' }, relay: { policies: { webhooks: { attempts: 3, backoffMs: 200 } } } });
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const path = req.url ?? '/';
      const eventId = String(req.headers['x-opsdesk-event-id']);
      const seenBefore = received.filter((r) => r.path === path && r.headers['x-opsdesk-event-id'] === eventId).length;
      received.push({ path, headers: req.headers, raw, body: JSON.parse(raw.toString('utf8')) });
      res.statusCode = (answers.get(path) ?? (() => 200))(seenBefore);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  receiver?.closeAllConnections();
  await new Promise((r) => receiver?.close(r));
  await sys?.stopAll();
});

const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(sys)(...args);

async function register(path: string, events?: string[]) {
  const res = await api('POST', '/api/v1/webhook-endpoints', { url: receiverUrl + path, ...(events ? { events } : {}) });
  expect(res.status).toBe(201);
  return res.json as { id: string; secret: string; url: string };
}
const deactivate = (id: string) => api('DELETE', `/api/v1/webhook-endpoints/${id}`);
const at = (path: string) => received.filter((r) => r.path === path);

const newCase = (orderId = 'ORD-WH-' + Math.floor(Math.random() * 1e6)) => openTopUpCase(sys, orderId);

function verified(r: Received, secret: string) {
  return verifyBodySignature(r.raw, { timestamp: r.headers['x-opsdesk-timestamp'] as string, signature: r.headers['x-opsdesk-signature'] as string }, secret).ok;
}

describe('outbound case webhooks', () => {
  it('signs and delivers case.created then case.status_changed, with stable event ids', async () => {
    const ep = await register('/main');
    expect(ep.secret).toMatch(/^whsec_/);
    const listed = await api('GET', '/api/v1/webhook-endpoints');
    expect(listed.json).toEqual([expect.objectContaining({ id: ep.id, isActive: true, events: ['case.created', 'case.status_changed'] })]);
    expect(JSON.stringify(listed.json)).not.toContain(ep.secret);

    const orderId = 'ORD-WH-MAIN';
    const c = await newCase(orderId);
    await until(async () => at('/main').length >= 1);
    const moved = await api('POST', `/api/v1/cases/${c.number}/transitions`, { to: 'investigating' });
    expect(moved.status).toBe(200);
    await until(async () => at('/main').length >= 2);

    const [created, changed] = at('/main');
    for (const r of [created, changed]) {
      expect(verified(r, ep.secret)).toBe(true);
      expect(verified(r, 'whsec_wrong')).toBe(false);
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['x-opsdesk-event-id']).toBe(r.body.id);
      expect(r.headers['x-opsdesk-event-type']).toBe(r.body.type);
    }
    expect(created.body).toMatchObject({
      type: 'case.created',
      data: { case: { id: c.id, number: c.number, status: 'new', severity: c.severity, type: 'topup_not_credited', orderIds: [orderId] } },
    });
    expect(created.body.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(changed.body).toMatchObject({
      type: 'case.status_changed',
      data: { from: 'new', to: 'investigating', case: { number: c.number, status: 'investigating', version: 2, orderIds: [orderId] } },
    });
    expect(created.body.id).not.toBe(changed.body.id);

    const log = await until(async () => {
      const l = await api('GET', `/api/v1/webhook-endpoints/${ep.id}/deliveries`);
      return l.json.every((d: { status: string }) => d.status === 'delivered') && l.json.length === 2 ? l.json : false;
    });
    // Newest first; the event ids in the log are the ones the receiver saw.
    expect(log.map((d: any) => [d.eventType, d.eventId, d.attempts, d.lastStatusCode])).toEqual([
      ['case.status_changed', changed.body.id, 1, 200],
      ['case.created', created.body.id, 1, 200],
    ]);
    expect((await deactivate(ep.id)).status).toBe(200);
  });

  it('retries a 500 with the same event id and body, and logs both attempts', async () => {
    answers.set('/flaky', (seenBefore) => (seenBefore === 0 ? 500 : 200));
    const ep = await register('/flaky', ['case.created']);
    const c = await newCase();
    const hits = await until(async () => {
      const h = at('/flaky').filter((r) => r.body.data.case.id === c.id);
      return h.length >= 2 ? h : false;
    });
    expect(hits.map((h) => h.headers['x-opsdesk-event-id'])).toEqual([hits[0].body.id, hits[0].body.id]);
    expect(hits[1].raw.equals(hits[0].raw)).toBe(true);
    expect(hits.every((h) => verified(h, ep.secret))).toBe(true);
    const [d] = await until(async () => {
      const l = (await api('GET', `/api/v1/webhook-endpoints/${ep.id}/deliveries`)).json;
      return l[0]?.status === 'delivered' ? l : false;
    });
    expect(d).toMatchObject({ eventId: hits[0].body.id, attempts: 2, lastStatusCode: 200, lastError: null });
    expect(d.deliveredAt).not.toBeNull();
    await deactivate(ep.id);
  });

  it('does not retry a 410 and shows the delivery failed', async () => {
    answers.set('/gone', () => 410);
    const ep = await register('/gone', ['case.created']);
    const c = await newCase();
    const [d] = await until(async () => {
      const l = (await api('GET', `/api/v1/webhook-endpoints/${ep.id}/deliveries`)).json;
      return l[0]?.status === 'failed' ? l : false;
    });
    expect(d).toMatchObject({ attempts: 1, lastStatusCode: 410, lastError: expect.stringContaining('410') });
    // The outbox row (the job) failed at once, visibly, and nothing came again.
    const row = await sys.knex('webhook_deliveries').where({ id: d.id }).first();
    await until(async () => (await sys.knex('outbox').where({ id: row.outbox_id }).first())?.status === 'failed');
    await new Promise((r) => setTimeout(r, 600));
    expect(at('/gone').filter((r) => r.body.data.case.id === c.id)).toHaveLength(1);
    expect((await sys.knex('webhook_deliveries').where({ id: d.id }).first()).attempt_count).toBe(1);
    await deactivate(ep.id);
  });

  it('sends nothing for a transition that rolls back', async () => {
    const ep = await register('/rollback', ['case.status_changed']);
    const c = await newCase();
    await expect(
      sys.knex.transaction(async (trx) => {
        await transitionCase(trx, { orgId: sys.defaultOrgId, caseId: c.id, to: 'waiting_customer', actor: { type: 'system', id: null } });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    // A later, committed transition is the barrier: once it arrived, the rolled-back one never will.
    await sys.knex.transaction((trx) =>
      transitionCase(trx, { orgId: sys.defaultOrgId, caseId: c.id, to: 'investigating', actor: { type: 'system', id: null } }),
    );
    await until(async () => at('/rollback').some((r) => r.body.data.to === 'investigating'));
    expect(at('/rollback').map((r) => r.body.data.to)).toEqual(['investigating']);
    expect(await sys.knex('webhook_deliveries').where({ endpoint_id: ep.id }).count({ n: '*' })).toEqual([{ n: 1 }]);
    await deactivate(ep.id);
  });

  it('sends nothing to an inactive endpoint', async () => {
    const live = await register('/live', ['case.created']);
    const dead = await register('/dead', ['case.created']);
    const off = await deactivate(dead.id);
    expect(off.json).toMatchObject({ id: dead.id, isActive: false });
    const c = await newCase();
    await until(async () => at('/live').some((r) => r.body.data.case.id === c.id));
    expect(at('/dead')).toHaveLength(0);
    expect((await api('GET', `/api/v1/webhook-endpoints/${dead.id}/deliveries`)).json).toEqual([]);
    await deactivate(live.id);
  });

  it('lets only admins manage endpoints', async () => {
    const support = (await api('POST', '/api/v1/api-keys', { name: 'support desk', role: 'support' })).json.key;
    const denied = await api('POST', '/api/v1/webhook-endpoints', { url: receiverUrl + '/nope' }, support);
    expect(denied.status).toBe(403);
    expect((await api('GET', '/api/v1/webhook-endpoints', undefined, support)).status).toBe(403);
    expect(await sys.knex('webhook_endpoints').where({ url: receiverUrl + '/nope' }).count({ n: '*' })).toEqual([{ n: 0 }]);
    expect((await api('POST', '/api/v1/webhook-endpoints', { url: 'ftp://example.com/x' })).status).toBe(422);
    expect((await api('DELETE', '/api/v1/webhook-endpoints/00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });
});

describe('outbound conversation webhooks', () => {
  it('delivers conversation.waiting, .assigned and .resolved to endpoints that asked, signed, with who holds it and never what was said', async () => {
    const ep = await register('/inbox', ['conversation.waiting', 'conversation.assigned', 'conversation.resolved']);
    const casesOnly = await register('/cases-only');
    const orgId = sys.defaultOrgId;
    const [channel] = await sys.knex('channels').insert({ org_id: orgId, kind: 'line', name: 'LINE OA (webhooks)', external_id: 'U-wh-channel' }).returning('id');
    const [contact] = await sys.knex('contacts').insert({ org_id: orgId, display_name: 'Ploy', language: 'th' }).returning('id');
    const [chat] = await sys.knex('conversations').insert({ org_id: orgId, channel_id: channel.id, contact_id: contact.id, kind: 'direct', external_id: `U-wh-${contact.id}` }).returning('id');
    const member = async (display_name: string, role: string) => (await sys.knex('staff').insert({ org_id: orgId, display_name, role }).returning('*'))[0];
    const [somchai, nok, mali] = [await member('Somchai', 'support'), await member('Nok', 'support'), await member('Mali', 'manager')];
    const as = (s: { id: string; role: string }) => ({ orgId, conversationId: chat.id, staff: { staffId: s.id, role: s.role as 'support' | 'manager' }, now: new Date() });

    await sys.knex.transaction((trx) => handOff(trx, { orgId, conversationId: chat.id, reason: 'customer_asked', actor: { type: 'customer', id: contact.id }, now: new Date() }));
    await sys.knex.transaction((trx) => take(trx, as(somchai)));
    await sys.knex.transaction((trx) => assign(trx, { ...as(mali), assigneeId: nok.id }));
    await sys.knex.transaction((trx) => resolve(trx, as(nok)));

    const arrived = await until(async () => (at('/inbox').length >= 4 ? at('/inbox') : false));
    // Four jobs may arrive in any order: put them in the order of their changes.
    const order: string[] = await sys.knex('webhook_deliveries').where({ endpoint_id: ep.id }).orderBy('created_at').pluck('event_id');
    const hits = [...arrived].sort((a, b) => order.indexOf(a.body.id) - order.indexOf(b.body.id));
    expect(hits.every((r) => verified(r, ep.secret) && r.headers['x-opsdesk-event-type'] === r.body.type)).toBe(true);
    expect(hits.map((r) => [r.body.type, r.body.data.reason, r.body.data.conversation.status, r.body.data.conversation.assignee?.id ?? null])).toEqual([
      ['conversation.waiting', 'customer_asked', 'waiting', null],
      ['conversation.assigned', 'taken', 'assigned', somchai.id],
      ['conversation.assigned', 'assigned', 'assigned', nok.id],
      ['conversation.resolved', 'resolved', 'resolved', null],
    ]);
    expect(hits[0].body.data).toMatchObject({ conversation: { id: chat.id, channel: 'line', contactId: contact.id, waitingSince: expect.any(String) }, actor: { type: 'customer', id: contact.id } });
    expect(hits[2].body.data).toMatchObject({ actor: { type: 'staff', id: mali.id }, conversation: { assignee: { id: nok.id, name: nok.display_name } } });
    expect(new Set(hits.map((r) => r.body.id)).size).toBe(4);
    expect(JSON.stringify(hits.map((r) => r.body))).not.toContain('Ploy');
    // An endpoint registered with the default events hears only of cases (deliveries are written with the change).
    expect(await sys.knex('webhook_deliveries').where({ endpoint_id: casesOnly.id }).whereLike('event_type', 'conversation.%').count({ n: '*' })).toEqual([{ n: 0 }]);
    await deactivate(ep.id);
    await deactivate(casesOnly.id);
  });
});
