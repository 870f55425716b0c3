import type { Knex } from 'knex';
import { HANDOVER_HOURS, messageHandedOver } from '../understanding/handover-learning.ts';
import { learnFromStaff } from '../understanding/learned-examples.ts';
import type { RecordedCaseEvent } from './case-timeline.ts';

/**
 * Staff corrected a case's type: the customer's message the case was opened on is an example of
 * the type they chose (docs/understanding.md, "Learning from staff"). Subscribed to the case
 * timeline in bin/system.ts, so it runs in the correction's transaction: the correction and what
 * was learned from it commit together.
 */
export async function learnFromCorrection(trx: Knex.Transaction, e: RecordedCaseEvent): Promise<void> {
  if (e.type !== 'corrected' || e.actor.type !== 'staff') return;
  const to = (e.data?.caseType as { to?: string } | undefined)?.to;
  if (!to) return;
  const messageId = await messageClassified(trx, e.caseId);
  if (!messageId) return;
  await learnFromStaff(trx, { orgId: e.orgId, messageId, source: 'case_correction', classKind: 'case_type', classKey: to, staffId: e.actor.id, now: e.context.now ?? new Date() });
}

/**
 * The bot could not tell what the customer wanted and handed the conversation to a person, who
 * then opened a case of a type for them (the desk's "open a case"): the customer's words the bot
 * could not read are an example of that type (docs/understanding.md, "Learning from staff").
 * Subscribed to the case timeline beside `learnFromCorrection`; the booking side is
 * core/understanding/handover-learning.ts.
 */
export async function learnFromHandover(trx: Knex.Transaction, e: RecordedCaseEvent): Promise<void> {
  if (e.type !== 'created' || e.actor.type !== 'staff' || e.data?.source !== 'staff') return;
  const caseType = e.data?.caseType as string | undefined;
  const c = await trx('cases').select('conversation_id').where('id', e.caseId).first();
  if (!caseType || !c?.conversation_id) return;
  const now = e.context.now ?? new Date();
  const messageId = await messageHandedOver(trx, c.conversation_id, new Date(now.getTime() - HANDOVER_HOURS * 3_600_000));
  if (!messageId) return;
  await learnFromStaff(trx, { orgId: e.orgId, messageId, source: 'handover_case', classKind: 'case_type', classKey: caseType, staffId: e.actor.id, now });
}

/**
 * The customer's words the case's type was judged on: the message it was opened on, or, when that
 * was a tap (the customer picked the type from the list), the last message of theirs the
 * classifier read before it. None for a case opened by staff, the API or a payment.
 */
async function messageClassified(trx: Knex.Transaction, caseId: string): Promise<string | undefined> {
  const c = await trx('cases')
    .leftJoin('messages', 'messages.id', 'cases.source_message_id')
    .select('cases.source_message_id', 'cases.conversation_id', 'messages.kind', 'messages.sender_type', 'messages.sent_at')
    .where('cases.id', caseId)
    .first();
  if (!c?.source_message_id || c.sender_type !== 'customer') return undefined;
  if (c.kind === 'text') return c.source_message_id;
  const read = await trx('messages')
    .whereExists((q) => q.select(trx.raw('1')).from('classifications').whereRaw('classifications.message_id = messages.id'))
    .where({ conversation_id: c.conversation_id, sender_type: 'customer', kind: 'text' })
    .andWhere('sent_at', '<=', c.sent_at)
    .orderBy('sent_at', 'desc')
    .first('id');
  return read?.id;
}
