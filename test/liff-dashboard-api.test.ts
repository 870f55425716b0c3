import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { transitionCase } from '../core/cases/transition.ts';
import type { CaseStatus } from '../core/vocabulary.ts';
import { apiClient } from './support/api-client.ts';
import { openLiveStream } from './support/live-stream.ts';
import { until } from './support/test-system.ts';
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
  // The live stream checks its caller on each heartbeat: a fast one, so a test waits little for it.
  h = await startLiffHarness({ LIVE_HEARTBEAT_MS: '200' });
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

describe('the live stream', () => {
  const LIVE = '/liff-api/v1/dashboard/live';
  const open = (who: EnrolledStaff, o: { ttlMs?: number } = {}) => openLiveStream(h.sys.url + LIVE, { authorization: `Bearer ${h.idToken(who.lineUserId, o)}` });
  /** A change on a case, committed: it is on every stream that may show it. */
  const touch = async (number: string, to: CaseStatus) => {
    const c = await h.sys.knex('cases').where({ number }).first();
    await h.sys.knex.transaction((trx) => transitionCase(trx, { orgId: c.org_id, caseId: c.id, to, actor: { type: 'staff', id: null } }));
  };

  it('ends when the manager watching it is deactivated, at the next heartbeat', async () => {
    const leaving = await enrolStaff(h, { displayName: 'Lek Leaving', role: 'manager' });
    const stream = await open(leaving);
    expect(stream.res.status).toBe(200);
    await until(async () => h.sys.live!.subscriberCount() === 1);
    expect((await apiClient(h.sys)('DELETE', `/api/v1/staff/${leaving.id}`)).status).toBe(200);
    await stream.done;
    expect(stream.ended()).toBe(true);
    await until(async () => h.sys.live!.subscriberCount() === 0);
    // And it cannot be opened again.
    expect((await open(leaving)).res.status).toBe(403);
  });

  it('ends when an API key reading it is revoked', async () => {
    const api = apiClient(h.sys);
    const key = (await api('POST', '/api/v1/api-keys', { name: 'wallboard', role: 'manager' })).json;
    const stream = await openLiveStream(`${h.sys.url}/api/v1/analytics/live`, { authorization: `Bearer ${key.key}` });
    expect(stream.res.status).toBe(200);
    expect((await api('DELETE', `/api/v1/api-keys/${key.id}`)).status).toBe(200);
    await stream.done;
    expect(stream.ended()).toBe(true);
    await until(async () => h.sys.live!.subscriberCount() === 0);
  });

  it('ends when the ID token it was opened with expires', async () => {
    // Long enough to be valid when the request is read on a loaded machine (1.5 s was not, once).
    const stream = await open(manager, { ttlMs: 4_000 });
    expect(stream.res.status).toBe(200);
    await stream.done;
    expect(stream.ended()).toBe(true);
    await until(async () => h.sys.live!.subscriberCount() === 0);
  });

  it('is at most three at once per staff member: a fourth is a 429 until one closes', async () => {
    const streams = [await open(manager), await open(manager), await open(manager)];
    expect(streams.map((s) => s.res.status)).toEqual([200, 200, 200]);
    const fourth = await open(manager);
    expect(fourth.res.status).toBe(429);
    expect((await fourth.res.json()).error.code).toBe('rate_limited');
    // Another member is not held to the manager's count.
    const other = await open(support);
    expect(other.res.status).toBe(200);
    streams[0].close();
    await until(async () => h.sys.live!.subscriberCount() === 3);
    const again = await open(manager);
    expect(again.res.status).toBe(200);
    for (const s of [...streams, other, again]) s.close();
    await until(async () => h.sys.live!.subscriberCount() === 0);
  });

  it("shows a support member only the cases they own; a manager sees all", async () => {
    const mgr = await open(manager);
    const own = await open(support);
    await until(async () => h.sys.live!.subscriberCount() === 2);
    await touch(cases[1], 'investigating');
    await touch(cases[0], 'investigating');
    await until(async () => mgr.events.some((e) => e.data.case.number === cases[0]));
    await until(async () => own.events.some((e) => e.data.case.number === cases[0]));
    expect(mgr.events.map((e) => e.data.case.number)).toEqual([cases[1], cases[0]]);
    expect(own.events.map((e) => e.data.case.number)).toEqual([cases[0]]);
    mgr.close();
    own.close();
    await until(async () => h.sys.live!.subscriberCount() === 0);
  });
});
