import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import type { TestSystem } from './support/test-system.ts';

/**
 * Staff enrolment through the running system: an admin creates a staff member through the API and
 * gets a one-time code; the staff member sends it to the bot through signed LINE webhooks, 1:1 or
 * in a group, and is linked; what the bot answers is read from the fake LINE server.
 */
let h: LineCustomerHarness;
let sys: TestSystem;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  h = await startLineCustomerHarness();
  sys = h.sys;
  api = apiClient(sys);
});
afterAll(() => h?.close());

async function newStaff(displayName: string, role = 'support', language?: string) {
  const res = await api('POST', '/api/v1/staff', { displayName, role, ...(language ? { language } : {}) });
  expect(res.status).toBe(201);
  return res.json as { id: string; displayName: string; linked: boolean; enrolment: { code: string; expiresAt: string } };
}
const staffRow = (id: string) => sys.knex('staff').where({ id }).first();

describe('enrolment through the admin API and the bot', () => {
  it('creates a staff member with a one-time code of which only the hash is stored', async () => {
    const s = await newStaff('Somchai', 'support');
    expect(s).toMatchObject({ displayName: 'Somchai', role: 'support', language: 'th', isActive: true, linked: false, enrolmentPending: true });
    expect(s.enrolment.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const hours = (new Date(s.enrolment.expiresAt).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    const row = await staffRow(s.id);
    expect(row.enrolment_code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(s.enrolment.code.replace('-', ''));
    const audit = await sys.knex('audit_log').where({ subject_id: s.id }).orderBy('id').pluck('action');
    expect(audit).toEqual(['staff.created', 'staff.enrolment_code_issued']);

    const list = await api('GET', '/api/v1/staff');
    expect(list.status).toBe(200);
    expect(list.json.find((x: { id: string }) => x.id === s.id)).toMatchObject({ linked: false, enrolmentPending: true });
  });

  it('links a LINE user who sends the code 1:1 and answers by reply; the code works once', async () => {
    const s = await newStaff('Somchai Jaidee', 'support');
    const userId = lineId('U');
    const reply = await h.ask(userId, { text: s.enrolment.code });
    expect(reply.text).toContain('Somchai Jaidee');
    expect(reply.text).toContain('ฝ่ายบริการลูกค้า');
    const row = await staffRow(s.id);
    expect(row).toMatchObject({ line_user_id: userId, enrolment_code_hash: null, enrolment_expires_at: null });
    expect(row.enrolled_at).not.toBeNull();
    expect(await sys.knex('audit_log').where({ subject_id: s.id, action: 'staff.enrolled' }).first()).toBeDefined();
    // Not a customer's problem: no case, no classification.
    expect(await sys.knex('cases').where({ contact_id: (await sys.knex('contact_identities').where({ external_id: userId }).first()).contact_id }).first()).toBeUndefined();

    // A second use, by someone else: refused, nothing changed.
    const other = lineId('U');
    const again = await h.ask(other, { text: s.enrolment.code });
    expect(again.text).toMatch(/ใช้ไม่ได้.*ค่ะ/s);
    expect(await staffRow(s.id)).toMatchObject({ line_user_id: userId, enrolled_at: row.enrolled_at });
    expect(await sys.knex('staff').where({ line_user_id: other }).first()).toBeUndefined();

    const list = await api('GET', '/api/v1/staff');
    expect(list.json.find((x: { id: string }) => x.id === s.id)).toMatchObject({ linked: true, enrolmentPending: false });
  });

  it('links a LINE user who sends the code in a group (in lower case, without its hyphen), answering in the group', async () => {
    const s = await newStaff('Alice Manager', 'manager', 'en');
    const userId = lineId('U');
    const groupId = lineId('C');
    const reply = await h.ask(userId, { text: s.enrolment.code.replace('-', '').toLowerCase(), groupId });
    expect(reply.text).toContain('Welcome aboard, Alice Manager');
    expect(reply.text).toContain('manager');
    expect(await staffRow(s.id)).toMatchObject({ line_user_id: userId, enrolment_code_hash: null });
    const out = await sys.knex('messages').where({ direction: 'out' }).orderBy('created_at', 'desc').first();
    const conversation = await sys.knex('conversations').where({ id: out.conversation_id }).first();
    expect(conversation).toMatchObject({ kind: 'group', external_id: groupId });
  });

  it('refuses an expired code and changes nothing', async () => {
    const s = await newStaff('Late Larry');
    await sys.knex('staff').where({ id: s.id }).update({ enrolment_expires_at: new Date(Date.now() - 60_000) });
    const before = await staffRow(s.id);
    const reply = await h.ask(lineId('U'), { text: s.enrolment.code });
    expect(reply.text).toMatch(/หมดอายุ/);
    const after = await staffRow(s.id);
    expect(after).toMatchObject({ line_user_id: null, enrolled_at: null, enrolment_code_hash: before.enrolment_code_hash });

    // A new code from the admin works.
    const fresh = await api('POST', `/api/v1/staff/${s.id}/enrolment-code`);
    expect(fresh.status).toBe(201);
    const userId = lineId('U');
    await h.ask(userId, { text: fresh.json.code });
    expect(await staffRow(s.id)).toMatchObject({ line_user_id: userId });
  });

  it('refuses a code sent by a LINE user already linked to another staff member, in a group too', async () => {
    const first = await newStaff('Bee One');
    const userId = lineId('U');
    await h.ask(userId, { text: first.enrolment.code });
    expect(await staffRow(first.id)).toMatchObject({ line_user_id: userId });

    const second = await newStaff('Bee Two');
    const before = await staffRow(second.id);
    const reply = await h.ask(userId, { text: second.enrolment.code, groupId: lineId('C') });
    expect(reply.text).toMatch(/ค่ะ/);
    expect(await staffRow(second.id)).toMatchObject({ line_user_id: null, enrolled_at: null, enrolment_code_hash: before.enrolment_code_hash });
    expect(await staffRow(first.id)).toMatchObject({ line_user_id: userId });
  });

  it('leaves ordinary group talk alone', async () => {
    const groupId = lineId('C');
    const event = await h.send(lineId('U'), { text: 'ใครว่างช่วยดูเคสนี้หน่อย', groupId });
    const message = await (async () => {
      for (let i = 0; i < 200; i++) {
        const m = await sys.knex('messages').where({ text: 'ใครว่างช่วยดูเคสนี้หน่อย' }).first();
        if (m) return m;
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    expect(message).toBeDefined();
    await new Promise((r) => setTimeout(r, 500));
    expect(h.line.state.deliveries.find((d) => d.replyToken === event.replyToken)).toBeUndefined();
  });
});

describe('who may manage staff', () => {
  it('refuses a support key (403) and lets a manager read', async () => {
    const supportKey = (await api('POST', '/api/v1/api-keys', { name: 'agent', role: 'support' })).json.key;
    const managerKey = (await api('POST', '/api/v1/api-keys', { name: 'lead', role: 'manager' })).json.key;
    const count = async () => Number((await sys.knex('staff').count({ n: '*' }))[0].n);
    const before = await count();
    const denied = await api('POST', '/api/v1/staff', { displayName: 'Mallory', role: 'admin' }, supportKey);
    expect(denied.status).toBe(403);
    expect(denied.json.error.details).toEqual({ role: 'support', permission: 'staff.manage' });
    expect(await count()).toBe(before);
    expect((await api('GET', '/api/v1/staff', undefined, supportKey)).status).toBe(403);
    expect((await api('GET', '/api/v1/staff', undefined, managerKey)).status).toBe(200);
    expect((await api('POST', '/api/v1/staff', { displayName: 'M', role: 'manager' }, managerKey)).status).toBe(403);
  });

  it('validates the body and deactivates a staff member, unlinking them', async () => {
    expect((await api('POST', '/api/v1/staff', { displayName: '', role: 'boss' })).status).toBe(422);
    const s = await newStaff('Leaving Lek');
    const userId = lineId('U');
    await h.ask(userId, { text: s.enrolment.code });
    const gone = await api('DELETE', `/api/v1/staff/${s.id}`);
    expect(gone.status).toBe(200);
    expect(await staffRow(s.id)).toMatchObject({ is_active: false, line_user_id: null, enrolment_code_hash: null });
    expect((await api('POST', `/api/v1/staff/${s.id}/enrolment-code`)).status).toBe(409);
    expect((await api('DELETE', '/api/v1/staff/not-a-uuid')).status).toBe(404);
  });
});
