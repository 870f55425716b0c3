import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { waitlistOfferMinutesOf } from '../contracts/org-settings.ts';
import { addToOutbox } from '../outbox/outbox.ts';
import { DomainError, notFound } from '../errors/index.ts';
import { Subscribers } from '../subscribers.ts';
import { localMoment } from '../time/org-time.ts';
import type { BookingSource, Language } from '../vocabulary.ts';
import { createBooking } from './booking-commands.ts';
import { releaseSeats, takeSeats, type SessionRow } from './service-sessions.ts';
import { notBookable } from './session-seats.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * The waitlist of a full session: the one writer of `session_waitlist` (docs/bookings.md, "The
 * waitlist").
 *
 * **A freed seat is held, not announced.** When seats of a session free up (a booking cancelled,
 * declined or moved, the capacity raised, an offer declined or run out), the first customer in
 * line whose party fits them is offered them, in the transaction that freed them and with the
 * session's row still locked: the seats are taken for the offer by the same conditional UPDATE a
 * booking takes them with (`seats_taken` counts bookings, website forms not booked yet, and open
 * offers), so nobody else can book them meanwhile. The customer accepts (a booking is made on the
 * held seats), declines, or lets the offer run out (a delayed outbox job at `offer_expires_at`):
 * then the seats are given back, which offers them to the next in line. An answer that comes after
 * `offer_expires_at` is refused as expired even before the job has run, and the offer is closed then.
 */

type Db = Knex | Knex.Transaction;

export const WAITLIST_QUEUE = 'session-waitlist';
export const OFFER_EXPIRY_JOB = 'offer-expiry';

export type WaitlistStatus = 'waiting' | 'offered' | 'booked' | 'declined' | 'expired' | 'left' | 'closed';

export interface WaitlistRow {
  id: string;
  org_id: string;
  session_id: string;
  contact_id: string;
  conversation_id: string | null;
  seats: number;
  source: BookingSource;
  language: Language;
  status: WaitlistStatus;
  token: string;
  offered_at: Date | null;
  offer_expires_at: Date | null;
  answered_at: Date | null;
  booking_id: string | null;
  created_at: Date;
}

/** What the customer hears of, by the notices' subscriber (waitlist-notices.ts). */
export interface WaitlistEvent {
  /** `removed`: staff took the place off the line; `closed`: its session was cancelled. */
  type: 'offered' | 'expired' | 'removed' | 'closed';
  entry: WaitlistRow;
}

const events = new Subscribers<WaitlistEvent>();

export function subscribeToWaitlist(name: string, subscriber: (trx: Knex.Transaction, e: WaitlistEvent) => Promise<void>): void {
  events.subscribe(name, subscriber);
}

/** The session a waitlist is about, with what its messages and bookings need. */
export interface WaitlistSession {
  id: string;
  serviceId: string;
  serviceKey: string;
  serviceName: { th: string; en: string };
  date: string;
  time: string;
  timeZone: string;
  capacity: number;
  seatsTaken: number;
}

async function sessionOf(db: Db, orgId: string, sessionId: string, lock = false): Promise<(SessionRow & { service_key: string; name_th: string; name_en: string; time_zone: string }) | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(sessionId)) return undefined;
  const q = db('service_sessions as ss')
    .join('services as s', 's.id', 'ss.service_id')
    .join('orgs as o', 'o.id', 'ss.org_id')
    .select('ss.*', 's.key as service_key', 's.name_th', 's.name_en', 'o.time_zone')
    .where({ 'ss.id': sessionId, 'ss.org_id': orgId })
    .first();
  if (lock) q.forUpdate('ss');
  return q;
}

export async function waitlistSession(db: Db, orgId: string, sessionId: string): Promise<WaitlistSession | undefined> {
  const s = await sessionOf(db, orgId, sessionId);
  if (!s) return undefined;
  const at = localMoment(s.time_zone, new Date(s.starts_at));
  return {
    id: s.id,
    serviceId: s.service_id,
    serviceKey: s.service_key,
    serviceName: { th: s.name_th, en: s.name_en },
    date: at.date,
    time: at.time,
    timeZone: s.time_zone,
    capacity: s.capacity,
    seatsTaken: s.seats_taken,
  };
}

/** Where the entry is in line: 1 for the first waiting; null once it waits no more. */
export async function placeInLine(db: Db, e: WaitlistRow): Promise<number | null> {
  if (e.status !== 'waiting') return null;
  const row = await db('session_waitlist')
    .where({ session_id: e.session_id, status: 'waiting' })
    // Compared in the database: a JavaScript Date drops the microseconds PostgreSQL keeps.
    .andWhereRaw('(created_at, id) <= (SELECT created_at, id FROM session_waitlist WHERE id = ?)', [e.id])
    .count({ n: '*' })
    .first();
  return Number(row?.n ?? 1);
}

export interface JoinRequest {
  orgId: string;
  sessionId: string;
  contactId: string;
  conversationId: string | null;
  seats: number;
  source: BookingSource;
  language: Language;
  now?: Date;
}

/**
 * Puts the customer in line for a session. The session's row is locked meanwhile, so a seat freed
 * at the same moment is either offered to them or seen here. Refused: an unknown, cancelled or
 * started session (422 naming `session_id`, as a booking is), and a session with room for the party
 * (409 `conflict`, reason `seats_left`: book it instead). Asking again while waiting or offered
 * answers the same place (`joined: false`).
 */
export async function joinWaitlist(trx: Knex.Transaction, j: JoinRequest): Promise<{ entry: WaitlistRow; position: number | null; joined: boolean }> {
  const now = j.now ?? new Date();
  const s = await sessionOf(trx, j.orgId, j.sessionId, true);
  if (!s) throw notBookable('No session of the business has this id', 'unknown');
  if (s.status === 'cancelled') throw notBookable('The session was cancelled', 'cancelled');
  if (new Date(s.starts_at) <= now) throw notBookable('The session has started or is over', 'past');
  const already: WaitlistRow | undefined = await trx('session_waitlist').where({ session_id: s.id, contact_id: j.contactId }).whereIn('status', ['waiting', 'offered']).first();
  if (already) return { entry: already, position: await placeInLine(trx, already), joined: false };
  const seatsLeft = s.capacity - s.seats_taken;
  if (seatsLeft >= j.seats) {
    throw new DomainError('conflict', `The session has ${seatsLeft} seats left: book it instead`, { reason: 'seats_left', sessionId: s.id, seatsLeft });
  }
  const [entry]: WaitlistRow[] = await trx('session_waitlist')
    .insert({
      org_id: j.orgId,
      session_id: s.id,
      contact_id: j.contactId,
      conversation_id: j.conversationId,
      seats: j.seats,
      source: j.source,
      language: j.language,
      token: randomBytes(18).toString('base64url'),
    })
    .returning('*');
  return { entry, position: await placeInLine(trx, entry), joined: true };
}

async function offerMinutes(db: Db, orgId: string): Promise<number> {
  const org = await orgSettingsRow(db, orgId);
  return waitlistOfferMinutesOf(org?.settings);
}

/**
 * Offers a session's free seats to the line, first come first offered, each offer holding its seats
 * (see the top of the file). A party larger than the seats free waits on; the next whose party fits
 * is offered. A cancelled or started session closes its line instead. Runs in the transaction that
 * freed the seats (subscribed to them in bin/system.ts).
 */
export async function offerFreedSeats(trx: Knex.Transaction, orgId: string, sessionId: string, now: Date = new Date()): Promise<number> {
  const s = await sessionOf(trx, orgId, sessionId, true);
  if (!s) return 0;
  if (s.status !== 'scheduled' || new Date(s.starts_at) <= now) {
    // The line closes with its session; an offer's held seats go back with it.
    const waiting: WaitlistRow[] = await trx('session_waitlist').where({ session_id: s.id, status: 'waiting' }).update({ status: 'closed' }).returning('*');
    const open: WaitlistRow[] = await trx('session_waitlist').where({ session_id: s.id, status: 'offered' }).update({ status: 'closed' }).returning('*');
    for (const e of open) await releaseSeats(trx, e.session_id, e.seats);
    // A cancelled session's line is told why it closed; a started one's is not (its time has passed).
    if (s.status === 'cancelled') for (const entry of [...open, ...waiting]) await events.publish(trx, { type: 'closed', entry });
    return 0;
  }
  let free = s.capacity - s.seats_taken;
  let offered = 0;
  const minutes = free > 0 ? await offerMinutes(trx, orgId) : 0;
  while (free > 0) {
    const next: WaitlistRow | undefined = await trx('session_waitlist')
      .where({ session_id: s.id, status: 'waiting' })
      .andWhere('seats', '<=', free)
      .orderBy([{ column: 'created_at' }, { column: 'id' }])
      .forUpdate()
      .first();
    if (!next) break;
    const held = await takeSeats(trx, { orgId, sessionId: s.id, seats: next.seats, now });
    if (!held.ok) break;
    const expiresAt = new Date(now.getTime() + minutes * 60_000);
    const [entry]: WaitlistRow[] = await trx('session_waitlist').where({ id: next.id }).update({ status: 'offered', offered_at: now, offer_expires_at: expiresAt }).returning('*');
    await addToOutbox(trx, { orgId, queue: WAITLIST_QUEUE, jobName: OFFER_EXPIRY_JOB, payload: { entryId: entry.id }, availableAt: expiresAt });
    await events.publish(trx, { type: 'offered', entry });
    free = held.seatsLeft;
    offered += 1;
  }
  return offered;
}

/** Closes an offer whose time ran out: its seats go back, and so to the next in line. */
async function expire(trx: Knex.Transaction, e: WaitlistRow): Promise<WaitlistRow> {
  const [entry]: WaitlistRow[] = await trx('session_waitlist').where({ id: e.id }).update({ status: 'expired' }).returning('*');
  await releaseSeats(trx, e.session_id, e.seats);
  return entry;
}

/** The delayed job at an offer's end: closes it if it is still open and due, and tells the customer. */
export async function expireOffer(trx: Knex.Transaction, entryId: string, now: Date = new Date()): Promise<boolean> {
  const e: WaitlistRow | undefined = await trx('session_waitlist').where({ id: entryId }).forUpdate().first();
  if (!e || e.status !== 'offered' || new Date(e.offer_expires_at!) > now) return false;
  const entry = await expire(trx, e);
  await events.publish(trx, { type: 'expired', entry });
  return true;
}

/** The place a customer (or staff, by its id and session) answers for, locked; not found otherwise. */
async function lockedPlace(trx: Knex.Transaction, key: PlaceKey, orgId: string): Promise<WaitlistRow> {
  const q = trx('session_waitlist').where({ org_id: orgId });
  if ('token' in key) q.andWhere({ token: key.token });
  else if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(key.entryId)) throw notFound('Waitlist place');
  else if ('contactId' in key) q.andWhere({ id: key.entryId, contact_id: key.contactId });
  else q.andWhere({ id: key.entryId, session_id: key.sessionId });
  const e: WaitlistRow | undefined = await q.forUpdate().first();
  if (!e) throw notFound('Waitlist place');
  return e;
}

/** Why leaving changed nothing: the place had left already, or waits no more (booked, declined, run out, closed). */
export type LeaveRefusal = 'left' | 'not_waiting';

export type LeaveAnswer = { ok: true; entry: WaitlistRow; seatsGivenBack: number } | { ok: false; why: LeaveRefusal; entry: WaitlistRow };

/**
 * The customer leaves the line on their own (the chat, the place's link, or staff on their word).
 * A place still waiting just leaves; one holding an offer gives its seats back, which offers them
 * to the next in line in this transaction, as a decline does. An offer whose time has run out but
 * whose job has not run yet is left the same way (its seats were still held). Leaving a place that
 * waits no more changes nothing and says why.
 */
export async function leaveWaitlist(trx: Knex.Transaction, key: PlaceKey, orgId: string, now: Date = new Date()): Promise<LeaveAnswer> {
  const e = await lockedPlace(trx, key, orgId);
  if (e.status !== 'waiting' && e.status !== 'offered') return { ok: false, why: e.status === 'left' ? 'left' : 'not_waiting', entry: e };
  const [entry]: WaitlistRow[] = await trx('session_waitlist').where({ id: e.id }).update({ status: 'left', answered_at: now }).returning('*');
  if (e.status === 'offered') await releaseSeats(trx, e.session_id, e.seats);
  return { ok: true, entry, seatsGivenBack: e.status === 'offered' ? e.seats : 0 };
}

/** Staff took a place off the line on the customer's word: the customer hears of it (waitlist-notices.ts). */
export async function tellPlaceRemoved(trx: Knex.Transaction, entry: WaitlistRow): Promise<void> {
  await events.publish(trx, { type: 'removed', entry });
}

/** The places a customer still holds in lines (waiting or offered), earliest first: what "leave the waitlist" typed in chat leaves. */
export async function openPlacesOf(db: Db, orgId: string, contactId: string): Promise<WaitlistRow[]> {
  return db('session_waitlist').where({ org_id: orgId, contact_id: contactId }).whereIn('status', ['waiting', 'offered']).orderBy([{ column: 'created_at' }, { column: 'id' }]);
}

/**
 * A merge of two contacts moves the merged one's places to the contact kept (and an undo moves
 * back those it moved). One person waits once per session: when both wait for the same session,
 * the place further along stays (an offer before a wait, else the earlier in line) and the other
 * leaves, giving back any seats it held.
 */
export async function moveWaitlistToContact(trx: Knex.Transaction, m: { orgId: string; keepId: string; mergeId: string; only?: string[] }): Promise<string[]> {
  const q = trx('session_waitlist').where({ org_id: m.orgId, contact_id: m.mergeId }).forUpdate();
  if (m.only) q.whereIn('id', m.only);
  const theirs: WaitlistRow[] = await q;
  const open = (e: WaitlistRow) => e.status === 'waiting' || e.status === 'offered';
  for (const e of theirs.filter(open)) {
    const kept: WaitlistRow | undefined = await trx('session_waitlist').where({ session_id: e.session_id, contact_id: m.keepId }).whereIn('status', ['waiting', 'offered']).forUpdate().first();
    if (!kept) continue;
    const first = (a: WaitlistRow, b: WaitlistRow) => (a.status !== b.status ? (a.status === 'offered' ? a : b) : a.created_at <= b.created_at ? a : b);
    const leaving = first(kept, e) === kept ? e : kept;
    await leaveWaitlist(trx, { entryId: leaving.id, sessionId: leaving.session_id }, m.orgId);
  }
  if (!theirs.length) return [];
  return (await trx('session_waitlist').whereIn('id', theirs.map((e) => e.id)).update({ contact_id: m.keepId }).returning('id')).map((r: { id: string }) => r.id);
}

/** Why an answer to an offer changed nothing (`closed`: its session was cancelled or has started). */
export type OfferRefusal = 'expired' | 'answered' | 'not_offered' | 'closed';

export type OfferAnswer =
  | { ok: true; entry: WaitlistRow; booking?: { id: string; number: string } }
  | { ok: false; why: OfferRefusal; entry: WaitlistRow };

/** Whose answer it is: the entry by its id and its customer (the chat), or by its token (the website's link). */
export type OfferKey = { entryId: string; contactId: string } | { token: string };
/** A place by one of the customer's keys, or (staff) by its id within its session. */
export type PlaceKey = OfferKey | { entryId: string; sessionId: string };

/**
 * The customer's answer to an offer. Accepted in time: a booking for the held seats (the seats are
 * not taken twice), in the customer's own language and from the door they joined through. Declined:
 * the seats go to the next in line. After `offer_expires_at`: refused as `expired`, the offer is
 * closed now if its job has not run yet, and nothing is booked.
 */
export async function answerOffer(trx: Knex.Transaction, key: OfferKey, orgId: string, accept: boolean, now: Date = new Date()): Promise<OfferAnswer> {
  const e = await lockedPlace(trx, key, orgId);
  if (e.status === 'offered' && new Date(e.offer_expires_at!) <= now) return { ok: false, why: 'expired', entry: await expire(trx, e) };
  if (e.status !== 'offered') return { ok: false, why: e.status === 'expired' ? 'expired' : e.status === 'waiting' ? 'not_offered' : e.status === 'closed' ? 'closed' : 'answered', entry: e };
  const held = await sessionOf(trx, orgId, e.session_id);
  if (!held || held.status !== 'scheduled' || new Date(held.starts_at) <= now) {
    // Its session was cancelled or has started meanwhile: the line closes, nothing is booked.
    await offerFreedSeats(trx, orgId, e.session_id, now);
    return { ok: false, why: 'closed', entry: (await trx('session_waitlist').where({ id: e.id }).first())! };
  }
  if (!accept) {
    const [entry]: WaitlistRow[] = await trx('session_waitlist').where({ id: e.id }).update({ status: 'declined', answered_at: now }).returning('*');
    await releaseSeats(trx, e.session_id, e.seats);
    return { ok: true, entry };
  }
  const s = (await waitlistSession(trx, orgId, e.session_id))!;
  const booking = await createBooking(trx, {
    orgId,
    source: e.source,
    actor: { type: 'customer', id: e.contact_id },
    customer: { contactId: e.contact_id },
    conversationId: e.conversation_id,
    serviceId: s.serviceId,
    serviceKey: s.serviceKey,
    date: s.date,
    time: s.time,
    partySize: e.seats,
    language: e.language,
    details: { fromWaitlist: true },
    told: { fromWaitlist: true },
    session: { id: s.id, seats: e.seats, held: true },
  });
  const [entry]: WaitlistRow[] = await trx('session_waitlist').where({ id: e.id }).update({ status: 'booked', answered_at: now, booking_id: booking.id }).returning('*');
  return { ok: true, entry, booking };
}

/** The booking a place became, once accepted. */
export async function bookedNumber(db: Db, e: WaitlistRow): Promise<string | null> {
  if (!e.booking_id) return null;
  return (await db('bookings').where({ id: e.booking_id }).first('number'))?.number ?? null;
}

/** A waitlist place by its token (the website's link); not found otherwise. */
export async function waitlistPlaceByToken(db: Db, token: string): Promise<WaitlistRow> {
  const e: WaitlistRow | undefined = await db('session_waitlist').where({ token }).first();
  if (!e) throw notFound('Waitlist place');
  return e;
}

/** Staff's view of a session's line: everyone who asked, in order, and what became of it. */
export async function waitlistOfSession(db: Db, orgId: string, sessionId: string) {
  return db('session_waitlist as w')
    .join('contacts as c', 'c.id', 'w.contact_id')
    .leftJoin('bookings as b', 'b.id', 'w.booking_id')
    .select('w.*', 'c.display_name', 'b.number as booking_number')
    .where({ 'w.org_id': orgId, 'w.session_id': sessionId })
    .orderBy([{ column: 'w.created_at' }, { column: 'w.id' }]) as Promise<(WaitlistRow & { display_name: string | null; booking_number: string | null })[]>;
}
