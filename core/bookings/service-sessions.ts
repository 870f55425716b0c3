import type { Knex } from 'knex';
import { weekdayOf } from '../contracts/opening-hours.ts';
import type { SessionCreate, SessionView } from '../contracts/sessions.ts';
import { DomainError, notFound, validationFailed } from '../errors/index.ts';
import { Subscribers } from '../subscribers.ts';
import { localMoment } from '../time/org-time.ts';
import { holidaysOf } from './service-hours.ts';

/**
 * Sessions of a service (a class on Tuesdays at 10:00 for 12, a departure on 3 March for 30) and
 * their seats. The one writer of `service_sessions`.
 *
 * **Seats are counted by one statement.** A booking takes its seats with a single conditional
 * UPDATE of the session's row (`seats_taken + n <= capacity`), in the booking's own transaction:
 * PostgreSQL locks the row, and a request waiting on it re-reads the row once the one before
 * commits, so the last seat goes to one request and the others find none; nothing is read first
 * and written after. The CHECK on the table (`seats_taken <= capacity`) is the last word should
 * any other write try. The seat is held until the transaction ends: a booking that fails later in
 * its transaction gives it back by rolling back.
 */

type Db = Knex | Knex.Transaction;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SessionRow {
  id: string;
  org_id: string;
  service_id: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  seats_taken: number;
  status: 'scheduled' | 'cancelled';
  cancelled_at: Date | null;
  cancel_reason: string | null;
  overbooked?: number;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A session as the API shows it: its local date and time where the business is. */
export function sessionView(r: SessionRow, serviceKey: string, timeZone: string): SessionView {
  const local = localMoment(timeZone, new Date(r.starts_at));
  return {
    id: r.id,
    service: serviceKey,
    date: local.date,
    time: local.time,
    startsAt: iso(r.starts_at)!,
    endsAt: iso(r.ends_at)!,
    capacity: r.capacity,
    seatsTaken: r.seats_taken,
    seatsLeft: Math.max(0, r.capacity - r.seats_taken),
    status: r.status,
    cancelledAt: iso(r.cancelled_at),
    cancelReason: r.cancel_reason,
  };
}

/** A service of the org with what scheduling needs; an unknown key is a 404. */
export async function serviceForSessions(db: Db, orgId: string, key: string) {
  const s = await db('services as s')
    .join('orgs as o', 'o.id', 's.org_id')
    .select('s.id', 's.key', 's.name_th', 's.name_en', 's.duration_minutes', 's.capacity', 's.is_active', 'o.time_zone', 'o.holidays')
    .where({ 's.org_id': orgId, 's.key': key })
    .first();
  if (!s) throw notFound('Service', { key });
  return s as { id: string; key: string; name_th: string; name_en: string; duration_minutes: number | null; capacity: number | null; is_active: boolean; time_zone: string; holidays: unknown };
}

/** Most sessions one request schedules: a year of a daily class. */
const MOST_AT_ONCE = 400;

/** The dates a schedule asks for: `date` alone, or each of the weekdays from it up to `until`. */
function datesOf(c: SessionCreate): string[] {
  if (!c.repeat) return [c.date];
  if (c.repeat.until < c.date) throw validationFailed('The schedule is not valid', [{ path: 'repeat.until', message: 'Before the first date' }]);
  const out: string[] = [];
  for (let d = new Date(`${c.date}T00:00:00Z`); ; d = new Date(d.getTime() + 86_400_000)) {
    const day = d.toISOString().slice(0, 10);
    if (day > c.repeat.until) break;
    if (c.repeat.weekdays.includes(weekdayOf(day))) out.push(day);
    if (out.length > MOST_AT_ONCE) throw validationFailed('The schedule is not valid', [{ path: 'repeat.until', message: `More than ${MOST_AT_ONCE} sessions at once` }]);
  }
  return out;
}

/**
 * Schedules sessions of a service: one, or a weekly repeat. A date on the org's holidays, one
 * already past where the business is, and a start the service has a session at already are left
 * out and listed (`skipped`), so a term's timetable is written in one request.
 */
export async function createSessions(
  trx: Knex.Transaction,
  r: { orgId: string; serviceKey: string; schedule: SessionCreate; now?: Date },
): Promise<{ items: SessionView[]; skipped: { date: string; reason: 'holiday' | 'past' | 'exists' }[] }> {
  const s = await serviceForSessions(trx, r.orgId, r.serviceKey);
  const c = r.schedule;
  const minutes = c.durationMinutes ?? s.duration_minutes;
  const capacity = c.capacity ?? s.capacity;
  const missing = [
    ...(minutes ? [] : [{ path: 'durationMinutes', message: 'The service has no duration: give one' }]),
    ...(capacity ? [] : [{ path: 'capacity', message: 'The service has no capacity: give one' }]),
  ];
  if (missing.length) throw validationFailed('The session is not valid', missing);
  const holidays = new Set(holidaysOf(s));
  const here = localMoment(s.time_zone, r.now);
  const skipped: { date: string; reason: 'holiday' | 'past' | 'exists' }[] = [];
  const wanted: string[] = [];
  for (const date of datesOf(c)) {
    if (holidays.has(date)) skipped.push({ date, reason: 'holiday' });
    else if (`${date} ${c.time}` <= `${here.date} ${here.time}`) skipped.push({ date, reason: 'past' });
    else wanted.push(date);
  }
  if (!c.repeat && skipped.length) {
    const why = skipped[0].reason === 'holiday' ? `${c.date} is a holiday of the business` : 'The session would start in the past';
    throw validationFailed('The session is not valid', [{ path: skipped[0].reason === 'holiday' ? 'date' : 'time', message: why, reason: skipped[0].reason }]);
  }
  const startOf = (date: string) => trx.raw('(?::date + ?::time) AT TIME ZONE ?', [date, c.time, s.time_zone]);
  // The service's sessions over the same span, to leave out the starts it has already.
  const taken = new Set<string>();
  if (wanted.length) {
    const near: { starts_at: Date }[] = await trx('service_sessions')
      .select('starts_at')
      .where({ service_id: s.id, status: 'scheduled' })
      .andWhere('starts_at', '>=', startOf(wanted[0]))
      .andWhere('starts_at', '<=', startOf(wanted[wanted.length - 1]));
    for (const n of near) {
      const at = localMoment(s.time_zone, new Date(n.starts_at));
      if (at.time === c.time) taken.add(at.date);
    }
  }
  const fresh = wanted.filter((d) => !taken.has(d));
  for (const d of wanted) if (taken.has(d)) skipped.push({ date: d, reason: 'exists' });
  if (!c.repeat && !fresh.length) throw new DomainError('already_exists', 'The service has a session at that time already', { date: c.date, time: c.time });
  const rows: SessionRow[] = fresh.length
    ? await trx('service_sessions')
        .insert(
          fresh.map((date) => ({
            org_id: r.orgId,
            service_id: s.id,
            starts_at: startOf(date),
            ends_at: trx.raw('((?::date + ?::time) AT TIME ZONE ?) + make_interval(mins => ?)', [date, c.time, s.time_zone, minutes]),
            capacity,
          })),
        )
        .returning('*')
    : [];
  return { items: rows.map((row) => sessionView(row, s.key, s.time_zone)).sort((a, b) => a.startsAt.localeCompare(b.startsAt)), skipped: skipped.sort((a, b) => a.date.localeCompare(b.date)) };
}

/** Why seats could not be taken: no such session of the org, cancelled, started already, or too few seats left. */
export type SeatRefusal = { why: 'unknown' } | { why: 'cancelled' | 'past' | 'full'; session: SessionRow };

/**
 * Takes `seats` of a session for a booking, in the caller's transaction (see the top of the file):
 * the seats left after it, or why not. Holds the session's row lock until the transaction ends.
 */
export async function takeSeats(trx: Knex.Transaction, t: { orgId: string; sessionId: string; seats: number; now?: Date }): Promise<{ ok: true; seatsLeft: number } | ({ ok: false } & SeatRefusal)> {
  const now = t.now ?? new Date();
  const [taken] = await trx('service_sessions')
    .where({ id: t.sessionId, org_id: t.orgId, status: 'scheduled' })
    .andWhere('starts_at', '>', now)
    .andWhereRaw('seats_taken + ? <= capacity', [t.seats])
    .increment('seats_taken', t.seats)
    .returning(['capacity', 'seats_taken']);
  if (taken) return { ok: true, seatsLeft: taken.capacity - taken.seats_taken };
  // Only to say why: the statement above decided.
  const session: SessionRow | undefined = await trx('service_sessions').where({ id: t.sessionId, org_id: t.orgId }).first();
  if (!session) return { ok: false, why: 'unknown' };
  if (session.status === 'cancelled') return { ok: false, why: 'cancelled', session };
  if (new Date(session.starts_at) <= now) return { ok: false, why: 'past', session };
  return { ok: false, why: 'full', session };
}

/** Seats of a session became free (given back, or the capacity raised), in the transaction that freed them. */
export interface FreedSeats {
  orgId: string;
  sessionId: string;
}

const freed = new Subscribers<FreedSeats>();

/**
 * Adds a reaction to seats freed, by name: it runs in the transaction that freed them, with the
 * session's row still locked, so what it does with the seats (the waitlist's offer) happens
 * before anyone else can take them.
 */
export function subscribeToFreedSeats(name: string, subscriber: (trx: Knex.Transaction, e: FreedSeats) => Promise<void>): void {
  freed.subscribe(name, subscriber);
}

/** Gives seats back (a booking cancelled, declined or lost, a form's key stored meanwhile by another request, a waitlist offer not taken). */
export async function releaseSeats(trx: Knex.Transaction, sessionId: string, seats: number): Promise<void> {
  if (seats <= 0) return;
  const [row] = await trx('service_sessions').where({ id: sessionId }).decrement('seats_taken', seats).returning(['org_id']);
  if (row) await freed.publish(trx, { orgId: row.org_id, sessionId });
}

/**
 * A manager's overbooking: `seats` beyond what the capacity leaves, counted in `overbooked` so the
 * CHECK (`seats_taken <= capacity + overbooked`) holds and the doors, which check the capacity
 * alone, never sell them. Refused (false) for a cancelled or started session.
 */
export async function overbookSeats(trx: Knex.Transaction, t: { orgId: string; sessionId: string; seats: number; now?: Date }): Promise<boolean> {
  const [row] = await trx('service_sessions')
    .where({ id: t.sessionId, org_id: t.orgId, status: 'scheduled' })
    .andWhere('starts_at', '>', t.now ?? new Date())
    .update({
      seats_taken: trx.raw('seats_taken + ?', [t.seats]),
      overbooked: trx.raw('greatest(overbooked, seats_taken + ? - capacity)', [t.seats]),
    })
    .returning('id');
  return Boolean(row);
}

/** The session's row, locked: a change of capacity or a cancellation and the bookings on it take turns. */
export async function lockedSession(trx: Knex.Transaction, orgId: string, serviceId: string, sessionId: string): Promise<SessionRow> {
  if (!UUID.test(sessionId)) throw notFound('Session', { id: sessionId });
  const row: SessionRow | undefined = await trx('service_sessions').where({ id: sessionId, org_id: orgId, service_id: serviceId }).forUpdate().first();
  if (!row) throw notFound('Session', { id: sessionId });
  return row;
}

/** A new capacity; below the seats taken it is refused by the caller before this (the CHECK would refuse it too). */
export async function setSessionCapacity(trx: Knex.Transaction, sessionId: string, capacity: number): Promise<SessionRow> {
  const before = await trx('service_sessions').where({ id: sessionId }).first('capacity');
  const [row] = await trx('service_sessions').where({ id: sessionId }).andWhere('seats_taken', '<=', capacity).update({ capacity }).returning('*');
  if (row && before && capacity > before.capacity) {
    await freed.publish(trx, { orgId: row.org_id, sessionId });
    return trx('service_sessions').where({ id: sessionId }).first();
  }
  return row;
}

/** New local date, start and length for a session no booking holds seats of (session-commands.ts checks). */
export async function rescheduleSession(trx: Knex.Transaction, sessionId: string, at: { date: string; time: string; minutes: number; timeZone: string }): Promise<SessionRow> {
  const [row] = await trx('service_sessions')
    .where({ id: sessionId, seats_taken: 0 })
    .update({
      starts_at: trx.raw('(?::date + ?::time) AT TIME ZONE ?', [at.date, at.time, at.timeZone]),
      ends_at: trx.raw('((?::date + ?::time) AT TIME ZONE ?) + make_interval(mins => ?)', [at.date, at.time, at.timeZone, at.minutes]),
    })
    .returning('*');
  return row;
}

/** Marks the session cancelled: no booking takes a seat of it from now on. */
export async function markSessionCancelled(trx: Knex.Transaction, sessionId: string, reason: string): Promise<SessionRow> {
  const [row] = await trx('service_sessions').where({ id: sessionId }).update({ status: 'cancelled', cancelled_at: trx.fn.now(), cancel_reason: reason }).returning('*');
  return row;
}
