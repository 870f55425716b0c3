import type { Knex } from 'knex';
import type { IncomingMessage } from '../../core/conversations/incoming-message.ts';
import { queueMessages } from '../../core/conversations/outgoing.ts';
import type { OutboundMessage } from '../../core/messaging/outbound-message.ts';
import type { ChannelKind, Language } from '../../core/vocabulary.ts';
import { staffByLineUser, staffFromRow, staffGroupOfConversation, type StaffDeps, type StaffGroupRef, type StaffMemberRef } from '../../core/staff/staff-desk.ts';

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
  conversation: { id: string; kind: 'direct' | 'group'; channelId: string; externalId: string; channelKind: ChannelKind };
  /** The staff group, when the message was said in one the bot knows (active or not). */
  group: StaffGroupRef | undefined;
  /** The sender, when they are active, enrolled staff of this org. */
  staff: StaffMemberRef | undefined;
  /** The language to answer in: the staff member's, else the group's, else Thai. */
  language: Language;
  now: Date;
}

export async function loadStaffScene(deps: StaffDeps, m: IncomingMessage): Promise<StaffScene> {
  const { knex } = deps;
  const conversation = m.conversation;
  const senderLineUserId = m.senderLineUserId;
  const group = conversation.kind === 'group' ? await staffGroupOfConversation(knex, conversation.id) : undefined;
  // Known only on the channel they enrolled on (core/staff/staff-desk.ts); read with the message when the router asked.
  const staff =
    m.senderStaff !== undefined
      ? (m.senderStaff ? staffFromRow(m.senderStaff) : undefined)
      : conversation.channelKind === 'line'
        ? await staffByLineUser(knex, m.orgId, conversation.channelId, senderLineUserId)
        : undefined;
  return {
    message: {
      id: m.id,
      orgId: m.orgId,
      conversationId: conversation.id,
      inboundEventId: m.inboundEventId,
      kind: m.kind,
      text: m.kind === 'postback' ? null : m.text,
      senderLineUserId,
      postback: m.payload?.postback ?? null,
      quotedMessageId: m.payload?.message?.quotedMessageId ?? null,
      platformMessageId: m.platformMessageId,
      mediaPath: m.mediaPath,
    },
    conversation: {
      id: conversation.id,
      kind: conversation.kind,
      channelId: conversation.channelId,
      externalId: conversation.externalId,
      channelKind: conversation.channelKind,
    },
    group,
    staff,
    language: staff?.language ?? group?.language ?? 'th',
    now: deps.now?.() ?? new Date(),
  };
}

/** Answers in the chat the message came from, with its reply token while fresh (free of quota). */
export async function answer(
  trx: Knex.Transaction,
  scene: StaffScene,
  messages: OutboundMessage[],
  o: { caseId?: string; bookingId?: string; aboutConversationId?: string } = {},
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
    aboutConversationId: o.aboutConversationId,
  });
}
