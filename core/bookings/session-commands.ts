import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit-log.ts';
import type { SessionCreate, SessionView } from '../contracts/sessions.ts';
import { DomainError } from '../errors/index.ts';
import { loadBooking, moveBooking, type BookingActor } from './booking-desk.ts';
import { stageFlags } from './booking-stage.ts';
import { customerToldAfter } from './booking-timeline.ts';
import { createSessions, lockedSession, markSessionCancelled, serviceForSessions, sessionView, setSessionCapacity } from './service-sessions.ts';
import { bookWaitingFormsOfSession } from './waiting-forms.ts';

/**
 * What an admin changes on a scheduled session: its capacity, or cancelling it. Both lock the
 * session's row first, so a booking taking a seat at the same moment waits and then sees the
 * change (or the change sees its seat).
 */

/** Who changes the schedule, as the audit log records them. */
export interface ScheduleWriter {
  orgId: string;
  actor: { type: 'api_key' | 'staff'; id: string };
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
  await audited(trx, c, 'cancelled', session.id, { service: s.key, reason: c.reason, bookings: cancelled.map((x) => x.number) });
  const after = await lockedSession(trx, c.orgId, s.id, session.id);
  return { session: sessionView(after, s.key, s.time_zone), cancelledBookings: cancelled };
}
