import type { Knex } from 'knex';
import type { RecordedBookingEvent } from '../bookings/booking-timeline.ts';
import type { RecordedConversationEvent } from '../conversations/conversation-timeline.ts';
import { normalizePhrase } from './known-phrases.ts';
import { learnFromStaff } from './learned-examples.ts';

/**
 * The bot could not tell what a customer wanted and handed the conversation to a person, who then
 * answered it with a case of a type, a booking of a service opened from the conversation, or a FAQ
 * entry's answer: the customer's words the bot could not read become an example of that class
 * (docs/understanding.md, "Learning from staff"). The case side is core/cases/case-learning.ts; the
 * booking and FAQ sides are here, subscribed to the booking and conversation timelines in bin/system.ts.
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

/**
 * A reply gives a FAQ entry's answer when it is that answer (either language), or holds it word for
 * word and the answer is long enough not to turn up by chance ("ได้ค่ะ" is an answer to many things).
 */
const ANSWER_INSIDE_AT_LEAST = 20;

/** The active FAQ entry whose answer a staff reply gives, if one does (the longest, if several). */
export async function faqAnsweredBy(trx: Knex.Transaction, orgId: string, replyTexts: string[]): Promise<string | undefined> {
  const replies = replyTexts.map(normalizePhrase).filter(Boolean);
  if (!replies.length) return undefined;
  const entries = await trx('faq_entries').select('key', 'answer_th', 'answer_en').where({ org_id: orgId, is_active: true }).orderBy('key');
  let best: { key: string; length: number } | undefined;
  for (const e of entries) {
    for (const answer of [e.answer_th, e.answer_en].map((a: string | null) => normalizePhrase(a ?? '')).filter(Boolean)) {
      const gives = replies.some((r) => r === answer || (answer.length >= ANSWER_INSIDE_AT_LEAST && r.includes(answer)));
      if (gives && (!best || answer.length > best.length)) best = { key: e.key, length: answer.length };
    }
  }
  return best?.key;
}

/**
 * A staff reply to a conversation the bot handed over that gives a FAQ entry's answer (typed, pasted
 * or a saved reply holding it): the customer's words are one more way of asking that entry.
 */
export async function learnFromFaqAnswer(trx: Knex.Transaction, e: RecordedConversationEvent): Promise<void> {
  const messageIds = e.data?.messageIds;
  if (e.type !== 'replied' || e.actor.type !== 'staff' || !e.actor.id || !Array.isArray(messageIds) || !messageIds.length) return;
  const sent = await trx('messages').select('text').whereIn('id', messageIds as string[]).where({ conversation_id: e.conversationId, sender_type: 'staff' });
  const faqKey = await faqAnsweredBy(
    trx,
    e.orgId,
    sent.map((m) => m.text ?? ''),
  );
  if (!faqKey) return;
  const messageId = await messageHandedOver(trx, e.conversationId, new Date(e.now.getTime() - HANDOVER_HOURS * 3_600_000));
  if (!messageId) return;
  await learnFromStaff(trx, { orgId: e.orgId, messageId, source: 'handover_faq', classKind: 'faq', classKey: faqKey, staffId: e.actor.id, now: e.now });
}
