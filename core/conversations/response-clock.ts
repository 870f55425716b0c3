import type { Knex } from 'knex';
import { responseTimesOf } from '../contracts/org-settings.ts';
import { addToOutbox } from '../outbox/outbox.ts';
import { addBusinessMinutes, businessMinutesBetween, calendarOfOrg, warnMinutes } from '../sla/business-calendar.ts';
import { iso } from '../time/iso.ts';
import { recordConversationEvent, recordResponseEventOnce } from './conversation-timeline.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * The inbox's response clocks (docs/inbox.md "Response times"), on the org's business calendar and
 * run the way the case SLA timers are (core/cases/sla-timers.ts): the running clock is kept on the
 * conversation row, each warning and due time is a delayed job through the outbox (it commits with
 * the change that started the clock), and a sweep every minute is the safety net. A timer reads the
 * conversation again when it runs: a clock that stopped or started again does nothing, and the
 * database's unique index makes each warning and breach recorded once. The staff desk reacts to
 * them (core/staff/conversation-announcements.ts).
 *
 * - `first_response` starts when the customer begins to wait for a person; the first staff reply stops it.
 * - `next_response` starts when the customer writes again after a staff reply, while a person holds
 *   the conversation or is asked for; the next staff reply stops it.
 * - Resolve, back to the bot and Snooze stop the clock unanswered: a snooze is the holder saying
 *   when they will come back. When it wakes (the customer wrote, or its time came) and the customer
 *   is still owed an answer, a clock starts again from the wake.
 */
export const INBOX_TIMERS_QUEUE = 'inbox-timers';
export const RESPONSE_CHECK_JOB = 'response-check';
export const SNOOZE_END_JOB = 'snooze-end';
/** On a queue of its own, as the SLA sweep (see SLA_SWEEP_QUEUE for why). */
export const INBOX_SWEEP_QUEUE = 'inbox-timers-sweep';
export const INBOX_SWEEP_JOB = 'sweep';

export const RESPONSE_CLOCKS = ['first_response', 'next_response'] as const;
export type ResponseClock = (typeof RESPONSE_CLOCKS)[number];
export type ResponseMoment = 'warning' | 'breach';

export interface ResponseCheck {
  conversationId: string;
  clock: ResponseClock;
  moment: ResponseMoment;
  /** ISO instant the timer was set for. */
  at: string;
}

export interface SnoozeEnd {
  conversationId: string;
  /** ISO instant of the snooze's end it was set for: a snooze moved since makes it a no-op. */
  until: string;
}

/** The statuses in which a clock runs: somebody is asked for, or holds it. */
const RUNS_IN = ['waiting', 'assigned'];

/** What a reply answered: the clock, when it started, when it was due, the business minutes it took. */
export interface ResponseAnswered {
  clock: ResponseClock;
  startedAt: string;
  dueAt: string;
  businessMinutes: number;
  met: boolean;
}

async function orgClockSettings(trx: Knex.Transaction, orgId: string) {
  const org = await orgSettingsRow(trx, orgId);
  return { cal: calendarOfOrg(org ?? {}), targets: responseTimesOf(org?.settings) };
}

/**
 * Which clock a customer who waits now is owed: the first response until a person has written to
 * them since they began to wait, the next response after.
 */
export function clockOwed(row: { waiting_since: Date | string | null; staff_replied_at: Date | string | null }): ResponseClock {
  const replied = row.staff_replied_at ? new Date(row.staff_replied_at).getTime() : null;
  const since = row.waiting_since ? new Date(row.waiting_since).getTime() : null;
  return replied !== null && (since === null || replied >= since) ? 'next_response' : 'first_response';
}

/** Starts `clock` from `now` (the caller holds the conversation's lock), schedules its timers and records `response_due`. */
export async function startResponseClock(trx: Knex.Transaction, c: { id: string; orgId: string }, clock: ResponseClock, now: Date): Promise<void> {
  const { cal, targets } = await orgClockSettings(trx, c.orgId);
  const minutes = clock === 'first_response' ? targets.firstResponseMinutes : targets.nextResponseMinutes;
  const dueAt = addBusinessMinutes(now, minutes, cal);
  const warnAt = addBusinessMinutes(now, Math.max(1, warnMinutes(minutes, targets.warnAtRatio)), cal);
  await trx('conversations').where({ id: c.id }).update({ response_clock: clock, response_started_at: now, response_warn_at: warnAt, response_due_at: dueAt });
  await scheduleResponseTimers(trx, { id: c.id, org_id: c.orgId, response_clock: clock, response_warn_at: warnAt, response_due_at: dueAt });
  await recordConversationEvent(
    trx,
    { orgId: c.orgId, conversationId: c.id, type: 'response_due', actor: { type: 'system', id: null }, data: { clock, dueAt: iso(dueAt), warnAt: iso(warnAt), targetMinutes: minutes } },
    now,
  );
}

/** Schedules the warning and breach timers of the conversation's running clock (after it starts or moves). */
export async function scheduleResponseTimers(
  trx: Knex.Transaction,
  c: { id: string; org_id: string; response_clock: ResponseClock; response_warn_at: Date | null; response_due_at: Date | null },
): Promise<void> {
  const timers: ResponseCheck[] = [];
  if (c.response_warn_at) timers.push({ conversationId: c.id, clock: c.response_clock, moment: 'warning', at: iso(c.response_warn_at) });
  if (c.response_due_at) timers.push({ conversationId: c.id, clock: c.response_clock, moment: 'breach', at: iso(c.response_due_at) });
  await addToOutbox(
    trx,
    timers.map((t) => ({ orgId: c.org_id, queue: INBOX_TIMERS_QUEUE, jobName: RESPONSE_CHECK_JOB, payload: { ...t }, availableAt: new Date(t.at) })),
  );
}

/**
 * Stops the running clock, if one runs (the caller holds the conversation's lock). With `answered`,
 * what the reply answered, in business minutes; undefined when no clock ran.
 */
export async function stopResponseClock(trx: Knex.Transaction, c: { id: string; orgId: string }, now: Date, o: { answered: boolean }): Promise<ResponseAnswered | undefined> {
  const row = await trx('conversations').select('response_clock', 'response_started_at', 'response_due_at').where({ id: c.id }).first();
  if (!row?.response_clock) return undefined;
  await trx('conversations').where({ id: c.id }).update({ response_clock: null, response_started_at: null, response_warn_at: null, response_due_at: null });
  if (!o.answered) return undefined;
  const { cal } = await orgClockSettings(trx, c.orgId);
  const started = new Date(row.response_started_at);
  const due = new Date(row.response_due_at);
  return { clock: row.response_clock, startedAt: iso(started), dueAt: iso(due), businessMinutes: businessMinutesBetween(started, now, cal), met: now.getTime() <= due.getTime() };
}

/** Whether a response clock runs on the conversation now. */
export async function responseClockRuns(trx: Knex.Transaction, conversationId: string): Promise<boolean> {
  const row = await trx('conversations').select('response_clock').where({ id: conversationId }).first();
  return Boolean(row?.response_clock);
}

/** Fires one timer if it is still due: a warning or a breach on the conversation's timeline. Returns whether it fired. */
export async function fireResponseTimer(trx: Knex.Transaction, t: ResponseCheck, now: Date = new Date()): Promise<boolean> {
  const row = await trx('conversations').where({ id: t.conversationId }).forUpdate().first();
  if (!row || row.response_clock !== t.clock || !RUNS_IN.includes(row.inbox_status)) return false;
  const due: Date | null = t.moment === 'warning' ? row.response_warn_at : row.response_due_at;
  // Moved (a new clock) or not yet: the timer for the time now set will come.
  if (!due || new Date(due).getTime() !== Date.parse(t.at) || due.getTime() > now.getTime() + 1000) return false;
  const recorded = await recordResponseEventOnce(
    trx,
    {
      orgId: row.org_id,
      conversationId: row.id,
      type: t.moment === 'warning' ? 'response_warning' : 'response_breached',
      // The holder at the time: whose breach it is on the dashboard.
      data: { clock: t.clock, dueAt: iso(row.response_due_at), startedAt: iso(row.response_started_at), holder: row.inbox_status === 'assigned' ? row.assignee_staff_id : null },
    },
    now,
  );
  return recorded !== null;
}

/** Schedules the end of a snooze (the snooze command calls it). */
export async function scheduleSnoozeEnd(trx: Knex.Transaction, c: { id: string; orgId: string; until: Date }): Promise<void> {
  const payload: SnoozeEnd = { conversationId: c.id, until: iso(c.until) };
  await addToOutbox(trx, { orgId: c.orgId, queue: INBOX_TIMERS_QUEUE, jobName: SNOOZE_END_JOB, payload: { ...payload }, availableAt: c.until });
}

/**
 * The safety net: every warning and breach that is due and not recorded, and every snooze whose
 * time has come (a worker was down, Redis lost the job). Looks only at conversations whose times
 * have passed, through partial indexes.
 */
export async function dueInboxTimers(db: Knex, now: Date, limit = 1000): Promise<{ responses: ResponseCheck[]; snoozes: (SnoozeEnd & { orgId: string })[] }> {
  const notFired = (type: string) =>
    `NOT EXISTS (SELECT 1 FROM conversation_events e WHERE e.conversation_id = c.id AND e.type = '${type}' AND e.data->>'dueAt' = to_char(c.response_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;
  const running = `c.response_clock IS NOT NULL AND c.inbox_status IN ('waiting', 'assigned')`;
  const { rows } = await db.raw<{ rows: { id: string; clock: ResponseClock; moment: ResponseMoment; at: Date }[] }>(
    // Warnings first: a clock past both is warned, then breached, in that order.
    `(SELECT id, response_clock AS clock, 'warning' AS moment, response_warn_at AS at FROM conversations c
       WHERE ${running} AND c.response_warn_at <= ? AND ${notFired('response_warning')} LIMIT ?)
     UNION ALL
     (SELECT id, response_clock, 'breach', response_due_at FROM conversations c
       WHERE ${running} AND c.response_due_at <= ? AND ${notFired('response_breached')} LIMIT ?)`,
    [now, limit, now, limit],
  );
  const snoozes = await db('conversations').select('id', 'org_id', 'snoozed_until').where('inbox_status', 'snoozed').andWhere('snoozed_until', '<=', now).limit(limit);
  return {
    responses: rows.map((r) => ({ conversationId: r.id, clock: r.clock, moment: r.moment, at: iso(r.at) })),
    snoozes: snoozes.map((s) => ({ conversationId: s.id, orgId: s.org_id, until: iso(s.snoozed_until) })),
  };
}
