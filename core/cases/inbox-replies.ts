import type { Knex } from 'knex';
import type { RecordedConversationEvent } from '../conversations/conversation-timeline.ts';
import { recordStaffReply } from './case-messages.ts';
import { OPEN_CASE_STATUSES } from './case-status.ts';

/**
 * A staff reply from the inbox (core/conversations/conversation-commands.ts `reply`) on a
 * conversation whose customer has an open case in it: what staff said goes on the case's timeline
 * (`message_out`, as a reply relayed from the case's group does) and, the first time, is the case's
 * first response, which stops its first-response SLA clock. Subscribed to the conversation timeline
 * in bin/system.ts: the inbox does not know about cases (test/layers.test.ts).
 */
export async function inboxReplyOnOpenCases(trx: Knex.Transaction, e: RecordedConversationEvent): Promise<void> {
  if (e.type !== 'replied' || e.actor.type !== 'staff' || !e.actor.id) return;
  const conversation = await trx('conversations').select('contact_id').where({ id: e.conversationId }).first();
  if (!conversation?.contact_id) return;
  const cases: { id: string }[] = await trx('cases')
    .select('id')
    .where({ org_id: e.orgId, conversation_id: e.conversationId, contact_id: conversation.contact_id })
    .whereIn('status', OPEN_CASE_STATUSES)
    .orderBy('created_at');
  if (!cases.length) return;
  const messageIds = Array.isArray(e.data?.messageIds) ? (e.data.messageIds as string[]) : [];
  const texts: string[] = messageIds.length ? await trx('messages').whereIn('id', messageIds).orderBy('created_at').pluck('text') : [];
  for (const c of cases) {
    await recordStaffReply(trx, {
      orgId: e.orgId,
      caseId: c.id,
      staffId: e.actor.id,
      now: e.now,
      data: { messageIds, text: texts.filter(Boolean).join('\n') || null, fromInbox: true },
    });
  }
}
