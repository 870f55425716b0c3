import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeCase } from '../core/cases/case-assignment.ts';
import { setCaseProvider } from '../core/cases/case-provider.ts';
import { openCase } from '../core/cases/open-case.ts';
import { transitionCase } from '../core/cases/transition.ts';
import { recordProviderRiskChanges } from '../core/providers/provider-risk.ts';
import { systemProcessors } from '../workers/processors/system.ts';
import { apiClient } from './support/api-client.ts';
import { startTestSystem, type TestSystem } from './support/test-system.ts';

/**
 * Pausing a provider, and its timeline. P1 has five cases in the week of Mon 2 March 2026
 * (Asia/Bangkok), four closed as its fault (provider_issue) and one user_error: fault share
 * 4/5 = 80 % (high from 50 %), the same case type four times (flagged from 3). P2 has none: low.
 * The risk sweep on Sun 8 March (the last 30 days) records P1 once as high and flagged, a second
 * sweep nothing, and a sweep on 1 May (no case in its 30 days) P1's return to low.
 */
let sys: TestSystem;
let api: ReturnType<typeof apiClient>;
let managerKey: string;
let supportKey: string;
let staff: string;
const P: Record<string, string> = {};
const at = (local: string) => new Date(`${local}+07:00`);

async function newCase(day: string) {
  return sys.knex.transaction((trx) =>
    openCase(trx, { orgId: sys.defaultOrgId, caseTypeKey: 'pause_test', contactId: null, conversationId: null, sourceMessageId: null, source: 'api', summary: 'x', language: 'en', fields: {}, now: at(`${day}T10:00`) }),
  );
}

beforeAll(async () => {
  sys = await startTestSystem({ roles: ['api'], env: { DEV_SIMULATOR: 'off' } });
  api = apiClient(sys);
  await sys.knex('orgs').where({ id: sys.defaultOrgId }).update({ time_zone: 'Asia/Bangkok', business_hours: null, holidays: JSON.stringify([]) });
  expect((await api('POST', '/api/v1/case-types', { key: 'pause_test', name: { th: 'p', en: 'p' }, category: 'order', defaultSeverity: 'normal', firstResponseMinutes: 30, resolutionMinutes: 240 })).status).toBe(201);
  managerKey = (await api('POST', '/api/v1/api-keys', { name: 'manager', role: 'manager' })).json.key;
  supportKey = (await api('POST', '/api/v1/api-keys', { name: 'support', role: 'support' })).json.key;
  staff = (await api('POST', '/api/v1/staff', { displayName: 'Nok', role: 'support' })).json.id;
  const providers = await sys.knex('providers').where({ org_id: sys.defaultOrgId, is_active: true }).orderBy('key').limit(2);
  [P.p1, P.p2] = providers.map((p) => p.key);
  for (const [day, rootCause] of [['2026-03-02', 'provider_issue'], ['2026-03-03', 'provider_issue'], ['2026-03-04', 'provider_issue'], ['2026-03-05', 'provider_issue'], ['2026-03-06', 'user_error']] as const) {
    const c = await newCase(day);
    await sys.knex.transaction(async (trx) => {
      await takeCase(trx, { orgId: sys.defaultOrgId, caseId: c.id, version: 1, ownerStaffId: null, status: 'new' }, staff, at(`${day}T10:05`));
      await setCaseProvider(trx, { orgId: sys.defaultOrgId, caseId: c.id, providerKey: P.p1, actor: { type: 'staff', id: staff } });
      await transitionCase(trx, { orgId: sys.defaultOrgId, caseId: c.id, to: 'resolved', rootCause, actor: { type: 'staff', id: staff }, now: at(`${day}T11:00`) });
    });
  }
}, 60_000);
afterAll(() => sys?.stopAll());

const timeline = async (key: string) => (await api('GET', `/api/v1/providers/${key}`, undefined, supportKey)).json.timeline as { type: string; actorType: string; data: Record<string, unknown> }[];

describe('the provider risk on its timeline', () => {
  it('records a change of risk level or flag once, with the reasons, and the return to low', async () => {
    expect(await recordProviderRiskChanges(sys.knex, sys.defaultOrgId, at('2026-03-08T12:00'))).toBe(1);
    expect(await recordProviderRiskChanges(sys.knex, sys.defaultOrgId, at('2026-03-08T13:00'))).toBe(0);
    const [risk] = await timeline(P.p1);
    expect(risk).toMatchObject({ type: 'risk_changed', actorType: 'system', data: { level: 'high', flagged: true, from: 'low', wasFlagged: false, repeatedCaseType: 'pause_test', cases: 5 } });
    expect(risk.data.reasons).toEqual(['80 % of its cases were its fault (high from 50 %)', 'the same problem came back 4 times (flag from 3)']);
    expect(await timeline(P.p2)).toEqual([]);
    expect(await recordProviderRiskChanges(sys.knex, sys.defaultOrgId, at('2026-05-01T12:00'))).toBe(1);
    expect((await timeline(P.p1)).map((e) => [e.data.from, e.data.level, e.data.flagged])).toEqual([['low', 'high', true], ['high', 'low', false]]);
    // The hourly job runs the same sweep for every org (now: nothing new).
    const job = await systemProcessors({ knex: sys.knex }).system['provider-risk']({} as never, {} as never);
    expect(job).toMatchObject({ recorded: 0 });
  });
});

describe('pausing a provider', () => {
  it('is for managers and admins, needs a reason, and refuses a second pause', async () => {
    expect((await api('POST', `/api/v1/providers/${P.p1}/pause`, { reason: 'too many failures' }, supportKey)).status).toBe(403);
    expect((await api('POST', `/api/v1/providers/${P.p1}/pause`, {}, managerKey)).status).toBe(422);
    expect((await api('POST', `/api/v1/providers/${P.p1}/pause`, { reason: '  ' }, managerKey)).status).toBe(422);
    expect((await api('POST', '/api/v1/providers/no_such_provider/pause', { reason: 'x' }, managerKey)).status).toBe(404);
    expect((await api('POST', `/api/v1/providers/${P.p1}/unpause`, {}, managerKey)).status).toBe(409);
    const paused = await api('POST', `/api/v1/providers/${P.p1}/pause`, { reason: '80 % of its cases were its fault' }, managerKey);
    expect(paused.status).toBe(200);
    expect(paused.json).toMatchObject({ key: P.p1, paused: true, pauseReason: '80 % of its cases were its fault' });
    expect((await api('POST', `/api/v1/providers/${P.p1}/pause`, { reason: 'again' }, managerKey)).status).toBe(409);
    const list = (await api('GET', '/api/v1/providers', undefined, supportKey)).json;
    expect(list.find((p: { key: string }) => p.key === P.p1)).toMatchObject({ paused: true });
    expect(list.find((p: { key: string }) => p.key === P.p2)).toMatchObject({ paused: false, pausedAt: null });
  });

  it('routes no new case to a paused provider; a case already on it goes on', async () => {
    const fresh = await newCase('2026-03-09');
    const move = await api('POST', `/api/v1/cases/${fresh.number}/transitions`, { to: 'waiting_provider', providerKey: P.p1 }, managerKey);
    expect(move.status).toBe(409);
    expect(move.json.error.message).toMatch(/paused/);
    expect(await sys.knex('cases').where({ id: fresh.id }).first()).toMatchObject({ status: 'new', provider_id: null, version: 1 });
    // Another provider takes it.
    expect((await api('POST', `/api/v1/cases/${fresh.number}/transitions`, { to: 'waiting_provider', providerKey: P.p2 }, managerKey)).status).toBe(200);

    // A case that already depends on P1 (set before the pause) still moves on with it.
    const [old] = await sys.knex('cases').join('providers', 'providers.id', 'cases.provider_id').where('providers.key', P.p1).select('cases.number').limit(1);
    expect((await api('POST', `/api/v1/cases/${old.number}/transitions`, { to: 'investigating', providerKey: P.p1 }, managerKey)).status).toBe(200);

    const report = await api('GET', '/api/v1/analytics/providers?from=2026-03-02&to=2026-03-08', undefined, managerKey);
    expect(report.json.providers.find((p: { provider: string }) => p.provider === P.p1)).toMatchObject({ paused: true, riskLevel: 'high', flagged: true });
  });

  it('unpauses, and both are on the timeline, which nobody can rewrite', async () => {
    const un = await api('POST', `/api/v1/providers/${P.p1}/unpause`, { reason: 'they fixed their API' }, managerKey);
    expect(un.json).toMatchObject({ paused: false, pausedAt: null, pauseReason: null });
    const fresh = await newCase('2026-03-10');
    expect((await api('POST', `/api/v1/cases/${fresh.number}/transitions`, { to: 'waiting_provider', providerKey: P.p1 }, managerKey)).status).toBe(200);
    const events = await timeline(P.p1);
    expect(events.map((e) => [e.type, e.actorType, e.data.reason ?? null])).toEqual([
      ['risk_changed', 'system', null],
      ['risk_changed', 'system', null],
      ['paused', 'api_key', '80 % of its cases were its fault'],
      ['unpaused', 'api_key', 'they fixed their API'],
    ]);
    await expect(sys.knex('provider_events').update({ type: 'paused' })).rejects.toThrow();
    await expect(sys.knex('provider_events').del()).rejects.toThrow();
    expect((await api('GET', '/api/v1/providers/nope', undefined, supportKey)).status).toBe(404);
  });
});
