import type { Knex } from 'knex';
import type { DeliveryStatus, MessageDirection, MessageKind, MessageSenderType } from '../models/vocabulary.ts';

/**
 * Conversations and their messages. Platform events can arrive out of order, so a message keeps
 * the platform's time and a conversation's "last message" only ever moves forward.
 */
export async function openConversation(
  trx: Knex.Transaction,
  c: { orgId: string; channelId: string; kind: 'direct' | 'group'; externalId: string; contactId: string | null },
): Promise<string> {
  const { rows } = await trx.raw<{ rows: { id: string }[] }>(
    `INSERT INTO conversations (org_id, channel_id, kind, external_id, contact_id)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (channel_id, external_id) DO UPDATE SET contact_id = coalesce(conversations.contact_id, EXCLUDED.contact_id)
     RETURNING id`,
    [c.orgId, c.channelId, c.kind, c.externalId, c.contactId],
  );
  return rows[0].id;
}

export interface MessageRecord {
  orgId: string;
  conversationId: string;
  direction: MessageDirection;
  senderType: MessageSenderType;
  kind: MessageKind;
  text?: string | null;
  payload?: Record<string, unknown>;
  platformMessageId?: string | null;
  inboundEventId?: number | null;
  outboxId?: string | null;
  sentAt: Date;
  deliveryStatus: DeliveryStatus;
}

/** Appends a message; the same platform message twice is stored once. Returns its id, or null if it was there. */
export async function appendMessage(trx: Knex.Transaction, m: MessageRecord): Promise<string | null> {
  const { rows } = await trx.raw<{ rows: { id: string }[] }>(
    `INSERT INTO messages (org_id, conversation_id, direction, sender_type, kind, text, payload, platform_message_id,
                           inbound_event_id, outbox_id, sent_at, delivery_status)
     VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
     ON CONFLICT (conversation_id, platform_message_id) WHERE platform_message_id IS NOT NULL DO NOTHING
     RETURNING id`,
    [
      m.orgId,
      m.conversationId,
      m.direction,
      m.senderType,
      m.kind,
      m.text ?? null,
      JSON.stringify(m.payload ?? {}),
      m.platformMessageId ?? null,
      m.inboundEventId ?? null,
      m.outboxId ?? null,
      m.sentAt,
      m.deliveryStatus,
    ],
  );
  const id = rows[0]?.id ?? null;
  await trx('conversations')
    .where({ id: m.conversationId })
    .update({
      last_message_at: trx.raw('greatest(last_message_at, ?::timestamptz)', [m.sentAt]),
      ...(m.direction === 'in' && m.senderType === 'customer'
        ? { last_inbound_at: trx.raw('greatest(last_inbound_at, ?::timestamptz)', [m.sentAt]) }
        : {}),
    });
  return id;
}

/** The customer took a message back (LINE unsend): keep the row, drop its content. */
export async function markUnsent(trx: Knex.Transaction, channelId: string, platformMessageId: string): Promise<number> {
  return trx('messages')
    .whereIn('conversation_id', trx('conversations').select('id').where({ channel_id: channelId }))
    .andWhere({ platform_message_id: platformMessageId })
    .update({ unsent_at: trx.fn.now(), text: null, payload: JSON.stringify({ unsent: true }) });
}

/** A delivery report on a message we sent (Twilio status callbacks). Never moves backwards from read. */
export async function recordDelivery(
  trx: Knex.Transaction,
  channelId: string,
  platformMessageId: string,
  status: DeliveryStatus,
  error?: string,
): Promise<number> {
  const rank: Record<string, number> = { pending: 0, sent: 1, delivered: 2, read: 3, undelivered: 4, failed: 4 };
  const lower = Object.entries(rank).filter(([, r]) => r < (rank[status] ?? 0)).map(([s]) => s);
  return trx('messages')
    .whereIn('conversation_id', trx('conversations').select('id').where({ channel_id: channelId }))
    .andWhere({ platform_message_id: platformMessageId, direction: 'out' })
    .andWhere((q) => q.whereNull('delivery_status').orWhereIn('delivery_status', lower.length ? lower : ['__none__']))
    .update({ delivery_status: status, delivery_error: error ?? null });
}
