import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit-log.ts';
import { iso } from '../time/iso.ts';
import { applyGroupSettings, type GroupSettings } from './staff-groups.ts';

/**
 * The org's staff groups as its admins see and set them: the same settings a manager makes from
 * inside the group with "setup" (bot/staff/group-setup.ts). Groups come into being when the bot
 * is added to them, so none is created here.
 */
type Db = Knex | Knex.Transaction;

/** The org's groups (or the one with `id`), active first, with their VIP contact or provider. */
export async function listStaffGroups(db: Db, orgId: string, id?: string) {
  const rows = await db('staff_groups')
    .leftJoin('contacts', 'contacts.id', 'staff_groups.contact_id')
    .leftJoin('providers', 'providers.id', 'staff_groups.provider_id')
    .select('staff_groups.*', 'contacts.display_name as contact_name', 'providers.key as provider_key', 'providers.name as provider_name')
    .where('staff_groups.org_id', orgId)
    .modify((q) => (id ? q.where('staff_groups.id', id) : q))
    .orderBy([{ column: 'staff_groups.is_active', order: 'desc' }, 'staff_groups.created_at']);
  return rows.map((r: Record<string, any>) => ({
    id: r.id,
    lineGroupId: r.line_group_id,
    name: r.name,
    purpose: r.purpose,
    routing: r.routing ?? {},
    language: r.language,
    isActive: r.is_active,
    contact: r.contact_id ? { id: r.contact_id, displayName: r.contact_name } : null,
    provider: r.provider_id ? { id: r.provider_id, key: r.provider_key, name: r.provider_name } : null,
    joinedAt: iso(r.joined_at),
    leftAt: iso(r.left_at),
    updatedAt: iso(r.updated_at)!,
  }));
}

export type StaffGroupView = Awaited<ReturnType<typeof listStaffGroups>>[number];

/** Sets what a group is for and what is routed to it, audited; answers the group as it now is. */
export async function updateStaffGroup(
  db: Knex,
  u: { orgId: string; groupId: string; settings: GroupSettings; actor: { type: 'api_key' | 'staff'; id: string }; requestId?: string },
): Promise<StaffGroupView> {
  return db.transaction(async (trx) => {
    const updated = await applyGroupSettings(trx, u.orgId, u.groupId, u.settings);
    await recordAudit(trx, {
      orgId: u.orgId,
      actorType: u.actor.type,
      actorId: u.actor.id,
      action: 'staff_group.updated',
      subjectType: 'staff_group',
      subjectId: updated.id,
      details: { ...u.settings, contactId: updated.contactId, providerId: updated.providerId },
      requestId: u.requestId,
    });
    const [shown] = await listStaffGroups(trx, u.orgId, updated.id);
    return shown;
  });
}
