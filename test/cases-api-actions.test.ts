import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../core/cases/open-case.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { enrolStaff, type EnrolledStaff } from './support/staff-desk.ts';
import { until } from './support/test-system.ts';

/**
 * Take, reassign and write to the customer through the REST API, as the staff member an API key
 * belongs to: the LINE buttons' role rules, the API's optimistic concurrency, and nothing written
 * on any refusal.
 */
let h: LineCustomerHarness;
let api: ReturnType<typeof apiClient>;
let somchai: EnrolledStaff;
let nok: EnrolledStaff;
let mali: EnrolledStaff;
let boss: EnrolledStaff;
const keys: Record<string, string> = {};
let orphanKey: string;

async function keyFor(staffId: string | undefined, role: string): Promise<string> {
  const res = await api('POST', '/api/v1/api-keys', { name: `desk ${role} ${randomBytes(2).toString('hex')}`, role, ...(staffId ? { staffId } : {}) });
  expect(res.status).toBe(201);
  return res.json.key;
}

beforeAll(async () => {
  h = await startLineCustomerHarness();
  api = apiClient(h.sys);
  [somchai, nok, mali, boss] = await Promise.all([
    enrolStaff(h, { displayName: 'Somchai', role: 'support' }),
    enrolStaff(h, { displayName: 'Nok', role: 'support' }),
    enrolStaff(h, { displayName: 'Mali', role: 'manager' }),
    enrolStaff(h, { displayName: 'Boss', role: 'ceo' }),
  ]);
  for (const s of [somchai, nok, mali]) keys[s.displayName] = await keyFor(s.id, s.role);
  // The CEO's key may read cases only; give it `cases.work` through a manager role to show the staff role still decides.
  keys.Boss = await keyFor(boss.id, 'manager');
  orphanKey = await keyFor(undefined, 'manager');
}, 60_000);
afterAll(() => h?.close());

/** A case a LINE customer reported, with their conversation (where replies go). */
async function reportedCase() {
  const customer = lineId('U');
  await h.send(customer, { text: 'เติมเงิน 500 บาทแล้วเครดิตไม่เข้า ORD-' + Math.floor(Math.random() * 1e8) });
  const c = await until(async () => {
    const identity = await h.sys.knex('contact_identities').where({ external_id: customer }).first();
    return identity && (await h.sys.knex('cases').where({ contact_id: identity.contact_id }).first());
  });
  return { customer, id: c.id as string, number: c.number as string, version: c.version as number };
}

/** Everything that must stay as it was when a request is refused. */
const snapshot = async (caseId: string) => {
  const c = await h.sys.knex('cases').where({ id: caseId }).first();
  const events = await h.sys.knex('case_events').where({ case_id: caseId }).count<{ count: string }[]>('* as count');
  const outgoing = await h.sys.knex('messages').where({ case_id: caseId, direction: 'out', sender_type: 'staff' }).count<{ count: string }[]>('* as count');
  return { status: c.status, owner: c.owner_staff_id, version: c.version, events: Number(events[0].count), outgoing: Number(outgoing[0].count) };
};

const pushedTexts = (to: string) =>
  h.line.state
    .deliveriesTo(to)
    .flatMap((d) => d.messages)
    .map((m) => ('text' in m ? String(m.text) : ''));

describe('take', () => {
  it('makes the case the key owner\'s and starts its work; the same version twice is a 409 naming who has it', async () => {
    const c = await reportedCase();
    const res = await api('POST', `/api/v1/cases/${c.number}/take`, { expectedVersion: c.version }, keys.Somchai);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ number: c.number, status: 'investigating', ownerStaffId: somchai.id, changed: true });
    expect(res.json.version).toBeGreaterThan(c.version);
    const events = await h.sys.knex('case_events').where({ case_id: c.id }).orderBy('id');
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['owner_changed', 'status_changed']));
    expect(events.find((e) => e.type === 'owner_changed')).toMatchObject({ actor_type: 'staff', actor_id: somchai.id });

    // Nok saw the same version: too late, and told who has it.
    const before = await snapshot(c.id);
    const stale = await api('POST', `/api/v1/cases/${c.number}/take`, { expectedVersion: c.version }, keys.Nok);
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatchObject({ code: 'stale_version', details: { ownerStaffId: somchai.id, ownerName: 'Somchai', status: 'investigating' } });
    // With the version now, still refused: support does not take someone else's case.
    const owned = await api('POST', `/api/v1/cases/${c.number}/take`, { expectedVersion: res.json.version }, keys.Nok);
    expect(owned.status).toBe(409);
    expect(owned.json.error.message).toBe(`Somchai already has ${c.number}`);
    expect(await snapshot(c.id)).toEqual(before);

    // A manager takes it over.
    const over = await api('POST', `/api/v1/cases/${c.number}/take`, { expectedVersion: res.json.version }, keys.Mali);
    expect(over.status).toBe(200);
    expect(over.json).toMatchObject({ ownerStaffId: mali.id, changed: true });
  });

  it('refuses a role that only reads cases, a key of nobody and a removed staff member, changing nothing', async () => {
    const c = await reportedCase();
    const before = await snapshot(c.id);
    const ceo = await api('POST', `/api/v1/cases/${c.number}/take`, { expectedVersion: c.version }, keys.Boss);
    expect(ceo.status).toBe(403);
    expect(ceo.json.error).toMatchObject({ code: 'forbidden', details: { reason: 'role_forbids', action: 'case.take', role: 'ceo' } });
    const orphan = await api('POST', `/api/v1/cases/${c.number}/take`, { expectedVersion: c.version }, orphanKey);
    expect(orphan.status).toBe(403);
    expect(orphan.json.error.details).toEqual({ reason: 'not_staff' });

    const leaver = await enrolStaff(h, { displayName: 'Leaver', role: 'support' });
    const leaverKey = await keyFor(leaver.id, 'support');
    expect((await api('DELETE', `/api/v1/staff/${leaver.id}`)).status).toBeLessThan(300);
    const removed = await api('POST', `/api/v1/cases/${c.number}/take`, { expectedVersion: c.version }, leaverKey);
    expect(removed.status).toBe(403);
    expect(removed.json.error).toMatchObject({ message: 'This staff member has been removed', details: { reason: 'staff_removed' } });
    expect(await snapshot(c.id)).toEqual(before);
  });

  it("answers 404 for another org's case number, and a malformed body with 422", async () => {
    const [other] = await h.sys.knex('orgs').insert({ slug: `other-${randomBytes(3).toString('hex')}`, name: 'Other shop', time_zone: 'Asia/Bangkok' }).returning('id');
    await h.sys.knex('case_types').insert({ org_id: other.id, key: 'theirs', name_th: 'x', name_en: 'x', category: 'other', first_response_minutes: 10, resolution_minutes: 20 });
    const opened = await h.sys.knex.transaction((trx) =>
      openCase(trx, { orgId: other.id, caseTypeKey: 'theirs', contactId: null, conversationId: null, sourceMessageId: null, source: 'api', summary: 'theirs', language: 'en', fields: {} }),
    );
    // Numbers count per org: theirs gets one ours has not, or the test would prove nothing.
    const theirs = { id: opened.id, number: `C-9${Math.floor(Math.random() * 1e5)}` };
    await h.sys.knex('cases').where({ id: theirs.id }).update({ number: theirs.number });
    expect(await h.sys.knex('cases').where({ org_id: h.sys.defaultOrgId, number: theirs.number }).first()).toBeUndefined();
    const before = await h.sys.knex('cases').where({ id: theirs.id }).first();
    for (const [path, body] of [
      ['take', { expectedVersion: 1 }],
      ['assignee', { staffId: nok.id, expectedVersion: 1 }],
      ['messages', { text: 'hello', expectedVersion: 1 }],
    ] as const) {
      const res = await api('POST', `/api/v1/cases/${theirs.number}/${path}`, body, keys.Mali);
      expect(res.status, path).toBe(404);
    }
    expect(await h.sys.knex('cases').where({ id: theirs.id }).first()).toEqual(before);

    const c = await reportedCase();
    const bad = await api('POST', `/api/v1/cases/${c.number}/take`, { expectedVersion: 'one' }, keys.Somchai);
    expect(bad.status).toBe(422);
    expect((await api('POST', `/api/v1/cases/${c.number}/take`, {}, keys.Somchai)).status).toBe(422);
    await h.sys.knex('orgs').where({ id: other.id }).del().catch(() => undefined);
  });
});

describe('reassign', () => {
  it('gives the case to someone (managers only), who is told in LINE; stale and forbidden change nothing', async () => {
    const c = await reportedCase();
    const before = await snapshot(c.id);
    const bySupport = await api('POST', `/api/v1/cases/${c.number}/assignee`, { staffId: nok.id, expectedVersion: c.version }, keys.Somchai);
    expect(bySupport.status).toBe(403);
    expect(bySupport.json.error.details).toMatchObject({ reason: 'role_forbids', action: 'case.reassign' });
    const stale = await api('POST', `/api/v1/cases/${c.number}/assignee`, { staffId: nok.id, expectedVersion: c.version - 1 || 99 }, keys.Mali);
    expect(stale.status).toBe(409);
    // A support key of a manager: the key's role bounds what its member may do through it.
    const narrowKey = await keyFor(mali.id, 'support');
    const narrow = await api('POST', `/api/v1/cases/${c.number}/assignee`, { staffId: nok.id, expectedVersion: c.version }, narrowKey);
    expect(narrow.status).toBe(403);
    expect(narrow.json.error.details).toMatchObject({ reason: 'role_forbids', role: 'support' });
    const toCeo = await api('POST', `/api/v1/cases/${c.number}/assignee`, { staffId: boss.id, expectedVersion: c.version }, keys.Mali);
    expect(toCeo.status).toBe(422);
    expect(await snapshot(c.id)).toEqual(before);

    const res = await api('POST', `/api/v1/cases/${c.number}/assignee`, { staffId: nok.id, expectedVersion: c.version }, keys.Mali);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ ownerStaffId: nok.id, version: c.version + 1, changed: true, status: 'new' });
    await until(async () => pushedTexts(nok.lineUserId).includes(`Mali gave you ${c.number}.`) || false);
  });
});

describe('write to the customer', () => {
  it('goes out through the outbox to the customer in LINE and onto the timeline, as a reply from a group does', async () => {
    const c = await reportedCase();
    const res = await api('POST', `/api/v1/cases/${c.number}/messages`, { text: 'เรากำลังตรวจสอบให้ค่ะ', expectedVersion: c.version }, keys.Somchai);
    expect(res.status).toBe(201);
    expect(res.json.messageIds).toHaveLength(1);
    const out = await h.sys.knex('messages').where({ id: res.json.messageIds[0] }).first();
    expect(out).toMatchObject({ direction: 'out', sender_type: 'staff', staff_id: somchai.id, case_id: c.id });
    expect(await h.sys.knex('outbox').where({ id: out.outbox_id }).first()).toMatchObject({ queue: expect.any(String) });
    await until(async () => pushedTexts(c.customer).includes('เรากำลังตรวจสอบให้ค่ะ') || false);
    const event = await h.sys.knex('case_events').where({ case_id: c.id, type: 'message_out' }).first();
    expect(event).toMatchObject({ actor_type: 'staff', actor_id: somchai.id, is_public: true });
    expect((await h.sys.knex('cases').where({ id: c.id }).first()).first_responded_at).not.toBeNull();
  });

  it("refuses a stale version, a read-only role, someone else's case for support, an empty text: nothing queued", async () => {
    const c = await reportedCase();
    const took = await api('POST', `/api/v1/cases/${c.number}/take`, { expectedVersion: c.version }, keys.Somchai);
    const version = took.json.version;
    const before = await snapshot(c.id);

    const stale = await api('POST', `/api/v1/cases/${c.number}/messages`, { text: 'hi', expectedVersion: c.version }, keys.Somchai);
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe('stale_version');
    const ceo = await api('POST', `/api/v1/cases/${c.number}/messages`, { text: 'hi', expectedVersion: version }, keys.Boss);
    expect(ceo.status).toBe(403);
    expect(ceo.json.error.details.reason).toBe('role_forbids');
    const other = await api('POST', `/api/v1/cases/${c.number}/messages`, { text: 'hi', expectedVersion: version }, keys.Nok);
    expect(other.status).toBe(403);
    expect(other.json.error).toMatchObject({ message: `Somchai has ${c.number}: only they or a manager can change it`, details: { reason: 'owner', ownerName: 'Somchai' } });
    const empty = await api('POST', `/api/v1/cases/${c.number}/messages`, { text: '   ', expectedVersion: version }, keys.Somchai);
    expect(empty.status).toBe(422);

    expect(await snapshot(c.id)).toEqual(before);
    expect(pushedTexts(c.customer)).not.toContain('hi');
  });
});

describe('the OpenAPI document', () => {
  it('declares the three actions with their contracts', async () => {
    const doc = await (await fetch(`${h.sys.url}/api/v1/openapi.json`)).json();
    for (const [path, schema] of [
      ['/api/v1/cases/{number}/take', 'CaseTake'],
      ['/api/v1/cases/{number}/assignee', 'CaseAssignee'],
      ['/api/v1/cases/{number}/messages', 'CaseMessage'],
    ]) {
      expect(JSON.stringify(doc.paths[path].post.requestBody), path).toContain(schema);
    }
  });
});
