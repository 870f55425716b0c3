import type { Knex } from 'knex';
import { iso } from '../time/iso.ts';
import type { Language } from '../vocabulary.ts';
import { conversationEvents } from './conversation-timeline.ts';
import type { InboxStatus } from './inbox-rules.ts';
import { BLOCKED } from './outgoing.ts';
import { replyWindowOf, templatesOutsideWindow } from './reply-window.ts';

/**
 * The inbox as staff read it (docs/inbox.md): the lists (waiting, mine, open, resolved) and one
 * conversation with a page of its messages and its notes. Read-only; changes go through
 * conversation-commands.ts.
 */
type Db = Knex | Knex.Transaction;

export type InboxView = 'waiting' | 'mine' | 'open' | 'resolved';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIST_LIMIT = 100;

/** The customer of a conversation as staff call them: their name, else their phone, else null. */
export async function customerNameOf(db: Db, orgId: string, conversationId: string): Promise<string | null> {
  if (!UUID.test(conversationId)) return null;
  const row = await db('conversations')
    .leftJoin('contacts', 'contacts.id', 'conversations.contact_id')
    .select('contacts.display_name', 'contacts.phone')
    .where({ 'conversations.id': conversationId, 'conversations.org_id': orgId })
    .first();
  return row?.display_name ?? row?.phone ?? null;
}

/**
 * The customer conversation a staff member last wrote to from this group chat since `since`, and
 * when: a file they send right after goes there (bot/staff/relay.ts, STAFF_FILE_WINDOW_MS).
 */
export async function lastRepliedConversation(db: Db, r: { orgId: string; staffId: string; saidIn: string; since: Date }): Promise<{ conversationId: string; at: Date } | undefined> {
  const row = await db('conversation_events')
    .select('conversation_id', 'created_at')
    .where({ org_id: r.orgId, type: 'replied', actor_type: 'staff', actor_id: r.staffId })
    .andWhere('created_at', '>', r.since)
    .whereRaw(`data->>'saidIn' = ?`, [r.saidIn])
    .orderBy('id', 'desc')
    .first();
  return row ? { conversationId: row.conversation_id, at: new Date(row.created_at) } : undefined;
}

const summaryColumns = [
  'conversations.id',
  'conversations.inbox_status',
  'conversations.version',
  'conversations.assignee_staff_id',
  'conversations.waiting_since',
  'conversations.snoozed_until',
  'conversations.inbox_changed_at',
  'conversations.last_message_at',
  'conversations.contact_id',
  'channels.kind as channel_kind',
  'contacts.display_name as contact_name',
  'contacts.erased_at as contact_erased_at',
  'staff.display_name as assignee_name',
  'conversations.last_inbound_at',
  'contacts.language as contact_language',
  'last.text as last_text',
  'last.sent_at as last_sent_at',
];

function summaries(db: Db, orgId: string) {
  return db('conversations')
    .join('channels', 'channels.id', 'conversations.channel_id')
    .leftJoin('contacts', 'contacts.id', 'conversations.contact_id')
    .leftJoin('staff', 'staff.id', 'conversations.assignee_staff_id')
    // What the customer said last (the bot's hand-over text is not news), for a list row; the (conversation_id, sent_at) index finds it.
    .joinRaw(
      "left join lateral (select m.text, m.sent_at from messages m where m.conversation_id = conversations.id and m.direction = 'in' order by m.sent_at desc, m.created_at desc, m.id desc limit 1) as last on true",
    )
    .select(summaryColumns)
    .where('conversations.org_id', orgId);
}

const toSummary = (r: Record<string, any>) => ({
  id: r.id as string,
  status: r.inbox_status as InboxStatus,
  version: Number(r.version),
  channel: r.channel_kind as string,
  contact: r.contact_id ? { id: r.contact_id as string, name: (r.contact_name as string | null) ?? null, erased: Boolean(r.contact_erased_at) } : null,
  assignee: r.assignee_staff_id ? { id: r.assignee_staff_id as string, name: (r.assignee_name as string | null) ?? null } : null,
  waitingSince: iso(r.waiting_since),
  snoozedUntil: iso(r.snoozed_until),
  changedAt: iso(r.inbox_changed_at),
  lastMessageAt: iso(r.last_message_at),
  lastFromCustomer: r.last_sent_at ? { text: (r.last_text as string | null) ?? null, at: iso(r.last_sent_at) } : null,
});

/**
 * A list of conversations: `waiting` (nobody holds them yet, and snoozes that have run out),
 * longest wait first; `mine` (held by this staff member); `open` (every one a person is asked for
 * or holds); `resolved` (the latest first).
 */
export async function listConversations(db: Db, orgId: string, o: { view: InboxView; staffId?: string | null; now: Date }) {
  // An erased customer's conversation cannot be answered any more: it is listed nowhere.
  const q = summaries(db, orgId).whereNull('contacts.erased_at').limit(LIST_LIMIT);
  switch (o.view) {
    case 'waiting':
      q.where((w) => w.where('conversations.inbox_status', 'waiting').orWhere((s) => s.where('conversations.inbox_status', 'snoozed').andWhere('conversations.snoozed_until', '<=', o.now)));
      q.orderBy('conversations.waiting_since', 'asc');
      break;
    case 'mine':
      q.whereIn('conversations.inbox_status', ['assigned', 'snoozed']).andWhere('conversations.assignee_staff_id', o.staffId ?? null);
      q.orderBy('conversations.last_message_at', 'desc');
      break;
    case 'open':
      q.whereIn('conversations.inbox_status', ['waiting', 'assigned', 'snoozed']).orderBy('conversations.waiting_since', 'asc');
      break;
    case 'resolved':
      q.where('conversations.inbox_status', 'resolved').orderBy('conversations.inbox_changed_at', 'desc');
      break;
  }
  return (await q).map(toSummary);
}

/** Why an outgoing message did not reach the customer, as staff are told (docs/inbox.md). */
const notDelivered = (status: string | null, error: string | null) =>
  status === 'undelivered' && error?.startsWith(BLOCKED) ? ('blocked' as const) : status === 'failed' || status === 'undelivered' ? ('failed' as const) : null;

/**
 * One conversation: who holds it, a page of its messages (the newest page first, oldest first
 * within it; `before` a message id to read further back), and its private notes.
 */
export async function conversationDetail(
  db: Db,
  orgId: string,
  id: string,
  page: { before?: string; limit: number; now: Date; /** A signed link to a message's file. */ fileLink: (messageId: string) => string },
) {
  const row = UUID.test(id) ? await summaries(db, orgId).andWhere('conversations.id', id).first() : undefined;
  if (!row) return undefined;
  // In the order they reached us (or were queued): a platform's own times can disagree with ours.
  // One conversation's messages are few; the (conversation_id, sent_at) index finds them, so
  // message ingestion pays for no index of the inbox's own.
  const cursor = page.before && UUID.test(page.before) ? await db('messages').select('created_at', 'sent_at', 'id').where({ id: page.before, conversation_id: id }).first() : undefined;
  const rows: Record<string, any>[] = await db('messages')
    .select('id', 'direction', 'sender_type', 'staff_id', 'kind', 'text', 'sent_at', 'delivery_status', 'delivery_error', 'case_id', 'media_path', db.raw("payload->'attachment' as attachment"), db.raw("payload->'email' as email"))
    .where({ conversation_id: id })
    .modify((q) => (cursor ? q.whereRaw('(created_at, id) < (?, ?)', [cursor.created_at, cursor.id]) : q))
    .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }])
    .limit(page.limit + 1);
  const more = rows.length > page.limit;
  const shown = rows.slice(0, page.limit).reverse();
  const notes = await conversationEvents(db, id, ['note']);
  const replyWindow = replyWindowOf(row.channel_kind, row.last_inbound_at, page.now);
  const language: Language = row.contact_language === 'en' ? 'en' : 'th';
  return {
    ...toSummary(row),
    messages: shown.map((m) => ({
      id: m.id as string,
      direction: m.direction as 'in' | 'out',
      senderType: m.sender_type as string,
      staffId: (m.staff_id as string | null) ?? null,
      kind: m.kind as string,
      text: (m.text as string | null) ?? null,
      at: iso(m.sent_at as Date),
      deliveryStatus: (m.delivery_status as string | null) ?? null,
      notDelivered: m.direction === 'out' ? notDelivered(m.delivery_status, m.delivery_error) : null,
      caseId: (m.case_id as string | null) ?? null,
      // A file staff sent (its name and type kept with the message); a customer's file shows as before.
      attachment: m.attachment && m.media_path ? { url: page.fileLink(m.id), name: String(m.attachment.name), contentType: String(m.attachment.contentType) } : null,
      email: m.email ? emailView(m.email) : null,
    })),
    replyWindow,
    templates: replyWindow ? await templatesOutsideWindow(db, orgId, language) : [],
    olderBefore: more && shown.length ? shown[0].id : null,
    /** The time this page covers: from its first message when older pages remain, up to the page after it. */
    span: { from: more && shown.length ? iso(shown[0].sent_at as Date) : null, to: cursor ? iso(cursor.sent_at as Date) : null },
    notes: notes.map((n) => ({ id: n.id, staffId: n.actorId, text: String(n.data.text ?? ''), at: n.at.toISOString() })),
  };
}

/**
 * The customer of a conversation and its channel's kind: what staff need before they send a file
 * or open a case or a booking for them. Undefined when it is not the org's or has no customer;
 * `erased` when the customer's data was erased (nothing may be written to them).
 */
export async function conversationCustomer(db: Db, orgId: string, conversationId: string) {
  if (!UUID.test(conversationId)) return undefined;
  const row = await db('conversations')
    .join('contacts', 'contacts.id', 'conversations.contact_id')
    .join('channels', 'channels.id', 'conversations.channel_id')
    .select('contacts.id', 'contacts.language', 'contacts.erased_at', 'channels.kind as channel')
    .where({ 'conversations.id': conversationId, 'conversations.org_id': orgId })
    .first();
  return row
    ? { contactId: row.id as string, language: (row.language === 'en' ? 'en' : 'th') as 'th' | 'en', erased: Boolean(row.erased_at), channel: row.channel as string }
    : undefined;
}

/** What staff see of a customer's e-mail beside its text (bot/email/inbound-email.ts keeps it; the HTML is sanitised there). */
function emailView(e: Record<string, any>) {
  return {
    subject: (e.subject as string | null) ?? null,
    from: String(e.from ?? ''),
    html: (e.html as string | null) ?? null,
    attachments: ((e.attachments ?? []) as Record<string, unknown>[]).map((a) => ({ name: String(a.name), contentType: String(a.contentType), size: Number(a.size) })),
    automatic: (e.automatic as string | undefined) ?? null,
    fromMismatch: e.fromMismatch ? { conversationAddress: String(e.fromMismatch.conversationAddress) } : null,
  };
}
