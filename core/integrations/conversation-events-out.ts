import type { Knex } from 'knex';
import type { RecordedConversationEvent } from '../conversations/conversation-timeline.ts';
import { iso } from '../time/iso.ts';
import { emitWebhookEvent } from './case-events-out.ts';
import type { ConversationEventTypeOut } from './webhook-endpoints.ts';

/**
 * The inbox's changes for the business's own system (docs/inbox.md), a subscriber of the
 * conversation timeline: a customer waits for a person (asked, the bot could not help, a snooze
 * woke, or its holder left the team), a person holds the conversation (took it, was given it, or took it by replying), it is
 * resolved. The payload says who holds the conversation, not what was said: the customer's words
 * are for those who work conversations (integrations do not read them over REST either).
 */
const OUT: Partial<Record<RecordedConversationEvent['type'], ConversationEventTypeOut>> = {
  waiting: 'conversation.waiting',
  woke: 'conversation.waiting',
  released: 'conversation.waiting',
  taken: 'conversation.assigned',
  assigned: 'conversation.assigned',
  resolved: 'conversation.resolved',
};

/** The conversation as an endpoint receives it, after the change. */
async function conversationSnapshot(trx: Knex | Knex.Transaction, conversationId: string) {
  const r = await trx('conversations')
    .join('channels', 'channels.id', 'conversations.channel_id')
    .leftJoin('staff', 'staff.id', 'conversations.assignee_staff_id')
    .select('conversations.*', 'channels.kind as channel', 'staff.display_name as assignee_name')
    .where('conversations.id', conversationId)
    .first();
  return {
    id: r.id as string,
    channel: r.channel as string,
    contactId: (r.contact_id as string | null) ?? null,
    status: r.inbox_status as string,
    version: Number(r.version),
    assignee: r.assignee_staff_id ? { id: r.assignee_staff_id as string, name: (r.assignee_name as string | null) ?? null } : null,
    waitingSince: iso(r.waiting_since),
  };
}

export async function sendConversationWebhooks(trx: Knex.Transaction, e: RecordedConversationEvent): Promise<void> {
  const type = OUT[e.type];
  if (!type) return;
  const d = e.data ?? {};
  await emitWebhookEvent(trx, {
    orgId: e.orgId,
    type,
    now: e.now,
    data: async () => ({
      conversation: await conversationSnapshot(trx, e.conversationId),
      // Why it waits (customer_asked, bot_could_not_help, bot_daily_limit, woke, staff_removed), or how a person got it (taken, assigned).
      reason: e.type === 'waiting' || e.type === 'released' ? d.reason : e.type,
      actor: e.actor,
      ...(d.from ? { from: d.from } : {}),
      ...(d.byReply ? { byReply: true } : {}),
    }),
  });
}
