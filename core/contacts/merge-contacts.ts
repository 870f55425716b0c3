import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit-log.ts';
import { notFound, validationFailed } from '../errors/index.ts';

/**
 * One person known twice (LINE and WhatsApp before either gave a phone number): everything of
 * `mergeId` moves to `keepId` (identities, conversations, cases, bookings), missing details are
 * filled from it, and it is deleted. Audited, with what was moved.
 */
export async function mergeContacts(
  db: Knex,
  m: { orgId: string; keepId: string; mergeId: string; actor: { type: 'api_key' | 'staff'; id: string }; requestId?: string },
): Promise<{ identities: number; conversations: number; cases: number; bookings: number }> {
  if (m.keepId === m.mergeId) throw validationFailed('A contact cannot be merged into itself');
  return db.transaction(async (trx) => {
    const contacts = await trx('contacts').whereIn('id', [m.keepId, m.mergeId]).andWhere({ org_id: m.orgId }).forUpdate();
    const keep = contacts.find((c) => c.id === m.keepId);
    const merge = contacts.find((c) => c.id === m.mergeId);
    if (!keep || !merge) throw notFound('Contact', { missing: !keep ? m.keepId : m.mergeId });
    const move = (table: string) => trx(table).where({ contact_id: m.mergeId }).update({ contact_id: m.keepId });
    const moved = {
      identities: await move('contact_identities'),
      conversations: await move('conversations'),
      cases: await move('cases'),
      bookings: await move('bookings'),
    };
    await trx('staff_groups').where({ contact_id: m.mergeId }).update({ contact_id: m.keepId });
    await trx('contacts')
      .where({ id: m.keepId })
      .update({
        display_name: keep.display_name ?? merge.display_name,
        phone: keep.phone ?? merge.phone,
        email: keep.email ?? merge.email,
        is_vip: keep.is_vip || merge.is_vip,
      });
    await trx('contacts').where({ id: m.mergeId }).delete();
    await recordAudit(trx, {
      orgId: m.orgId,
      actorType: m.actor.type,
      actorId: m.actor.id,
      action: 'contact.merged',
      subjectType: 'contact',
      subjectId: m.keepId,
      details: { merged: m.mergeId, ...moved },
      requestId: m.requestId,
    });
    return moved;
  });
}
