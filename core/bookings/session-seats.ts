import type { Knex } from 'knex';
import { DomainError, forbidden, validationFailed } from '../errors/index.ts';
import { renderTemplate } from '../templates/render-template.ts';
import { localMoment } from '../time/org-time.ts';
import type { Language } from '../vocabulary.ts';
import { formatBookingDate } from './booking-desk.ts';
import { overbookSeats, takeSeats, type SeatRefusal, type SessionRow } from './service-sessions.ts';
import { bookedBySession } from './session-availability.ts';

/**
 * A booking for a session, whichever door it comes through (the chat, the website's form, the
 * form inside LINE, staff and integrations): what the session fixes of the booking (its service,
 * date and time), and the refusals every door answers alike: an unknown, cancelled or past session
 * is a 422 naming `session_id`; a session with too few seats a 409 `session_full` with the seats
 * left and the customer's message in Thai and English (the `session_full` template).
 */

type Db = Knex | Knex.Transaction;

/** What a booking for a session is: the session fixes the service, the date and the time. */
export interface SessionBooking {
  sessionId: string;
  serviceId: string;
  serviceKey: string;
  date: string;
  time: string;
  seats: number;
  /** A manager asked to overbook it, with a reason, and it was seen full: its seats go past the capacity. */
  overbook?: boolean;
}

/** Roles that may overbook a session (seed 001: the school's manager decides an extra seat). */
const OVERBOOKERS = ['admin', 'manager'];

/** Overbooking is a manager's or an admin's decision: anyone else asking it is refused (403), nothing written. */
export function allowOverbook(role: string): void {
  if (!OVERBOOKERS.includes(role)) throw forbidden('Only a manager or an admin may overbook a session', { role });
}

/** A session no booking (nor waitlist place) can be had for: 422 naming `session_id`. */
export const notBookable = (why: string, reason: 'unknown' | 'cancelled' | 'past' | 'other_service' | 'other_time') =>
  validationFailed('The session cannot be booked', [{ path: 'session_id', message: why, reason }]);

async function sessionWithService(db: Db, orgId: string, sessionId: string) {
  return db('service_sessions as ss')
    .join('services as s', 's.id', 'ss.service_id')
    .join('orgs as o', 'o.id', 'ss.org_id')
    .select('ss.*', 's.key as service_key', 's.name_th', 's.name_en', 'o.time_zone')
    .where({ 'ss.id': sessionId, 'ss.org_id': orgId, 's.is_active': true })
    .first() as Promise<(SessionRow & { service_key: string; name_th: string; name_en: string; time_zone: string }) | undefined>;
}

/** The refusal a door answers with (see the top of the file). */
async function refusal(db: Db, orgId: string, r: SeatRefusal, seats: number): Promise<DomainError> {
  if (r.why === 'unknown') return notBookable('No session of the business has this id', 'unknown');
  if (r.why === 'cancelled') return notBookable('The session was cancelled', 'cancelled');
  if (r.why === 'past') return notBookable('The session has started or is over', 'past');
  const s = await sessionWithService(db, orgId, r.session.id);
  // Never below 0: a manager's overbooking (session-desk.ts) takes seats past the capacity.
  const seatsLeft = Math.max(0, r.session.capacity - r.session.seats_taken);
  const message = async (language: Language) => {
    if (!s) return null;
    const at = localMoment(s.time_zone, new Date(s.starts_at));
    const service = language === 'th' ? s.name_th : s.name_en;
    return (await renderTemplate(db, orgId, 'session_full', language, { service, date: formatBookingDate(at.date, language), time: at.time, seats_left: seatsLeft })) ?? null;
  };
  return new DomainError('session_full', seatsLeft > 0 ? `The session has ${seatsLeft} seats left, fewer than the ${seats} asked for` : 'The session is full', {
    sessionId: r.session.id,
    capacity: r.session.capacity,
    seatsLeft,
    seatsAsked: seats,
    customerMessage: { th: await message('th'), en: await message('en') },
    // A full session can be waited for (session-waitlist.ts): the website's form joins it here.
    waitlist: { join: `/public/v1/sessions/${r.session.id}/waitlist` },
  });
}

/**
 * Reads what a booking for this session would be, and refuses before anything is written what
 * is refused anyway: an unknown, cancelled or started session, another service or another date
 * or time than the form names, and a session seen with too few seats (the seats are taken for
 * good only by `holdSeats`, in the booking's transaction).
 */
export async function sessionForBooking(
  db: Db,
  r: { orgId: string; sessionId: string; serviceKey?: string | null; date?: string | null; time?: string | null; seats: number; now?: Date; overbook?: boolean },
): Promise<SessionBooking> {
  const s = await sessionWithService(db, r.orgId, r.sessionId);
  if (!s) throw notBookable('No session of the business has this id', 'unknown');
  if (s.status === 'cancelled') throw notBookable('The session was cancelled', 'cancelled');
  if (new Date(s.starts_at) <= (r.now ?? new Date())) throw notBookable('The session has started or is over', 'past');
  if (r.serviceKey && r.serviceKey !== s.service_key) throw notBookable(`The session is of ${s.service_key}, not ${r.serviceKey}`, 'other_service');
  const at = localMoment(s.time_zone, new Date(s.starts_at));
  if ((r.date && r.date !== at.date) || (r.time && r.time !== at.time)) throw notBookable(`The session is on ${at.date} at ${at.time}`, 'other_time');
  const full = s.capacity - s.seats_taken < r.seats;
  if (full && !r.overbook) throw await refusal(db, r.orgId, { why: 'full', session: s }, r.seats);
  return { sessionId: s.id, serviceId: s.service_id, serviceKey: s.service_key, date: at.date, time: at.time, seats: r.seats, ...(full ? { overbook: true } : {}) };
}

/**
 * Takes the seats in the booking's transaction, or throws the refusal (the transaction then writes
 * nothing). `overbook` (a manager's, allowed by `allowOverbook`): a full session takes them past its
 * capacity instead, counted apart (`overbookSeats`).
 */
export async function holdSeats(trx: Knex.Transaction, t: { orgId: string; sessionId: string; seats: number; now?: Date; overbook?: boolean }): Promise<{ overbooked: boolean }> {
  const taken = await takeSeats(trx, t);
  if (taken.ok) return { overbooked: false };
  if (taken.why === 'full' && t.overbook && (await overbookSeats(trx, t))) return { overbooked: true };
  throw await refusal(trx, t.orgId, taken, t.seats);
}

/** The refusal for a form the ledger could not give seats (core/bookings/intake-ledger.ts). */
export const seatRefusal = refusal;

/**
 * A service booked by its sessions (a scheduled session from now on: session-availability.ts) is
 * booked for a session, through every door: a booking that names none is refused (422 naming
 * `session_id`), since it would hold no seat and could overbook the class.
 */
export async function requireSession(db: Db, orgId: string, serviceKey: string | undefined, sessionId: string | undefined, now: Date = new Date()): Promise<void> {
  if (sessionId || !serviceKey) return;
  if (!(await bookedBySession(db, orgId, serviceKey, now))) return;
  throw validationFailed('The session cannot be booked', [
    { path: 'session_id', message: `${serviceKey} is booked by its sessions: name one (GET /public/v1/services/${serviceKey}/availability)`, reason: 'session_required' },
  ]);
}


/**
 * The session a staff or integration booking names, checked before its transaction: a service
 * booked by its sessions needs one (`requireSession`), and the session must be one of its own, at
 * the date and time given, with seats (or a manager's overbooking).
 */
export async function sessionAsked(
  db: Db,
  orgId: string,
  f: { service?: string; session_id?: string; start_date?: string; time?: string; travelers?: number },
  o: { now?: Date; overbook?: boolean } = {},
): Promise<SessionBooking | undefined> {
  await requireSession(db, orgId, f.service, f.session_id, o.now);
  if (!f.session_id) return undefined;
  return sessionForBooking(db, { orgId, sessionId: f.session_id, serviceKey: f.service, date: f.start_date, time: f.time, seats: f.travelers ?? 1, now: o.now, overbook: o.overbook });
}
