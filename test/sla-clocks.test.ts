import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueSlaChecks, fireSlaTimer, scheduleSlaTimers, type SlaCheck } from '../core/cases/sla-timers.ts';
import { transitionCase } from '../core/cases/transition.ts';
import { startTestSystem, until, type TestSystem } from './support/test-system.ts';
import { openTestCase } from './support/api-client.ts';

/** SLA timers through the outbox and BullMQ: warnings and breaches fire once, and only while due. */
let sys: TestSystem;

beforeAll(async () => {
  sys = await startTestSystem({ env: { DEV_SIMULATOR: 'off' } });
  await sys.knex('case_types')
    .where({ org_id: sys.defaultOrgId, key: 'order_not_delivered' })
    .update({ escalation: JSON.stringify({ notifyManagers: true, raiseSeverity: true, reassignTo: null }) });
});
afterAll(() => sys?.stopAll());

async function caseDueIn(ms: { warn: number; breach: number; firstResponse: number }, schedule = true) {
  const c = await openTestCase(sys, 'order_not_delivered', {}, 'late order');
  const now = Date.now();
  const times = {
    first_response_due_at: new Date(now + ms.firstResponse),
    resolution_warn_at: new Date(now + ms.warn),
    resolution_due_at: new Date(now + ms.breach),
  };
  await sys.knex.transaction(async (trx) => {
    await trx('cases').where({ id: c.id }).update(times);
    if (schedule) await scheduleSlaTimers(trx, { id: c.id, org_id: sys.defaultOrgId, ...times });
  });
  return { ...c, ...times };
}
const events = (caseId: string) => sys.knex('case_events').where({ case_id: caseId }).whereIn('type', ['sla_warning', 'sla_breach', 'escalated']).orderBy('id');

describe('SLA timers', () => {
  it('warns, then breaches and escalates, each once, at their times', async () => {
    const c = await caseDueIn({ warn: 300, breach: 700, firstResponse: 500 });
    const fired = await until(async () => ((await events(c.id)).length >= 5 ? events(c.id) : false), 15_000);
    expect(fired.map((e) => [e.type, e.data.clock ?? null])).toEqual(
      expect.arrayContaining([
        ['sla_warning', 'resolution'],
        ['sla_breach', 'first_response'],
        ['sla_breach', 'resolution'],
      ]),
    );
    const row = await sys.knex('cases').where({ id: c.id }).first();
    expect(row.sla_warned_at).not.toBeNull();
    expect(row.sla_breached_at).not.toBeNull();
    // order_not_delivered opens as high; the first breach raises it once, the second leaves it.
    expect(row.severity).toBe('critical');
    expect(fired.filter((e) => e.type === 'escalated').map((e) => e.data.severity).filter(Boolean)).toEqual([{ from: 'high', to: 'critical' }]);
    expect(new Date(row.sla_breached_at).getTime()).toBeGreaterThanOrEqual(c.resolution_due_at.getTime() - 50);

    // The same timer again, and the sweep: nothing new.
    const again: SlaCheck = { caseId: c.id, clock: 'resolution', moment: 'breach', at: c.resolution_due_at.toISOString() };
    expect(await sys.knex.transaction((trx) => fireSlaTimer(trx, again))).toBe(false);
    expect((await dueSlaChecks(sys.knex, new Date())).filter((d) => d.caseId === c.id)).toEqual([]);
    expect(await events(c.id)).toHaveLength(fired.length);
  });

  it('fires once when several workers race for the same timer', async () => {
    const c = await caseDueIn({ warn: 60_000, breach: 120_000, firstResponse: 120_000 });
    const past = new Date(Date.now() - 1000);
    await sys.knex('cases').where({ id: c.id }).update({ resolution_due_at: past });
    const check: SlaCheck = { caseId: c.id, clock: 'resolution', moment: 'breach', at: past.toISOString() };
    const results = await Promise.all(Array.from({ length: 5 }, () => sys.knex.transaction((trx) => fireSlaTimer(trx, check))));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await events(c.id)).filter((e) => e.type === 'sla_breach')).toHaveLength(1);
  });

  it('does nothing while the case waits for the customer, and runs on the moved time after', async () => {
    const c = await caseDueIn({ warn: 60_000, breach: 800, firstResponse: 60_000 });
    await sys.knex.transaction((trx) => transitionCase(trx, { orgId: sys.defaultOrgId, caseId: c.id, to: 'waiting_customer', actor: { type: 'staff', id: null } }));
    await new Promise((r) => setTimeout(r, 1500));
    expect((await events(c.id)).filter((e) => e.type === 'sla_breach')).toHaveLength(0);

    // Resuming recomputes the due time from the case type's target and the time counted (the
    // test moved it to a moment ago; now it goes back to the target's), with new timers.
    await sys.knex.transaction((trx) => transitionCase(trx, { orgId: sys.defaultOrgId, caseId: c.id, to: 'investigating', actor: { type: 'staff', id: null } }));
    const moved = await sys.knex('cases').where({ id: c.id }).first();
    const due = new Date(moved.resolution_due_at);
    expect(due.getTime()).toBeGreaterThan(Date.now() + 60_000);
    // Only the soonest timer is scheduled (the warning); it schedules the breach when it runs.
    const newest = () => sys.knex('outbox').where({ queue: 'sla' }).whereRaw(`payload->>'caseId' = ?`, [c.id]).orderBy('seq', 'desc').first();
    const warnAt = new Date(moved.resolution_warn_at);
    expect((await newest()).payload).toEqual({ caseId: c.id, clock: 'resolution', moment: 'warning', at: warnAt.toISOString() });
    const warning: SlaCheck = { caseId: c.id, clock: 'resolution', moment: 'warning', at: warnAt.toISOString() };
    expect(await sys.knex.transaction((trx) => fireSlaTimer(trx, warning, warnAt))).toBe(true);
    expect((await newest()).payload).toEqual({ caseId: c.id, clock: 'resolution', moment: 'breach', at: due.toISOString() });

    // At the old time nothing fires; at the new one the breach does, once.
    const old: SlaCheck = { caseId: c.id, clock: 'resolution', moment: 'breach', at: c.resolution_due_at.toISOString() };
    expect(await sys.knex.transaction((trx) => fireSlaTimer(trx, old))).toBe(false);
    const current: SlaCheck = { caseId: c.id, clock: 'resolution', moment: 'breach', at: due.toISOString() };
    expect(await sys.knex.transaction((trx) => fireSlaTimer(trx, current, due))).toBe(true);
    expect(await sys.knex.transaction((trx) => fireSlaTimer(trx, current, due))).toBe(false);
  });

  it('schedules one timer for a new case, the soonest, and none after it once the case is closed', async () => {
    const c = await openTestCase(sys, 'order_not_delivered', {}, 'late order, one timer');
    const timers = () => sys.knex('outbox').where({ queue: 'sla' }).whereRaw(`payload->>'caseId' = ?`, [c.id]).orderBy('seq').select('payload');
    const row = await sys.knex('cases').where({ id: c.id }).first();
    const soonest = [row.first_response_due_at, row.resolution_warn_at, row.resolution_due_at].filter(Boolean).map((d: Date) => new Date(d).getTime()).sort((a, b) => a - b)[0];
    const scheduled = await timers();
    expect(scheduled).toHaveLength(1);
    expect(Date.parse(scheduled[0].payload.at)).toBe(soonest);
    // Closed before it comes due: when it runs, it neither fires nor schedules the next.
    await sys.knex('cases').where({ id: c.id }).update({ status: 'closed' });
    const at = new Date(soonest);
    expect(await sys.knex.transaction((trx) => fireSlaTimer(trx, scheduled[0].payload, at))).toBe(false);
    expect(await timers()).toHaveLength(1);
  });

  it('lets the sweep catch a timer whose job was lost', async () => {
    const c = await caseDueIn({ warn: -2000, breach: -1000, firstResponse: 60_000 }, false);
    const due = (await dueSlaChecks(sys.knex, new Date())).filter((d) => d.caseId === c.id);
    // The system's own sweep may have caught them first on a busy machine: then nothing is left due.
    if (due.length) expect(due.map((d) => d.moment).sort()).toEqual(['breach', 'warning']);
    for (const check of due) await sys.knex.transaction((trx) => fireSlaTimer(trx, check));
    const fired = await until(async () => {
      const types = (await events(c.id)).map((e) => e.type);
      return ['sla_warning', 'sla_breach', 'escalated'].every((t) => types.includes(t)) && types;
    });
    // Caught once each, by whichever sweep came first.
    expect(fired.filter((t) => t === 'sla_warning')).toHaveLength(1);
    expect(fired.filter((t) => t === 'sla_breach')).toHaveLength(1);
  });
});
