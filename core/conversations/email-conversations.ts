import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { normalizeEmail } from '../contacts/contact-matching.ts';
import { openAddressThread } from './address-threads.ts';

/**
 * A customer's e-mail thread with the business: a conversation on the org's e-mail channel whose
 * chat address is the customer's e-mail address, and whose reply address
 * (`reply+<token>@<inbound domain>`) carries a token of its own, so that an answer finds its
 * conversation even when the customer changed the subject or wrote from another address.
 */
type Db = Knex | Knex.Transaction;

/** 80 random bits as 20 hex digits: fits the local part of any address, survives servers that lower-case it, and cannot be guessed. */
export function newReplyToken(): string {
  return randomBytes(10).toString('hex');
}

/** `reply+<token>@<domain of the inbound address>`. */
export function replyAddress(token: string, inboundAddress: string): string {
  return `reply+${token}@${inboundAddress.slice(inboundAddress.lastIndexOf('@') + 1)}`;
}

/**
 * The contact's e-mail conversation on the org's active e-mail channel, opened on first use; null
 * when the org has no e-mail channel, the contact no address, or the address unsubscribed.
 */
export async function emailConversationFor(db: Db, c: { orgId: string; contactId: string }): Promise<string | null> {
  const contact = await db('contacts').select('email', 'email_undeliverable_at').where({ org_id: c.orgId, id: c.contactId }).first();
  const address = typeof contact?.email === 'string' ? normalizeEmail(contact.email) : '';
  // No address, or one that bounced for good: no e-mail thread.
  if (!address.includes('@') || contact?.email_undeliverable_at) return null;
  return openAddressThread(db, { ...c, kind: 'email', address, columns: { reply_token: newReplyToken() } });
}

/** What an outgoing e-mail needs to stay in its thread: the reply token and the Message-IDs it answers. */
export interface EmailThread {
  replyToken: string | null;
  /** The customer's latest Message-ID, which the next e-mail answers (`In-Reply-To`). */
  inReplyTo: string | null;
  /** The thread's Message-IDs, oldest first (`References`), at most 20. */
  references: string[];
  /** The subject of the customer's latest e-mail, which an answer keeps ("Re: …"). */
  subject: string | null;
}

export async function emailThreadsOf(db: Db, c: { orgId: string; conversationIds: string[] }): Promise<Map<string, EmailThread>> {
  const ids = [...new Set(c.conversationIds)];
  const conversations: { id: string; reply_token: string | null }[] = await db('conversations').select('id', 'reply_token').where({ org_id: c.orgId }).whereIn('id', ids);
  // The latest 20 Message-IDs of each thread, in one read for the whole batch.
  const { rows } = await db.raw<{ rows: { conversation_id: string; platform_message_id: string; direction: string; subject: string | null }[] }>(
    `SELECT conversation_id, platform_message_id, direction, subject FROM (
       SELECT conversation_id, platform_message_id, direction, payload->'email'->>'subject' AS subject,
              row_number() OVER (PARTITION BY conversation_id ORDER BY created_at DESC) AS n
         FROM messages
        WHERE org_id = ? AND conversation_id = ANY(?::uuid[]) AND platform_message_id LIKE '<%'
     ) t WHERE n <= 20 ORDER BY n`,
    [c.orgId, ids],
  );
  return new Map(
    conversations.map((cv) => {
      const mine = rows.filter((r) => r.conversation_id === cv.id);
      const lastIn = mine.find((r) => r.direction === 'in');
      const thread: EmailThread = { replyToken: cv.reply_token, inReplyTo: lastIn?.platform_message_id ?? null, references: mine.map((r) => r.platform_message_id).reverse(), subject: lastIn?.subject ?? null };
      return [cv.id, thread];
    }),
  );
}

/** Where an e-mail to `reply+<token>@<domain>` belongs: the conversation of that token, on an active e-mail channel whose inbound address has that domain. */
export interface ReplyTarget {
  orgId: string;
  channelId: string;
  /** Absent for mail to the channel's inbound address itself: the thread's headers or the sender decide. */
  conversationId?: string;
}

const REPLY_ADDRESS = /^reply\+([a-z0-9]{8,64})@([^@\s]+)$/;

export async function conversationOfReplyAddress(db: Db, address: string): Promise<ReplyTarget | undefined> {
  const m = REPLY_ADDRESS.exec(address.trim().toLowerCase());
  if (!m) {
    // The inbound address itself (the org forwards its mailbox there): the channel, no conversation yet.
    const channel = await db('channels')
      .select('id', 'org_id')
      .where({ kind: 'email', is_active: true })
      .whereRaw(`lower(settings->'email'->>'inboundAddress') = ?`, [address.trim().toLowerCase()])
      .orderBy('created_at')
      .first();
    return channel ? { orgId: channel.org_id, channelId: channel.id } : undefined;
  }
  const [, token, domain] = m;
  const row = await db('conversations as cv')
    .join('channels as ch', 'ch.id', 'cv.channel_id')
    .select('cv.id', 'cv.org_id', 'cv.channel_id')
    .where({ 'cv.reply_token': token, 'ch.kind': 'email', 'ch.is_active': true })
    .whereRaw(`lower(split_part(ch.settings->'email'->>'inboundAddress', '@', 2)) = ?`, [domain])
    .first();
  return row ? { orgId: row.org_id, channelId: row.channel_id, conversationId: row.id } : undefined;
}

/** A conversation of the org by id, with its contact and chat address. */
export async function conversationByIdOf(db: Db, c: { orgId: string; conversationId: string }): Promise<{ id: string; contactId: string | null; externalId: string } | undefined> {
  const row = await db('conversations').select('id', 'contact_id', 'external_id').where({ org_id: c.orgId, id: c.conversationId }).first();
  return row ? { id: row.id, contactId: row.contact_id, externalId: row.external_id } : undefined;
}

/**
 * The conversation an inbound e-mail belongs to: the one its reply address named; else the one
 * holding a message it answers (`In-Reply-To`, `References`: our e-mails' Message-IDs are kept on
 * their messages); else the sender's own e-mail conversation on the channel. Undefined: a new
 * sender, whose conversation the inbound handler opens.
 */
export async function conversationOfMail(
  db: Db,
  m: { orgId: string; channelId: string; named?: string; answers: string[]; from: string },
): Promise<{ id: string; contactId: string | null; externalId: string } | undefined> {
  if (m.named) return conversationByIdOf(db, { orgId: m.orgId, conversationId: m.named });
  if (m.answers.length) {
    const row = await db('messages as m')
      .join('conversations as cv', 'cv.id', 'm.conversation_id')
      .select('cv.id', 'cv.contact_id', 'cv.external_id')
      .where({ 'm.org_id': m.orgId, 'cv.channel_id': m.channelId })
      .whereIn('m.platform_message_id', m.answers.slice(-50))
      .orderBy('m.created_at', 'desc')
      .first();
    if (row) return { id: row.id, contactId: row.contact_id, externalId: row.external_id };
  }
  const own = await db('conversations').select('id', 'contact_id', 'external_id').where({ org_id: m.orgId, channel_id: m.channelId, external_id: m.from }).first();
  return own ? { id: own.id, contactId: own.contact_id, externalId: own.external_id } : undefined;
}
