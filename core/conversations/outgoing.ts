import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { OutboundMessage } from '../messaging/outbound-message.ts';
import { addToOutbox } from '../outbox/outbox.ts';

/**
 * The one way anything in the product talks to a customer or a group: the messages are stored as
 * pending, with an outbox row that the outbound worker turns into a reply or a push. Called with
 * the transaction of the change that caused them, so a rolled-back change says nothing.
 */
export const OUTBOUND_QUEUE = 'outbound';
export const SEND_JOB = 'send';

export interface SendJobPayload {
  conversationId: string;
  /** In the order they are to be sent. */
  messageIds: string[];
  /** The inbound event whose reply token may be used, while it is fresh. */
  replyToEventId?: number;
}

export async function queueMessages(
  trx: Knex.Transaction,
  m: {
    orgId: string;
    conversationId: string;
    messages: OutboundMessage[];
    senderType: 'bot' | 'staff' | 'system';
    staffId?: string;
    replyToEventId?: number;
  },
): Promise<{ outboxId: string; messageIds: string[] }> {
  const outboxId = randomUUID();
  const rows = await trx('messages')
    .insert(
      m.messages.map((message) => ({
        org_id: m.orgId,
        conversation_id: m.conversationId,
        direction: 'out',
        sender_type: m.senderType,
        staff_id: m.staffId ?? null,
        kind: message.kind === 'image' ? 'image' : message.kind === 'text' ? 'text' : 'other',
        text: message.kind === 'text' ? message.text : message.kind === 'card' ? message.card.altText : null,
        payload: JSON.stringify({ outbound: message }),
        outbox_id: outboxId,
        delivery_status: 'pending',
      })),
    )
    .returning('id');
  const messageIds = rows.map((r: { id: string }) => r.id);
  const payload: SendJobPayload = { conversationId: m.conversationId, messageIds, replyToEventId: m.replyToEventId };
  await addToOutbox(trx, { id: outboxId, orgId: m.orgId, queue: OUTBOUND_QUEUE, jobName: SEND_JOB, payload: { ...payload } });
  return { outboxId, messageIds };
}
