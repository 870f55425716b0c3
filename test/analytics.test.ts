import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reassignCase, takeCase } from '../core/cases/case-assignment.ts';
import { setCaseProvider } from '../core/cases/case-provider.ts';
import { openCase } from '../core/cases/open-case.ts';
import { transitionCase } from '../core/cases/transition.ts';
import { staffPerformance as staffPerformanceContract } from '../core/contracts/analytics.ts';
import type { CaseStatus } from '../core/vocabulary.ts';
import { apiClient } from './support/api-client.ts';
import { startTestSystem, type TestSystem } from './support/test-system.ts';

/**
 * Analytics on a hand-built week (Mon 2 to Sun 8 March 2026, Asia/Bangkok, business hours
 * Mon-Fri 09:00-18:00). Every expected number below is worked out by hand in the comments.
 *
 * C1 analytics_std (FR 30, resolution 240), Mon 09:00: Anan takes it 09:10, waits on the customer
 *    10:00-12:00, resolved 13:00. FR 10 met; clock 10+50+60 = 120 met; queue 10, active 110,
 *    waiting customer 120; total 240.
 * C2 analytics_std, Mon 17:00: Bee takes it Tue 09:20 (FR business 60+20 = 80 missed; calendar
 *    16 h 20 = 980), provider 10:00-15:00, fixing, resolved 16:00. Clock 80+40+300+60 = 480 missed;
 *    queue 80/980, active 100, waiting provider 300; total 480 business, 1380 calendar.
 * C3 analytics_crit (critical, FR 15, resolution 60), Wed 10:00: Anan takes it 10:05 (FR 5 met),
 *    resolved 10:30 (clock 30), the customer reopens it 11:00, a manager hands it to Bee 11:10, Bee
 *    resolves 11:45: clock 30+45 = 75 missed. queue 5, active 70; total 75 (the 30 min resolved do not count).
 * C4 analytics_late (category system), Mon 06:00 local = Sun 23:00 UTC: in the week only in the
 *    org's zone. Never answered: both clocks missed, an open breach now.
 * C5 analytics_std, Mon 9 March 05:00 local = Sun 8 March 22:00 UTC: outside the week (in the zone).
 * C6 analytics_std, Tue 10 March 09:00 (the week after): Anan takes it 09:40 (FR 40 missed),
 *    resolved 10:40 (clock 100 met): outside SLA.
 * C7 analytics_std, Mon 16 February 09:00 (the month before): Bee takes it 09:05 (FR 5 met),
 *    resolved 10:05 (clock 65 met): within.
 */
let sys: TestSystem;
let api: ReturnType<typeof apiClient>;
let managerKey: string;
let supportKey: string;
const n: Record<string, string> = {};
const staff: Record<string, string> = {};

const at = (local: string) => new Date(`${local}+07:00`);
const WEEK = 'from=2026-03-02&to=2026-03-08';

async function caseRow(id: string) {
  return sys.knex('cases').where({ id }).first();
}
async function open(key: string, local: string) {
  return sys.knex.transaction((trx) =>
    openCase(trx, { orgId: sys.defaultOrgId, caseTypeKey: key, contactId: null, conversationId: null, sourceMessageId: null, source: 'api', summary: key, language: 'en', fields: {}, now: at(local) }),
  );
}
async function take(caseId: string, staffId: string, local: string) {
  const c = await caseRow(caseId);
  await sys.knex.transaction((trx) => takeCase(trx, { orgId: sys.defaultOrgId, caseId, version: c.version, ownerStaffId: c.owner_staff_id, status: c.status }, staffId, at(local)));
}
async function move(caseId: string, to: CaseStatus, local: string, actor: 'staff' | 'customer' = 'staff') {
  await sys.knex.transaction((trx) => transitionCase(trx, { orgId: sys.defaultOrgId, caseId, to, actor: { type: actor, id: null }, now: at(local) }));
}

beforeAll(async () => {
  // Only the api: no SLA worker fires the (long past) timers while the fixture is built.
  sys = await startTestSystem({ roles: ['api'], env: { DEV_SIMULATOR: 'off' } });
  api = apiClient(sys);
  const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'];
  await sys.knex('orgs').where({ id: sys.defaultOrgId }).update({
    time_zone: 'Asia/Bangkok',
    business_hours: JSON.stringify(Object.fromEntries(weekdays.map((d) => [d, [['09:00', '18:00']]]))),
    holidays: JSON.stringify([]),
  });
  for (const [key, category, severity, fr, res] of [
    ['analytics_std', 'order', 'normal', 30, 240],
    ['analytics_crit', 'order', 'critical', 15, 60],
    ['analytics_late', 'system', 'normal', 30, 240],
  ] as const) {
    const r = await api('POST', '/api/v1/case-types', { key, name: { th: key, en: key }, category, defaultSeverity: severity, firstResponseMinutes: fr, resolutionMinutes: res });
    expect(r.status).toBe(201);
  }
  for (const [name, role] of [['Anan', 'support'], ['Bee', 'support'], ['Mali', 'manager']] as const) {
    const r = await api('POST', '/api/v1/staff', { displayName: name, role });
    expect(r.status).toBe(201);
    staff[name] = r.json.id;
  }
  managerKey = (await api('POST', '/api/v1/api-keys', { name: 'manager', role: 'manager' })).json.key;
  supportKey = (await api('POST', '/api/v1/api-keys', { name: 'support', role: 'support' })).json.key;
  const provider = await sys.knex('providers').where({ org_id: sys.defaultOrgId }).orderBy('key').first();

  const c1 = await open('analytics_std', '2026-03-02T09:00');
  await take(c1.id, staff.Anan, '2026-03-02T09:10');
  await move(c1.id, 'waiting_customer', '2026-03-02T10:00');
  await move(c1.id, 'investigating', '2026-03-02T12:00', 'customer');
  await move(c1.id, 'resolved', '2026-03-02T13:00');

  const c2 = await open('analytics_std', '2026-03-02T17:00');
  await take(c2.id, staff.Bee, '2026-03-03T09:20');
  await sys.knex.transaction((trx) => setCaseProvider(trx, { orgId: sys.defaultOrgId, caseId: c2.id, providerKey: provider.key, actor: { type: 'staff', id: staff.Bee } }));
  await move(c2.id, 'waiting_provider', '2026-03-03T10:00');
  await move(c2.id, 'fixing', '2026-03-03T15:00');
  await move(c2.id, 'resolved', '2026-03-03T16:00');

  const c3 = await open('analytics_crit', '2026-03-04T10:00');
  await take(c3.id, staff.Anan, '2026-03-04T10:05');
  await move(c3.id, 'resolved', '2026-03-04T10:30');
  await move(c3.id, 'investigating', '2026-03-04T11:00', 'customer');
  const seen = await caseRow(c3.id);
  await sys.knex.transaction((trx) => reassignCase(trx, { orgId: sys.defaultOrgId, caseId: c3.id, version: seen.version, ownerStaffId: seen.owner_staff_id, status: seen.status }, staff.Bee, staff.Mali));
  await move(c3.id, 'resolved', '2026-03-04T11:45');

  const c4 = await open('analytics_late', '2026-03-02T06:00');
  const c5 = await open('analytics_std', '2026-03-09T05:00');

  const c6 = await open('analytics_std', '2026-03-10T09:00');
  await take(c6.id, staff.Anan, '2026-03-10T09:40');
  await move(c6.id, 'resolved', '2026-03-10T10:40');
  const c7 = await open('analytics_std', '2026-02-16T09:00');
  await take(c7.id, staff.Bee, '2026-02-16T09:05');
  await move(c7.id, 'resolved', '2026-02-16T10:05');
  Object.assign(n, { c1: c1.number, c2: c2.number, c3: c3.number, c4: c4.number, c5: c5.number, c6: c6.number, c7: c7.number, provider: provider.key });
});
afterAll(() => sys?.stopAll());

const drill = async (path: string, key?: string) => {
  const r = await api('GET', path, undefined, key);
  expect(r.status).toBe(200);
  return (r.json.cases as { number: string }[]).map((c) => c.number).sort();
};

describe('time tracking', () => {
  it('adds up where the time went, in business and calendar minutes, per case and in all', async () => {
    const r = await api('GET', `/api/v1/analytics/time-tracking?${WEEK}&category=order`);
    expect(r.status).toBe(200);
    const b = r.json;
    expect(b.period).toEqual({ from: '2026-03-01T17:00:00.000Z', to: '2026-03-08T17:00:00.000Z', timeZone: 'Asia/Bangkok', filters: { category: 'order' } });
    expect(b.cases.value).toBe(3);
    const row = (num: string) => b.perCase.find((c: { number: string }) => c.number === num);
    expect(row(n.c1)).toMatchObject({
      firstResponse: { business: 10, calendar: 10 },
      queue: { business: 10, calendar: 10 },
      active: { business: 110, calendar: 110 },
      waitingCustomer: { business: 120, calendar: 120 },
      waitingProvider: { business: 0, calendar: 0 },
      resolution: { business: 240, calendar: 240 },
    });
    expect(row(n.c2)).toMatchObject({
      firstResponse: { business: 80, calendar: 980 },
      queue: { business: 80, calendar: 980 },
      active: { business: 100, calendar: 100 },
      waitingProvider: { business: 300, calendar: 300 },
      resolution: { business: 480, calendar: 1380 },
    });
    expect(row(n.c3)).toMatchObject({ firstResponse: { business: 5, calendar: 5 }, queue: { business: 5 }, active: { business: 70, calendar: 70 }, resolution: { business: 75, calendar: 75 } });

    const bucket = (name: string) => b.whereTheTimeWent.find((w: { bucket: string }) => w.bucket === name);
    // 95 + 280 + 120 + 300 = 795 business minutes in all.
    expect(bucket('queue')).toMatchObject({ business: 95, calendar: 995, share: 0.1195 });
    expect(bucket('active')).toMatchObject({ business: 280, calendar: 280, share: 0.3522 });
    expect(bucket('waiting_customer')).toMatchObject({ business: 120, calendar: 120, share: 0.1509, whose: "the customer's" });
    expect(bucket('waiting_provider')).toMatchObject({ business: 300, calendar: 300, share: 0.3774, whose: "the provider's" });
    expect(b.averages.firstResponse).toEqual({ business: 31.7, calendar: 331.7 });
    expect(b.averages.totalResolution).toEqual({ business: 265, calendar: 565 });
    expect(await drill(bucket('waiting_provider').cases.drill)).toEqual([n.c2]);
    expect(await drill(bucket('waiting_customer').cases.drill)).toEqual([n.c1]);
  });

  it("counts the period in the org's time zone", async () => {
    const r = await api('GET', `/api/v1/analytics/time-tracking?${WEEK}`);
    expect(r.json.perCase.map((c: { number: string }) => c.number).sort()).toEqual([n.c1, n.c2, n.c3, n.c4].sort());
    // The same week in UTC would have taken C5 (Sun 22:00 UTC) and left out C4 (Sun 23:00 UTC the week before).
    const utc = await api('GET', '/api/v1/analytics/time-tracking?from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z');
    expect(utc.json.perCase.map((c: { number: string }) => c.number).sort()).toEqual([n.c1, n.c2, n.c3, n.c5].sort());
  });

  it('filters by case type, severity, channel and provider', async () => {
    const count = async (q: string) => (await api('GET', `/api/v1/analytics/time-tracking?${WEEK}&${q}`)).json.cases.value;
    expect(await count('caseType=analytics_std')).toBe(2);
    expect(await count('severity=critical')).toBe(1);
    expect(await count('channel=api')).toBe(4);
    expect(await count('channel=line')).toBe(0);
    expect(await count(`provider=${n.provider}`)).toBe(1);
    expect(await count('category=system')).toBe(1);
  });

  it('filters by team: the cases its routing takes', async () => {
    const channel =
      (await sys.knex('channels').where({ org_id: sys.defaultOrgId }).first('id')) ??
      (await sys.knex('channels').insert({ org_id: sys.defaultOrgId, kind: 'line', name: 'Team test' }).returning('id'))[0];
    const team = async (routing: Record<string, unknown>) =>
      (await sys.knex('staff_groups').insert({ org_id: sys.defaultOrgId, channel_id: channel.id, line_group_id: `C${randomBytes(8).toString('hex')}`, purpose: 'support', name: 'team', routing: JSON.stringify(routing) }).returning('id'))[0].id;
    const numbers = async (id: string) => {
      const r = await api('GET', `/api/v1/analytics/time-tracking?${WEEK}&team=${id}`);
      expect(r.status).toBe(200);
      expect(r.json.period.filters).toEqual({ team: id });
      return r.json.perCase.map((c: { number: string }) => c.number).sort();
    };
    // The week holds C1-C4; each team takes only what its routing names.
    expect(await numbers(await team({ severities: ['critical'] }))).toEqual([n.c3]);
    expect(await numbers(await team({ caseTypes: ['analytics_std', 'analytics_late'], categories: ['order'] }))).toEqual([n.c1, n.c2].sort());
    expect(await numbers(await team({ providers: [n.provider] }))).toEqual([n.c2]);
    expect(await numbers(await team({}))).toEqual([n.c1, n.c2, n.c3, n.c4].sort());
    // Its drill-down keeps the team.
    const crit = await team({ severities: ['critical'] });
    const sla = (await api('GET', `/api/v1/analytics/sla?${WEEK}&team=${crit}`)).json;
    expect(sla.cases.drill).toContain(`team=${crit}`);
    expect(await drill(sla.cases.drill)).toEqual([n.c3]);
  });
});

describe('SLA', () => {
  it('counts met and missed per clock, compliance, average and p90, and open breaches now', async () => {
    const r = await api('GET', `/api/v1/analytics/sla?${WEEK}&category=order`);
    expect(r.status).toBe(200);
    const s = r.json;
    // First response: C1 10 and C3 5 met, C2 80 missed; p90 of [5, 10, 80] by nearest rank is 80.
    expect(s.firstResponse).toMatchObject({ met: { value: 2 }, missed: { value: 1 }, pending: { value: 0 }, complianceRate: 0.6667, averageMinutes: 31.7, p90Minutes: 80 });
    // Resolution (counted clock): C1 120 met, C2 480 and C3 75 missed.
    expect(s.resolution).toMatchObject({ met: { value: 1 }, missed: { value: 2 }, complianceRate: 0.3333, averageMinutes: 225, p90Minutes: 480 });
    // Open breaches are counted now, whenever the case opened: C5 (next week, never answered).
    expect(s.openBreachesNow.value).toBe(1);
    expect(await drill(s.openBreachesNow.drill)).toEqual([n.c5]);
    expect(await drill(s.resolution.missed.drill)).toEqual([n.c2, n.c3].sort());
    expect(await drill(s.firstResponse.missed.drill)).toEqual([n.c2]);

    const all = (await api('GET', `/api/v1/analytics/sla?${WEEK}`)).json;
    // Without the category, C4 too.
    expect(all.openBreachesNow.value).toBe(2);
    expect(await drill(all.openBreachesNow.drill)).toEqual([n.c4, n.c5].sort());
  });

  it('trends by day and by week, each bucket drilling to its cases', async () => {
    const day = (await api('GET', `/api/v1/analytics/sla?${WEEK}&category=order`)).json.trend;
    expect(day.map((d: { bucket: string }) => d.bucket)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']);
    expect(day[0]).toMatchObject({ cases: { value: 2 }, met: 1, missed: 1, complianceRate: 0.5, averageResponseMinutes: 45, averageResolutionMinutes: 300 });
    expect(day[2]).toMatchObject({ cases: { value: 1 }, met: 0, missed: 1, complianceRate: 0 });
    expect(day[1]).toMatchObject({ cases: { value: 0 }, complianceRate: null });
    expect(await drill(day[0].cases.drill)).toEqual([n.c1, n.c2].sort());
    const week = (await api('GET', `/api/v1/analytics/sla?${WEEK}&category=order&granularity=week`)).json.trend;
    expect(week).toHaveLength(1);
    expect(week[0]).toMatchObject({ bucket: '2026-03-02', cases: { value: 3 }, met: 1, missed: 2, complianceRate: 0.3333 });
  });

  it('trends by month', async () => {
    // February: C7 (within). March: C1 within; C2, C3, C5 (never answered) and C6 outside.
    const month = (await api('GET', '/api/v1/analytics/sla?from=2026-02-01&to=2026-03-31&category=order&granularity=month')).json.trend;
    expect(month.map((m: { bucket: string }) => m.bucket)).toEqual(['2026-02-01', '2026-03-01']);
    expect(month[0]).toMatchObject({ cases: { value: 1 }, met: 1, missed: 0, complianceRate: 1, averageResponseMinutes: 5, averageResolutionMinutes: 65 });
    expect(month[1]).toMatchObject({ cases: { value: 5 }, met: 1, missed: 4, complianceRate: 0.2 });
    expect(await drill(month[0].cases.drill)).toEqual([n.c7]);
    expect(await drill(month[1].cases.drill)).toEqual([n.c1, n.c2, n.c3, n.c5, n.c6].sort());
  });
});

describe('staff performance', () => {
  it('shows each staff member with the score and its parts, with the default weights', async () => {
    const r = await api('GET', `/api/v1/analytics/staff-performance?${WEEK}`, undefined, managerKey);
    expect(r.status).toBe(200);
    const p = r.json;
    expect(p.weights).toEqual({ sla: 40, speed: 30, load: 20, customerImpact: 10 });
    const anan = p.staff.find((s: { name: string }) => s.name === 'Anan');
    const bee = p.staff.find((s: { name: string }) => s.name === 'Bee');
    // Anan took C1 and C3, owns C1: SLA 100, speed 1 - 10/30 = 66.7, load 1/2 = 50, not reopened 100
    // -> 40 + 20 + 10 + 10 = 80.
    expect(anan).toMatchObject({ casesTaken: { value: 2 }, casesOwned: { value: 1 }, withinSlaRate: 1, averageResponseMinutes: 10, averageResolutionMinutes: 120, criticalHandled: { value: 0 }, score: 80 });
    expect(anan.parts).toMatchObject({ sla: { value: 100, points: 40 }, speed: { value: 66.7, points: 20 }, load: { value: 50, points: 10 }, customerImpact: { value: 100, points: 10 } });
    // Bee owns C2 and C3 (handed over): SLA 0, speed (0 + (1 - 5/15)) / 2 = 33.3, load 100, one
    // of two reopened 50 -> 0 + 10 + 20 + 5 = 35.
    expect(bee).toMatchObject({ casesTaken: { value: 2 }, casesOwned: { value: 2 }, withinSlaRate: 0, averageResponseMinutes: 42.5, averageResolutionMinutes: 277.5, criticalHandled: { value: 1 }, score: 35 });
    expect(bee.parts).toMatchObject({ sla: { value: 0, points: 0 }, speed: { value: 33.3, points: 10 }, load: { value: 100, points: 20 }, customerImpact: { value: 50, points: 5 } });
    expect(anan.previous).toEqual({ score: null, casesOwned: 0, withinSlaRate: null });
    expect(bee.change.casesOwned).toBe(2);
    // Each one's reason in parts, beside the English sentence: Anan's most points are SLA (40),
    // Bee's case load (20); Bee missed both decided cases.
    expect(p.topPerformers).toEqual([
      expect.objectContaining({ name: 'Anan', score: 80, strongest: { part: 'sla', value: 100 }, casesOwned: 1, reason: 'score 80; strongest part: SLA compliance 100 (1 case owned)' }),
      expect.objectContaining({ name: 'Bee', score: 35, strongest: { part: 'load', value: 100 }, casesOwned: 2, reason: 'score 35; strongest part: case load 100 (2 cases owned)' }),
    ]);
    expect(p.bottlenecks).toEqual([expect.objectContaining({ name: 'Bee', kind: 'missedSla', count: 2, of: 2, withinRate: 0, reason: 'missed SLA on 2 of 2 decided cases (0 % within)' })]);
    // The contract names every field the report answers (parsing drops what it does not know).
    expect(staffPerformanceContract.parse(p)).toEqual(p);
    expect(await drill(p.bottlenecks[0].drill)).toEqual([n.c2, n.c3].sort());
    expect(await drill(anan.casesTaken.drill)).toEqual([n.c1, n.c3].sort());
    expect(await drill(bee.criticalHandled.drill)).toEqual([n.c3]);
  });

  it('compares each person with the week before', async () => {
    // Week of 9 March against the fixture's week. Anan owns C6: SLA 0, speed 0 (40 > 30), load
    // 1/1 100 (20), not reopened 100 (10): 30; the week before 80 (1 case, all within).
    const p = (await api('GET', '/api/v1/analytics/staff-performance?from=2026-03-09&to=2026-03-15', undefined, managerKey)).json;
    const anan = p.staff.find((s: { name: string }) => s.name === 'Anan');
    expect(anan).toMatchObject({ casesOwned: { value: 1 }, withinSlaRate: 0, score: 30 });
    expect(anan.previous).toEqual({ score: 80, casesOwned: 1, withinSlaRate: 1 });
    expect(anan.change).toEqual({ score: -50, casesOwned: 0, withinSlaRate: -1 });
    // Bee owns nothing this week; the week before C2 and C3 (35).
    const bee = p.staff.find((s: { name: string }) => s.name === 'Bee');
    expect(bee.previous).toEqual({ score: 35, casesOwned: 2, withinSlaRate: 0 });
    expect(bee.change).toEqual({ score: null, casesOwned: -2, withinSlaRate: null });
  });

  it('compares each person with the month before', async () => {
    // March (31 days) against the 31 days before it, which hold C7. Bee owns C2 and C3 in March:
    // 35 as in the week (the most anyone owns is 2: Anan's C1 and C6). Before: C7, SLA 100 (40),
    // speed 1 - 5/30 = 83.3 (25), load 100 (20), not reopened (10): 95.
    const p = (await api('GET', '/api/v1/analytics/staff-performance?from=2026-03-01&to=2026-03-31', undefined, managerKey)).json;
    const bee = p.staff.find((s: { name: string }) => s.name === 'Bee');
    expect(bee).toMatchObject({ casesOwned: { value: 2 }, score: 35 });
    expect(bee.previous).toEqual({ score: 95, casesOwned: 1, withinSlaRate: 1 });
    expect(bee.change).toEqual({ score: -60, casesOwned: 1, withinSlaRate: -1 });
    // Anan: C1 within, C6 outside (SLA 50: 20), speed (0.667 + 0) / 2 = 33.3 (10), load 100 (20), 10: 60.
    const anan = p.staff.find((s: { name: string }) => s.name === 'Anan');
    expect(anan).toMatchObject({ casesOwned: { value: 2 }, withinSlaRate: 0.5, score: 60, previous: { score: null, casesOwned: 0, withinSlaRate: null } });
  });

  it("takes the org's own weights, and refuses weights that do not add up to 100", async () => {
    const bad = await api('PATCH', '/api/v1/org/settings', { staffScoreWeights: { sla: 50, speed: 30, load: 20, customerImpact: 10 } });
    expect(bad.status).toBe(422);
    expect((await api('GET', '/api/v1/org/settings')).json.staffScoreWeights).toEqual({ sla: 40, speed: 30, load: 20, customerImpact: 10 });
    const ok = await api('PATCH', '/api/v1/org/settings', { staffScoreWeights: { sla: 100, speed: 0, load: 0, customerImpact: 0 } });
    expect(ok.status).toBe(200);
    const p = (await api('GET', `/api/v1/analytics/staff-performance?${WEEK}`, undefined, managerKey)).json;
    expect(p.staff.find((s: { name: string }) => s.name === 'Anan').score).toBe(100);
    expect(p.staff.find((s: { name: string }) => s.name === 'Bee').score).toBe(0);
    await api('PATCH', '/api/v1/org/settings', { staffScoreWeights: null });
  });

  it('is for managers and the CEO only', async () => {
    const support = await api('GET', `/api/v1/analytics/staff-performance?${WEEK}`, undefined, supportKey);
    expect(support.status).toBe(403);
    expect((await api('GET', `/api/v1/analytics/sla?${WEEK}`, undefined, supportKey)).status).toBe(200);
  });
});

describe('CSV', () => {
  it('answers every table as CSV, by format=csv or by Accept, streamed', async () => {
    const res = await fetch(`${sys.url}/api/v1/analytics/time-tracking?${WEEK}&category=order&format=csv`, { headers: { authorization: `Bearer ${managerKey}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-length')).toBeNull();
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'number,caseType,status,severity,openedAt (Asia/Bangkok),firstResponse.business,firstResponse.calendar,queue.business,queue.calendar,active.business,active.calendar,waitingCustomer.business,waitingCustomer.calendar,waitingProvider.business,waitingProvider.calendar,resolution.business,resolution.calendar',
    );
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.startsWith(n.c2 + ','))).toBe(`${n.c2},analytics_std,resolved,normal,2026-03-02 17:00:00,80,980,80,980,100,100,0,0,300,300,480,1380`);

    const byAccept = await fetch(`${sys.url}/api/v1/analytics/sla?${WEEK}&granularity=week`, { headers: { authorization: `Bearer ${managerKey}`, accept: 'text/csv' } });
    expect(byAccept.headers.get('content-type')).toMatch(/^text\/csv/);
    const sla = (await byAccept.text()).trimEnd().split('\r\n');
    expect(sla[0]).toBe('bucket,cases.value,cases.drill,met,missed,complianceRate,averageResponseMinutes,averageResolutionMinutes');
    expect(sla[1]).toMatch(/^2026-03-02,4,"?\/api\/v1\/analytics\/cases\?/);

    for (const [path, table] of [['staff-performance', 'staff'], ['sla', 'clocks'], ['time-tracking', 'buckets'], ['cases', 'cases']]) {
      const r = await fetch(`${sys.url}/api/v1/analytics/${path}?${WEEK}&format=csv&table=${table}`, { headers: { authorization: `Bearer ${managerKey}` } });
      expect([path, r.status, r.headers.get('content-type')]).toEqual([path, 200, 'text/csv; charset=utf-8']);
      expect((await r.text()).split('\r\n').length).toBeGreaterThan(2);
    }
  });
});

describe('the drill-down', () => {
  it('pages by case number, and counts them all', async () => {
    const path = '/api/v1/analytics/cases?from=2026-02-01&to=2026-03-31&figure=cases';
    const all = (await api('GET', path)).json;
    expect(all).toMatchObject({ count: 7, next: null });
    const numbers = all.cases.map((c: { number: string }) => c.number);
    expect(numbers).toEqual([n.c1, n.c2, n.c3, n.c4, n.c5, n.c6, n.c7]);
    const pages: string[][] = [];
    let after: string | null = '';
    while (after !== null) {
      const r = await api('GET', `${path}&limit=3${after ? `&after=${after}` : ''}`);
      expect(r.status).toBe(200);
      expect(r.json.count).toBe(7);
      pages.push(r.json.cases.map((c: { number: string }) => c.number));
      after = r.json.next;
    }
    expect(pages).toEqual([numbers.slice(0, 3), numbers.slice(3, 6), numbers.slice(6)]);
    for (const q of ['limit=0', 'limit=1001', 'limit=ten', 'after=']) expect([q, (await api('GET', `${path}&${q}`)).status]).toEqual([q, 422]);
  });
});

describe('bad input', () => {
  const counts = async () => {
    const [cases, events, periods, audit] = await Promise.all(
      ['cases', 'case_events', 'case_status_periods', 'audit_log'].map(async (t) => Number((await sys.knex(t).count({ n: '*' }).first())!.n)),
    );
    return { cases, events, periods, audit };
  };

  it('refuses each with a clear 422 and changes nothing', async () => {
    const before = await counts();
    const [otherOrg] = await sys.knex('orgs').insert({ slug: `other-${randomBytes(3).toString('hex')}`, name: 'Other shop', time_zone: 'Asia/Bangkok' }).returning('id');
    const [otherType] = await sys.knex('case_types')
      .insert({ org_id: otherOrg.id, key: 'theirs_only', name_th: 'x', name_en: 'x', category: 'other', first_response_minutes: 10, resolution_minutes: 20 })
      .returning('id');
    const [otherStaff] = await sys.knex('staff').insert({ org_id: otherOrg.id, display_name: 'Not ours', role: 'support' }).returning('id');
    const [otherProvider] = await sys.knex('providers').insert({ org_id: otherOrg.id, key: 'their_provider', name: 'Theirs', kind: 'manual' }).returning('id');
    const [otherContact] = await sys.knex('contacts').insert({ org_id: otherOrg.id, display_name: 'Their customer' }).returning('id');
    const [otherChannel] = await sys.knex('channels').insert({ org_id: otherOrg.id, kind: 'line', name: 'Their LINE' }).returning('id');
    const [otherGroup] = await sys.knex('staff_groups').insert({ org_id: otherOrg.id, channel_id: otherChannel.id, line_group_id: `C${randomBytes(8).toString('hex')}`, purpose: 'support', name: 'Their team' }).returning('id');
    const cases: [string, RegExp][] = [
      ['sla?from=2026-03-08&to=2026-03-02', /ends before it starts/],
      ['sla?from=2025-01-01&to=2026-03-02', /at most 366 days/],
      // 367 days (2025-01-01 to 2026-01-02, both whole days): one too many.
      ['sla?from=2025-01-01&to=2026-01-02', /at most 366 days/],
      ['sla?from=2026-03-02', /needs both from and to/],
      ['sla?preset=last_week&from=2026-03-02&to=2026-03-03', /either a preset or from\/to/],
      ['sla?from=2026-02-30&to=2026-03-02', /not a date/],
      ['sla?from=yesterday&to=2026-03-02', /not valid/],
      ['sla?colour=blue', /not valid/],
      ['sla?preset=last_year', /not valid/],
      ['sla?severity=urgent', /not valid/],
      ['time-tracking?caseType=theirs_only', /Unknown case type/],
      ['time-tracking?provider=nobody', /Unknown provider/],
      [`sla?team=${randomUUID()}`, /Unknown team/],
      [`cases?figure=cases&staff=${otherStaff.id}`, /Unknown staff member/],
      ['time-tracking?provider=their_provider', /Unknown provider/],
      [`sla?team=${otherGroup.id}`, /Unknown team/],
      [`cases?figure=cases&team=${otherGroup.id}`, /Unknown team/],
      [`cases?figure=cases&contact=${otherContact.id}`, /Unknown customer/],
      [`cases?figure=cases&contact=${randomUUID()}`, /Unknown customer/],
      ['cases?figure=everything', /not valid/],
      ['time-tracking?format=csv&table=nope', /Unknown table/],
      ['time-tracking?format=xml', /not valid/],
    ];
    for (const [path, message] of cases) {
      const r = await api('GET', `/api/v1/analytics/${path}`, undefined, managerKey);
      expect([path, r.status]).toEqual([path, 422]);
      expect(r.json.error.code).toBe('validation_failed');
      expect(`${r.json.error.message} ${JSON.stringify(r.json.error.details ?? '')}`).toMatch(message);
    }
    // A refused CSV answers JSON, not half a file.
    const csv = await fetch(`${sys.url}/api/v1/analytics/time-tracking?caseType=theirs_only`, { headers: { authorization: `Bearer ${managerKey}`, accept: 'text/csv' } });
    expect(csv.status).toBe(422);
    expect(csv.headers.get('content-type')).toMatch(/json/);
    await sys.knex('staff_groups').where({ id: otherGroup.id }).del();
    await sys.knex('channels').where({ id: otherChannel.id }).del();
    await sys.knex('contacts').where({ id: otherContact.id }).del();
    await sys.knex('providers').where({ id: otherProvider.id }).del();
    await sys.knex('staff').where({ id: otherStaff.id }).del();
    await sys.knex('case_types').where({ id: otherType.id }).del();
    await sys.knex('orgs').where({ id: otherOrg.id }).del();
    expect(await counts()).toEqual(before);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await api('GET', '/api/v1/openapi.json')).json;
    const paths = Object.keys(doc.paths).filter((p) => p.startsWith('/api/v1/analytics/'));
    expect(paths).toEqual(
      expect.arrayContaining(['abuse', 'bookings', 'bookings/list', 'cases', 'ceo', 'csat', 'live', 'providers', 'sla', 'staff-performance', 'system-debt', 'time-tracking'].map((p) => `/api/v1/analytics/${p}`)),
    );
    expect(doc.paths['/api/v1/analytics/staff-performance'].get['x-permission']).toBe('analytics.staff');
    // A top performer's and a bottleneck's reason in parts, for readers in other languages.
    expect(Object.keys(doc.components.schemas.AnalyticsTopPerformer.properties)).toEqual(expect.arrayContaining(['strongest', 'casesOwned', 'reason']));
    expect(doc.components.schemas.AnalyticsTopPerformer.properties.strongest.properties.part.enum).toEqual(['sla', 'speed', 'load', 'customerImpact']);
    const kinds = doc.components.schemas.AnalyticsBottleneck.oneOf.map((k: { properties: Record<string, { const?: string }> }) => [k.properties.kind.const, Object.keys(k.properties).sort()]);
    expect(kinds).toEqual([
      ['breachesNow', ['count', 'drill', 'kind', 'name', 'reason', 'staffId']],
      ['missedSla', ['count', 'drill', 'kind', 'name', 'of', 'reason', 'staffId', 'withinRate']],
    ]);
    // A provider's risk reasons in parts too.
    expect(doc.components.schemas.AnalyticsProviderRiskPart.properties.rule.enum).toEqual(['fewCases', 'faultShare', 'missedShare', 'refundCancelShare', 'repeats', 'failingOrders']);
    expect(Object.keys(doc.components.schemas.AnalyticsProviderRiskPart.properties).sort()).toEqual(['level', 'rule', 'threshold', 'value', 'windowMinutes']);
  });

  it('takes a period of exactly 366 days', async () => {
    expect((await api('GET', '/api/v1/analytics/sla?from=2025-01-01&to=2026-01-01&granularity=month', undefined, managerKey)).status).toBe(200);
  });

  it('needs a key', async () => {
    const r = await fetch(`${sys.url}/api/v1/analytics/sla`);
    expect(r.status).toBe(401);
  });
});
