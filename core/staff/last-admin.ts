import type { Knex } from 'knex';
import { DomainError } from '../errors/index.ts';

/**
 * An org keeps at least one admin on its staff (giving them another role, or removing them, is
 * refused): without one nobody could add staff, change roles, or connect channels from the
 * Settings app. The other admins' rows are locked, so two admins demoting (or removing) each
 * other at once cannot both succeed.
 */
export async function refuseLastAdmin(trx: Knex.Transaction, orgId: string, admin: { id: string; display_name: string }): Promise<void> {
  const others = await trx('staff').where({ org_id: orgId, role: 'admin', is_active: true }).whereNot({ id: admin.id }).forUpdate().select('id');
  if (others.length === 0) {
    throw new DomainError('conflict', `${admin.display_name} is the only admin: make someone else an admin first, or nobody could manage staff, channels and settings`, {
      reason: 'last_admin',
      staffId: admin.id,
    });
  }
}
