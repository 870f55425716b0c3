import type { Knex } from 'knex';
import type { Language } from '../vocabulary.ts';
import { resolveContact } from './contact-identities.ts';
import { findOrCreateContact } from './contact-matching.ts';

/**
 * The customer a request names by one of their handles (a case opened through the API,
 * core/cases/case-requests.ts): an org's contact by id, or whoever has that LINE user id, phone or
 * e-mail, made a contact when nobody has it yet. A LINE user id new to the org becomes an identity
 * on the org's LINE channel, as a first message would make it, so the customer can be told there.
 * A phone is kept in E.164 and matched as the booking forms match it (contact-matching.ts).
 */
export type CustomerHandle = { contactId: string } | { lineUserId: string } | { phone: string } | { email: string };

export type NamedCustomer = { contactId: string; created: boolean } | { refused: { path: string; message: string } };

export async function namedCustomer(trx: Knex.Transaction, orgId: string, h: CustomerHandle, who: { name?: string; language: Language }): Promise<NamedCustomer> {
  if ('contactId' in h) {
    // Another org's contact is answered as one that does not exist: an id says nothing across orgs.
    const row = await trx('contacts').select('id', 'erased_at').where({ id: h.contactId, org_id: orgId }).first();
    if (!row) return { refused: { path: 'contactId', message: 'No contact of this business has this id' } };
    // An erased customer (PDPA) is not written about again by id: a new case names them afresh.
    if (row.erased_at) return { refused: { path: 'contactId', message: 'This customer was erased: name them by their phone, e-mail or LINE id' } };
    return { contactId: row.id, created: false };
  }
  if ('lineUserId' in h) {
    const known = await trx('contact_identities as ci')
      .join('channels as ch', 'ch.id', 'ci.channel_id')
      .select('ci.contact_id')
      .where({ 'ci.org_id': orgId, 'ci.external_id': h.lineUserId, 'ch.kind': 'line' })
      .orderBy('ch.is_active', 'desc')
      .first();
    if (known) return { contactId: known.contact_id, created: false };
    const channel = await trx('channels').select('id').where({ org_id: orgId, kind: 'line', is_active: true }).orderBy('created_at').first();
    if (!channel) return { refused: { path: 'lineUserId', message: 'This business has no LINE channel in use to know this user on' } };
    return resolveContact(trx, { orgId, channelId: channel.id, externalId: h.lineUserId, displayName: who.name, language: who.language });
  }
  const found = await findOrCreateContact(trx, { orgId, name: who.name ?? '', language: who.language, ...h });
  return { contactId: found.contactId, created: found.created };
}
