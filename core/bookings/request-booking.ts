import type { Knex } from 'knex';
import { notFound } from '../errors/index.ts';
import type { BookingSource, Language } from '../vocabulary.ts';
import { createBooking } from './booking-commands.ts';
import { sessionForBooking } from './session-seats.ts';

/**
 * A booking request the customer confirmed in chat: it enters the pipeline as `new`
 * (booking-commands.ts), for the sales or concierge team to confirm, propose another time or decline.
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
  /** A session of the service: it fixes the date and time and holds `partySize` seats (a full one throws `session_full`). */
  sessionId?: string;
}

export async function requestBooking(trx: Knex.Transaction, b: BookingRequest): Promise<{ id: string; number: string; serviceName: { th: string; en: string } }> {
  const service = await trx('services').where({ org_id: b.orgId, key: b.serviceKey, is_active: true }).first();
  if (!service) throw notFound('Service', { key: b.serviceKey });
  const session = b.sessionId ? await sessionForBooking(trx, { orgId: b.orgId, sessionId: b.sessionId, serviceKey: b.serviceKey, seats: b.partySize ?? 1 }) : undefined;
  const { id, number } = await createBooking(trx, {
    orgId: b.orgId,
    source: b.source,
    actor: { type: 'customer', id: b.contactId },
    customer: { contactId: b.contactId },
    conversationId: b.conversationId,
    serviceId: service.id,
    serviceKey: b.serviceKey,
    date: session?.date ?? b.date,
    time: session?.time ?? b.time,
    partySize: b.partySize,
    language: b.language,
    details: b.details ?? {},
    session: session && { id: session.sessionId, seats: session.seats },
  });
  return { id, number, serviceName: { th: service.name_th, en: service.name_en } };
}
