import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { enrolStaff, type EnrolledStaff } from './support/staff-desk.ts';

/**
 * The staff apps' sign-in (`access: { liffStaff }`, api/liff/staff-caller.ts): a LIFF ID token
 * LINE vouches for, naming an active staff member whose role has the route's permission. Every
 * refusal answers before anything is read or written, with a reason the page can show.
 */
let h: LiffHarness;
let manager: EnrolledStaff;
let support: EnrolledStaff;
beforeAll(async () => {
  h = await startLiffHarness();
  manager = await enrolStaff(h, { displayName: 'Mali Manager', role: 'manager' });
  support = await enrolStaff(h, { displayName: 'Sam Support', role: 'support', language: 'th' });
}, 90_000);
afterAll(() => h?.close());

const get = (path: string, token?: string) => h.pub('GET', path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
const ME = '/liff-api/v1/staff/me';

/** What a refused request may have touched: the audit log and the staff rows stay as they were. */
async function untouched<T>(act: () => Promise<T>): Promise<T> {
  const audit = async () => Number((await h.sys.knex('audit_log').count({ n: '*' }))[0].n);
  const staff = async () => JSON.stringify(await h.sys.knex('staff').orderBy('id').select('id', 'updated_at', 'line_user_id', 'is_active'));
  const [a, s] = [await audit(), await staff()];
  const out = await act();
  expect(await audit()).toBe(a);
  expect(await staff()).toBe(s);
  return out;
}

describe('the staff sign-in', () => {
  it('knows an enrolled staff member by the LINE account their token names, with what their role allows', async () => {
    const res = await get(ME, h.idToken(support.lineUserId, { name: 'whatever LINE says' }));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: support.id, displayName: 'Sam Support', role: 'support', language: 'th' });
    expect(res.json.permissions).toContain('cases.work');
    expect(res.json.permissions).not.toContain('analytics.staff');
    const m = await get(ME, h.idToken(manager.lineUserId));
    expect(m.json).toMatchObject({ id: manager.id, role: 'manager', language: 'en' });
    expect(m.json.permissions).toContain('analytics.staff');
  });

  it("refuses a customer's token, and a stranger's, with 403 not_staff; nothing read or written", async () => {
    const customer = lineId('U');
    const c = await h.reportProblem(customer);
    await untouched(async () => {
      for (const who of [customer, lineId('U')]) {
        for (const path of [ME, '/liff-api/v1/dashboard/sla', `/liff-api/v1/dashboard/cases?figure=cases`]) {
          const res = await get(path, h.idToken(who));
          expect(res.status, path).toBe(403);
          expect(res.json.error).toMatchObject({ code: 'forbidden', details: { reason: 'not_staff' } });
          expect(res.json.error.message).toMatch(/not enrolled as staff/);
          expect(JSON.stringify(res.json)).not.toContain(c.number);
        }
      }
    });
  });

  it('refuses a missing, forged, expired or wrong-audience token with 401 before asking who it is', async () => {
    const good = h.idToken(manager.lineUserId);
    const [head, body, sig] = good.split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
    const tokens = {
      none: undefined,
      garbage: 'not-a-token',
      forged: `${head}.${Buffer.from(JSON.stringify({ ...claims, sub: support.lineUserId })).toString('base64url')}.${sig}`,
      expired: h.idToken(manager.lineUserId, { ttlMs: -1000 }),
      otherChannel: h.idToken(manager.lineUserId, { channelId: '1999999999' }),
    };
    await untouched(async () => {
      for (const [name, token] of Object.entries(tokens)) {
        const res = await get('/liff-api/v1/dashboard/sla', token);
        expect(res.status, name).toBe(401);
        expect(res.json.error.code, name).toBe('unauthenticated');
        expect(res.json).not.toHaveProperty('period');
      }
    });
  });

  it('refuses a role without the permission with 403 naming what is needed, as for API keys', async () => {
    await untouched(async () => {
      const res = await get('/liff-api/v1/dashboard/staff-performance', h.idToken(support.lineUserId));
      expect(res.status).toBe(403);
      expect(res.json.error).toMatchObject({ code: 'forbidden', details: { reason: 'role_forbids', role: 'support', permission: 'analytics.staff', roles: ['admin', 'manager', 'ceo'] } });
      expect(res.json.error.message).toContain('analytics.staff');
      expect(res.json).not.toHaveProperty('staff');
    });
    // The same route, the same rule: the manager reads it.
    const ok = await get('/liff-api/v1/dashboard/staff-performance', h.idToken(manager.lineUserId));
    expect(ok.status).toBe(200);
    expect(ok.json.staff.map((s: { staffId: string }) => s.staffId)).toContain(support.id);
    // An accountant is staff, but analytics are not theirs.
    const accountant = await enrolStaff(h, { displayName: 'Ann Accounts', role: 'accountant' as 'support' });
    const refused = await get('/liff-api/v1/dashboard/sla', h.idToken(accountant.lineUserId));
    expect(refused.json.error.details).toMatchObject({ reason: 'role_forbids', permission: 'analytics.read' });
    expect((await get(ME, h.idToken(accountant.lineUserId))).status).toBe(200);
  });

  it('refuses a staff member removed while the app is open with 403 staff_removed on their next call', async () => {
    const leaver = await enrolStaff(h, { displayName: 'Lee Leaving', role: 'manager' });
    const token = h.idToken(leaver.lineUserId);
    expect((await get('/liff-api/v1/dashboard/sla', token)).status).toBe(200);
    expect((await apiClient(h.sys)('DELETE', `/api/v1/staff/${leaver.id}`)).status).toBeLessThan(300);
    await untouched(async () => {
      for (const path of [ME, '/liff-api/v1/dashboard/sla']) {
        const res = await get(path, token);
        expect(res.status, path).toBe(403);
        expect(res.json.error).toMatchObject({ code: 'forbidden', details: { reason: 'staff_removed' } });
        expect(res.json.error.message).toMatch(/removed/);
      }
    });
  });

  it('documents the staff routes in the OpenAPI document under their own tag, sign-in and permission', async () => {
    const doc = (await h.pub('GET', '/api/v1/openapi.json')).json;
    const me = doc.paths['/liff-api/v1/staff/me'].get;
    expect(me).toMatchObject({ tags: ['liff-staff'], security: [{ liffIdToken: [] }], 'x-permission': 'org.read' });
    expect(Object.keys(me.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '503']));
    expect(doc.paths['/liff-api/v1/dashboard/staff-performance'].get).toMatchObject({ tags: ['liff-staff'], 'x-permission': 'analytics.staff' });
    // The API keys' analytics are still theirs, under their own tag.
    expect(doc.paths['/api/v1/analytics/staff-performance'].get).toMatchObject({ tags: ['analytics'], 'x-permission': 'analytics.staff' });
    expect(doc.paths['/api/v1/analytics/staff-performance'].get.security).toBeUndefined();
  });
});
