import type { Knex } from 'knex';
import type { DeliveryStatus, MessageDirection, MessageKind, MessageSenderType } from '../vocabulary.ts';
import { ERASED } from '../contacts/personal-data.ts';
import { redactConversationEvents } from './conversation-timeline.ts';
import { incomingMessageOf, readingIncoming, type IncomingMessage, type IncomingReadRules } from './incoming-message.ts';
import { writeWithOutboxRows } from '../outbox/outbox.ts';

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

/**
 * Appends a message; the same platform message twice is stored once. Returns its id, or null if it
 * was there. The conversation's last-message times move with it, in the same statement (one round
 * trip fewer for every message a customer sends: docs/benchmarks.md, #41).
 */
export async function appendMessage(trx: Knex.Transaction, m: MessageRecord): Promise<string | null> {
  const { rows } = await trx.raw<{ rows: { id: string | null }[] }>('WITH added AS (?), touched AS (?) SELECT (SELECT id FROM added) AS id', [
    inserting(trx, m, 'id'),
    touchingTimes(trx, m),
  ]);
  return rows[0]?.id ?? null;
}

/**
 * The same for a message routed in the transaction that stores it (workers/processors/inbound.ts):
 * the statement also reads the message as the router does (`readingIncoming`), a round trip fewer
 * for every such message. `incoming` is undefined when there is nothing to route.
 */
export async function appendMessageReadForRouting(trx: Knex.Transaction, m: MessageRecord, rules: IncomingReadRules): Promise<{ id: string | null; incoming?: IncomingMessage }> {
  const added = trx.queryBuilder().with('added', inserting(trx, m, '*')).with('touched', touchingTimes(trx, m)).from({ messages: 'added' });
  const row = await readingIncoming(trx, added, rules).first();
  return { id: row?.id ?? null, incoming: incomingMessageOf(row, rules) };
}

function inserting(trx: Knex.Transaction, m: MessageRecord, returning: 'id' | '*'): Knex.Raw {
  return trx.raw(
    `INSERT INTO messages (org_id, conversation_id, direction, sender_type, kind, text, payload, platform_message_id,
                           inbound_event_id, outbox_id, sent_at, delivery_status)
     VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
     ON CONFLICT (conversation_id, platform_message_id) WHERE platform_message_id IS NOT NULL DO NOTHING
     RETURNING ${returning}`,
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
}

/** The conversation's last-message times move with a message, only ever forward. */
function touchingTimes(trx: Knex.Transaction, m: MessageRecord): Knex.Raw {
  const fromCustomer = m.direction === 'in' && m.senderType === 'customer';
  return trx.raw(
    `UPDATE conversations
        SET last_message_at = greatest(last_message_at, ?::timestamptz),
            last_inbound_at = CASE WHEN ?::boolean THEN greatest(last_inbound_at, ?::timestamptz) ELSE last_inbound_at END
      WHERE id = ?`,
    [m.sentAt, fromCustomer, m.sentAt, m.conversationId],
  );
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

/** A message belongs to a case from now on: staff see it on the case, and replies to it reach the case. */
export async function linkMessageToCase(trx: Knex.Transaction, messageId: string, caseId: string): Promise<void> {
  await linkingMessageToCase(trx, messageId, caseId);
}

/**
 * The same as a statement not yet run, for the case's owner to run with the case's insert
 * (core/cases/open-case.ts): `caseId` may be SQL naming the case being inserted.
 */
export function linkingMessageToCase(trx: Knex.Transaction, messageId: string, caseId: string | Knex.Raw): Knex.QueryBuilder {
  return trx('messages').where({ id: messageId }).update({ case_id: caseId });
}

/**
 * Marks an incoming message as dealt with, in the transaction that deals with it: false when
 * another run already did (a job delivered twice), so every route acts on a message once.
 * `along`: other tables' owners' statements known at the same moment (the message's reading, the
 * customer's language), run in the same statement as CTEs: one round trip instead of one each.
 * They run whether or not the claim holds, so a caller told false rolls its transaction back
 * (`MessageAlreadyRouted`).
 */
export async function claimMessage(trx: Knex.Transaction, messageId: string, along: Knex.QueryBuilder[] = []): Promise<boolean> {
  const claim = trx('messages').where({ id: messageId }).whereNull('routed_at').update({ routed_at: trx.fn.now() });
  if (along.length === 0) return (await claim) > 0;
  const { rows } = await trx.raw<{ rows: { claimed: number }[] }>(
    `WITH ${along.map((_, i) => `along${i} AS (?)`).join(', ')}, claimed AS (?) SELECT count(*)::int AS claimed FROM claimed`,
    [...along, claim.returning('id')],
  );
  return rows[0].claimed > 0;
}

/** A message another run routed first, found by a claim whose `along` statements ran: its transaction must roll back. */
export class MessageAlreadyRouted extends Error {
  constructor(messageId: string) {
    super(`message ${messageId} was already routed`);
  }
}

/** Marks a customer's message as relayed into the case's staff groups; false when it already was. */
export async function markRelayedToGroups(trx: Knex.Transaction, messageId: string): Promise<boolean> {
  const first = await trx('messages')
    .where({ id: messageId })
    .whereRaw(`payload->>'relayedToGroupsAt' IS NULL`)
    .update({ payload: trx.raw(`payload || jsonb_build_object('relayedToGroupsAt', now())`) });
  return first > 0;
}

/** The dialogue a conversation is in, locked until the transaction ends: two taps on it take turns. */
export async function lockDialogue(trx: Knex.Transaction, conversationId: string): Promise<unknown> {
  const row = await trx('conversations').select('dialogue').where({ id: conversationId }).forUpdate().first();
  return row?.dialogue ?? null;
}

/**
 * The dialogue a conversation is in (the customer's booking details, a group's set-up), or none.
 * Written with the transaction's outbox rows where they wait for its end (#41): nothing after it in
 * the transaction reads it back (the next message reads it, with a `lockDialogue` where two could
 * race); set twice, the last wins.
 */
export async function setDialogue(trx: Knex.Transaction, conversationId: string, dialogue: object | null): Promise<void> {
  await writeWithOutboxRows(trx, trx('conversations').where({ id: conversationId }).update({ dialogue: dialogue ? JSON.stringify(dialogue) : null }), { replacing: `dialogue:${conversationId}` });
}

/** One person known twice became one contact: their conversations follow (core/contacts/merge-contacts.ts). */
export async function moveConversationsToContact(trx: Knex.Transaction, m: { orgId: string; keepId: string; mergeId: string; only?: string[] }): Promise<string[]> {
  // On a merge every row of the merged contact; on its undo only the rows the merge moved (`only`).
  const q = trx('conversations').where({ org_id: m.orgId, contact_id: m.mergeId });
  if (m.only) q.whereIn('id', m.only);
  return (await q.update({ contact_id: m.keepId }).returning('id')).map((r: { id: string }) => r.id);
}

/** Whether the bot said something about this case in this conversation since `since`. */
export async function botAnsweredOnCaseSince(db: Knex | Knex.Transaction, c: { conversationId: string; caseId: string; since: Date }): Promise<boolean> {
  const row = await db('messages')
    .where({ conversation_id: c.conversationId, case_id: c.caseId, direction: 'out', sender_type: 'bot' })
    .andWhere('created_at', '>', c.since)
    .first('id');
  return Boolean(row);
}

/**
 * What a quoted message was about: a case (the bot's case messages) or a customer conversation
 * (the bot's messages in a staff group about one: its card, the customer's words relayed, who holds it).
 */
export async function subjectOfQuotedMessage(
  db: Knex | Knex.Transaction,
  q: { conversationId: string; platformMessageId: string },
): Promise<{ caseId?: string; conversationId?: string }> {
  const row = await db('messages')
    .select('case_id', 'about_conversation_id')
    .where({ conversation_id: q.conversationId, platform_message_id: q.platformMessageId })
    .first();
  return { caseId: row?.case_id ?? undefined, conversationId: row?.about_conversation_id ?? undefined };
}

/** A message's file as stored now (no path until the media worker copied it), and when the message came. */
export async function storedMediaOf(db: Knex | Knex.Transaction, messageId: string): Promise<{ id: string; kind: string; text: string | null; mediaPath: string | null; receivedAt: Date }> {
  const row = await db('messages').select('id', 'kind', 'text', 'media_path', 'created_at').where({ id: messageId }).first();
  return { id: row.id, kind: row.kind, text: row.text, mediaPath: row.media_path, receivedAt: new Date(row.created_at) };
}

/**
 * An incoming message as it was said, for a tap that answers it later (a staff member's `/case`
 * command: bot/staff/new-case-command.ts): who said it, where, and its words; undefined when the
 * org has no such message.
 */
export async function saidMessage(
  db: Knex | Knex.Transaction,
  orgId: string,
  messageId: string,
): Promise<{ id: string; conversationId: string; text: string | null; platformMessageId: string | null; senderLineUserId: string | null } | undefined> {
  const row = await db('messages')
    .select('id', 'conversation_id', 'text', 'platform_message_id', db.raw(`payload->>'senderId' AS sender_id`))
    .where({ id: messageId, org_id: orgId, direction: 'in' })
    .first();
  return row && { id: row.id, conversationId: row.conversation_id, text: row.text, platformMessageId: row.platform_message_id, senderLineUserId: row.sender_id ?? null };
}

/** Where our copy of a message's file is kept (core/media/media-store.ts key). */
export async function recordStoredMedia(db: Knex | Knex.Transaction, messageId: string, key: string): Promise<void> {
  await db('messages').where({ id: messageId }).update({ media_path: key });
}

/**
 * A customer's file that will not be fetched, and why (an address the SSRF guard refuses, a file over
 * the size kept): kept on the message, beside what the platform said of it, so that whoever reads it
 * learns why it has no file. The fetch ends there, done: no retry and no person can change the answer.
 */
export async function recordRefusedMedia(db: Knex | Knex.Transaction, messageId: string, reason: string): Promise<void> {
  await db('messages')
    .where({ id: messageId })
    .update({ payload: db.raw(`coalesce(payload, '{}'::jsonb) || jsonb_build_object('mediaRefused', ?::text)`, [reason]) });
}

/** What an SMS cost in parts (bot/sms/sms-segments.ts), kept on the message (`payload.sms`) for whoever counts the bill. */
export async function recordSmsSize(db: Knex | Knex.Transaction, messageId: string, size: { encoding: string; characters: number; segments: number; parts: number }): Promise<void> {
  await db('messages')
    .where({ id: messageId })
    .update({ payload: db.raw(`coalesce(payload, '{}'::jsonb) || jsonb_build_object('sms', ?::jsonb)`, [JSON.stringify(size)]) });
}

/**
 * A failed send is sent again (core/outbox/outbox-retry.ts): the messages it failed are pending
 * once more, so the outbound worker sends them; messages it did send are never sent again.
 */
export async function resetFailedMessages(trx: Knex.Transaction, row: { orgId: string; payload: Record<string, unknown> }): Promise<number> {
  const messageIds = row.payload.messageIds;
  if (!Array.isArray(messageIds) || messageIds.length === 0) return 0;
  return trx('messages')
    .whereIn('id', messageIds.map(String))
    .andWhere({ org_id: row.orgId, direction: 'out', delivery_status: 'failed' })
    .update({ delivery_status: 'pending', delivery_error: null });
}

/** Outgoing messages whose delivery nobody can know (docs/channels.md, "A reply and a crash"). */
export async function messagesWithUnknownOutcome(knex: Knex, orgId: string, limit = 100) {
  const rows = await knex('messages')
    .select('id', 'conversation_id', 'case_id', 'text', 'outcome_unknown_at', 'delivery_error')
    .where({ org_id: orgId, direction: 'out' })
    .whereNotNull('outcome_unknown_at')
    .orderBy('outcome_unknown_at', 'desc')
    .limit(limit);
  return rows.map((r) => ({
    id: r.id as string,
    conversationId: r.conversation_id as string,
    caseId: (r.case_id as string | null) ?? null,
    text: (r.text as string | null) ?? null,
    outcomeUnknownAt: new Date(r.outcome_unknown_at).toISOString(),
    note: (r.delivery_error as string | null) ?? null,
  }));
}


/**
 * PDPA erasure of a contact: their conversations no longer name them on the channel (the
 * external id becomes `erased:<id>`, so a new message from that user or number starts a new
 * contact and conversation) and forget the dialogue; every message keeps its direction, kind,
 * times and delivery outcome, and loses its body, payload and stored media.
 */
export async function eraseContactConversations(trx: Knex.Transaction, e: { orgId: string; contactId: string }): Promise<Record<string, number>> {
  const ids = (await trx('conversations').where({ org_id: e.orgId, contact_id: e.contactId }).pluck('id')) as string[];
  if (!ids.length) return { conversations: 0, messages: 0 };
  await trx('conversations').whereIn('id', ids).update({ external_id: trx.raw("'erased:' || id::text"), dialogue: null });
  const messages = await trx('messages')
    .whereIn('conversation_id', ids)
    .update({ text: trx.raw('CASE WHEN text IS NULL THEN NULL ELSE ? END', [ERASED]), payload: JSON.stringify({ redacted: true }), media_path: null, delivery_error: null });
  // Staff notes on these conversations name and describe the person too.
  await redactConversationEvents(trx, ids);
  return { conversations: ids.length, messages };
}
