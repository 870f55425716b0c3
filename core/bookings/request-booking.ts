import type { Knex } from 'knex';
import { notFound } from '../errors/index.ts';
import type { BookingSource, Language } from '../vocabulary.ts';
import { nextNumber } from '../org-counters.ts';
import { assignByRules } from './booking-assignment.ts';
import { recordBookingEvent } from './booking-timeline.ts';
import { startFollowUpClock } from './follow-up-clock.ts';

/**
 * A booking request the customer confirmed in chat: it enters the pipeline as `new`, for the
 * sales or concierge team to confirm, propose another time or decline.
 */
export interface BookingRequest {
  orgId: string;
  contactId: string;
  conversationId: string | null;
  serviceKey: string;
  date: string | null;
  time: string | null;
  partySize: number | null;
  language: Language;
  source: BookingSource;
  details?: Record<string, unknown>;
}

export async function requestBooking(trx: Knex.Transaction, b: BookingRequest): Promise<{ id: string; number: string; serviceName: { th: string; en: string } }> {
  const service = await trx('services').where({ org_id: b.orgId, key: b.serviceKey, is_active: true }).first();
  if (!service) throw notFound('Service', { key: b.serviceKey });
  const number = await nextNumber(trx, b.orgId, 'booking');
  const [row] = await trx('bookings')
    .insert({
      org_id: b.orgId,
      number,
      contact_id: b.contactId,
      conversation_id: b.conversationId,
      service_id: service.id,
      stage: 'new',
      requested_date: b.date,
      requested_time: b.time,
      party_size: b.partySize,
      language: b.language,
      source: b.source,
      details: JSON.stringify(b.details ?? {}),
    })
    .returning('id');
  // The sales groups get its card (core/staff/timeline-reactions.ts).
  await recordBookingEvent(trx, {
    orgId: b.orgId,
    bookingId: row.id,
    type: 'created',
    actor: { type: 'customer', id: b.contactId },
    isPublic: true,
    data: { service: b.serviceKey, date: b.date, time: b.time, partySize: b.partySize, source: b.source },
  });
  // The first-contact clock starts, and the org's rules give it an assignee when one fits.
  await startFollowUpClock(trx, row.id, 'first_contact');
  await assignByRules(trx, row.id);
  return { id: row.id, number, serviceName: { th: service.name_th, en: service.name_en } };
}
