import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit-log.ts';
import { DomainError, notFound } from '../errors/index.ts';
import { Subscribers } from '../subscribers.ts';
import { eraseInboundEvents } from '../inbound/inbound-events.ts';
import { recordContactEvent } from './merge-contacts.ts';
import { withdrawOnErasure } from './consent.ts';

/**
 * Erasing a customer under Thailand's PDPA (a data subject's request). The contact row stays, so
 * that what it did still counts (bookings and cases keep numbers, amounts, stages, statuses and
 * times), but it no longer says who they were: name, e-mail, phone, the business's reference and
 * attributes are removed, their channel identities (LINE user id, WhatsApp number, profile with
 * display name and picture) are deleted, so that neither the intake's matching nor a new message
 * finds them again. What other modules keep of the contact is erased by those modules, subscribed
 * in bin/system.ts, in this transaction (conversations and messages, cases and their timeline,
 * bookings, quotes and their timeline, the example phrases learned from their words). Merges kept for an undo lose their copy of the person and
 * can no longer be undone. Their answers to the privacy notice are kept, personal data free, as
 * the proof of what they consented to, and a consent is withdrawn (consent.ts). On the contact's
 * timeline (`erased`) and in the audit log, with counts.
 */
export type ContactErasureSubscriber = (trx: Knex.Transaction, e: { orgId: string; contactId: string }) => Promise<Record<string, number>>;

const ERASED_BY = ['conversations', 'cases', 'bookings', 'learned examples'] as const;
const subscribers = new Subscribers<{ orgId: string; contactId: string }, Record<string, number>>();

/** The module that keeps `what` of a contact erases its personal data on an erasure. */
export function subscribeToContactErasure(what: (typeof ERASED_BY)[number], subscriber: ContactErasureSubscriber): void {
  subscribers.subscribe(what, subscriber);
}

export async function eraseContact(
  db: Knex,
  e: { orgId: string; contactId: string; actor: { type: 'api_key' | 'staff'; id: string }; requestId?: string },
): Promise<{ contactId: string; erasedAt: string; counts: Record<string, number> }> {
  return db.transaction(async (trx) => {
    const contact = await trx('contacts').where({ id: e.contactId, org_id: e.orgId }).forUpdate().first();
    if (!contact) throw notFound('Contact', { id: e.contactId });
    if (contact.erased_at) throw new DomainError('conflict', 'This contact was erased already', { contactId: e.contactId, erasedAt: contact.erased_at });
    const counts: Record<string, number> = {};
    for (const what of ERASED_BY) {
      const subscriber = subscribers.get(what);
      if (!subscriber) throw new Error(`nobody erases a contact's ${what}: subscribe it in bin/system.ts`);
      Object.assign(counts, await subscriber(trx, { orgId: e.orgId, contactId: e.contactId }));
    }
    // The raw platform events of the customer: those their messages came from, and any naming one of their ids.
    const externalIds: string[] = await trx('contact_identities').where({ org_id: e.orgId, contact_id: e.contactId }).pluck('external_id');
    const eventIds: number[] = await trx('messages as m')
      .join('conversations as cv', 'cv.id', 'm.conversation_id')
      .where({ 'cv.org_id': e.orgId, 'cv.contact_id': e.contactId })
      .whereNotNull('m.inbound_event_id')
      .pluck('m.inbound_event_id');
    counts.inboundEvents = await eraseInboundEvents(trx, { orgId: e.orgId, eventIds: eventIds.map(Number), externalIds });
    counts.identities = await trx('contact_identities').where({ org_id: e.orgId, contact_id: e.contactId }).delete();
    counts.merges = await trx('contact_merges')
      .where({ org_id: e.orgId })
      .andWhere((q) => q.where({ keep_id: e.contactId }).orWhere({ merged_id: e.contactId }))
      .update({ merged_contact: JSON.stringify({ erased: true }), keep_before: JSON.stringify({}) });
    Object.assign(counts, await withdrawOnErasure(trx, { orgId: e.orgId, contactId: e.contactId, actor: { type: e.actor.type, id: e.actor.id } }));
    const [row] = await trx('contacts')
      .where({ id: e.contactId })
      .update({ display_name: null, email: null, phone: null, external_ref: null, attributes: JSON.stringify({}), erased_at: trx.fn.now() })
      .returning('erased_at');
    await recordContactEvent(trx, { orgId: e.orgId, contactId: e.contactId, type: 'erased', actor: { type: e.actor.type, id: e.actor.id }, data: { counts } });
    await recordAudit(trx, {
      orgId: e.orgId,
      actorType: e.actor.type,
      actorId: e.actor.id,
      action: 'contact.erased',
      subjectType: 'contact',
      subjectId: e.contactId,
      details: counts,
      requestId: e.requestId,
    });
    return { contactId: e.contactId, erasedAt: new Date(row.erased_at).toISOString(), counts };
  });
}
