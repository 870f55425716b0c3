import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { normalizeEmail } from '../contacts/contact-matching.ts';

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
 * when the org has no e-mail channel or the contact no address. Concurrent openers get one row
 * (unique on channel + address).
 */
export async function emailConversationFor(db: Db, c: { orgId: string; contactId: string }): Promise<string | null> {
  const contact = await db('contacts').select('email').where({ org_id: c.orgId, id: c.contactId }).first();
  const address = typeof contact?.email === 'string' ? normalizeEmail(contact.email) : '';
  if (!address.includes('@')) return null;
  const channel = await db('channels').select('id').where({ org_id: c.orgId, kind: 'email', is_active: true }).orderBy('created_at').first();
  if (!channel) return null;
  const existing = await db('conversations').select('id').where({ org_id: c.orgId, channel_id: channel.id, external_id: address }).first();
  if (existing) return existing.id;
  await db('conversations')
    .insert({ org_id: c.orgId, channel_id: channel.id, contact_id: c.contactId, kind: 'direct', external_id: address, reply_token: newReplyToken() })
    .onConflict(['channel_id', 'external_id'])
    .ignore();
  const row = await db('conversations').select('id').where({ org_id: c.orgId, channel_id: channel.id, external_id: address }).first();
  return row?.id ?? null;
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

export async function emailThreadOf(db: Db, c: { orgId: string; conversationId: string }): Promise<EmailThread> {
  const conversation = await db('conversations').select('reply_token').where({ org_id: c.orgId, id: c.conversationId }).first();
  const rows: { platform_message_id: string; direction: string; subject: string | null }[] = await db('messages')
    .select('platform_message_id', 'direction', db.raw(`payload->'email'->>'subject' AS subject`))
    .where({ org_id: c.orgId, conversation_id: c.conversationId })
    .whereNotNull('platform_message_id')
    .orderBy('created_at', 'desc')
    .limit(20);
  const ids = rows.map((r) => r.platform_message_id).filter((id) => id.startsWith('<'));
  const lastIn = rows.find((r) => r.direction === 'in' && r.platform_message_id.startsWith('<'));
  return { replyToken: conversation?.reply_token ?? null, inReplyTo: lastIn?.platform_message_id ?? null, references: ids.reverse(), subject: lastIn?.subject ?? null };
}

/** Where an e-mail to `reply+<token>@<domain>` belongs: the conversation of that token, on an active e-mail channel whose inbound address has that domain. */
export interface ReplyTarget {
  orgId: string;
  channelId: string;
  conversationId: string;
}

const REPLY_ADDRESS = /^reply\+([a-z0-9]{8,64})@([^@\s]+)$/;

export async function conversationOfReplyAddress(db: Db, address: string): Promise<ReplyTarget | undefined> {
  const m = REPLY_ADDRESS.exec(address.trim().toLowerCase());
  if (!m) return undefined;
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
