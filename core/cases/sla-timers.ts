import type { Knex } from 'knex';
import { casesJoinedToTypes } from './case-queries.ts';
import { addToOutbox } from '../outbox/outbox.ts';
import { SEVERITIES, type Severity, type CaseStatus } from '../vocabulary.ts';
import { CASE_STATUS } from './case-status.ts';
import { recordCaseEvent, recordSlaEventOnce } from './case-timeline.ts';

/**
 * The SLA clocks of a case, driven by BullMQ: a delayed job per due time (through the outbox, so
 * it commits with the change that set the time) and a periodic sweep as the safety net. A job
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

/** Schedules the timers for the case's current due times (call after they are set or moved). */
export async function scheduleSlaTimers(trx: Knex.Transaction, c: CaseClocks): Promise<void> {
  const timers: SlaCheck[] = [];
  const add = (clock: SlaClock, moment: SlaMoment, at: Date | null) => at && timers.push({ caseId: c.id, clock, moment, at: new Date(at).toISOString() });
  add('first_response', 'breach', c.first_response_due_at);
  add('resolution', 'warning', c.resolution_warn_at);
  add('resolution', 'breach', c.resolution_due_at);
  await addToOutbox(
    trx,
    timers.map((t) => ({ orgId: c.org_id, queue: SLA_QUEUE, jobName: SLA_CHECK_JOB, payload: { ...t }, availableAt: new Date(t.at) })),
  );
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
  const due = currentDue(row, t.clock, t.moment);
  // Moved (a pause, a new target) or no longer relevant: the timer for the new time will come.
  if (!due || new Date(due).getTime() !== Date.parse(t.at) || due.getTime() > now.getTime() + 1000) return false;
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
