import type { Knex } from 'knex';
import type { Language } from '../vocabulary.ts';
import { resolveContact } from './contact-identities.ts';

/**
 * A customer known by their LINE user id, for the LIFF pages. A LIFF app belongs to the
 * deployment's LINE Login channel, which serves the default org's Official Account, and a LINE
 * user id is the same for every channel of one LINE provider: the customer is the default org's
 * contact with that id on one of its LINE channels.
 */
export interface LineCustomer {
  orgId: string;
  contactId: string;
  channelId: string;
  name: string | null;
  language: Language;
}

export async function findLineCustomer(db: Knex | Knex.Transaction, lineUserId: string): Promise<LineCustomer | undefined> {
  const row = await db('contact_identities as ci')
    .join('channels as ch', 'ch.id', 'ci.channel_id')
    .join('orgs as o', 'o.id', 'ci.org_id')
    .join('contacts as c', 'c.id', 'ci.contact_id')
    .select('ci.org_id', 'ci.contact_id', 'ci.channel_id', 'c.display_name', 'c.language')
    .where({ 'ci.external_id': lineUserId, 'ch.kind': 'line', 'o.is_default': true })
    .orderBy('ch.is_active', 'desc')
    .first();
  if (!row) return undefined;
  return { orgId: row.org_id, contactId: row.contact_id, channelId: row.channel_id, name: row.display_name ?? null, language: row.language === 'en' ? 'en' : 'th' };
}

/**
 * The customer of a verified LINE user id, made known when they are new (a customer may open the
 * booking form before ever writing to the Official Account): tied to the default org's active
 * LINE channel, as a first message would tie them. Undefined when the org has no LINE channel.
 */
export async function lineCustomerFor(trx: Knex.Transaction, c: { lineUserId: string; name?: string; language: Language }): Promise<LineCustomer | undefined> {
  const known = await findLineCustomer(trx, c.lineUserId);
  if (known) return known;
  const channel = await trx('channels as ch')
    .join('orgs as o', 'o.id', 'ch.org_id')
    .select('ch.id', 'ch.org_id')
    .where({ 'ch.kind': 'line', 'ch.is_active': true, 'o.is_default': true })
    .orderBy('ch.created_at')
    .first();
  if (!channel) return undefined;
  await resolveContact(trx, { orgId: channel.org_id, channelId: channel.id, externalId: c.lineUserId, displayName: c.name, language: c.language });
  return findLineCustomer(trx, c.lineUserId);
}
