import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeCase } from '../core/cases/case-assignment.ts';
import { setCaseProvider } from '../core/cases/case-provider.ts';
import { openCase } from '../core/cases/open-case.ts';
import { transitionCase } from '../core/cases/transition.ts';
import { syncOrders } from '../core/orders/order-sync.ts';
import { ceoView, providersReport as providersReportContract } from '../core/contracts/analytics.ts';
import { apiClient } from './support/api-client.ts';
import { startTestSystem, type TestSystem } from './support/test-system.ts';

/**
 * Providers, system debt, abuse and the CEO view on a hand-built week (Mon 2 to Sun 8 March 2026,
 * Asia/Bangkok, open around the clock). Eight cases of analytics_debt (FR 30, resolution 240), each
 * opened at 10:00 on its day, taken at 10:05 and resolved at 11:00 (queue 5, active 55: one hour of
 * work each), with an order:
 *
 * | case | day | provider | root cause | customer | order |
 * |---|---|---|---|---|---|
 * | 1-4 | Mon-Thu | P1 | provider_issue | K1 | 1 and 2 refunded |
 * | 5 | Thu | P1 | user_error | K1 | |
 * | 6 | Thu | P1 | user_error | K2 | cancelled |
 * | 7 | Mon | P2 | provider_issue | K3 | |
 * | 8 | Tue | P2 | provider_issue | K4 | |
 */
let sys: TestSystem;
let api: ReturnType<typeof apiClient>;
let managerKey: string;
let supportKey: string;
const P: Record<string, string> = {};
const K: Record<string, string> = {};
const numbers: string[] = [];
const WEEK = 'from=2026-03-02&to=2026-03-08';
const at = (local: string) => new Date(`${local}+07:00`);

beforeAll(async () => {
  sys = await startTestSystem({ roles: ['api'], env: { DEV_SIMULATOR: 'off' } });
  api = apiClient(sys);
  await sys.knex('orgs').where({ id: sys.defaultOrgId }).update({ time_zone: 'Asia/Bangkok', business_hours: null, holidays: JSON.stringify([]) });
  expect((await api('POST', '/api/v1/case-types', { key: 'analytics_debt', name: { th: 'd', en: 'd' }, category: 'order', defaultSeverity: 'normal', firstResponseMinutes: 30, resolutionMinutes: 240 })).status).toBe(201);
  managerKey = (await api('POST', '/api/v1/api-keys', { name: 'manager', role: 'manager' })).json.key;
  supportKey = (await api('POST', '/api/v1/api-keys', { name: 'support', role: 'support' })).json.key;
  const staff = (await api('POST', '/api/v1/staff', { displayName: 'Nok', role: 'support' })).json.id;
  const providers = await sys.knex('providers').where({ org_id: sys.defaultOrgId }).orderBy('key').limit(2);
  [P.p1, P.p2] = providers.map((p) => p.key);
  for (const k of ['K1', 'K2', 'K3', 'K4']) {
    const [row] = await sys.knex('contacts').insert({ org_id: sys.defaultOrgId, display_name: `Customer ${k}` }).returning('id');
    K[k] = row.id;
  }
  const plan = [
    ['2026-03-02', P.p1, 'provider_issue', 'K1', 'refunded'],
    ['2026-03-03', P.p1, 'provider_issue', 'K1', 'refunded'],
    ['2026-03-04', P.p1, 'provider_issue', 'K1', null],
    ['2026-03-05', P.p1, 'provider_issue', 'K1', null],
    ['2026-03-05', P.p1, 'user_error', 'K1', null],
    ['2026-03-05', P.p1, 'user_error', 'K2', 'cancelled'],
    ['2026-03-02', P.p2, 'provider_issue', 'K3', null],
    ['2026-03-03', P.p2, 'provider_issue', 'K4', null],
  ] as const;
  for (const [i, [day, provider, rootCause, contact, orderStatus]] of plan.entries()) {
    const c = await sys.knex.transaction((trx) =>
      openCase(trx, {
        orgId: sys.defaultOrgId, caseTypeKey: 'analytics_debt', contactId: K[contact], conversationId: null, sourceMessageId: null,
        source: 'line', summary: 'x', language: 'th', fields: { orderIds: [`ORD-${i}`] }, now: at(`${day}T10:00`),
      }),
    );
    numbers.push(c.number);
    // The main system reports the order's end through the orders API's writer.
    if (orderStatus) {
      await syncOrders(sys.knex, { orgId: sys.defaultOrgId, actor: { type: 'api_key', id: 'main-system' }, orders: [{ number: `ORD-${i}`, amountMinor: 50_000, currency: 'THB', status: orderStatus, updatedAt: at(`${day}T10:30`).toISOString() }] });
    }
    await sys.knex.transaction(async (trx) => {
      await takeCase(trx, { orgId: sys.defaultOrgId, caseId: c.id, version: 1, ownerStaffId: null, status: 'new' }, staff, at(`${day}T10:05`));
      await setCaseProvider(trx, { orgId: sys.defaultOrgId, caseId: c.id, providerKey: provider, actor: { type: 'staff', id: staff } });
      await transitionCase(trx, { orgId: sys.defaultOrgId, caseId: c.id, to: 'resolved', rootCause, actor: { type: 'staff', id: staff }, now: at(`${day}T11:00`) });
    });
  }
});
afterAll(() => sys?.stopAll());

const drill = async (path: string) => ((await api('GET', path, undefined, managerKey)).json.cases as { number: string }[]).map((c) => c.number).sort();

describe('providers', () => {
  it('counts per provider and rates its risk by the rule, with the reasons', async () => {
    const r = await api('GET', `/api/v1/analytics/providers?${WEEK}`, undefined, managerKey);
    expect(r.status).toBe(200);
    const p1 = r.json.providers.find((p: { provider: string }) => p.provider === P.p1);
    const p2 = r.json.providers.find((p: { provider: string }) => p.provider === P.p2);
    // P1: 6 cases, 4 its fault (0.6667 >= 0.5: high), 2 refunded and 1 cancelled of 6, clock 60 each.
    expect(p1).toMatchObject({
      cases: { value: 6 }, providerFault: { value: 4 }, faultRate: 0.6667, resolutionMissedRate: 0, refunded: { value: 2 }, cancelled: { value: 1 },
      refundRate: 0.3333, cancelRate: 0.1667, averageResolutionMinutes: 60, riskLevel: 'high', flagged: true,
      repeatedProblem: { caseType: 'analytics_debt', times: 4 },
    });
    // 3 of 6 refunded or cancelled = 0.5 >= 0.3: high again.
    expect(p1.riskReasons).toEqual(['67 % of its cases were its fault (high from 50 %)', '50 % ended refunded or cancelled (high from 30 %)', 'the same problem came back 4 times (flag from 3)']);
    expect(p2).toMatchObject({ cases: { value: 2 }, riskLevel: 'low', riskReasons: ['fewer than 5 cases in the period'], flagged: false });
    // The same reasons in parts, in the same order, for pages that word them in their reader's language.
    expect(p1.riskParts).toEqual([
      { rule: 'faultShare', value: 0.6667, threshold: 0.5, level: 'high' },
      { rule: 'refundCancelShare', value: 0.5, threshold: 0.3, level: 'high' },
      { rule: 'repeats', value: 4, threshold: 3, level: 'medium' },
    ]);
    expect(p2.riskParts).toEqual([{ rule: 'fewCases', value: 2, threshold: 5, level: 'low' }]);
    // The contract names every field of the reasons (parsing drops what it does not know).
    expect(providersReportContract.parse(r.json).providers.map((p) => p.riskParts)).toEqual(r.json.providers.map((p: { riskParts: unknown }) => p.riskParts));
    expect(r.json.providers[0].provider).toBe(P.p1);
    expect(await drill(p1.providerFault.drill)).toEqual(numbers.slice(0, 4).sort());
    expect(await drill(p1.refunded.drill)).toEqual(numbers.slice(0, 2).sort());
  });
});

describe('a provider changed midway', () => {
  it('counts the case for the provider it depends on now', async () => {
    const c = await sys.knex.transaction((trx) =>
      openCase(trx, { orgId: sys.defaultOrgId, caseTypeKey: 'analytics_debt', contactId: null, conversationId: null, sourceMessageId: null, source: 'api', summary: 'x', language: 'th', fields: {}, now: at('2026-03-10T10:00') }),
    );
    await sys.knex.transaction(async (trx) => {
      await setCaseProvider(trx, { orgId: sys.defaultOrgId, caseId: c.id, providerKey: P.p2, actor: { type: 'api_key', id: null } });
      await transitionCase(trx, { orgId: sys.defaultOrgId, caseId: c.id, to: 'waiting_provider', actor: { type: 'staff', id: null }, now: at('2026-03-10T10:10') });
      await setCaseProvider(trx, { orgId: sys.defaultOrgId, caseId: c.id, providerKey: P.p1, actor: { type: 'api_key', id: null } });
      await transitionCase(trx, { orgId: sys.defaultOrgId, caseId: c.id, to: 'resolved', rootCause: 'provider_issue', actor: { type: 'staff', id: null }, now: at('2026-03-10T11:10') });
    });
    const r = (await api('GET', '/api/v1/analytics/providers?from=2026-03-09&to=2026-03-15', undefined, managerKey)).json;
    const row = (key: string) => r.providers.find((p: { provider: string }) => p.provider === key);
    // One hour waiting on a provider, all of it on the one it depends on now.
    expect(row(P.p1)).toMatchObject({ cases: { value: 1 }, providerFault: { value: 1 }, averageWaitingProviderMinutes: 60, averageResolutionMinutes: 70 });
    expect(row(P.p2).cases.value).toBe(0);
  });
});

describe('system debt', () => {
  it('turns a problem that repeats past the threshold into an item with its cost', async () => {
    const r = await api('GET', `/api/v1/analytics/system-debt?${WEEK}`, undefined, managerKey);
    expect(r.status).toBe(200);
    // analytics_debt + provider_issue: 6 cases (>= 5), one hour of staff time each, customers K1, K3, K4.
    expect(r.json.items).toEqual([
      expect.objectContaining({ caseType: 'analytics_debt', rootCause: 'provider_issue', severity: 'normal', count: expect.objectContaining({ value: 6 }), costHours: 6, customersAffected: 3, status: 'open', lastSeen: '2026-03-05T03:00:00.000Z' }),
    ]);
    expect(r.json.rootCauses.map((x: { rootCause: string; cases: { value: number } }) => [x.rootCause, x.cases.value])).toEqual([['provider_issue', 6], ['user_error', 2]]);
    expect(await drill(r.json.items[0].count.drill)).toEqual([...numbers.slice(0, 4), ...numbers.slice(6)].sort());
  });

  it('shows the root causes over time, by day and by week', async () => {
    // provider_issue: Mon cases 1 and 7, Tue 2 and 8, Wed 3, Thu 4; user_error: Thu 5 and 6.
    const day = (await api('GET', `/api/v1/analytics/system-debt?${WEEK}`, undefined, managerKey)).json.trend;
    expect(day.map((t: { bucket: string; rootCause: string; cases: { value: number } }) => [t.bucket, t.rootCause, t.cases.value])).toEqual([
      ['2026-03-02', 'provider_issue', 2],
      ['2026-03-03', 'provider_issue', 2],
      ['2026-03-04', 'provider_issue', 1],
      ['2026-03-05', 'provider_issue', 1],
      ['2026-03-05', 'user_error', 2],
    ]);
    expect(await drill(day[0].cases.drill)).toEqual([numbers[0], numbers[6]].sort());
    expect(await drill(day[4].cases.drill)).toEqual([numbers[4], numbers[5]].sort());
    const week = (await api('GET', `/api/v1/analytics/system-debt?${WEEK}&granularity=week`, undefined, managerKey)).json.trend;
    expect(week.map((t: { bucket: string; rootCause: string; cases: { value: number } }) => [t.bucket, t.rootCause, t.cases.value])).toEqual([
      ['2026-03-02', 'provider_issue', 6],
      ['2026-03-02', 'user_error', 2],
    ]);
    const csv = await fetch(`${sys.url}/api/v1/analytics/system-debt?${WEEK}&format=csv&table=trend`, { headers: { authorization: `Bearer ${managerKey}` } });
    expect((await csv.text()).split('\r\n')[0]).toBe('bucket,caseType,rootCause,cases.value,cases.drill');
  });

  it('closes an item once it stops, by the org rule', async () => {
    const rules = (await api('GET', '/api/v1/org/settings')).json.analyticsRules;
    expect((await api('PATCH', '/api/v1/org/settings', { analyticsRules: { ...rules, systemDebt: { threshold: 5, quietDays: 1 } } })).status).toBe(200);
    // The last case of the item opened on Thursday; the period's last day is Sunday.
    const r = await api('GET', `/api/v1/analytics/system-debt?${WEEK}`, undefined, managerKey);
    expect(r.json.items[0].status).toBe('stopped');
    await api('PATCH', '/api/v1/org/settings', { analyticsRules: null });
  });
});

describe('abuse', () => {
  it('flags customers with the evidence, by the org rule, and only for managers', async () => {
    const r = await api('GET', `/api/v1/analytics/abuse?${WEEK}`, undefined, managerKey);
    expect(r.status).toBe(200);
    // Case counts 5, 1, 1, 1: mean 2, standard deviation sqrt(3) = 1.7; bar max(3, 2 + 3 x 1.73) = 7.2.
    expect(r.json.peers).toEqual({ customers: 4, averageCases: 2, standardDeviation: 1.7, averageRefunds: 0.5, refundStandardDeviation: 0.9 });
    expect(r.json.flagged).toEqual([expect.objectContaining({ contactId: K.K1, name: 'Customer K1', risk: 'high', evidence: ['2 refunded orders on their cases (flag from 2)'] })]);
    expect(await drill(r.json.flagged[0].cases.drill)).toEqual(numbers.slice(0, 5).sort());

    const rules = (await api('GET', '/api/v1/org/settings')).json.analyticsRules;
    await api('PATCH', '/api/v1/org/settings', { analyticsRules: { ...rules, abuse: { minCases: 3, sigmas: 1, refunds: 5 } } });
    // Bar max(3, 2 + 1.73) = 3.7: five cases are flagged; two refunds no longer by the count of 5,
    // but against the peers (refunds 2, 0, 0, 0: mean 0.5, sd 0.87, bar 0.5 + 0.87 = 1.4, and never under 2) they are.
    const tuned = await api('GET', `/api/v1/analytics/abuse?${WEEK}`, undefined, managerKey);
    expect(tuned.json.flagged.map((f: { evidence: string[] }) => f.evidence)).toEqual([
      ['5 cases in the period; peers average 2 (flag from 3.7)', '2 refunded orders on their cases; peers average 0.5 (flag from 2)'],
    ]);
    await api('PATCH', '/api/v1/org/settings', { analyticsRules: null });

    expect((await api('GET', `/api/v1/analytics/abuse?${WEEK}`, undefined, supportKey)).status).toBe(403);
  });

  it('flags refunds far above the peers, whatever the count of cases', async () => {
    const rules = (await api('GET', '/api/v1/org/settings')).json.analyticsRules;
    // No flag by the number of cases (100) nor by a fixed count of refunds (5): only against the peers.
    await api('PATCH', '/api/v1/org/settings', { analyticsRules: { ...rules, abuse: { minCases: 100, sigmas: 1, refunds: 5 } } });
    const r = (await api('GET', `/api/v1/analytics/abuse?${WEEK}`, undefined, managerKey)).json;
    expect(r.peers).toEqual({ customers: 4, averageCases: 2, standardDeviation: 1.7, averageRefunds: 0.5, refundStandardDeviation: 0.9 });
    expect(r.flagged).toEqual([
      expect.objectContaining({ contactId: K.K1, refunded: expect.objectContaining({ value: 2 }), evidence: ['2 refunded orders on their cases; peers average 0.5 (flag from 2)'] }),
    ]);
    expect(await drill(r.flagged[0].refunded.drill)).toEqual(numbers.slice(0, 2).sort());
    await api('PATCH', '/api/v1/org/settings', { analyticsRules: null });
  });

  it('refuses rules that are out of range', async () => {
    const bad = await api('PATCH', '/api/v1/org/settings', { analyticsRules: { provider: {}, systemDebt: { threshold: 1, quietDays: 7 }, abuse: { minCases: 3, sigmas: 3, refunds: 2 } } });
    expect(bad.status).toBe(422);
  });
});

describe('the CEO view', () => {
  it('answers health, debt, providers, team and trends in one call', async () => {
    const r = await api('GET', `/api/v1/analytics/ceo?${WEEK}`, undefined, managerKey);
    expect(r.status).toBe(200);
    // Every case resolved within its clock (60 of 240), answered after 5 minutes.
    expect(r.json.health).toMatchObject({ cases: 8, slaCompliance: 1, averageResponseMinutes: 5, averageResolutionMinutes: 60, backlog: 0, unassigned: 0, openBreachesNow: { value: 0 } });
    expect(r.json.topSystemDebt.map((i: { rootCause: string }) => i.rootCause)).toEqual(['provider_issue']);
    expect(r.json.providersToFix).toEqual([expect.objectContaining({ provider: P.p1, riskLevel: 'high' })]);
    expect(r.json.team.topPerformers.map((t: { name: string }) => t.name)).toEqual(['Nok']);
    expect(r.json.thisWeek).toMatchObject({ now: { cases: 0 }, previous: { cases: 0 }, change: { cases: 0 } });
    expect((await api('GET', `/api/v1/analytics/ceo?${WEEK}`, undefined, supportKey)).status).toBe(403);
    const csv = await fetch(`${sys.url}/api/v1/analytics/ceo?${WEEK}&format=csv&table=providersToFix`, { headers: { authorization: `Bearer ${managerKey}` } });
    const lines = (await csv.text()).split('\r\n');
    expect(lines[1]).toContain(P.p1);
    // The CSV keeps the English reasons in one cell, not their parts.
    expect(lines[0].split(',')).toEqual(expect.arrayContaining(['reasons']));
    expect(lines[0]).not.toContain('reasonParts');
  });

  it('says what changed since the period before: health, system debt, providers and the team', async () => {
    // The week after (Mon 9 to Sun 15 March), against the fixture's week. It holds M (the case
    // whose provider changed midway: P1, provider_issue, nobody's, answered in 10, resolution 70)
    // and now N1 Mon P1 provider_issue, answered in 5 (within); N2 Tue P2 user_error, answered in
    // 40 (first response missed); N3 Wed P1 provider_issue, answered in 5 (within); Nok's, all
    // resolved at 11:00 (60).
    const staff = (await sys.knex('staff').where({ org_id: sys.defaultOrgId, display_name: 'Nok' }).first()).id;
    for (const [day, provider, rootCause, taken] of [
      ['2026-03-09', P.p1, 'provider_issue', '10:05'],
      ['2026-03-10', P.p2, 'user_error', '10:40'],
      ['2026-03-11', P.p1, 'provider_issue', '10:05'],
    ] as const) {
      const c = await sys.knex.transaction((trx) =>
        openCase(trx, { orgId: sys.defaultOrgId, caseTypeKey: 'analytics_debt', contactId: K.K4, conversationId: null, sourceMessageId: null, source: 'line', summary: 'x', language: 'th', fields: {}, now: at(`${day}T10:00`) }),
      );
      await sys.knex.transaction(async (trx) => {
        await takeCase(trx, { orgId: sys.defaultOrgId, caseId: c.id, version: 1, ownerStaffId: null, status: 'new' }, staff, at(`${day}T${taken}`));
        await setCaseProvider(trx, { orgId: sys.defaultOrgId, caseId: c.id, providerKey: provider, actor: { type: 'staff', id: staff } });
        await transitionCase(trx, { orgId: sys.defaultOrgId, caseId: c.id, to: 'resolved', rootCause, actor: { type: 'staff', id: staff }, now: at(`${day}T11:00`) });
      });
    }
    const rules = (await api('GET', '/api/v1/org/settings')).json.analyticsRules;
    expect((await api('PATCH', '/api/v1/org/settings', { analyticsRules: { ...rules, systemDebt: { threshold: 2, quietDays: 7 }, provider: { ...rules.provider, minCases: 1 } } })).status).toBe(200);
    const r = (await api('GET', '/api/v1/analytics/ceo?from=2026-03-09&to=2026-03-15', undefined, managerKey)).json;
    // Health: 4 cases, 3 within (0.75), response (5 + 40 + 5 + 10) / 4 = 15, resolution
    // (3 x 60 + 70) / 4 = 62.5; the week before: 8, all within, 5 and 60.
    expect(r.health).toMatchObject({ cases: 4, slaCompliance: 0.75, averageResponseMinutes: 15, averageResolutionMinutes: 62.5 });
    expect(r.health.previous).toEqual({ cases: 8, slaCompliance: 1, averageResponseMinutes: 5, averageResolutionMinutes: 60 });
    expect(r.health.change).toEqual({ cases: -4, slaCompliance: -0.25, averageResponseMinutes: 10, averageResolutionMinutes: 2.5 });
    // Debt: provider_issue three times now (N1, N3, M), six times the week before.
    expect(r.topSystemDebt).toEqual([expect.objectContaining({ rootCause: 'provider_issue', count: expect.objectContaining({ value: 3 }), previousCount: 6, change: -3 })]);
    // P1: all its cases its fault (high), as the week before; P2 (no fault now) is off the list.
    expect(r.providersToFix).toEqual([expect.objectContaining({ provider: P.p1, riskLevel: 'high', previousRiskLevel: 'high' })]);
    // Its reasons in parts beside the English: 3 of 3 its fault (high from 0.5, minCases now 1),
    // and analytics_debt came back 3 times as its fault (M, N1, N3; flag from 3).
    expect(r.providersToFix[0].reasonParts).toEqual([
      { rule: 'faultShare', value: 1, threshold: 0.5, level: 'high' },
      { rule: 'repeats', value: 3, threshold: 3, level: 'medium' },
    ]);
    expect(r.providersToFix[0].reasons).toEqual(['100 % of its cases were its fault (high from 50 %)', 'the same problem came back 3 times (flag from 3)']);
    // Nok: SLA 2/3 (26.7 points), speed (0.833 + 0 + 0.833) / 3 = 55.6 (16.7), load 20, impact 10:
    // 73.3, from 95 (40 + 25 + 20 + 10).
    // Her most points are SLA's (26.7, from 66.7 % within), on 3 cases; N2 missed, so she is a bottleneck too.
    expect(r.team.topPerformers).toEqual([expect.objectContaining({ name: 'Nok', score: 73.3, previousScore: 95, change: -21.7, strongest: { part: 'sla', value: 66.7 }, casesOwned: 3 })]);
    expect(r.team.bottlenecks).toEqual([expect.objectContaining({ name: 'Nok', kind: 'missedSla', count: 1, of: 3, withinRate: expect.closeTo(2 / 3, 3) })]);
    // The contract names every field of the team (parsing drops what it does not know).
    expect(ceoView.parse(r).team).toEqual(r.team);
    expect(ceoView.parse(r).providersToFix).toEqual(r.providersToFix);
    await api('PATCH', '/api/v1/org/settings', { analyticsRules: null });
  });
});
