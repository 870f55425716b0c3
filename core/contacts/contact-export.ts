import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit-log.ts';
import { notFound } from '../errors/index.ts';
import { consentsForExport } from './consent.ts';

/**
 * Everything the desk holds on one customer, as JSON, for a data subject's access request under
 * Thailand's PDPA: the contact, their identities, every conversation with every message, their
 * bookings with timelines and quotes, their cases with timelines, their answers to the privacy
 * notice (every version they answered, when, where). The export itself is audited
 * (who, when, how much). Read-only otherwise; it reads the other owners' tables without importing
 * their modules.
 */
export async function exportContact(knex: Knex, e: { orgId: string; contactId: string; actor: { type: 'api_key' | 'staff'; id: string }; requestId?: string }) {
  return knex.transaction(async (trx) => {
    const contact = await trx('contacts').where({ id: e.contactId, org_id: e.orgId }).first();
    if (!contact) throw notFound('Contact', { id: e.contactId });
    const identities = await trx('contact_identities').where({ contact_id: e.contactId }).orderBy('created_at');
    const conversations = await trx('conversations').where({ contact_id: e.contactId }).orderBy('created_at');
    const messages = conversations.length
      ? await trx('messages').whereIn('conversation_id', conversations.map((c) => c.id)).orderBy([{ column: 'sent_at' }, { column: 'id' }])
      : [];
    const bookings = await trx('bookings').where({ contact_id: e.contactId, org_id: e.orgId }).orderBy('created_at');
    const bookingIds = bookings.map((b) => b.id);
    const bookingEvents = bookingIds.length ? await trx('booking_events').whereIn('booking_id', bookingIds).orderBy('id') : [];
    const quotes = bookingIds.length ? await trx('booking_quotes').whereIn('booking_id', bookingIds).orderBy([{ column: 'booking_id' }, { column: 'version' }]) : [];
    const cases = await trx('cases').where({ contact_id: e.contactId, org_id: e.orgId }).orderBy('created_at');
    const caseIds = cases.map((c) => c.id);
    const caseEvents = caseIds.length ? await trx('case_events').whereIn('case_id', caseIds).orderBy('id') : [];
    const consents = await consentsForExport(trx, e.orgId, e.contactId);
    const strip = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([k]) => !['token', 'tracking_token'].includes(k)));
    const exported = {
      exportedAt: new Date().toISOString(),
      contact,
      identities,
      conversations: conversations.map((c) => ({ ...c, messages: messages.filter((m) => m.conversation_id === c.id) })),
      bookings: bookings.map((b) => ({ ...strip(b), events: bookingEvents.filter((x) => x.booking_id === b.id), quotes: quotes.filter((q) => q.booking_id === b.id).map(strip) })),
      cases: cases.map((c) => ({ ...strip(c), events: caseEvents.filter((x) => x.case_id === c.id) })),
      consents,
    };
    await recordAudit(trx, {
      orgId: e.orgId,
      actorType: e.actor.type,
      actorId: e.actor.id,
      action: 'contact.exported',
      subjectType: 'contact',
      subjectId: e.contactId,
      details: { identities: identities.length, messages: messages.length, bookings: bookings.length, cases: cases.length, consents: consents.length },
      requestId: e.requestId,
    });
    return exported;
  });
}
