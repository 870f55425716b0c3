import type { Knex } from 'knex';
import { markRelayedToGroups } from '../conversations/conversation-log.ts';
import type { ConversationEventSubscriber } from '../conversations/conversation-timeline.ts';
import { customerNameOf } from '../conversations/inbox-queries.ts';
import { ATTACHMENT_KINDS, attachmentMessages, type RelayedMessage } from '../media/attachment-messages.ts';
import type { OutboundMessage } from '../messaging/outbound-message.ts';
import { postToGroup, staffName, toStaffGroup, type StaffDeps, type StaffGroupRef } from './staff-desk.ts';
import { queueStaffJob, STAFF_JOBS, type RelayConversationJob } from './staff-jobs.ts';
import { say, type Phrase } from './staff-phrases.ts';

/**
 * A customer waiting for a person, and the staff groups that got their card
 * (core/staff/conversation-announcements.ts): every bot message there about the conversation is
 * stored with it (`about_conversation_id`), so a quote-reply to any of them answers the customer
 * (bot/staff/conversation-relay.ts), and those groups keep hearing of it:
 *
 * - `relayConversationMessage` (the relay-conversation job): while a person is needed, each new
 *   message of the customer, "Nok: text" (a file as an image or a link). A message on an open
 *   case is not here: the case relay posts it to the case's groups (core/staff/case-relay.ts);
 * - `holderNews`: who holds it now, one line when it is taken, given or resolved (LINE cannot
 *   change the card already posted). A tap is answered where it was tapped already, so that group
 *   gets no second line; a reply that took the conversation is answered "Sent to the customer",
 *   which does not say who holds it, so its group gets the line too.
 */
export const HOLDER_NEWS = {
  took: { th: '{who} รับเรื่องของ {customer} แล้วค่ะ', en: '{who} took the conversation with {customer}' },
  tookOver: { th: '{who} รับเรื่องของ {customer} ต่อจาก {owner} แล้วค่ะ', en: '{who} took over the conversation with {customer} from {owner}' },
  gave: { th: '{who} มอบเรื่องของ {customer} ให้ {assignee} แล้วค่ะ', en: '{who} gave the conversation with {customer} to {assignee}' },
  resolved: { th: '{who} ปิดเรื่องของ {customer} แล้ว บอทจะตอบลูกค้าต่อค่ะ', en: '{who} resolved the conversation with {customer}; the bot answers them again' },
} satisfies Record<string, Phrase>;

const UNNAMED: Phrase = { th: 'ลูกค้า', en: 'the customer' };
const SOMEONE: Phrase = { th: 'เจ้าหน้าที่', en: 'Someone' };

/** The active staff groups that got a bot message about this conversation (its card, first), with their chat there. */
export async function groupsOfConversation(db: Knex | Knex.Transaction, conversationId: string): Promise<(StaffGroupRef & { chatId: string })[]> {
  const rows = await db('staff_groups')
    .join('conversations', function () {
      this.on('conversations.channel_id', 'staff_groups.channel_id').andOn('conversations.external_id', 'staff_groups.line_group_id');
    })
    .select('staff_groups.*', 'conversations.id as chat_id')
    .where('staff_groups.is_active', true)
    .whereIn('conversations.id', db('messages').select('conversation_id').where({ about_conversation_id: conversationId }))
    .orderBy('staff_groups.created_at');
  return rows.map((r) => ({ ...toStaffGroup(r), chatId: r.chat_id }));
}

/** A customer's message while a person is needed: to their conversation's groups, after this transaction commits. */
export async function relayConversationMessageLater(trx: Knex.Transaction, m: { orgId: string; conversationId: string; messageId: string }): Promise<void> {
  await queueStaffJob(trx, m.orgId, { name: STAFF_JOBS.relayConversation, payload: { conversationId: m.conversationId, messageId: m.messageId } });
}

/** The customer's message into the groups that got the conversation's card, once however often the job runs. */
export async function relayConversationMessage(deps: StaffDeps, trx: Knex.Transaction, job: RelayConversationJob): Promise<{ posted: number }> {
  const m = await trx('messages')
    .leftJoin('conversations', 'conversations.id', 'messages.conversation_id')
    .leftJoin('contacts', 'contacts.id', 'conversations.contact_id')
    .select('messages.id', 'messages.kind', 'messages.text', 'messages.media_path', 'messages.created_at', 'contacts.display_name', 'contacts.phone')
    .where({ 'messages.id': job.messageId, 'messages.conversation_id': job.conversationId })
    .first();
  if (!m) return { posted: 0 };
  const groups = await groupsOfConversation(trx, job.conversationId);
  if (!groups.length || !(await markRelayedToGroups(trx, m.id))) return { posted: 0 };
  const now = deps.now?.() ?? new Date();
  const file: RelayedMessage = { id: m.id, kind: m.kind, text: m.text, mediaPath: m.media_path, receivedAt: new Date(m.created_at) };
  let posted = 0;
  for (const group of groups) {
    const who = `${m.display_name ?? m.phone ?? UNNAMED[group.language]}:`;
    const messages: OutboundMessage[] = ATTACHMENT_KINDS.includes(m.kind)
      ? attachmentMessages(deps, file, m.text ? `${who} ${m.text}` : who, now)
      : [{ kind: 'text', text: `${who} ${m.text ?? `(${m.kind})`}` }];
    if (await postToGroup(trx, group, messages, { aboutConversationId: job.conversationId, now })) posted++;
  }
  return { posted };
}

/** Who holds the conversation now, one line to each of its groups (but the one already answered). */
export const holderNews: ConversationEventSubscriber = async (trx, e) => {
  if (e.type !== 'taken' && e.type !== 'assigned' && e.type !== 'resolved') return;
  const data = e.data ?? {};
  const groups = (await groupsOfConversation(trx, e.conversationId)).filter((g) => data.byReply === true || g.chatId !== data.saidIn);
  if (!groups.length) return;
  const name = async (id: unknown) => (typeof id === 'string' ? await staffName(trx, id) : undefined);
  const who = e.actor.type === 'staff' ? await name(e.actor.id) : undefined;
  const previous = await name(data.previousAssignee);
  const assignee = await name(data.to);
  const customer = await customerNameOf(trx, e.orgId, e.conversationId);
  for (const group of groups) {
    const lang = group.language;
    const vars = { who: who ?? SOMEONE[lang], customer: customer ?? UNNAMED[lang], owner: previous, assignee };
    const phrase =
      e.type === 'resolved' ? HOLDER_NEWS.resolved : e.type === 'assigned' ? HOLDER_NEWS.gave : previous && data.previousAssignee !== e.actor.id ? HOLDER_NEWS.tookOver : HOLDER_NEWS.took;
    await postToGroup(trx, group, [{ kind: 'text', text: say(lang, phrase, vars) }], { aboutConversationId: e.conversationId, now: e.now });
  }
};
