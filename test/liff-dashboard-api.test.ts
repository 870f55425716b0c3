import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { enrolStaff, type EnrolledStaff } from './support/staff-desk.ts';

/**
 * The Dashboard app's API (`/liff-api/v1/dashboard/*`): the analytics routes served to staff
 * signed in with LINE, the live queue, a support member's own figures, drill-downs and CSV.
 */
let h: LiffHarness;
let manager: EnrolledStaff;
let support: EnrolledStaff;
const cases: string[] = [];
beforeAll(async () => {
  h = await startLiffHarness();
  manager = await enrolStaff(h, { displayName: 'Mali Manager', role: 'manager' });
  support = await enrolStaff(h, { displayName: 'Sam Support', role: 'support' });
  for (let i = 0; i < 3; i++) cases.push((await h.reportProblem(lineId('U'))).number);
  // Sam works on the first case (as taking it would record; the dashboard reads the owner).
  await h.sys.knex('cases').where({ number: cases[0] }).update({ owner_staff_id: support.id });
}, 90_000);
afterAll(() => h?.close());

const as = (who: EnrolledStaff) => async (path: string) => h.pub('GET', path, { headers: { authorization: `Bearer ${h.idToken(who.lineUserId)}` } });
const liff = (apiPath: string) => apiPath.replace('/api/v1/analytics/', '/liff-api/v1/dashboard/');
const numbersOf = async (who: EnrolledStaff, drill: string) => ((await as(who)(liff(drill))).json.cases as { number: string }[]).map((c) => c.number);

describe('the live queue', () => {
  it('counts every open case by status and severity, unassigned, breaching soon and breached; each number drills down to its cases', async () => {
    const res = await as(manager)('/liff-api/v1/dashboard/queue');
    expect(res.status).toBe(200);
    const q = res.json;
    expect(q.open.value).toBeGreaterThanOrEqual(3);
    expect(q.unassigned.value).toBe(q.open.value - 1);
    expect(q.breached.value).toBe(0);
    expect(typeof q.breachingSoon.value).toBe('number');
    const newRow = q.byStatus.find((r: { status: string }) => r.status === 'new');
    expect(newRow.cases.value).toBe(q.open.value);
    const bySeverity = Object.values(q.bySeverity as Record<string, { value: number }>).reduce((a, f) => a + f.value, 0);
    expect(bySeverity).toBe(q.open.value);
    expect(q.byStatus.map((r: { status: string }) => r.status)).not.toContain('resolved');
    const open = await numbersOf(manager, q.open.drill);
    for (const c of cases) expect(open).toContain(c);
    expect(await numbersOf(manager, q.unassigned.drill)).not.toContain(cases[0]);
    const sev = Object.entries(q.bySeverity as Record<string, { value: number; drill: string }>).find(([, f]) => f.value > 0)!;
    expect((await numbersOf(manager, newRow.bySeverity[sev[0]].drill)).length).toBe(newRow.bySeverity[sev[0]].value);
  });

  it('is also the API keys’ /api/v1/analytics/queue, the same declaration; an owner filter of another org is refused', async () => {
    const api = apiClient(h.sys);
    const viaKey = await api('GET', '/api/v1/analytics/queue');
    expect(viaKey.status).toBe(200);
    expect(viaKey.json.open.value).toBe((await as(manager)('/liff-api/v1/dashboard/queue')).json.open.value);
    const mine = await api('GET', `/api/v1/analytics/queue?owner=${support.id}`);
    expect(mine.json.open.value).toBe(1);
    expect(mine.json.period.filters).toEqual({ owner: support.id });
    const unknown = await api('GET', `/api/v1/analytics/queue?owner=${randomUUID()}`);
    expect([unknown.status, unknown.json.error.details[0].path]).toEqual([422, 'owner']);
  });
});

describe("a support member's own figures", () => {
  it('narrows every case figure to the cases they own, whatever the page asks for', async () => {
    const q = (await as(support)('/liff-api/v1/dashboard/queue')).json;
    expect(q.open.value).toBe(1);
    expect(q.period.filters).toEqual({ owner: support.id });
    expect(await numbersOf(support, q.open.drill)).toEqual([cases[0]]);
    // Asking for someone else's cases, or everyone's, still answers only theirs.
    const wider = await as(support)(`/liff-api/v1/dashboard/cases?figure=cases&owner=${manager.id}`);
    expect(wider.json.cases.map((c: { number: string }) => c.number)).toEqual([cases[0]]);
    const sla = (await as(support)('/liff-api/v1/dashboard/sla')).json;
    expect(sla.cases.value).toBe(1);
    // The manager reads the org.
    expect((await as(manager)('/liff-api/v1/dashboard/sla')).json.cases.value).toBeGreaterThanOrEqual(3);
  });

  it('shows them their own score and its parts, and nobody else’s', async () => {
    const res = await as(support)('/liff-api/v1/dashboard/me');
    expect(res.status).toBe(200);
    expect(res.json.me).toMatchObject({ staffId: support.id, name: 'Sam Support', parts: { sla: expect.any(Object), speed: expect.any(Object), load: expect.any(Object), customerImpact: expect.any(Object) } });
    expect(res.json.me.casesOwned.value).toBe(1);
    expect(JSON.stringify(res.json)).not.toContain('Mali Manager');
    expect((await as(manager)('/liff-api/v1/dashboard/me')).json.me.staffId).toBe(manager.id);
  });
});

describe('CSV', () => {
  it('exports a table of a report, narrowed as the JSON is', async () => {
    const res = await fetch(`${h.sys.url}/liff-api/v1/dashboard/queue?format=csv&table=byStatus`, { headers: { authorization: `Bearer ${h.idToken(support.lineUserId)}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await res.text();
    expect(text.split('\n')[0]).toContain('status');
    expect(text).toMatch(/^new,1,/m);
  });
});
