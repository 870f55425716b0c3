import type { Knex } from 'knex';
import { addToOutbox } from '../outbox/outbox.ts';
import { addBusinessMinutes, calendarOfOrg } from '../sla/business-calendar.ts';
import { iso } from '../time/iso.ts';
import type { BookingStage } from './booking-stage.ts';
import { recordFollowUpEventOnce } from './booking-timeline.ts';

/**
 * The follow-up clock of a booking, on the org's business calendar like the case SLA clocks:
 * `first_contact` runs from the booking's arrival while it is `new` and nobody has answered;
 * `quote` runs from the first contact while it is `contacted`. Each has a warning (at
 * `warn_at_ratio` of the target) and a due time. Timers are delayed jobs through the outbox (they
 * commit with the change that set the time) and a sweep every minute is the safety net. A timer
 * reads the booking again when it runs: a clock that stopped or moved does nothing, and the
 * database's unique index makes each warning and miss fire once. The staff desk reacts to them
 * (core/staff): a warning reaches the assignee (or the sales groups), a miss the managers.
 */
type Db = Knex | Knex.Transaction;

export const FOLLOW_UP_QUEUE = 'booking-follow-up';
export const FOLLOW_UP_CHECK_JOB = 'check';
export const FOLLOW_UP_SWEEP_QUEUE = 'booking-follow-up-sweep';
export const FOLLOW_UP_SWEEP_JOB = 'sweep';

export const FOLLOW_UP_CLOCKS = ['first_contact', 'quote'] as const;
export type FollowUpClock = (typeof FOLLOW_UP_CLOCKS)[number];
export type FollowUpMoment = 'warning' | 'missed';

export interface FollowUpCheck {
  bookingId: string;
  clock: FollowUpClock;
  moment: FollowUpMoment;
  /** ISO instant the timer was set for. */
  at: string;
}

export interface FollowUpTargets {
  firstContactMinutes: number;
  quoteMinutes: number;
  warnAtRatio: number;
}

export const DEFAULT_FOLLOW_UP_TARGETS: FollowUpTargets = { firstContactMinutes: 120, quoteMinutes: 1440, warnAtRatio: 0.75 };

export async function readFollowUpTargets(db: Db, orgId: string): Promise<FollowUpTargets> {
  const row = await db('booking_follow_up_targets').where({ org_id: orgId }).first();
  if (!row) return DEFAULT_FOLLOW_UP_TARGETS;
  return { firstContactMinutes: row.first_contact_minutes, quoteMinutes: row.quote_minutes, warnAtRatio: Number(row.warn_at_ratio) };
}

/** Sets the org's targets (business minutes); the next clocks started use them. */
export async function writeFollowUpTargets(db: Db, orgId: string, t: Partial<FollowUpTargets>): Promise<FollowUpTargets> {
  const next = { ...(await readFollowUpTargets(db, orgId)), ...Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)) };
  await db('booking_follow_up_targets')
    .insert({ org_id: orgId, first_contact_minutes: next.firstContactMinutes, quote_minutes: next.quoteMinutes, warn_at_ratio: next.warnAtRatio })
    .onConflict('org_id')
    .merge({ first_contact_minutes: next.firstContactMinutes, quote_minutes: next.quoteMinutes, warn_at_ratio: next.warnAtRatio, updated_at: db.fn.now() });
  return next;
}

/**
 * Starts `clock` on a booking from `start` (by default: its arrival for first contact, now for the
 * quote), or stops the running clock with `null`, and schedules its timers in the caller's transaction.
 */
export async function startFollowUpClock(trx: Knex.Transaction, bookingId: string, clock: FollowUpClock | null, start?: Date): Promise<{ warnAt: Date; dueAt: Date } | null> {
  if (!clock) {
    await trx('bookings').where({ id: bookingId }).update({ follow_up_clock: null, follow_up_warn_at: null, follow_up_due_at: null });
    return null;
  }
  // The booking, its org's calendar and the org's targets in one statement (this runs in every intake).
  const b = await trx('bookings as b')
    .join('orgs as o', 'o.id', 'b.org_id')
    .leftJoin('booking_follow_up_targets as t', 't.org_id', 'b.org_id')
    .select('b.org_id', 'b.created_at', 'o.time_zone', 'o.business_hours', 'o.holidays', 't.first_contact_minutes', 't.quote_minutes', 't.warn_at_ratio')
    .where('b.id', bookingId)
    .first();
  // First contact counts from the booking's arrival; the quote from now (the first contact).
  const from = start ?? (clock === 'first_contact' ? new Date(b.created_at) : new Date());
  const { columns, warnAt, dueAt } = followUpClockColumns(b, clock, from);
  await trx('bookings').where({ id: bookingId }).update(columns);
  await scheduleFollowUpTimers(trx, { id: bookingId, org_id: b.org_id, follow_up_clock: clock, follow_up_warn_at: warnAt, follow_up_due_at: dueAt });
  return { warnAt, dueAt };
}

/** What an org's calendar and targets say a clock started at `from` is: its times, and the booking's columns that hold them. */
export interface OrgClockSettings {
  time_zone: unknown;
  business_hours: unknown;
  holidays: unknown;
  /** From `booking_follow_up_targets`; null when the org keeps the defaults. */
  first_contact_minutes: number | null;
  quote_minutes: number | null;
  warn_at_ratio: number | string | null;
}

export function followUpClockColumns(org: OrgClockSettings, clock: FollowUpClock, from: Date) {
  const targets: FollowUpTargets =
    org.first_contact_minutes == null
      ? DEFAULT_FOLLOW_UP_TARGETS
      : { firstContactMinutes: org.first_contact_minutes, quoteMinutes: Number(org.quote_minutes), warnAtRatio: Number(org.warn_at_ratio) };
  const minutes = clock === 'first_contact' ? targets.firstContactMinutes : targets.quoteMinutes;
  const cal = calendarOfOrg(org);
  const dueAt = addBusinessMinutes(from, minutes, cal);
  const warnAt = addBusinessMinutes(from, Math.max(1, Math.floor(minutes * targets.warnAtRatio)), cal);
  const columns = { follow_up_clock: clock, follow_up_warn_at: warnAt, follow_up_due_at: dueAt, ...(clock === 'first_contact' ? { first_response_due_at: dueAt } : {}) };
  return { columns, warnAt, dueAt };
}

/** Schedules the timers for a booking's current clock (after it is set or moved). */
export async function scheduleFollowUpTimers(
  trx: Knex.Transaction,
  b: { id: string; org_id: string; follow_up_clock: FollowUpClock; follow_up_warn_at: Date | null; follow_up_due_at: Date | null },
): Promise<void> {
  const timers: FollowUpCheck[] = [];
  if (b.follow_up_warn_at) timers.push({ bookingId: b.id, clock: b.follow_up_clock, moment: 'warning', at: iso(b.follow_up_warn_at) });
  if (b.follow_up_due_at) timers.push({ bookingId: b.id, clock: b.follow_up_clock, moment: 'missed', at: iso(b.follow_up_due_at) });
  await addToOutbox(
    trx,
    timers.map((t) => ({ orgId: b.org_id, queue: FOLLOW_UP_QUEUE, jobName: FOLLOW_UP_CHECK_JOB, payload: { ...t }, availableAt: new Date(t.at) })),
  );
}

/**
 * Where each clock runs: the stage the booking must still be in, and whether a first response
 * (staff taking it, answering, moving it on) stops it. A clock that stopped stays in
 * `follow_up_clock` until the next one starts: the timers and the sweep ask this, not the column alone.
 */
const CLOCK_RUNS: Readonly<Record<FollowUpClock, { stage: BookingStage; untilFirstResponse: boolean }>> = {
  first_contact: { stage: 'new', untilFirstResponse: true },
  quote: { stage: 'contacted', untilFirstResponse: false },
};

/** Is `clock` still running on the booking as it is now? */
export function followUpClockRunning(row: { follow_up_clock: string | null; stage: string; first_responded_at: Date | string | null }, clock: FollowUpClock): boolean {
  const runs = CLOCK_RUNS[clock];
  return row.follow_up_clock === clock && row.stage === runs.stage && !(runs.untilFirstResponse && row.first_responded_at);
}

/** The same rule over a `bookings` row in SQL (the sweep's partial indexes hold this predicate). */
const RUNNING_SQL = `(${FOLLOW_UP_CLOCKS.map(
  (c) => `(follow_up_clock = '${c}' AND stage = '${CLOCK_RUNS[c].stage}'${CLOCK_RUNS[c].untilFirstResponse ? ' AND first_responded_at IS NULL' : ''})`,
).join(' OR ')})`;

/** Fires one timer if it is still due: a warning or a miss on the booking's timeline. Returns whether it fired. */
export async function fireFollowUpTimer(trx: Knex.Transaction, t: FollowUpCheck, now: Date = new Date()): Promise<boolean> {
  const row = await trx('bookings').where({ id: t.bookingId }).forUpdate().first();
  if (!row || !followUpClockRunning(row, t.clock)) return false;
  const due: Date | null = t.moment === 'warning' ? row.follow_up_warn_at : row.follow_up_due_at;
  if (!due || new Date(due).getTime() !== Date.parse(t.at) || due.getTime() > now.getTime() + 1000) return false;
  const recorded = await recordFollowUpEventOnce(trx, {
    orgId: row.org_id,
    bookingId: row.id,
    type: t.moment === 'warning' ? 'follow_up_warning' : 'follow_up_missed',
    data: { clock: t.clock, dueAt: iso(row.follow_up_due_at), ...(t.moment === 'warning' ? { warnAt: t.at } : {}) },
  });
  return recorded !== null;
}

/**
 * The safety net: every warning and miss that is due and has not fired. Looks only at bookings
 * whose times have passed, through partial indexes.
 */
export async function dueFollowUpChecks(db: Knex, now: Date, limit = 1000): Promise<FollowUpCheck[]> {
  const notFired = (type: string) =>
    `NOT EXISTS (SELECT 1 FROM booking_events e WHERE e.booking_id = b.id AND e.type = '${type}' AND e.data->>'clock' = b.follow_up_clock
       AND (e.data->>'dueAt')::timestamptz = b.follow_up_due_at)`;
  const runs = RUNNING_SQL;
  const { rows } = await db.raw<{ rows: { id: string; clock: FollowUpClock; moment: FollowUpMoment; at: Date }[] }>(
    `(SELECT id, follow_up_clock AS clock, 'missed' AS moment, follow_up_due_at AS at FROM bookings b
       WHERE follow_up_clock IS NOT NULL AND follow_up_due_at <= ? AND ${runs} AND ${notFired('follow_up_missed')} LIMIT ?)
     UNION ALL
     (SELECT id, follow_up_clock, 'warning', follow_up_warn_at FROM bookings b
       WHERE follow_up_clock IS NOT NULL AND follow_up_warn_at <= ? AND ${runs} AND ${notFired('follow_up_warning')} LIMIT ?)`,
    [now, limit, now, limit],
  );
  return rows.map((r) => ({ bookingId: r.id, clock: r.clock, moment: r.moment, at: new Date(r.at).toISOString() }));
}
