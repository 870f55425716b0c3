import type { Knex } from 'knex';
import { notFound } from '../errors/index.ts';
import type { BookingSource, Language } from '../vocabulary.ts';
import { createBooking } from './booking-commands.ts';

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
}

export async function requestBooking(trx: Knex.Transaction, b: BookingRequest): Promise<{ id: string; number: string; serviceName: { th: string; en: string } }> {
  const service = await trx('services').where({ org_id: b.orgId, key: b.serviceKey, is_active: true }).first();
  if (!service) throw notFound('Service', { key: b.serviceKey });
  const { id, number } = await createBooking(trx, {
    orgId: b.orgId,
    source: b.source,
    actor: { type: 'customer', id: b.contactId },
    customer: { contactId: b.contactId },
    conversationId: b.conversationId,
    serviceId: service.id,
    serviceKey: b.serviceKey,
    date: b.date,
    time: b.time,
    partySize: b.partySize,
    language: b.language,
    details: b.details ?? {},
  });
  return { id, number, serviceName: { th: service.name_th, en: service.name_en } };
}
