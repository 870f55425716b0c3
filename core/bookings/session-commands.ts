import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit-log.ts';
import type { SessionCreate, SessionView } from '../contracts/sessions.ts';
import { DomainError } from '../errors/index.ts';
import { formatBookingDate, loadBooking, moveBooking, type BookingActor } from './booking-desk.ts';
import { stageFlags } from './booking-stage.ts';
import { customerToldAfter } from './booking-timeline.ts';
import { createSessions, lockedSession, markSessionCancelled, rescheduleSession, serviceForSessions, sessionView, setSessionCapacity, type SessionRow } from './service-sessions.ts';
import { holidaysOf } from './service-hours.ts';
import { localMoment } from '../time/org-time.ts';
import { weekdayOf } from '../contracts/opening-hours.ts';
import { validationFailed } from '../errors/index.ts';
import { bookWaitingFormsOfSession } from './waiting-forms.ts';
import { offerFreedSeats } from './session-waitlist.ts';

/**
 * What an admin changes on a scheduled session: its capacity, or cancelling it. Both lock the
 * session's row first, so a booking taking a seat at the same moment waits and then sees the
 * change (or the change sees its seat).
 */

/** Who changes the schedule, as the audit log records them. */
export interface ScheduleWriter {
  orgId: string;
  actor: { type: 'api_key' | 'staff' | 'system'; id: string | null };
  requestId?: string;
}

const audited = (trx: Knex.Transaction, w: ScheduleWriter, action: string, subjectId: string | undefined, details: Record<string, unknown>) =>
  recordAudit(trx, { orgId: w.orgId, actorType: w.actor.type, actorId: w.actor.id, action: `session.${action}`, subjectType: 'session', subjectId, details, requestId: w.requestId });

/** Schedules sessions of a service (service-sessions.ts `createSessions`), with its audit row. */
export async function scheduleSessions(trx: Knex.Transaction, w: ScheduleWriter & { serviceKey: string; schedule: SessionCreate; now?: Date }) {
  const created = await createSessions(trx, { orgId: w.orgId, serviceKey: w.serviceKey, schedule: w.schedule, now: w.now });
  await audited(trx, w, 'scheduled', created.items[0]?.id, { service: w.serviceKey, schedule: w.schedule, created: created.items.length, skipped: created.skipped });
  return created;
}

/** The bookings holding seats of a session, for staff to move: a change that would strand them names them. */
async function seatHolders(trx: Knex.Transaction, sessionId: string) {
  return trx('bookings').select('number', 'stage', 'session_seats as seats').where({ session_id: sessionId }).andWhere('session_seats', '>', 0).orderBy('number');
}

/**
 * A new capacity. Below the seats already taken it would strand bookings: refused (409
 * `conflict`, nothing written), naming the bookings that hold them, for staff to move first.
 */
export async function changeSessionCapacity(trx: Knex.Transaction, c: ScheduleWriter & { serviceKey: string; sessionId: string; capacity: number }): Promise<SessionView> {
  const s = await serviceForSessions(trx, c.orgId, c.serviceKey);
  const session = await lockedSession(trx, c.orgId, s.id, c.sessionId);
  if (c.capacity < session.seats_taken) {
    // Waiting website forms hold seats too; they are booked within moments, then listed here.
    throw new DomainError('conflict', `${session.seats_taken} seats are taken: the capacity cannot go below that`, {
      reason: 'seats_taken',
      seatsTaken: session.seats_taken,
      bookings: await seatHolders(trx, session.id),
    });
  }
  const changed = sessionView(await setSessionCapacity(trx, session.id, c.capacity), s.key, s.time_zone);
  await audited(trx, c, 'capacity_changed', session.id, { service: s.key, from: session.capacity, to: c.capacity });
  return changed;
}

/**
 * Cancels a session: no booking takes a seat of it from now on, and every open booking on it
 * (website forms stored for it are booked first) moves to `cancelled` with the reason, which tells
 * its customer (`booking_session_cancelled`, booking-notifications.ts) and gives its seats back.
 */
export async function cancelSession(
  trx: Knex.Transaction,
  c: ScheduleWriter & { serviceKey: string; sessionId: string; reason: string },
): Promise<{ session: SessionView; cancelledBookings: { number: string; customerTold: boolean }[] }> {
  const s = await serviceForSessions(trx, c.orgId, c.serviceKey);
  const session = await lockedSession(trx, c.orgId, s.id, c.sessionId);
  if (session.status === 'cancelled') throw new DomainError('conflict', 'The session was cancelled already', { reason: 'cancelled' });
  await markSessionCancelled(trx, session.id, c.reason);
  const actor: BookingActor = c.actor;
  await bookWaitingFormsOfSession(trx, session.id);
  const ids: { id: string }[] = await trx('bookings').select('id').where({ org_id: c.orgId, session_id: session.id }).orderBy('number').forUpdate();
  const cancelled: { number: string; customerTold: boolean }[] = [];
  for (const { id } of ids) {
    const b = await loadBooking(trx, id, c.orgId);
    if (!b || !stageFlags(b.stage).isOpen) continue;
    // Whatever the org's pipeline allows: the session itself is gone.
    const moved = await moveBooking(trx, b, 'cancelled', actor, { cancelled_at: trx.fn.now() }, { reason: c.reason, sessionCancelled: session.id }, true);
    if (moved.ok) cancelled.push({ number: b.number, customerTold: moved.event ? await customerToldAfter(trx, moved.event) : false });
  }
  // Its waitlist closes with it, and a seat held for an offer goes back (session-waitlist.ts).
  await offerFreedSeats(trx, c.orgId, session.id);
  await audited(trx, c, 'cancelled', session.id, { service: s.key, reason: c.reason, bookings: cancelled.map((x) => x.number) });
  const after = await lockedSession(trx, c.orgId, s.id, session.id);
  return { session: sessionView(after, s.key, s.time_zone), cancelledBookings: cancelled };
}

/** Bookings holding seats of these sessions, each with its session's local date and time: what a schedule edit would strand. */
async function strandedBy(trx: Knex.Transaction, sessions: SessionRow[], timeZone: string) {
  const at = new Map(sessions.map((x) => [x.id, localMoment(timeZone, new Date(x.starts_at))]));
  const held: { number: string; stage: string; seats: number; session_id: string }[] = await trx('bookings')
    .select('number', 'stage', 'session_seats as seats', 'session_id')
    .whereIn('session_id', sessions.map((x) => x.id))
    .andWhere('session_seats', '>', 0)
    .orderBy('number');
  return held.map((b) => ({ number: b.number, stage: b.stage, seats: b.seats, date: at.get(b.session_id)!.date, time: at.get(b.session_id)!.time }));
}

/** A new date, start or length would leave the bookings on it at a time they did not book: refused, naming them. */
async function refuseIfHeld(trx: Knex.Transaction, sessions: SessionRow[], timeZone: string): Promise<void> {
  const held = sessions.filter((x) => x.seats_taken > 0);
  if (!held.length) return;
  const bookings = await strandedBy(trx, held, timeZone);
  throw new DomainError(
    'conflict',
    `${bookings.length || 'Some'} booking${bookings.length === 1 ? ' is' : 's are'} on ${held.length === 1 ? 'this session' : `${held.length} of these sessions`}: changing its time would strand ${bookings.length === 1 ? 'it' : 'them'}; move or cancel ${bookings.length === 1 ? 'it' : 'them'} first`,
    // Website forms stored a moment ago hold seats too; they are booked within moments, then listed here.
    { reason: 'bookings_on_session', seatsTaken: held.reduce((n, x) => n + x.seats_taken, 0), bookings },
  );
}

/** Another date or start for a session with no bookings: not on a holiday, not in the past, not onto another session's start. */
async function moveSessionTime(
  trx: Knex.Transaction,
  s: Awaited<ReturnType<typeof serviceForSessions>>,
  session: SessionRow,
  to: { date?: string; time?: string; durationMinutes?: number },
  now: Date = new Date(),
): Promise<SessionRow> {
  const was = localMoment(s.time_zone, new Date(session.starts_at));
  const date = to.date ?? was.date;
  const time = to.time ?? was.time;
  const minutes = to.durationMinutes ?? Math.round((new Date(session.ends_at).getTime() - new Date(session.starts_at).getTime()) / 60_000);
  if (holidaysOf(s).includes(date)) throw validationFailed('The session is not valid', [{ path: 'date', message: `${date} is a holiday of the business`, reason: 'holiday' }]);
  const here = localMoment(s.time_zone, now);
  if (`${date} ${time}` <= `${here.date} ${here.time}`) throw validationFailed('The session is not valid', [{ path: 'time', message: 'The session would start in the past', reason: 'past' }]);
  const clash = await trx('service_sessions')
    .where({ service_id: s.id, status: 'scheduled' })
    .whereNot({ id: session.id })
    .andWhere('starts_at', trx.raw('(?::date + ?::time) AT TIME ZONE ?', [date, time, s.time_zone]))
    .first('id');
  if (clash) throw new DomainError('already_exists', 'The service has a session at that time already', { date, time });
  return rescheduleSession(trx, session.id, { date, time, minutes, timeZone: s.time_zone });
}

/**
 * A change to one session: its capacity (changeSessionCapacity's rule), and its date, start or
 * length, which are refused while bookings hold seats of it (409 `conflict`, reason
 * `bookings_on_session`, naming them with the session's date and time), nothing changed.
 */
export async function changeSession(
  trx: Knex.Transaction,
  c: ScheduleWriter & { serviceKey: string; sessionId: string; capacity?: number; date?: string; time?: string; durationMinutes?: number; now?: Date },
): Promise<SessionView> {
  const moves = c.date !== undefined || c.time !== undefined || c.durationMinutes !== undefined;
  let view = c.capacity !== undefined ? await changeSessionCapacity(trx, { ...c, capacity: c.capacity }) : undefined;
  if (!moves) return view!;
  const s = await serviceForSessions(trx, c.orgId, c.serviceKey);
  const session = await lockedSession(trx, c.orgId, s.id, c.sessionId);
  if (session.status === 'cancelled') throw new DomainError('conflict', 'The session was cancelled', { reason: 'cancelled' });
  await refuseIfHeld(trx, [session], s.time_zone);
  const moved = await moveSessionTime(trx, s, session, c, c.now);
  view = sessionView(moved, s.key, s.time_zone);
  await audited(trx, c, 'rescheduled', session.id, { service: s.key, from: { startsAt: session.starts_at, endsAt: session.ends_at }, to: { date: view.date, time: view.time, endsAt: view.endsAt } });
  return view;
}

/**
 * A weekly change ("the Tuesday 10:00 class starts at 10:30 from next month"): every scheduled
 * session of the service at `time` on those weekdays between the dates moves to `newTime` and/or
 * gets the new length, all or none. Any of them holding bookings refuses the whole change (409,
 * naming every booking with its session's date), so no booking is left at a time it did not book.
 */
export async function rescheduleWeekly(
  trx: Knex.Transaction,
  c: ScheduleWriter & { serviceKey: string; from: string; until: string; weekdays?: string[]; time: string; newTime?: string; durationMinutes?: number; now?: Date },
): Promise<{ items: SessionView[]; changed: number }> {
  if (c.until < c.from) throw validationFailed('The change is not valid', [{ path: 'until', message: 'Before `from`' }]);
  const s = await serviceForSessions(trx, c.orgId, c.serviceKey);
  const rows: SessionRow[] = await trx('service_sessions')
    .where({ org_id: c.orgId, service_id: s.id, status: 'scheduled' })
    .andWhere('starts_at', '>=', trx.raw('(?::date)::timestamp AT TIME ZONE ?', [c.from, s.time_zone]))
    .andWhere('starts_at', '<', trx.raw('(?::date + 1)::timestamp AT TIME ZONE ?', [c.until, s.time_zone]))
    .orderBy('starts_at')
    .forUpdate();
  const chosen = rows.filter((r) => {
    const at = localMoment(s.time_zone, new Date(r.starts_at));
    return at.time === c.time && (!c.weekdays || c.weekdays.includes(weekdayOf(at.date)));
  });
  await refuseIfHeld(trx, chosen, s.time_zone);
  const items: SessionView[] = [];
  for (const r of chosen) items.push(sessionView(await moveSessionTime(trx, s, r, { time: c.newTime, durationMinutes: c.durationMinutes }, c.now), s.key, s.time_zone));
  await audited(trx, c, 'rescheduled', items[0]?.id, { service: s.key, from: c.from, until: c.until, weekdays: c.weekdays ?? null, time: c.time, newTime: c.newTime ?? null, durationMinutes: c.durationMinutes ?? null, changed: items.length });
  return { items, changed: items.length };
}


/**
 * Holidays added to the business calendar close their days (subscribed to the calendar's change in
 * bin/system.ts, in its transaction): every scheduled session on them that has not started is
 * cancelled as an admin cancels one (cancelSession: its bookings cancelled with the reason and
 * their customers told, its waitlist closed and told), the reason naming the holiday. A session on
 * such a day with customers checked in already took place, or is taking place: the whole change is
 * refused (409 `conflict`, reason `sessions_checked_in`, naming the sessions and bookings), and the
 * calendar stays as it was. A session that has started without check-ins is left alone.
 */
export async function cancelSessionsOnHolidays(
  trx: Knex.Transaction,
  w: ScheduleWriter & { dates: string[]; now?: Date },
): Promise<{ sessionId: string; service: string; date: string; time: string; bookings: string[] }[]> {
  const rows: { id: string; service_key: string; starts_at: Date; time_zone: string; status: string }[] = await trx('service_sessions as ss')
    .join('services as s', 's.id', 'ss.service_id')
    .join('orgs as o', 'o.id', 'ss.org_id')
    .select('ss.id', 's.key as service_key', 'ss.starts_at', 'o.time_zone', 'ss.status')
    .where({ 'ss.org_id': w.orgId, 'ss.status': 'scheduled' })
    .whereRaw('(ss.starts_at AT TIME ZONE o.time_zone)::date = ANY(?::date[])', [w.dates])
    .orderBy('ss.starts_at');
  if (!rows.length) return [];
  const checkedIn: { number: string; attendance: string; session_id: string }[] = await trx('bookings')
    .select('number', 'attendance', 'session_id')
    .whereIn('session_id', rows.map((r) => r.id))
    .whereNotNull('attendance')
    .orderBy('number');
  if (checkedIn.length) {
    const at = new Map(rows.map((r) => [r.id, { service: r.service_key, ...localMoment(r.time_zone, new Date(r.starts_at)) }]));
    const sessions = [...new Set(checkedIn.map((b) => b.session_id))].map((id) => ({ sessionId: id, ...at.get(id)! }));
    throw new DomainError(
      'conflict',
      `Customers are checked in on ${sessions.length === 1 ? 'a session' : `${sessions.length} sessions`} of that day: it took place, so the day cannot become a holiday; nothing changed`,
      { reason: 'sessions_checked_in', path: 'holidays', sessions, bookings: checkedIn.map((b) => ({ number: b.number, attendance: b.attendance, sessionId: b.session_id })) },
    );
  }
  const now = w.now ?? new Date();
  const done: { sessionId: string; service: string; date: string; time: string; bookings: string[] }[] = [];
  for (const r of rows) {
    if (new Date(r.starts_at) <= now) continue;
    const local = localMoment(r.time_zone, new Date(r.starts_at));
    const reason = `Holiday: ${formatBookingDate(local.date, 'en')}`;
    const c = await cancelSession(trx, { ...w, serviceKey: r.service_key, sessionId: r.id, reason });
    done.push({ sessionId: r.id, service: r.service_key, date: local.date, time: local.time, bookings: c.cancelledBookings.map((b) => b.number) });
  }
  return done;
}
