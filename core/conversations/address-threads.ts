import type { Knex } from 'knex';
import { normalizePhone } from '../contacts/contact-matching.ts';

/**
 * A conversation opened by us rather than by the customer: on the org's channel of a kind, with
 * the contact's own address (an e-mail address, a phone number) as the chat's address, for a
 * customer who has never written on it. Concurrent openers get one row (unique on channel + address).
 * Null when the org has no active channel of that kind, or the address already left it (an SMS
 * STOP, an unsubscribe: core/contacts/channel-opt-outs.ts).
 */
type Db = Knex | Knex.Transaction;

export async function openAddressThread(
  db: Db,
  t: { orgId: string; contactId: string; kind: 'email' | 'sms'; address: string; columns?: Record<string, unknown> },
): Promise<string | null> {
  const channel = await db('channels').select('id').where({ org_id: t.orgId, kind: t.kind, is_active: true }).orderBy('created_at').first();
  if (!channel) return null;
  const left = await db('channel_opt_outs').select('id').where({ channel_id: channel.id, address: t.address.toLowerCase() }).whereNotNull('opted_out_at').first();
  if (left) return null;
  const existing = await db('conversations').select('id').where({ org_id: t.orgId, channel_id: channel.id, external_id: t.address }).first();
  if (existing) return existing.id;
  await db('conversations')
    .insert({ org_id: t.orgId, channel_id: channel.id, contact_id: t.contactId, kind: 'direct', external_id: t.address, ...t.columns })
    .onConflict(['channel_id', 'external_id'])
    .ignore();
  const row = await db('conversations').select('id').where({ org_id: t.orgId, channel_id: channel.id, external_id: t.address }).first();
  return row?.id ?? null;
}

/** The contact's SMS conversation on the org's SMS number, opened on first use; null without a phone number or an SMS channel. */
export async function smsConversationFor(db: Db, c: { orgId: string; contactId: string }): Promise<string | null> {
  const contact = await db('contacts').select('phone').where({ org_id: c.orgId, id: c.contactId }).first();
  const phone = typeof contact?.phone === 'string' && contact.phone.trim() ? normalizePhone(contact.phone) : '';
  // Twilio takes E.164 only: 7 to 15 digits behind the plus.
  if (!/^\+[1-9]\d{6,14}$/.test(phone)) return null;
  return openAddressThread(db, { ...c, kind: 'sms', address: phone });
}
