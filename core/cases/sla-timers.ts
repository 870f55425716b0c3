import type { Knex } from 'knex';
import { casesJoinedToTypes } from './case-queries.ts';
import { addToOutbox } from '../outbox/outbox.ts';
import { SEVERITIES, type Severity, type CaseStatus } from '../vocabulary.ts';
import { CASE_STATUS } from './case-status.ts';
import { recordCaseEvent, recordSlaEventOnce } from './case-timeline.ts';

/**
 * The SLA clocks of a case, driven by BullMQ: a delayed job for the soonest due time (through the
 * outbox, so it commits with the change that set the time), each scheduling the next when it runs,
 * and a periodic sweep as the safety net. A job
 * carries the due time it was made for; when it runs, the case is read again and a timer whose due
 * time has since moved, or whose case is paused or done, does nothing. The database's unique index
 * on (case, warning|breach, clock) makes each fire once, however many workers race.
 */
export const SLA_QUEUE = 'sla';
export const SLA_CHECK_JOB = 'check';
/**
 * The sweep runs on a queue of its own: a repeatable job waiting a minute in the timers' queue
 * would keep BullMQ's PostgreSQL-backend worker asleep past newly due timers on the embedded database.
 */
export const SLA_SWEEP_QUEUE = 'sla-sweep';
export const SLA_SWEEP_JOB = 'sweep';

export type SlaClock = 'first_response' | 'resolution';
export type SlaMoment = 'warning' | 'breach';

export interface SlaCheck {
  caseId: string;
  clock: SlaClock;
  moment: SlaMoment;
  /** ISO instant the timer was set for. */
  at: string;
}

interface CaseClocks {
  id: string;
  org_id: string;
  first_response_due_at: Date | null;
  resolution_warn_at: Date | null;
  resolution_due_at: Date | null;
}

/** The three timers of a case, the column holding each one's due time, in the order they come when due together. */
const SLOTS: { clock: SlaClock; moment: SlaMoment; column: keyof Omit<CaseClocks, 'id' | 'org_id'> }[] = [
  { clock: 'first_response', moment: 'breach', column: 'first_response_due_at' },
  { clock: 'resolution', moment: 'warning', column: 'resolution_warn_at' },
  { clock: 'resolution', moment: 'breach', column: 'resolution_due_at' },
];

/** The case's timers for the due times given, soonest first. */
function timersOf(c: CaseClocks): SlaCheck[] {
  return SLOTS.flatMap((s, order) => (c[s.column] ? [{ order, check: { caseId: c.id, clock: s.clock, moment: s.moment, at: new Date(c[s.column]!).toISOString() } }] : []))
    .sort((a, b) => Date.parse(a.check.at) - Date.parse(b.check.at) || a.order - b.order)
    .map((t) => t.check);
}

const timerRow = (orgId: string, t: SlaCheck) => ({ orgId, queue: SLA_QUEUE, jobName: SLA_CHECK_JOB, payload: { ...t }, availableAt: new Date(t.at) });

/**
 * Schedules the soonest of the timers for the due times given (call after they are set or moved);
 * each timer, when it runs, schedules the one after it (`fireSlaTimer`). One timer job per case at
 * a time rather than three: most cases are resolved before the first comes due.
 */
export async function scheduleSlaTimers(trx: Knex.Transaction, c: CaseClocks): Promise<void> {
  const [soonest] = timersOf(c);
  if (soonest) await addToOutbox(trx, timerRow(c.org_id, soonest));
}

/**
 * The timer after `t` in the case's chain, scheduled by `t`'s own run: only when `t` is the
 * case's current timer for its moment (a due time that moved got a chain of its own when it moved)
 * and the case is still open. A timer lost with its job is caught by the sweep (`dueSlaChecks`).
 */
async function scheduleNextTimer(trx: Knex.Transaction, row: CaseClocks & { status: CaseStatus }, t: SlaCheck): Promise<void> {
  if (!CASE_STATUS[row.status].isOpen) return;
  const timers = timersOf(row);
  const at = timers.findIndex((x) => x.clock === t.clock && x.moment === t.moment && x.at === t.at);
  if (at < 0 || at === timers.length - 1) return;
  await addToOutbox(trx, timerRow(row.org_id, timers[at + 1]));
}

/** The due instant a timer of this clock and moment should have now; null when it should not fire. */
function currentDue(row: Record<string, any>, clock: SlaClock, moment: SlaMoment): Date | null {
  const status = row.status as CaseStatus;
  if (!CASE_STATUS[status].isOpen) return null;
  if (clock === 'first_response') return row.first_responded_at ? null : row.first_response_due_at;
  if (row.resolution_paused_at) return null;
  return moment === 'warning' ? row.resolution_warn_at : row.resolution_due_at;
}

const raise = (s: Severity): Severity => SEVERITIES[Math.max(0, SEVERITIES.indexOf(s) - 1)];

/**
 * Fires one timer if it is still due: records the warning or breach on the timeline and, at a
 * breach, runs the case type's escalation rule (raise severity, hand to someone). Returns whether
 * it fired.
 */
export async function fireSlaTimer(trx: Knex.Transaction, t: SlaCheck, now: Date = new Date()): Promise<boolean> {
  const row = await casesJoinedToTypes(trx)
    .select('cases.*', 'case_types.escalation')
    .where('cases.id', t.caseId)
    .forUpdate()
    .first();
  if (!row) return false;
  // Run early (a clock that jumped): neither fired nor followed; the sweep catches it when due.
  if (Date.parse(t.at) > now.getTime() + 1000) return false;
  await scheduleNextTimer(trx, row, t);
  const due = currentDue(row, t.clock, t.moment);
  // Moved (a pause, a new target) or no longer relevant: the timer for the new time will come.
  if (!due || new Date(due).getTime() !== Date.parse(t.at)) return false;
  const type = t.moment === 'warning' ? 'sla_warning' : 'sla_breach';
  const recorded = await recordSlaEventOnce(trx, { orgId: row.org_id, caseId: row.id, type, data: { clock: t.clock, dueAt: t.at } });
  if (!recorded) return false;
  if (t.clock === 'resolution') {
    await trx('cases').where({ id: row.id }).update(t.moment === 'warning' ? { sla_warned_at: now } : { sla_breached_at: now });
  }
  if (t.moment === 'breach') await escalate(trx, row, t, now);
  return true;
}

/** The case type's escalation rule; severity and owner change at the case's first breach only. */
async function escalate(trx: Knex.Transaction, row: Record<string, any>, t: SlaCheck, now: Date): Promise<void> {
  const rule = (row.escalation ?? {}) as { notifyManagers?: boolean; raiseSeverity?: boolean; reassignTo?: string | null };
  const first = !row.escalated_at;
  const changes: Record<string, unknown> = { escalated_at: row.escalated_at ?? now, version: row.version + 1 };
  const data: Record<string, unknown> = { clock: t.clock, notifyManagers: Boolean(rule.notifyManagers) };
  if (first && rule.raiseSeverity && row.severity !== raise(row.severity)) {
    changes.severity = raise(row.severity);
    data.severity = { from: row.severity, to: changes.severity };
  }
  if (first && rule.reassignTo && rule.reassignTo !== row.owner_staff_id) {
    changes.owner_staff_id = rule.reassignTo;
    data.owner = { from: row.owner_staff_id, to: rule.reassignTo };
  }
  await trx('cases').where({ id: row.id }).update(changes);
  // The staff desk alerts the managers when the rule says so (core/staff/timeline-reactions.ts).
  await recordCaseEvent(trx, { orgId: row.org_id, caseId: row.id, type: 'escalated', actor: { type: 'system', id: null }, isPublic: false, data }, { now });
}

/**
 * The safety net: every timer that is due and has not fired (a worker was down, Redis lost the
 * job). Looks only at cases whose due time has passed, through partial indexes, so its cost follows
 * the number due, not the number open.
 */
export async function dueSlaChecks(db: Knex, now: Date, limit = 1000): Promise<SlaCheck[]> {
  const open = `status NOT IN ('resolved', 'closed')`;
  const { rows } = await db.raw<{ rows: { id: string; clock: SlaClock; moment: SlaMoment; at: Date }[] }>(
    `(SELECT id, 'resolution' AS clock, 'breach' AS moment, resolution_due_at AS at FROM cases
       WHERE sla_breached_at IS NULL AND resolution_paused_at IS NULL AND ${open} AND resolution_due_at <= ? LIMIT ?)
     UNION ALL
     (SELECT id, 'resolution', 'warning', resolution_warn_at FROM cases
       WHERE sla_warned_at IS NULL AND resolution_paused_at IS NULL AND ${open} AND resolution_warn_at <= ? LIMIT ?)
     UNION ALL
     (SELECT id, 'first_response', 'breach', first_response_due_at FROM cases c
       WHERE first_responded_at IS NULL AND ${open} AND first_response_due_at <= ?
         AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.type = 'sla_breach' AND e.data->>'clock' = 'first_response')
       LIMIT ?)`,
    [now, limit, now, limit, now, limit],
  );
  return rows.map((r) => ({ caseId: r.id, clock: r.clock, moment: r.moment, at: new Date(r.at).toISOString() }));
}
