import type { Knex } from 'knex';
import type { findOrCreateContact } from '../contacts/contact-matching.ts';
import { recordIntakeMatch } from '../contacts/merge-contacts.ts';
import { nextNumber } from '../org-counters.ts';
import type { ActorType, BookingSource, Language } from '../vocabulary.ts';
import { assignByRules } from './booking-assignment.ts';
import { recordBookingEvent } from './booking-timeline.ts';
import { startFollowUpClock } from './follow-up-clock.ts';

/**
 * Making a booking, whoever asks: the customer in the chat dialogue (request-booking.ts), the
 * website's form (booked by a worker) and the form inside LINE (form-booking.ts), a staff member or
 * a business's own system (staff-booking.ts). Each door checks what it was sent and finds the
 * customer; this writes the booking the same way for all of them.
 */

/** Who made the booking: the customer, a staff member, an API key, the system. */
export interface BookingCreator {
  type: ActorType;
  id: string | null;
}

/** The booking's customer: a contact, and how a form's details matched it when they did. */
export type BookingCustomer = { contactId: string } | Awaited<ReturnType<typeof findOrCreateContact>>;

export interface NewBooking {
  orgId: string;
  source: BookingSource;
  actor: BookingCreator;
  customer: BookingCustomer;
  /** The number a stored form was answered with; by default the org's next. */
  number?: string;
  serviceId: string | null;
  /** The service's key, as the `created` event tells it. */
  serviceKey: string | null;
  conversationId?: string | null;
  date: string | null;
  time: string | null;
  partySize: number | null;
  language: Language;
  /** What else the customer asked for (destination, budget, notes, ...). */
  details: Record<string, unknown>;
  /** Where a form came from (campaign, page, referrer, address). */
  utm?: Record<string, unknown>;
  notes?: string | null;
  idempotencyKey?: string;
  /** What the `created` event tells beyond the request itself (the sales groups' card reads it). */
  told?: Record<string, unknown>;
  /** What a match tells staff beyond who and how (the form's details the contact does not hold). */
  matched?: Record<string, unknown>;
  /** When the first-contact clock starts: when the customer sent the form; by default the booking's arrival. */
  at?: Date;
}

/**
 * The booking row as `new`, its `created` event (the sales groups get its card:
 * core/staff/timeline-reactions.ts), a form's match to a contact on both timelines (the contact's,
 * where an admin can undo it), and its entry into the pipeline: the first-contact clock and the
 * org's assignment rules.
 */
export async function createBooking(trx: Knex.Transaction, b: NewBooking): Promise<{ id: string; number: string }> {
  const number = b.number ?? (await nextNumber(trx, b.orgId, 'booking'));
  const row = {
    org_id: b.orgId,
    number,
    contact_id: b.customer.contactId,
    stage: 'new',
    conversation_id: b.conversationId,
    service_id: b.serviceId,
    requested_date: b.date,
    requested_time: b.time,
    party_size: b.partySize,
    language: b.language,
    details: JSON.stringify(b.details),
    utm: b.utm && JSON.stringify(b.utm),
    notes: b.notes,
    source: b.source,
    idempotency_key: b.idempotencyKey,
  };
  // A column a door does not give keeps the table's default.
  const [inserted] = await trx('bookings')
    .insert(Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)))
    .returning('id');
  const id = inserted.id as string;
  await recordBookingEvent(trx, {
    orgId: b.orgId,
    bookingId: id,
    type: 'created',
    actor: b.actor,
    isPublic: true,
    data: { source: b.source, service: b.serviceKey, date: b.date, time: b.time, partySize: b.partySize, ...b.told },
  });
  const c = b.customer;
  if ('matchedBy' in c && c.matchedBy) {
    await recordBookingEvent(trx, { orgId: b.orgId, bookingId: id, type: 'contact_matched', actor: { type: 'system', id: null }, isPublic: false, data: { contactId: c.contactId, by: c.matchedBy, ...b.matched } });
    await recordIntakeMatch(trx, { orgId: b.orgId, contactId: c.contactId, by: c.matchedBy, bookingId: id, form: c.form, filled: c.filled });
  }
  await startFollowUpClock(trx, id, 'first_contact', b.at);
  await assignByRules(trx, id);
  return { id, number };
}
