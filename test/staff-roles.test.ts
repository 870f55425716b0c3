import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './support/api-client.ts';
import { startTestSystem, type TestSystem } from './support/test-system.ts';

/**
 * Roles an admin changes (docs/staff.md): the org's only admin keeps theirs, even with two admins
 * demoting each other at once; and the owner's admin key reads staff performance and the CEO view
 * (docs/decisions.md, "The owner's view").
 */
let sys: TestSystem;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  sys = await startTestSystem({ env: { DEV_SIMULATOR: 'off' } });
  api = apiClient(sys);
}, 60_000);
afterAll(() => sys?.stopAll());

const WEEK = 'from=2026-03-02&to=2026-03-08';
const admins = async () => (await sys.knex('staff').where({ org_id: sys.defaultOrgId, role: 'admin', is_active: true }).select('id')).map((r) => r.id as string);
const roleChanges = async () => Number((await sys.knex('audit_log').where({ action: 'staff.role_changed' }).count({ n: '*' }).first())!.n);

describe('the last admin', () => {
  it("is refused another role with words saying what to do; the row and the audit log are as they were", async () => {
    // Down to one admin: every other admin becomes a manager.
    const [keep, ...rest] = await admins();
    for (const id of rest) expect((await api('PATCH', `/api/v1/staff/${id}`, { role: 'manager' })).status).toBe(200);
    const before = await sys.knex('staff').where({ id: keep }).first();
    const audits = await roleChanges();
    const res = await api('PATCH', `/api/v1/staff/${keep}`, { role: 'ceo' });
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: 'conflict', details: { reason: 'last_admin', staffId: keep } });
    expect(res.json.error.message).toBe(`${before.display_name} is the only admin: make someone else an admin first, or nobody could manage staff, channels and settings`);
    expect(await sys.knex('staff').where({ id: keep }).first()).toEqual(before);
    expect(await roleChanges()).toBe(audits);
    // Nor removed.
    const removed = await api('DELETE', `/api/v1/staff/${keep}`);
    expect(removed.status).toBe(409);
    expect(removed.json.error.details.reason).toBe('last_admin');
    expect(await sys.knex('staff').where({ id: keep }).first()).toEqual(before);
    // Working hours of the only admin still change: only the role and removal are guarded.
    expect((await api('PATCH', `/api/v1/staff/${keep}`, { workingHours: null })).status).toBe(200);
  });

  it('with a second admin the first may step down; two admins demoting each other at once: one succeeds, one is refused', async () => {
    const [first] = await admins();
    const second = (await api('POST', '/api/v1/staff', { displayName: 'Second Admin', role: 'admin' })).json.id as string;
    expect((await api('PATCH', `/api/v1/staff/${first}`, { role: 'manager' })).status).toBe(200);
    expect(await admins()).toEqual([second]);

    const third = (await api('POST', '/api/v1/staff', { displayName: 'Third Admin', role: 'admin' })).json.id as string;
    const answers = await Promise.all([api('PATCH', `/api/v1/staff/${second}`, { role: 'support' }), api('PATCH', `/api/v1/staff/${third}`, { role: 'support' })]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(await admins()).toHaveLength(1);
  });
});

describe("the owner's view", () => {
  it('an admin key reads staff performance and the CEO view; support and the accountant still may not', async () => {
    expect((await api('GET', `/api/v1/analytics/staff-performance?${WEEK}`)).status).toBe(200);
    const ceo = await api('GET', `/api/v1/analytics/ceo?${WEEK}`);
    expect(ceo.status).toBe(200);
    for (const role of ['support', 'accountant']) {
      const key = (await api('POST', '/api/v1/api-keys', { name: role, role })).json.key;
      const res = await api('GET', `/api/v1/analytics/ceo?${WEEK}`, undefined, key);
      expect(res.status, role).toBe(403);
      expect(res.json.error.details).toEqual({ role, permission: 'analytics.staff' });
    }
  });
});
