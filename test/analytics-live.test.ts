import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeCase } from '../core/cases/case-assignment.ts';
import { recordCaseEvent } from '../core/cases/case-timeline.ts';
import { openCase } from '../core/cases/open-case.ts';
import { transitionCase } from '../core/cases/transition.ts';
import { apiClient, openTestCase } from './support/api-client.ts';
import { openLiveStream, type LiveReceived } from './support/live-stream.ts';
import { startTestSystem, until, type TestSystem } from './support/test-system.ts';

/**
 * The live stream: server-sent events of the org's case changes as they commit, through the
 * running api (LISTEN/NOTIFY on a PostgreSQL server; a fast poll on the embedded one).
 */
let sys: TestSystem;
let api: ReturnType<typeof apiClient>;
let managerKey: string;
let supportKey: string;

beforeAll(async () => {
  sys = await startTestSystem({ roles: ['api'], env: { DEV_SIMULATOR: 'off' } });
  api = apiClient(sys);
  managerKey = (await api('POST', '/api/v1/api-keys', { name: 'manager', role: 'manager' })).json.key;
  supportKey = (await api('POST', '/api/v1/api-keys', { name: 'support', role: 'support' })).json.key;
});
afterAll(() => sys?.stopAll());

/** Opens the stream and collects its events until closed. */
const listen = (key: string, headers: Record<string, string> = {}) => openLiveStream(`${sys.url}/api/v1/analytics/live`, { authorization: `Bearer ${key}`, ...headers });

describe('the live stream', () => {
  it('streams case changes of the org as they commit, in order, within a second', async () => {
    const manager = await listen(managerKey);
    expect(manager.res.status).toBe(200);
    expect(manager.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const support = await listen(supportKey);
    await until(async () => sys.live!.subscriberCount() === 2);

    const t0 = Date.now();
    const c = await openTestCase(sys, 'order_not_delivered');
    const created = await until(async () => manager.events.find((e) => e.data.case.number === c.number));
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(created.event).toBe('created');

    const staff = await api('POST', '/api/v1/staff', { displayName: 'Live Lek', role: 'support' });
    const row = await sys.knex('cases').where({ id: c.id }).first();
    await sys.knex.transaction((trx) => takeCase(trx, { orgId: sys.defaultOrgId, caseId: c.id, version: row.version, ownerStaffId: null, status: 'new' }, staff.json.id, new Date()));
    await sys.knex.transaction((trx) => transitionCase(trx, { orgId: sys.defaultOrgId, caseId: c.id, to: 'resolved', actor: { type: 'staff', id: staff.json.id }, note: 'private note' }));
    await sys.knex.transaction((trx) =>
      recordCaseEvent(trx, { orgId: sys.defaultOrgId, caseId: c.id, type: 'escalated', actor: { type: 'system', id: null }, isPublic: false, data: { clock: 'resolution' } }),
    );

    const mine = (events: LiveReceived[]) => events.filter((e) => e.data.case.number === c.number);
    await until(async () => mine(manager.events).length >= 5);
    await until(async () => mine(support.events).length >= 4);
    expect(mine(manager.events).map((e) => e.event)).toEqual(['created', 'owner_changed', 'status_changed', 'status_changed', 'escalated']);
    expect(mine(manager.events).map((e) => Number(e.id))).toEqual([...mine(manager.events).map((e) => Number(e.id))].sort((a, b) => a - b));
    expect(mine(manager.events)[2].data.data).toEqual({ from: 'new', to: 'investigating' });
    // Support sees the case move, not the escalation; notes never go on the stream.
    expect(mine(support.events).map((e) => e.event)).toEqual(['created', 'owner_changed', 'status_changed', 'status_changed']);
    expect(JSON.stringify(manager.events)).not.toContain('private note');

    manager.close();
    support.close();
    await Promise.all([manager.done, support.done]);
    // A client that disconnects is forgotten.
    await until(async () => sys.live!.subscriberCount() === 0);
  });

  it('resumes after Last-Event-ID without sending anything twice', async () => {
    const c = await openTestCase(sys, 'order_not_delivered');
    const first = await sys.knex('case_events').where({ case_id: c.id, type: 'created' }).first();
    await sys.knex.transaction((trx) => transitionCase(trx, { orgId: sys.defaultOrgId, caseId: c.id, to: 'investigating', actor: { type: 'staff', id: null } }));
    const resumed = await listen(managerKey, { 'last-event-id': String(Number(first.id) - 1) });
    await until(async () => resumed.events.filter((e) => e.data.case.number === c.number).length >= 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(resumed.events.filter((e) => e.data.case.number === c.number).map((e) => e.event)).toEqual(['created', 'status_changed']);
    resumed.close();
    await resumed.done;
  });

  // The embedded database runs one transaction at a time (core/db/pglite-session-queue.ts): a
  // second transaction waits for the first to commit, so a later id cannot commit earlier there.
  it.skipIf(!process.env.TEST_DATABASE_URL)('sends an event whose transaction took a lower id but committed later, once; and nothing of another org', async () => {
    const manager = await listen(managerKey);
    await until(async () => sys.live!.subscriberCount() === 1);
    const a = await openTestCase(sys, 'order_not_delivered');
    const b = await openTestCase(sys, 'order_not_delivered');
    const moved = (number: string) => manager.events.filter((e) => e.data.case.number === number && e.event === 'status_changed');
    // A's change takes its id first and commits last; B's commits in between and is streamed.
    const slow = await sys.knex.transaction();
    await transitionCase(slow, { orgId: sys.defaultOrgId, caseId: a.id, to: 'investigating', actor: { type: 'staff', id: null } });
    await sys.knex.transaction((trx) => transitionCase(trx, { orgId: sys.defaultOrgId, caseId: b.id, to: 'investigating', actor: { type: 'staff', id: null } }));
    const [bMoved] = await until(async () => (moved(b.number).length ? moved(b.number) : null));
    // Another org's case changes meanwhile, and the feed reads a few times.
    const [otherOrg] = await sys.knex('orgs').insert({ slug: `live-other-${Date.now()}`, name: 'Other shop', time_zone: 'Asia/Bangkok' }).returning('id');
    await sys.knex('case_types').insert({ org_id: otherOrg.id, key: 'theirs_only', name_th: 'x', name_en: 'x', category: 'other', first_response_minutes: 10, resolution_minutes: 20 });
    const theirs = await sys.knex.transaction((trx) =>
      openCase(trx, { orgId: otherOrg.id, caseTypeKey: 'theirs_only', contactId: null, conversationId: null, sourceMessageId: null, source: 'api', summary: 'x', language: 'en', fields: {}, now: new Date() }),
    );
    const theirEvents = (await sys.knex('case_events').where({ case_id: theirs.id })).map((e) => String(e.id));
    expect(theirEvents.length).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++) {
      sys.live!.nudge();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(moved(a.number)).toEqual([]);
    await slow.commit();
    const [aMoved] = await until(async () => (moved(a.number).length ? moved(a.number) : null));
    expect(BigInt(aMoved.id) < BigInt(bMoved.id)).toBe(true);
    for (let i = 0; i < 3; i++) {
      sys.live!.nudge();
      await new Promise((r) => setTimeout(r, 100));
    }
    // Each once, and none of the other org's.
    expect([moved(a.number).length, moved(b.number).length]).toEqual([1, 1]);
    expect(new Set(manager.events.map((e) => e.id)).size).toBe(manager.events.length);
    expect(manager.events.filter((e) => theirEvents.includes(e.id))).toEqual([]);
    manager.close();
    await manager.done;
    await until(async () => sys.live!.subscriberCount() === 0);
  });

  it('catches up a client resuming more than a page (500 events) back, each once, then streams on', async () => {
    const c = await openTestCase(sys, 'order_not_delivered');
    const before = (await sys.knex('case_events').max('id as id').first())!.id;
    await sys.knex.transaction(async (trx) => {
      for (let i = 0; i < 1200; i++) await recordCaseEvent(trx, { orgId: sys.defaultOrgId, caseId: c.id, type: 'escalated', actor: { type: 'system', id: null }, isPublic: false, data: { clock: 'resolution' } });
    });
    const resumed = await listen(managerKey, { 'last-event-id': String(before) });
    const mine = () => resumed.events.filter((e) => e.data.case.number === c.number);
    await until(async () => mine().length >= 1200, 10_000);
    await sys.knex.transaction((trx) => transitionCase(trx, { orgId: sys.defaultOrgId, caseId: c.id, to: 'investigating', actor: { type: 'staff', id: null } }));
    await until(async () => mine().some((e) => e.event === 'status_changed'));
    expect(mine().filter((e) => e.event === 'escalated')).toHaveLength(1200);
    expect(new Set(mine().map((e) => e.id)).size).toBe(mine().length);
    resumed.close();
    await resumed.done;
  });

  it('refuses unknown query keys and integration keys', async () => {
    expect((await api('GET', '/api/v1/analytics/live?since=0', undefined, managerKey)).status).toBe(422);
    const integration = (await api('POST', '/api/v1/api-keys', { name: 'system', role: 'integration' })).json.key;
    expect((await api('GET', '/api/v1/analytics/live', undefined, integration)).status).toBe(403);
    expect(sys.live!.subscriberCount()).toBe(0);
  });
});
