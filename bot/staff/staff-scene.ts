import type { Knex } from 'knex';
import { queueMessages } from '../../core/conversations/outgoing.ts';
import type { OutboundMessage } from '../../core/messaging/outbound-message.ts';
import type { Language } from '../../core/models/vocabulary.ts';
import { staffByLineUser, staffGroupOfConversation, type StaffDeps, type StaffGroupRef, type StaffMemberRef } from '../../core/staff/staff-desk.ts';

/**
 * What the staff desk knows about one inbound message: where it was said (a 1:1 chat, a staff
 * group and what the group is for) and who said it (a staff member of this org, or not).
 */
export type { StaffDeps };

export interface StaffMessage {
  id: string;
  orgId: string;
  conversationId: string;
  inboundEventId: number | null;
  kind: string;
  text: string | null;
  senderLineUserId: string | null;
  postback: { data: string; params?: Record<string, string> } | null;
  /** The platform id of the message quoted (LINE quote-reply). */
  quotedMessageId: string | null;
  platformMessageId: string | null;
  mediaPath: string | null;
}

export interface StaffScene {
  message: StaffMessage;
  conversation: { id: string; kind: 'direct' | 'group'; channelId: string; externalId: string; channelKind: 'line' | 'whatsapp' };
  /** The staff group, when the message was said in one the bot knows (active or not). */
  group: StaffGroupRef | undefined;
  /** The sender, when they are active, enrolled staff of this org. */
  staff: StaffMemberRef | undefined;
  /** The language to answer in: the staff member's, else the group's, else Thai. */
  language: Language;
  now: Date;
}

export async function loadStaffScene(deps: StaffDeps, messageId: string): Promise<StaffScene | undefined> {
  const { knex } = deps;
  const m = await knex('messages').where({ id: messageId }).first();
  if (!m || m.routed_at || m.direction !== 'in' || m.sender_type !== 'customer') return undefined;
  if (m.payload?.mode === 'standby') return undefined;
  const conversation = await knex('conversations')
    .join('channels', 'channels.id', 'conversations.channel_id')
    .select('conversations.id', 'conversations.kind', 'conversations.channel_id', 'conversations.external_id', 'channels.kind as channel_kind')
    .where('conversations.id', m.conversation_id)
    .first();
  if (!conversation) return undefined;
  const senderLineUserId: string | null = conversation.channel_kind === 'line' ? (m.payload?.senderId ?? null) : null;
  const [group, staff] = await Promise.all([
    conversation.kind === 'group' ? staffGroupOfConversation(knex, conversation.id) : undefined,
    staffByLineUser(knex, m.org_id, senderLineUserId),
  ]);
  return {
    message: {
      id: m.id,
      orgId: m.org_id,
      conversationId: m.conversation_id,
      inboundEventId: m.inbound_event_id,
      kind: m.kind,
      text: m.kind === 'postback' ? null : m.text,
      senderLineUserId,
      postback: m.payload?.postback ?? null,
      quotedMessageId: m.payload?.message?.quotedMessageId ?? null,
      platformMessageId: m.platform_message_id,
      mediaPath: m.media_path,
    },
    conversation: {
      id: conversation.id,
      kind: conversation.kind,
      channelId: conversation.channel_id,
      externalId: conversation.external_id,
      channelKind: conversation.channel_kind,
    },
    group,
    staff,
    language: staff?.language ?? group?.language ?? 'th',
    now: deps.now?.() ?? new Date(),
  };
}

/** Marks the message as dealt with, in the transaction that deals with it; false if another run already did. */
export async function claimMessage(trx: Knex.Transaction, messageId: string): Promise<boolean> {
  const claimed = await trx('messages').where({ id: messageId }).whereNull('routed_at').update({ routed_at: trx.fn.now() });
  return claimed > 0;
}

/** Answers in the chat the message came from, with its reply token while fresh (free of quota). */
export async function answer(
  trx: Knex.Transaction,
  scene: StaffScene,
  messages: OutboundMessage[],
  o: { caseId?: string; bookingId?: string } = {},
): Promise<void> {
  if (messages.length === 0) return;
  await queueMessages(trx, {
    orgId: scene.message.orgId,
    conversationId: scene.conversation.id,
    messages,
    senderType: 'bot',
    replyToEventId: scene.message.inboundEventId ?? undefined,
    caseId: o.caseId,
    bookingId: o.bookingId,
  });
}
