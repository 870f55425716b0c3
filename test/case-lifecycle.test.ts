import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../core/cases/open-case.ts';
import { startTestSystem, until, type TestSystem } from './support/test-system.ts';
import { apiClient, openTopUpCase } from './support/api-client.ts';

/** A case moves only along the state machine, once per version, with its timeline and periods. */
let sys: TestSystem;
let ceoKey: string;

beforeAll(async () => {
  sys = await startTestSystem({ env: { DEV_SIMULATOR: 'off' } });
  ceoKey = (await api('POST', '/api/v1/api-keys', { name: 'ceo', role: 'ceo' })).json.key;
});
afterAll(() => sys?.stopAll());

const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(sys)(...args);

const newCase = (orderId = 'ORD-' + Math.floor(Math.random() * 1e6)) => openTopUpCase(sys, orderId);
const move = (number: string, body: Record<string, unknown>, key?: string) => api('POST', `/api/v1/cases/${number}/transitions`, body, key);

describe('case transitions', () => {
  it('takes a case, records the first response, the timeline and the status periods', async () => {
    const c = await newCase();
    const taken = await move(c.number, { to: 'investigating', expectedVersion: 1 });
    expect(taken.status).toBe(200);
    expect(taken.json).toMatchObject({ from: 'new', to: 'investigating', version: 2, reopened: false });
    const row = await sys.knex('cases').where({ id: c.id }).first();
    expect(row.first_responded_at).not.toBeNull();
    const periods = await sys.knex('case_status_periods').where({ case_id: c.id }).orderBy('id');
    expect(periods.map((p) => [p.status, p.ended_at === null])).toEqual([
      ['new', false],
      ['investigating', true],
    ]);
    const detail = await api('GET', `/api/v1/cases/${c.number}`);
    expect(detail.json.timeline.map((e: { type: string }) => e.type)).toEqual(['created', 'status_changed']);
  });

  it('lets one of two simultaneous changes win; the other gets a clear conflict', async () => {
    const c = await newCase();
    const [a, b] = await Promise.all([move(c.number, { to: 'investigating', expectedVersion: 1 }), move(c.number, { to: 'fixing', expectedVersion: 1 })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.json.error.code).toBe('stale_version');
    expect(loser.json.error.details).toMatchObject({ version: 2 });
    expect(await sys.knex('case_events').where({ case_id: c.id, type: 'status_changed' }).count({ n: '*' })).toEqual([{ n: 1 }]);
  });

  it('refuses an illegal transition and a close without a known root cause, changing nothing', async () => {
    const c = await newCase();
    await move(c.number, { to: 'resolved' });
    const illegal = await move(c.number, { to: 'waiting_customer' });
    expect(illegal.status).toBe(409);
    expect(illegal.json.error.details.allowed).toEqual(['investigating', 'closed']);
    const noCause = await move(c.number, { to: 'closed' });
    expect(noCause.status).toBe(422);
    expect(noCause.json.error.details.allowed).toContain('payment_gateway');
    expect((await move(c.number, { to: 'closed', rootCause: 'bad luck' })).status).toBe(422);
    const row = await sys.knex('cases').where({ id: c.id }).first();
    expect(row).toMatchObject({ status: 'resolved', version: 2, root_cause: null });

    const closed = await move(c.number, { to: 'closed', rootCause: 'payment_gateway' });
    expect(closed.status).toBe(200);
    expect(await sys.knex('cases').where({ id: c.id }).first()).toMatchObject({ status: 'closed', root_cause: 'payment_gateway' });
  });

  it('pauses the resolution clock while waiting for the customer, and moves the due time by the pause', async () => {
    const c = await newCase();
    await move(c.number, { to: 'waiting_customer' });
    const paused = await sys.knex('cases').where({ id: c.id }).first();
    expect(paused.resolution_paused_at).not.toBeNull();
    // Say the case opened ten minutes ago and has waited for the customer ever since (the demo
    // org works around the clock): those ten minutes do not count, so the due time is the
    // opening plus the target plus the ten minutes paused.
    const tenMinutes = 10 * 60_000;
    const periods = await sys.knex('case_status_periods').where({ case_id: c.id }).orderBy('id');
    const back = (d: Date | string) => new Date(new Date(d).getTime() - tenMinutes);
    await sys.knex('cases').where({ id: c.id }).update({ created_at: back(paused.created_at) });
    await sys.knex('case_status_periods').where({ id: periods[0].id }).update({ started_at: back(periods[0].started_at), ended_at: back(periods[1].started_at) });
    await sys.knex('case_status_periods').where({ id: periods[1].id }).update({ started_at: back(periods[1].started_at) });
    await move(c.number, { to: 'investigating' });
    const resumed = await sys.knex('cases').where({ id: c.id }).first();
    expect(resumed.resolution_paused_at).toBeNull();
    const target = c.resolutionDueAt!.getTime() - new Date(paused.created_at).getTime();
    const expected = back(paused.created_at).getTime() + target + tenMinutes;
    expect(Math.abs(new Date(resumed.resolution_due_at).getTime() - expected)).toBeLessThanOrEqual(90_000);
    // Without the pause it would have been due ten minutes earlier.
    expect(new Date(resumed.resolution_due_at).getTime()).toBeGreaterThan(back(paused.created_at).getTime() + target + 8 * 60_000);
  });

  it('tells where the time went', async () => {
    const c = await newCase();
    await move(c.number, { to: 'investigating' });
    const time = await api('GET', `/api/v1/cases/${c.number}/time`);
    expect(time.status).toBe(200);
    expect(time.json.resolutionClock).toMatchObject({ state: 'running', breached: false });
    expect(Object.keys(time.json.business).sort()).toEqual(['active', 'done', 'open', 'queue', 'resolutionClock', 'waiting_customer', 'waiting_provider']);
  });

  it('reopens a resolved case', async () => {
    const c = await newCase();
    await move(c.number, { to: 'resolved' });
    const reopened = await move(c.number, { to: 'investigating' });
    expect(reopened.json.reopened).toBe(true);
    const row = await sys.knex('cases').where({ id: c.id }).first();
    expect(row).toMatchObject({ reopened_count: 1, resolved_at: null, status: 'investigating' });
    expect(await sys.knex('case_events').where({ case_id: c.id, type: 'reopened' }).first()).toBeDefined();
  });

  it('names the provider a case waits on, with the move; an unknown provider or a stale version changes nothing', async () => {
    const c = await newCase();
    expect((await move(c.number, { to: 'investigating', expectedVersion: 1 })).status).toBe(200);
    const provider = await sys.knex('providers').where({ org_id: sys.defaultOrgId }).orderBy('key').first();
    const before = await sys.knex('cases').where({ id: c.id }).first();

    const unknown = await move(c.number, { to: 'waiting_provider', expectedVersion: 2, providerKey: 'no_such_provider' });
    expect(unknown.status).toBe(404);
    const stale = await move(c.number, { to: 'waiting_provider', expectedVersion: 1, providerKey: provider.key });
    expect(stale.status).toBe(409);
    expect(await sys.knex('cases').where({ id: c.id }).first()).toMatchObject({ status: 'investigating', provider_id: null, version: before.version });
    expect(await sys.knex('case_events').where({ case_id: c.id, type: 'provider_changed' }).first()).toBeUndefined();

    const waiting = await move(c.number, { to: 'waiting_provider', expectedVersion: 2, providerKey: provider.key });
    expect(waiting.status).toBe(200);
    expect(await sys.knex('cases').where({ id: c.id }).first()).toMatchObject({ status: 'waiting_provider', provider_id: provider.id });
    const changed = await sys.knex('case_events').where({ case_id: c.id, type: 'provider_changed' }).first();
    expect(changed).toMatchObject({ actor_type: 'api_key', data: { from: null, to: provider.id, key: provider.key } });
  });

  it('resolves a case whose type needs a provider only once the provider is named, with the move or before', async () => {
    const open = () =>
      sys.knex.transaction((trx) =>
        openCase(trx, { orgId: sys.defaultOrgId, caseTypeKey: 'order_not_delivered', contactId: null, conversationId: null, sourceMessageId: null, source: 'api', summary: 'parcel lost', language: 'en', fields: {} }),
      );
    const provider = await sys.knex('providers').where({ org_id: sys.defaultOrgId }).orderBy('key').first();
    const c = await open();
    const refused = await move(c.number, { to: 'resolved', rootCause: 'provider_issue' });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: 'conflict', details: { reason: 'provider_required', number: c.number } });
    expect(refused.json.error.message).toMatch(/needs its provider named/);
    expect(await sys.knex('cases').where({ id: c.id }).first()).toMatchObject({ status: 'new', version: 1 });
    expect(await sys.knex('case_events').where({ case_id: c.id }).pluck('type')).toEqual(['created']);
    // Named with the move: resolved.
    expect((await move(c.number, { to: 'resolved', rootCause: 'provider_issue', providerKey: provider.key })).status).toBe(200);
    // Named before (waiting on the provider): resolved without naming it again.
    const d = await open();
    expect((await move(d.number, { to: 'waiting_provider', providerKey: provider.key })).status).toBe(200);
    expect((await move(d.number, { to: 'resolved', rootCause: 'provider_issue' })).status).toBe(200);
    // A type that needs none: as before.
    const e = await newCase();
    expect((await move(e.number, { to: 'resolved', rootCause: 'provider_issue' })).status).toBe(200);
  });

  it('lets the CEO read but not act', async () => {
    const c = await newCase();
    expect((await api('GET', `/api/v1/cases/${c.number}`, undefined, ceoKey)).status).toBe(200);
    const denied = await move(c.number, { to: 'investigating' }, ceoKey);
    expect(denied.status).toBe(403);
    expect((await sys.knex('cases').where({ id: c.id }).first()).status).toBe('new');
  });

  it('404s a case number that does not exist', async () => {
    expect((await move('C-999999', { to: 'investigating' })).status).toBe(404);
  });
});

describe('the pull side for integrations', () => {
  it('lists open cases by due time and finds cases by order id', async () => {
    const orderId = 'ORD-PULL-' + Date.now();
    const c = await newCase(orderId);
    const active = await api('GET', '/api/v1/cases/active');
    expect(active.json.map((x: { number: string }) => x.number)).toContain(c.number);
    const dues = active.json.map((x: { resolutionDueAt: string }) => x.resolutionDueAt);
    expect([...dues].sort()).toEqual(dues);
    const byOrder = await api('GET', `/api/v1/cases/by-order/${orderId}`);
    expect(byOrder.json).toEqual([expect.objectContaining({ number: c.number, orderIds: [orderId], status: 'new' })]);
  });
});

describe('customer updates', () => {
  it('tells the customer when work starts, on the conversation the case came from', async () => {
    const [channel] = await sys.knex('channels').insert({ org_id: sys.defaultOrgId, kind: 'line', name: 'x', settings: '{}' }).returning('id');
    const [contact] = await sys.knex('contacts').insert({ org_id: sys.defaultOrgId, language: 'en' }).returning('id');
    const [conversation] = await sys
      .knex('conversations')
      .insert({ org_id: sys.defaultOrgId, channel_id: channel.id, kind: 'direct', external_id: 'U' + '7'.repeat(32), contact_id: contact.id })
      .returning('id');
    const c = await sys.knex.transaction((trx) =>
      openCase(trx, {
        orgId: sys.defaultOrgId,
        caseTypeKey: 'order_not_delivered',
        contactId: contact.id,
        conversationId: conversation.id,
        sourceMessageId: null,
        source: 'line',
        summary: 'where is my order',
        language: 'en',
        fields: {},
      }),
    );
    await move(c.number, { to: 'investigating' });
    const update = await until(async () => (await sys.knex('messages').where({ conversation_id: conversation.id, direction: 'out' }).first()) ?? false);
    expect(update.text).toContain(c.number);
    expect(update.text).toMatch(/started working/);
    // Moving between working statuses is not news.
    await move(c.number, { to: 'fixing' });
    expect(await sys.knex('messages').where({ conversation_id: conversation.id, direction: 'out' }).count({ n: '*' })).toEqual([{ n: 1 }]);
  });
});
