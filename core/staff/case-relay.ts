import { caseConversationId } from '../cases/case-queries.ts';
import type { Knex } from 'knex';
import { recordStaffReply } from '../cases/case-messages.ts';
import { markRelayedToGroups } from '../conversations/conversation-log.ts';
import { queueMessages, type StoredFile } from '../conversations/outgoing.ts';
import { ATTACHMENT_KINDS, attachmentMessages, type RelayedMessage } from '../media/attachment-messages.ts';
import type { OutboundMessage } from '../messaging/outbound-message.ts';
import type { Language } from '../vocabulary.ts';
import { groupsForCase } from './routing.ts';
import { postToGroup, type StaffDeps, type StaffMemberRef } from './staff-desk.ts';
import type { RelayToGroupsJob } from './staff-jobs.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * The two relays between a case's customer and its staff groups:
 *
 * - `relayToGroups` (the relay-to-groups job): a customer's follow-up on a case goes into every
 *   group routed for the case, as "C-000123 · Nok: text", posted with the case id so that a
 *   quote-reply to it in the group finds the case and goes back (bot/staff/relay.ts);
 * - `replyToCustomer`: a staff member's text or file to the case's customer, on the customer's
 *   own channel, recorded on the timeline; the first one is the case's first response.
 *
 * Files go both ways as signed links to our copy (core/media/attachment-messages.ts).
 */

// ---------------------------------------------------------------- customer -> groups

const UNNAMED: Record<Language, string> = { th: 'ลูกค้า', en: 'customer' };

/** A customer's message or file on an open case, into the case's groups with its number. */
export async function relayToGroups(deps: StaffDeps, trx: Knex.Transaction, job: RelayToGroupsJob): Promise<{ posted: number }> {
  const c = await trx('cases')
    .leftJoin('contacts', 'contacts.id', 'cases.contact_id')
    .select('cases.id', 'cases.org_id', 'cases.number', 'contacts.display_name')
    .where('cases.id', job.caseId)
    .first();
  const m = await trx('messages')
    .join('conversations', 'conversations.id', 'messages.conversation_id')
    .select('messages.id', 'messages.kind', 'messages.text', 'messages.media_path', 'messages.created_at', 'conversations.channel_id', 'conversations.external_id')
    .where('messages.id', job.messageId)
    .first();
  if (!c || !m) return { posted: 0 };
  // Relayed once, however often the job runs: the customer's message is marked in this transaction.
  if (!(await markRelayedToGroups(trx, m.id))) return { posted: 0 };
  // A VIP customer writing in their own group: the team there has read it already.
  const groups = (await groupsForCase(trx, c.id)).filter((g) => !(g.channelId === m.channel_id && g.lineGroupId === m.external_id));
  if (groups.length === 0) return { posted: 0 };

  const now = deps.now?.() ?? new Date();
  const message: RelayedMessage = { id: m.id, kind: m.kind, text: m.text, mediaPath: m.media_path, receivedAt: new Date(m.created_at) };
  let posted = 0;
  for (const group of groups) {
    const who = `${c.number} · ${c.display_name || UNNAMED[group.language]}:`;
    const messages: OutboundMessage[] = ATTACHMENT_KINDS.includes(m.kind)
      ? attachmentMessages(deps, message, m.text ? `${who} ${m.text}` : who, now)
      : [{ kind: 'text', text: `${who} ${m.text ?? `(${m.kind})`}` }];
    if (await postToGroup(trx, group, messages, { caseId: c.id, now })) posted++;
  }
  return { posted };
}

// ---------------------------------------------------------------- staff -> customer

/** One thing a staff member says: words, or a file (the message that carries it, served by a signed link). */
export type ReplyPart =
  | { text: string }
  | {
      attachment: RelayedMessage;
      /**
       * The attachment is a stored file, not a message (a case note's, core/cases/case-files.ts):
       * the message that carries it takes its id, as an upload's in the inbox does, so the thread names it.
       */
      storedFile?: { name: string; contentType: string };
    };

export interface StaffReply {
  orgId: string;
  caseId: string;
  staff: StaffMemberRef;
  /** What is said, in order: a case note's words, then its files. They go out in one send, in this order. */
  parts: ReplyPart[];
  /** The case note this reply sends (core/staff/note-on-case.ts): the timeline shows the two as one. */
  fromNoteEventId?: string;
  /** Where the staff member said it (a group's conversation), and their message there; none from a desk (the LIFF desk, the API). */
  fromConversationId?: string;
  sourceMessageId?: string;
  now: Date;
  /** Said where the customer reads it already (a VIP customer's own group): recorded, not sent again. */
  seenThere?: boolean;
}

/**
 * What a staff member says to a case's customer, from a LINE group (or, later, any other desk):
 * sent on the customer's conversation (LINE or WhatsApp), signed with the staff member's name
 * when the org asks for it (`orgs.settings.signStaffReplies`), with a public `message_out` per
 * part on the timeline and, the first time, the case's first response. The caller checks the case
 * can be replied to (open, has a customer conversation, the staff member's role allows it).
 *
 * All parts are queued as one send: a note's words and its photo reach the customer in the order
 * written, which two sends (two jobs) did not promise.
 */
export async function replyToCustomer(deps: Pick<StaffDeps, 'publicBaseUrl' | 'mediaLinkKey'>, trx: Knex.Transaction, r: StaffReply): Promise<{ messageIds: string[] }> {
  const conversationId = await caseConversationId(trx, r.orgId, r.caseId);
  if (!conversationId) throw new Error(`case ${r.caseId} has no customer conversation`);
  const org = await orgSettingsRow(trx, r.orgId);
  const signed = org?.settings?.signStaffReplies === true;

  const messages: OutboundMessage[] = [];
  const files = new Map<number, StoredFile>();
  const partMessages = r.parts.map((part) => {
    const these: OutboundMessage[] =
      'text' in part
        ? [{ kind: 'text', text: signed ? `${part.text}\n\n— ${r.staff.displayName}` : part.text }]
        : attachmentMessages(deps, part.attachment, undefined, r.now);
    messages.push(...these);
    if ('attachment' in part && part.attachment.mediaPath && part.storedFile) {
      const kind = part.attachment.kind === 'image' ? ('image' as const) : ('file' as const);
      files.set(messages.length - 1, { id: part.attachment.id, kind, mediaPath: part.attachment.mediaPath, ...part.storedFile });
    }
    return these.length;
  });
  const { messageIds } = r.seenThere
    ? { messageIds: [] as string[] }
    : await queueMessages(trx, { orgId: r.orgId, conversationId, messages, senderType: 'staff', staffId: r.staff.id, caseId: r.caseId, files });

  let taken = 0;
  for (const [i, part] of r.parts.entries()) {
    const ids = messageIds.slice(taken, taken + partMessages[i]);
    taken += partMessages[i];
    await recordStaffReply(trx, {
      orgId: r.orgId,
      caseId: r.caseId,
      staffId: r.staff.id,
      now: r.now,
      data: {
        messageIds: ids,
        text: 'text' in part ? part.text : null,
        ...('attachment' in part ? { attachment: { messageId: part.attachment.id, kind: part.attachment.kind } } : {}),
        fromConversationId: r.fromConversationId,
        sourceMessageId: r.sourceMessageId,
        ...(r.fromNoteEventId ? { fromNoteEventId: r.fromNoteEventId } : {}),
      },
    });
  }
  return { messageIds };
}
