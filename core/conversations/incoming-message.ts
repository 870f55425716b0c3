import type { Knex } from 'knex';
import type { ChannelKind, Language } from '../vocabulary.ts';
import { inboxStateOf, type InboxState } from './inbox-rules.ts';

/**
 * A message someone sent us, loaded once for every route that may take it (an enrolment code,
 * the staff desk, the customer dialogue): undefined when there is nothing to route (already
 * routed, said by us, or seen in standby mode, where another bot answers).
 */
export interface IncomingMessage {
  id: string;
  orgId: string;
  kind: string;
  /** The words, or the postback data of a tap. */
  text: string | null;
  payload: Record<string, any>;
  inboundEventId: number | null;
  platformMessageId: string | null;
  mediaPath: string | null;
  /** The LINE user who said it (a group message carries its sender). */
  senderLineUserId: string | null;
  /**
   * That LINE user's staff row, when the reader gave the rule (`SenderStaffSql`): null when they
   * are not staff here, undefined when not asked. Read with the message, a statement fewer for
   * every message.
   */
  senderStaff?: Record<string, unknown> | null;
  /**
   * Messages the same conversation received before this one (by the platform's time, then the
   * order they were stored in) that are not routed yet, oldest first: at most five, from the last
   * ten minutes. A message whose routing failed waits for its retry while the customer's next one
   * may be stored and routed meanwhile; routing those first keeps the dialogue in the customer's
   * order (docs/reliability.md, "A conversation's order"). Read with the message: a statement
   * fewer for every message, where the list is almost always empty.
   */
  waitingBefore: string[];
  conversation: {
    id: string;
    kind: 'direct' | 'group';
    channelId: string;
    channelKind: ChannelKind;
    externalId: string;
    contactId: string | null;
    /** That contact's language, read with the message: the dialogue needs it, a statement fewer per message. */
    contactLanguage?: Language;
    /**
     * The privacy notice's versions that contact answered or was shown in the chat, when the reader
     * gave the rule (`NoticesSeenSql`): read with the message, so that a customer who saw the
     * notice costs no statement on it. Undefined when not asked.
     */
    noticesSeen?: string[];
    /**
     * The rows of that contact's cases here the message may be about, when the reader gave the rule
     * (`IncomingReadRules.cases`): read with the message, a statement fewer for every message.
     */
    casesHere?: Record<string, unknown>[];
    dialogue: Record<string, any> | null;
    /** Who holds the conversation (core/conversations/inbox-rules.ts). */
    inbox: InboxState;
  };
}

/** How far back a message's routing looks for earlier ones still waiting (`waitingBefore`), and how many it takes. */
const EARLIER_WINDOW = '10 minutes';
const WAITING_BEFORE_LIMIT = 5;

/**
 * Who is staff is core/staff's rule (`staffByLineUserSql`), handed in by the router: this folder is
 * below core/staff, which imports it. A sub-select over the org, the channel and the LINE user id,
 * each an SQL expression, that gives the staff row as JSON or null.
 */
export type SenderStaffSql = (org: string, channel: string, lineUserId: string) => string;

/**
 * Which versions of the privacy notice a contact saw is core/contacts' rule (`noticesSeenSql`),
 * handed in by the router as the staff rule is: a sub-select over the org and the contact, each an
 * SQL expression, that gives the versions as text[].
 */
export type NoticesSeenSql = (org: string, contact: string) => string;

/**
 * Which of the customer's cases the message may be about is core/cases' rule
 * (`casesInConversationQuery`, with the bounds of the org's reopen window), handed in by the router:
 * a query over the conversation's contact and the conversation, each a reference to the read's row.
 */
export type CasesHereQuery = (contact: Knex.Ref<string, Record<string, string>>, conversation: Knex.Ref<string, Record<string, string>>) => Knex.QueryBuilder;

/** What the router reads with a message besides the message: the rules handed in (see above). */
export interface IncomingReadRules {
  senderStaff?: SenderStaffSql;
  noticesSeen?: NoticesSeenSql;
  cases?: CasesHereQuery;
}

export async function loadIncomingMessage(db: Knex | Knex.Transaction, messageId: string, o: IncomingReadRules = {}): Promise<IncomingMessage | undefined> {
  return incomingMessageOf(await readingIncoming(db, db('messages'), o).where('messages.id', messageId).first(), o);
}

/**
 * The read of an incoming message, from `from` as `messages`: the table, or a message just inserted
 * (core/conversations `appendMessageReadForRouting`, the insert's RETURNING as a CTE).
 */
export function readingIncoming(db: Knex | Knex.Transaction, from: Knex.QueryBuilder, o: IncomingReadRules): Knex.QueryBuilder {
  return from
    .join('conversations', 'conversations.id', 'messages.conversation_id')
    .join('channels', 'channels.id', 'conversations.channel_id')
    .leftJoin('contacts', 'contacts.id', 'conversations.contact_id')
    .select(
      'messages.*',
      'conversations.kind as conversation_kind',
      'conversations.channel_id',
      'conversations.external_id as conversation_external_id',
      'conversations.contact_id as conversation_contact_id',
      'conversations.dialogue',
      'conversations.inbox_status',
      'conversations.assignee_staff_id',
      'conversations.version as conversation_version',
      'conversations.waiting_since',
      'conversations.snoozed_until',
      'conversations.inbox_changed_at',
      'conversations.staff_replied_at',
      'channels.kind as channel_kind',
      'contacts.language as contact_language',
      ...(o.senderStaff ? [db.raw(`CASE WHEN channels.kind = 'line' THEN ${o.senderStaff('messages.org_id', 'conversations.channel_id', "messages.payload->>'senderId'")} END AS sender_staff`)] : []),
      ...(o.noticesSeen ? [db.raw(`CASE WHEN conversations.contact_id IS NOT NULL THEN ${o.noticesSeen('messages.org_id', 'conversations.contact_id')} END AS notices_seen`)] : []),
      ...(o.cases
        ? [db.raw(`CASE WHEN conversations.contact_id IS NOT NULL THEN (SELECT coalesce(json_agg(c), '[]'::json) FROM (?) c) END AS cases_here`, [o.cases(db.ref('conversations.contact_id'), db.ref('conversations.id'))])]
        : []),
      db.raw(
        `ARRAY(SELECT e.id FROM messages e
                WHERE e.conversation_id = messages.conversation_id
                  AND e.sent_at BETWEEN messages.sent_at - interval '${EARLIER_WINDOW}' AND messages.sent_at
                  AND (e.sent_at, coalesce(e.inbound_event_id, 0), e.created_at) < (messages.sent_at, coalesce(messages.inbound_event_id, 0), messages.created_at)
                  AND e.direction = 'in' AND e.sender_type = 'customer' AND e.routed_at IS NULL
                  AND coalesce(e.payload->>'mode', '') <> 'standby'
                ORDER BY e.sent_at, e.inbound_event_id, e.created_at
                LIMIT ${WAITING_BEFORE_LIMIT}) AS waiting_before`,
      ),
    );
}

/** The row `readingIncoming` gives, as the router takes it: undefined when there is nothing to route. */
export function incomingMessageOf(m: Record<string, any> | undefined, o: IncomingReadRules): IncomingMessage | undefined {
  if (!m || m.routed_at || m.direction !== 'in' || m.sender_type !== 'customer') return undefined;
  if (m.payload?.mode === 'standby') return undefined;
  return {
    id: m.id,
    orgId: m.org_id,
    kind: m.kind,
    text: m.text,
    payload: m.payload ?? {},
    inboundEventId: m.inbound_event_id,
    platformMessageId: m.platform_message_id,
    mediaPath: m.media_path,
    senderLineUserId: m.channel_kind === 'line' ? (m.payload?.senderId ?? null) : null,
    ...(o.senderStaff ? { senderStaff: m.sender_staff ?? null } : {}),
    waitingBefore: m.waiting_before ?? [],
    conversation: {
      id: m.conversation_id,
      kind: m.conversation_kind,
      channelId: m.channel_id,
      channelKind: m.channel_kind,
      externalId: m.conversation_external_id,
      contactId: m.conversation_contact_id,
      // As core/contacts `contactLanguage` reads it: Thai unless English.
      ...(m.conversation_contact_id ? { contactLanguage: m.contact_language === 'en' ? ('en' as const) : ('th' as const) } : {}),
      ...(o.noticesSeen && m.conversation_contact_id ? { noticesSeen: m.notices_seen ?? [] } : {}),
      ...(o.cases && m.conversation_contact_id ? { casesHere: m.cases_here ?? [] } : {}),
      dialogue: m.dialogue ?? null,
      inbox: inboxStateOf({ ...m, version: m.conversation_version }),
    },
  };
}
