import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleSlaTimers } from '../core/cases/sla-timers.ts';
import { transitionCase } from '../core/cases/transition.ts';
import { apiClient, openTestCase } from './support/api-client.ts';
import { startTestSystem, type TestSystem } from './support/test-system.ts';

/**
 * Correcting a case's type or severity through `POST /api/v1/cases/:number/corrections`, as the
 * staff member an API key belongs to: the new type's SLA targets from the opening, the old timers
 * silent, the change on the timeline and in the audit log; and every refusal changing nothing.
 * The test org works around the clock, so a due time is the opening plus the target's minutes.
 */
let sys: TestSystem;
let api: ReturnType<typeof apiClient>;
const staff: Record<'Somchai' | 'Nok' | 'Mali', { id: string; key: string }> = {} as never;
const MIN = 60_000;

async function enrol(displayName: keyof typeof staff, role: 'support' | 'manager') {
  const s = await api('POST', '/api/v1/staff', { displayName, role, language: 'en' });
  expect(s.status).toBe(201);
  const k = await api('POST', '/api/v1/api-keys', { name: `corrections ${displayName}`, role, staffId: s.json.id });
  expect(k.status).toBe(201);
  staff[displayName] = { id: s.json.id, key: k.json.key };
}

const targets = (key: string) => sys.knex('case_types').where({ org_id: sys.defaultOrgId, key }).first();

beforeAll(async () => {
  sys = await startTestSystem({ env: { DEV_SIMULATOR: 'off' } });
  api = apiClient(sys);
  await enrol('Somchai', 'support');
  await enrol('Nok', 'support');
  await enrol('Mali', 'manager');
}, 60_000);
afterAll(() => sys?.stopAll());

async function aCase(type = 'refund_request') {
  const c = await openTestCase(sys, type);
  const row = await sys.knex('cases').where({ id: c.id }).first();
  return { ...c, version: row.version as number, createdAt: new Date(row.created_at) };
}

const correct = (number: string, body: Record<string, unknown>, who: keyof typeof staff = 'Somchai') => api('POST', `/api/v1/cases/${number}/corrections`, body, staff[who].key);

const slaEvents = (caseId: string) => sys.knex('case_events').where({ case_id: caseId }).whereIn('type', ['sla_warning', 'sla_breach', 'escalated']).orderBy('id');

/** Everything a refused correction must leave as it was: the case row, its timeline, its timers, the audit log. */
async function snapshot(caseId: string) {
  const c = await sys.knex('cases').where({ id: caseId }).first();
  const count = async (q: Promise<{ count: string | number }[]>) => Number((await q)[0].count);
  return {
    row: {
      type: c.case_type_id,
      severity: c.severity,
      status: c.status,
      version: c.version,
      due: [c.first_response_due_at, c.resolution_warn_at, c.resolution_due_at].map((d) => d && new Date(d).toISOString()),
      breachedAt: c.sla_breached_at,
    },
    events: await count(sys.knex('case_events').where({ case_id: caseId }).count('* as count')),
    timers: await count(sys.knex('outbox').where({ queue: 'sla' }).whereRaw(`payload->>'caseId' = ?`, [caseId]).count('* as count')),
    audit: await count(sys.knex('audit_log').where({ subject_id: caseId }).count('* as count')),
  };
}

describe('correcting the type', () => {
  it('applies the new type\'s targets from the opening, on the case and its timeline; the old timers do not fire', async () => {
    const c = await aCase('refund_request');
    // The old type's clocks, made short: they would warn and breach within a second.
    const soon = Date.now();
    const old = { first_response_due_at: new Date(soon + 600), resolution_warn_at: new Date(soon + 500), resolution_due_at: new Date(soon + 700) };
    await sys.knex.transaction(async (trx) => {
      await trx('cases').where({ id: c.id }).update(old);
      await scheduleSlaTimers(trx, { id: c.id, org_id: sys.defaultOrgId, ...old });
    });

    const res = await correct(c.number, { caseType: 'wrong_amount', reason: 'The customer was charged twice, not asking for a refund', expectedVersion: c.version });
    expect(res.status).toBe(200);
    const [wrongAmount, refund] = [await targets('wrong_amount'), await targets('refund_request')];
    // The test assumes the two types differ in severity, to show it follows the type when nobody chose it.
    expect(wrongAmount.default_severity).not.toBe(refund.default_severity);
    const firstDue = new Date(c.createdAt.getTime() + wrongAmount.first_response_minutes * MIN);
    const resolutionDue = new Date(c.createdAt.getTime() + wrongAmount.resolution_minutes * MIN);
    // Minute precision (core/sla/business-calendar.ts): the opening's minute plus the target.
    const minute = (d: Date) => Math.floor(d.getTime() / MIN);
    expect(res.json).toMatchObject({ number: c.number, caseType: 'wrong_amount', severity: wrongAmount.default_severity, changed: true, breached: false, version: c.version + 1 });
    expect(minute(new Date(res.json.firstResponseDueAt))).toBe(minute(firstDue));
    expect(minute(new Date(res.json.resolutionDueAt))).toBe(minute(resolutionDue));

    const got = await api('GET', `/api/v1/cases/${c.number}`);
    expect(got.json).toMatchObject({ type: 'wrong_amount', firstResponseDueAt: res.json.firstResponseDueAt, resolutionDueAt: res.json.resolutionDueAt, version: c.version + 1 });
    const corrected = got.json.timeline.filter((e: { type: string }) => e.type === 'corrected');
    expect(corrected).toEqual([
      expect.objectContaining({
        actorType: 'staff',
        public: false,
        data: {
          reason: 'The customer was charged twice, not asking for a refund',
          caseType: { from: 'refund_request', to: 'wrong_amount' },
          severity: { from: refund.default_severity, to: wrongAmount.default_severity },
          firstResponseDueAt: { from: old.first_response_due_at.toISOString(), to: res.json.firstResponseDueAt },
          resolutionDueAt: { from: old.resolution_due_at.toISOString(), to: res.json.resolutionDueAt },
        },
      }),
    ]);
    const audit = await sys.knex('audit_log').where({ subject_id: c.id, action: 'case.corrected' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_type: 'staff', actor_id: staff.Somchai.id, request_id: res.requestId });
    expect(audit[0].details).toMatchObject({ number: c.number, caseType: { from: 'refund_request', to: 'wrong_amount' } });

    // The old timers come due and run (their outbox rows are handed to the queue), and find their time gone.
    const oldTimers = () =>
      sys.knex('outbox').where({ queue: 'sla' }).whereRaw(`payload->>'caseId' = ?`, [c.id]).whereRaw(`payload->>'at' = ANY(?)`, [Object.values(old).map((d) => d.toISOString())]);
    // One: a case has only its soonest timer scheduled, the next one when it runs (core/cases/sla-timers.ts).
    expect(await oldTimers()).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 3000));
    expect((await oldTimers()).every((t) => t.status !== 'pending')).toBe(true);
    expect(await slaEvents(c.id)).toEqual([]);
    const row = await sys.knex('cases').where({ id: c.id }).first();
    expect([row.sla_warned_at, row.sla_breached_at]).toEqual([null, null]);
  });

  it('breaches at once when the new target has already passed, and a recorded breach stays', async () => {
    const c = await aCase('refund_request');
    // Opened 40 minutes ago: inside refund_request's first-response target, past topup_not_credited's 15.
    const openedAt = new Date(Date.now() - 40 * MIN);
    await sys.knex('cases').where({ id: c.id }).update({ created_at: openedAt });
    await sys.knex('case_status_periods').where({ case_id: c.id }).update({ started_at: openedAt });

    const res = await correct(c.number, { caseType: 'topup_not_credited', reason: 'It is a top-up, not a refund', expectedVersion: c.version });
    expect(res.status).toBe(200);
    expect(new Date(res.json.firstResponseDueAt).getTime()).toBeLessThan(Date.now());
    // Recorded in the correction's own transaction: on the timeline when the answer comes, after the correction.
    const types = (await sys.knex('case_events').where({ case_id: c.id }).orderBy('id')).map((e) => [e.type, e.data.clock ?? null]);
    expect(types.slice(types.findIndex(([t]) => t === 'corrected'))).toEqual(expect.arrayContaining([['corrected', null], ['sla_breach', 'first_response']]));
    expect(types.findIndex(([t]) => t === 'corrected')).toBeLessThan(types.findIndex(([t]) => t === 'sla_breach'));

    // Back to a longer target: the due time moves into the future, the breach stays recorded, once.
    const now = (await sys.knex('cases').where({ id: c.id }).first()).version;
    const back = await correct(c.number, { caseType: 'refund_request', reason: 'Checked again: it was a refund after all', expectedVersion: now });
    expect(back.status).toBe(200);
    expect(new Date(back.json.firstResponseDueAt).getTime()).toBeGreaterThan(Date.now());
    expect((await slaEvents(c.id)).filter((e) => e.type === 'sla_breach')).toHaveLength(1);
  });
});

describe('correcting a case that waits on the customer', () => {
  it('moves the first-response time at once; the paused resolution clock keeps its time and takes the new target when it resumes', async () => {
    const c = await aCase('refund_request');
    const move = (to: 'investigating' | 'waiting_customer') =>
      sys.knex.transaction((trx) => transitionCase(trx, { orgId: sys.defaultOrgId, caseId: c.id, to, actor: { type: 'staff', id: staff.Somchai.id } }));
    await move('investigating');
    await move('waiting_customer');
    const paused = await sys.knex('cases').where({ id: c.id }).first();

    const res = await correct(c.number, { caseType: 'wrong_amount', reason: 'Charged twice', expectedVersion: paused.version });
    expect(res.status).toBe(200);
    const wrongAmount = await targets('wrong_amount');
    const minute = (d: Date | string) => Math.floor(new Date(d).getTime() / MIN);
    expect(minute(res.json.firstResponseDueAt)).toBe(minute(new Date(c.createdAt.getTime() + wrongAmount.first_response_minutes * MIN)));
    expect(res.json.resolutionDueAt).toBe(new Date(paused.resolution_due_at).toISOString());

    // The customer answers: the clock runs again, by the new target, the paused time not counted.
    await move('investigating');
    const resumed = await sys.knex('cases').where({ id: c.id }).first();
    const due = minute(resumed.resolution_due_at);
    const target = minute(new Date(c.createdAt.getTime() + wrongAmount.resolution_minutes * MIN));
    expect(due).toBeGreaterThanOrEqual(target);
    expect(due).toBeLessThanOrEqual(target + 1);
  });
});

describe('correcting the severity', () => {
  it('is for managers and admins; it moves no due time (the targets are the type\'s)', async () => {
    const c = await aCase('refund_request');
    const before = await snapshot(c.id);
    const res = await correct(c.number, { severity: 'critical', reason: 'A VIP customer', expectedVersion: c.version }, 'Mali');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ severity: 'critical', caseType: 'refund_request', changed: true });
    expect(res.json.firstResponseDueAt).toBe(before.row.due[0]);
    const event = await sys.knex('case_events').where({ case_id: c.id, type: 'corrected' }).first();
    expect(event.data).toMatchObject({ severity: { from: before.row.severity, to: 'critical' }, reason: 'A VIP customer' });
    expect(event.data.caseType).toBeUndefined();
    // Nothing moved, so no new timers.
    expect((await snapshot(c.id)).timers).toBe(before.timers);

    // The same again changes nothing and is said so.
    const again = await correct(c.number, { severity: 'critical', reason: 'A VIP customer' }, 'Mali');
    expect(again.json).toMatchObject({ changed: false, version: res.json.version });

    // A severity someone chose is kept when support corrects the type.
    const typed = await correct(c.number, { caseType: 'wrong_amount', reason: 'Charged twice', expectedVersion: res.json.version });
    expect(typed.json).toMatchObject({ caseType: 'wrong_amount', severity: 'critical', changed: true });
  });
});

describe('refusals change nothing', () => {
  const refused = async (c: { id: string }, call: () => Promise<{ status: number; json: any }>) => {
    const before = await snapshot(c.id);
    const res = await call();
    expect(await snapshot(c.id)).toEqual(before);
    return res;
  };

  it('a resolved or closed case: 409 not_open', async () => {
    const c = await aCase();
    await sys.knex.transaction(async (trx) => {
      await transitionCase(trx, { orgId: sys.defaultOrgId, caseId: c.id, to: 'investigating', actor: { type: 'staff', id: staff.Somchai.id } });
      await transitionCase(trx, { orgId: sys.defaultOrgId, caseId: c.id, to: 'resolved', actor: { type: 'staff', id: staff.Somchai.id } });
    });
    const res = await refused(c, () => correct(c.number, { caseType: 'wrong_amount', reason: 'late thought' }));
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: 'conflict', details: { reason: 'not_open', status: 'resolved' } });
    expect(res.json.error.message).toContain('reopen it');
  });

  it('the severity by support: 403; the type of a case someone else has, by support: 403', async () => {
    const c = await aCase();
    const res = await refused(c, () => correct(c.number, { severity: 'critical', reason: 'seems urgent' }));
    expect(res.status).toBe(403);
    expect(res.json.error).toMatchObject({ code: 'forbidden', details: { reason: 'role_forbids', action: 'case.correct_severity' } });
    // Both at once by support: still refused, the type is not changed alone.
    expect((await refused(c, () => correct(c.number, { caseType: 'wrong_amount', severity: 'critical', reason: 'both' }))).status).toBe(403);

    await sys.knex('cases').where({ id: c.id }).update({ owner_staff_id: staff.Nok.id });
    const owned = await refused(c, () => correct(c.number, { caseType: 'wrong_amount', reason: 'not Nok\'s call' }));
    expect(owned.status).toBe(403);
    expect(owned.json.error.details).toMatchObject({ reason: 'owner', action: 'case.correct_type' });
  });

  it('an unknown type: 422 naming caseType', async () => {
    const c = await aCase();
    const res = await refused(c, () => correct(c.number, { caseType: 'no_such_type', reason: 'typo' }));
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.json.error.details)).toContain('caseType');
    expect(JSON.stringify(res.json.error.details)).toContain('no_such_type');
  });

  it('a stale version: 409 with the case as it is now', async () => {
    const c = await aCase();
    const res = await refused(c, () => correct(c.number, { caseType: 'wrong_amount', reason: 'old screen', expectedVersion: c.version + 5 }));
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: 'stale_version', details: { version: c.version, status: 'new' } });
  });

  it('no change named, no reason, a reason too long, an unknown severity: 422', async () => {
    const c = await aCase();
    const empty = await refused(c, () => correct(c.number, { reason: 'nothing to say' }));
    expect(empty.status).toBe(422);
    expect(JSON.stringify(empty.json.error.details)).toContain('caseType or a severity');
    const noReason = await refused(c, () => correct(c.number, { caseType: 'wrong_amount' }));
    expect(noReason.status).toBe(422);
    expect(JSON.stringify(noReason.json.error.details)).toContain('reason');
    const blank = await refused(c, () => correct(c.number, { caseType: 'wrong_amount', reason: '   ' }));
    expect(blank.status).toBe(422);
    const long = await refused(c, () => correct(c.number, { caseType: 'wrong_amount', reason: 'x'.repeat(501) }));
    expect(long.status).toBe(422);
    expect(JSON.stringify(long.json.error.details)).toContain('reason');
    const severity = await refused(c, () => correct(c.number, { severity: 'urgent', reason: 'x' }, 'Mali'));
    expect(severity.status).toBe(422);
  });

  it('a case of no such number: 404', async () => {
    expect((await correct('C-999999', { caseType: 'wrong_amount', reason: 'x' })).status).toBe(404);
  });
});
