import type { Knex } from 'knex';
import type { RecordedBookingEvent } from '../bookings/booking-timeline.ts';
import { learnFromStaff } from './learned-examples.ts';

/**
 * The bot could not tell what a customer wanted and handed the conversation to a person, who then
 * answered it with a case of a type or a booking of a service, opened from the conversation: the
 * customer's words the bot could not read become an example of that class (docs/understanding.md,
 * "Learning from staff"). The case side is core/cases/case-learning.ts; the booking side is here,
 * subscribed to the booking timeline in bin/system.ts.
 */

/** A case or booking staff open this soon after the bot handed the conversation over answers what it could not read. */
export const HANDOVER_HOURS = 24;

/**
 * The customer's message the bot could not read, when its hand-over is the conversation's latest
 * (since `since`): the last text of theirs the classifier read before the bot handed over.
 */
export async function messageHandedOver(trx: Knex.Transaction, conversationId: string, since: Date): Promise<string | undefined> {
  const last = await trx('conversation_events').select('created_at', trx.raw("data->>'reason' as reason")).where({ conversation_id: conversationId, type: 'waiting' }).orderBy('id', 'desc').first();
  if (!last || last.reason !== 'bot_could_not_help' || new Date(last.created_at) < since) return undefined;
  const read = await trx('messages')
    .whereExists((q) => q.select(trx.raw('1')).from('classifications').whereRaw('classifications.message_id = messages.id'))
    .where({ conversation_id: conversationId, sender_type: 'customer', kind: 'text' })
    .andWhere('sent_at', '<=', last.created_at)
    .orderBy('sent_at', 'desc')
    .first('id');
  return read?.id;
}

/** A booking staff made from the conversation the bot handed over: the message is an example of the service. */
export async function learnFromHandedOverBooking(trx: Knex.Transaction, e: RecordedBookingEvent): Promise<void> {
  if (e.type !== 'created' || e.actor.type !== 'staff' || e.data?.source !== 'staff') return;
  const service = e.data?.service as string | undefined;
  const b = await trx('bookings').select('conversation_id').where('id', e.bookingId).first();
  if (!service || !b?.conversation_id) return;
  const now = new Date();
  const messageId = await messageHandedOver(trx, b.conversation_id, new Date(now.getTime() - HANDOVER_HOURS * 3_600_000));
  if (!messageId) return;
  await learnFromStaff(trx, { orgId: e.orgId, messageId, source: 'handover_booking', classKind: 'service', classKey: service, staffId: e.actor.id, now });
}
