import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit-log.ts';
import { DomainError, notFound } from '../errors/index.ts';
import { localMoment, todayIn } from '../time/org-time.ts';
import { addBookingEvent, formatBookingDate } from './booking-desk.ts';
import { lockedBooking, mayView, timelineActor, type BookingCommandActor } from './booking-commands.ts';
import { stageFlags } from './booking-stage.ts';
import { overbookSeats, releaseSeats, takeSeats } from './service-sessions.ts';
import { allowOverbook, notBookable } from './session-seats.ts';
import { waitlistSession } from './session-waitlist.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * The day at the desk (docs/bookings.md, "The day at the desk"): a day's sessions with who is
 * booked and the seats left, who came (attended / no-show, on each booking's timeline), moving a
 * booking to another session, and a manager's overbooking with its reason. Moves take the new
 * session's seats with the same conditional UPDATE a booking uses, in the move's transaction, and
 * give the old ones back (which offers them to the old session's waitlist).
 */

type Db = Knex | Knex.Transaction;

/** How many days ahead a booking can be moved to, from the day sheet. */
const MOVE_DAYS = 31;

export interface DayBooking {
  number: string;
  customer: string | null;
  seats: number;
  stage: string;
  stageLabel: { th: string; en: string };
  attendance: 'attended' | 'no_show' | null;
}

export interface DaySession {
  id: string;
  service: string;
  serviceName: { th: string; en: string };
  time: string;
  endTime: string;
  capacity: number;
  seatsTaken: number;
  seatsLeft: number;
  overbooked: number;
  status: 'scheduled' | 'cancelled';
  bookings: DayBooking[];
}

export interface MoveChoice {
  id: string;
  date: string;
  time: string;
  seatsLeft: number;
}

/**
 * A local day's sessions of every service, earliest first, each with the bookings holding its
 * seats (cancelled, declined and lost ones gave theirs back and are not listed), and, per service,
 * the sessions from now on a booking may be moved to.
 */
export async function daySheet(db: Db, orgId: string, q: { date?: string }, now: Date = new Date()) {
  const org = (await orgSettingsRow(db, orgId))!;
  const zone: string = org.time_zone;
  const date = q.date ?? todayIn(zone, now);
  const rows = await db('service_sessions as ss')
    .join('services as s', 's.id', 'ss.service_id')
    .select('ss.*', 's.key as service_key', 's.name_th', 's.name_en')
    .where({ 'ss.org_id': orgId })
    .andWhere('ss.starts_at', '>=', db.raw('(?::date)::timestamp AT TIME ZONE ?', [date, zone]))
    .andWhere('ss.starts_at', '<', db.raw('(?::date + 1)::timestamp AT TIME ZONE ?', [date, zone]))
    .orderBy([{ column: 'ss.starts_at' }, { column: 's.key' }]);
  const ids = rows.map((r) => r.id as string);
  const held = ids.length
    ? await db('bookings as b')
        .join('contacts as c', 'c.id', 'b.contact_id')
        .select('b.session_id', 'b.number', 'b.session_seats', 'b.stage', 'b.attendance', 'c.display_name')
        .whereIn('b.session_id', ids)
        .andWhere('b.org_id', orgId)
        .andWhere('b.session_seats', '>', 0)
        .orderBy('b.number')
    : [];
  const sessions: DaySession[] = rows.map((r) => ({
    id: r.id,
    service: r.service_key,
    serviceName: { th: r.name_th, en: r.name_en },
    time: localMoment(zone, new Date(r.starts_at)).time,
    endTime: localMoment(zone, new Date(r.ends_at)).time,
    capacity: r.capacity,
    seatsTaken: r.seats_taken,
    seatsLeft: Math.max(0, r.capacity - r.seats_taken),
    overbooked: r.overbooked ?? 0,
    status: r.status,
    bookings: held
      .filter((b) => b.session_id === r.id)
      .map((b) => ({ number: b.number, customer: b.display_name, seats: b.session_seats, stage: b.stage, stageLabel: stageFlags(b.stage).label, attendance: b.attendance ?? null })),
  }));
  const services = [...new Set(rows.map((r) => r.service_id as string))];
  const choices: Record<string, MoveChoice[]> = {};
  if (services.length) {
    const upcoming = await db('service_sessions as ss')
      .join('services as s', 's.id', 'ss.service_id')
      .select('ss.id', 'ss.starts_at', 'ss.capacity', 'ss.seats_taken', 's.key')
      .where({ 'ss.org_id': orgId, 'ss.status': 'scheduled' })
      .whereIn('ss.service_id', services)
      .andWhere('ss.starts_at', '>', now)
      .andWhere('ss.starts_at', '<', db.raw(`?::timestamptz + make_interval(days => ?)`, [now, MOVE_DAYS]))
      .orderBy('ss.starts_at');
    for (const u of upcoming) {
      const at = localMoment(zone, new Date(u.starts_at));
      (choices[u.key] ??= []).push({ id: u.id, date: at.date, time: at.time, seatsLeft: Math.max(0, u.capacity - u.seats_taken) });
    }
  }
  return { date, timeZone: zone, sessions, moveChoices: choices };
}

async function bookingForDesk(trx: Knex.Transaction, orgId: string, number: string, actor: BookingCommandActor) {
  const b = await lockedBooking(trx, orgId, number);
  if (!b || !mayView(actor, b)) throw notFound('Booking', { number });
  return b;
}

/**
 * Who came: `attended` or `no_show`, on the booking and its timeline. A booking that will not
 * happen (cancelled, declined, lost) has nobody to expect: 409. Marking it again changes it.
 */
export async function recordAttendance(trx: Knex.Transaction, c: { orgId: string; number: string; attendance: 'attended' | 'no_show'; actor: BookingCommandActor }) {
  const b = await bookingForDesk(trx, c.orgId, c.number, c.actor);
  if (!stageFlags(b.stage).isOpen && b.stage !== 'completed') {
    throw new DomainError('conflict', `Booking ${b.number} is ${b.stage}: nobody is expected for it`, { number: b.number, stage: b.stage });
  }
  const was = await trx('bookings').where({ id: b.id }).first('attendance');
  await trx('bookings').where({ id: b.id }).update({ attendance: c.attendance, attendance_at: trx.fn.now(), version: b.version + 1 });
  await addBookingEvent(trx, b, 'attendance_recorded', timelineActor(c.actor), { attendance: c.attendance, from: was?.attendance ?? null }, false);
  return { number: b.number, attendance: c.attendance };
}

/**
 * Moves a booking to another session of its service: the new session's seats are taken in this
 * transaction (a full one refuses the move, 409 `session_full`, saying when it is and how many
 * seats are left; the booking stays where it was), then the old session's are given back.
 * `overbook`: a manager or admin takes the seats past the capacity, with a reason, recorded on the
 * booking's timeline and in the audit log.
 */
export async function moveToSession(
  trx: Knex.Transaction,
  m: { orgId: string; number: string; sessionId: string; actor: BookingCommandActor; overbook?: { reason: string }; requestId?: string; now?: Date },
) {
  const now = m.now ?? new Date();
  const b = await bookingForDesk(trx, m.orgId, m.number, m.actor);
  if (!stageFlags(b.stage).isOpen) throw new DomainError('conflict', `Booking ${b.number} is ${b.stage}: it can no longer be moved`, { number: b.number, stage: b.stage });
  const row = await trx('bookings').where({ id: b.id }).first('session_id', 'session_seats', 'party_size');
  if (!row.session_id) throw new DomainError('conflict', `Booking ${b.number} is not for a session`, { number: b.number, reason: 'no_session' });
  if (row.session_id === m.sessionId) throw new DomainError('conflict', `Booking ${b.number} is on that session already`, { number: b.number, reason: 'same_session' });
  const target = await waitlistSession(trx, m.orgId, m.sessionId);
  if (!target) throw notBookable('No session of the business has this id', 'unknown');
  const from = (await waitlistSession(trx, m.orgId, row.session_id))!;
  if (target.serviceId !== from.serviceId) throw notBookable(`The session is of ${target.serviceKey}, not ${from.serviceKey}`, 'other_service');
  const seats: number = row.session_seats || row.party_size || 1;
  const when = (lang: 'en') => `${formatBookingDate(target.date, lang)} ${target.time}`;
  const taken = await takeSeats(trx, { orgId: m.orgId, sessionId: target.id, seats, now });
  if (!taken.ok) {
    if (taken.why === 'cancelled') throw notBookable('The session was cancelled', 'cancelled');
    if (taken.why === 'past') throw notBookable('The session has started or is over', 'past');
    if (taken.why === 'unknown') throw notBookable('No session of the business has this id', 'unknown');
    const seatsLeft = Math.max(0, taken.session.capacity - taken.session.seats_taken);
    if (!m.overbook) {
      throw new DomainError('session_full', `The session on ${when('en')} is full (${seatsLeft} seats left, ${seats} needed): ${b.number} stays where it is`, {
        sessionId: target.id,
        capacity: taken.session.capacity,
        seatsLeft,
        seatsAsked: seats,
        overbook: 'a manager may overbook it, with a reason',
      });
    }
    const role = m.actor.type === 'staff' || m.actor.type === 'integration' ? m.actor.role : '';
    allowOverbook(role);
    await overbookSeats(trx, { orgId: m.orgId, sessionId: target.id, seats, now });
  }
  // A check-in belongs to the session it was made at.
  await trx('bookings')
    .where({ id: b.id })
    .update({ session_id: target.id, session_seats: seats, requested_date: target.date, requested_time: target.time, attendance: null, attendance_at: null, version: b.version + 1 });
  await releaseSeats(trx, from.id, row.session_seats ?? 0);
  const actor = timelineActor(m.actor);
  const overbooked = !taken.ok && m.overbook ? { reason: m.overbook.reason } : undefined;
  await addBookingEvent(trx, b, 'session_changed', actor, {
    from: { sessionId: from.id, date: from.date, time: from.time },
    to: { sessionId: target.id, date: target.date, time: target.time },
    seats,
    ...(overbooked ? { overbooked } : {}),
  }, false);
  if (overbooked) {
    await recordAudit(trx, { orgId: m.orgId, actorType: actor.type === 'staff' ? 'staff' : 'api_key', actorId: actor.id ?? '', action: 'session.overbooked', subjectType: 'session', subjectId: target.id, details: { booking: b.number, seats, reason: overbooked.reason }, requestId: m.requestId });
  }
  return { number: b.number, sessionId: target.id, date: target.date, time: target.time, seats, overbooked: Boolean(overbooked) };
}
