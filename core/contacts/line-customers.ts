import type { Knex } from 'knex';
import { whereOrgServed, type LiffOrgScope } from '../access/liff-org-scope.ts';
import type { Language } from '../vocabulary.ts';
import { resolveContact } from './contact-identities.ts';

/**
 * A customer known by their LINE user id, for the LIFF pages: the contact with that id on a LINE
 * channel of an org the sign-in serves (core/access/liff-org-scope.ts: the org of the LINE Login
 * channel the token was issued for, or the one the page names). Where several orgs share the
 * deployment's Login channel and the page names none, the default org's contact comes first.
 */
export interface LineCustomer {
  orgId: string;
  contactId: string;
  channelId: string;
  name: string | null;
  language: Language;
}

export async function findLineCustomer(db: Knex | Knex.Transaction, lineUserId: string, scope: LiffOrgScope): Promise<LineCustomer | undefined> {
  const row = await whereOrgServed(db('contact_identities as ci')
    .join('channels as ch', 'ch.id', 'ci.channel_id')
    .join('orgs as o', 'o.id', 'ci.org_id')
    .join('contacts as c', 'c.id', 'ci.contact_id')
    .select('ci.org_id', 'ci.contact_id', 'ci.channel_id', 'c.display_name', 'c.language')
    .where({ 'ci.external_id': lineUserId, 'ch.kind': 'line', 'o.status': 'active' })
    .orderBy([{ column: 'o.is_default', order: 'desc' }, { column: 'ch.is_active', order: 'desc' }]), scope)
    .first();
  if (!row) return undefined;
  return { orgId: row.org_id, contactId: row.contact_id, channelId: row.channel_id, name: row.display_name ?? null, language: row.language === 'en' ? 'en' : 'th' };
}

/**
 * The customer of a verified LINE user id, made known when they are new (a customer may open the
 * booking form before ever writing to the Official Account): tied to the active LINE channel of
 * the org the sign-in serves (the default org first), as a first message would tie them.
 * Undefined when that org has no LINE channel.
 */
export async function lineCustomerFor(trx: Knex.Transaction, c: { lineUserId: string; name?: string; language: Language; scope: LiffOrgScope }): Promise<LineCustomer | undefined> {
  const known = await findLineCustomer(trx, c.lineUserId, c.scope);
  if (known) return known;
  const channel = await whereOrgServed(
    trx('channels as ch')
      .join('orgs as o', 'o.id', 'ch.org_id')
      .select('ch.id', 'ch.org_id')
      .where({ 'ch.kind': 'line', 'ch.is_active': true, 'o.status': 'active' })
      .orderBy([{ column: 'o.is_default', order: 'desc' }, { column: 'ch.created_at', order: 'asc' }]),
    c.scope,
  ).first();
  if (!channel) return undefined;
  await resolveContact(trx, { orgId: channel.org_id, channelId: channel.id, externalId: c.lineUserId, displayName: c.name, language: c.language });
  return findLineCustomer(trx, c.lineUserId, c.scope);
}
