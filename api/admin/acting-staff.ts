import type { Knex } from 'knex';
import { canStaff, type StaffAction } from '../../core/access/roles.ts';
import { forbidden } from '../../core/errors/index.ts';
import { activeStaffMember } from '../../core/staff/case-desk-actions.ts';
import type { StaffRole } from '../../core/vocabulary.ts';
import type { Caller } from '../route.ts';

/**
 * The staff member acting (on a case, a conversation), read inside the transaction (removed since
 * the desk opened is refused): the one signed in on the desk, or the one the API key belongs to,
 * whose key's own role must allow the action too (a support key of a manager cannot reassign). The
 * member's role is checked by the command itself, as for the LINE buttons.
 */
export async function actingStaff(db: Knex | Knex.Transaction, caller: Caller, action: StaffAction) {
  const staff = await activeStaffMember(db, caller.orgId, caller.staffId);
  if (caller.actor.type === 'api_key' && !canStaff(caller.role as StaffRole, action)) {
    throw forbidden(`This API key's role ${caller.role} cannot do this (${action})`, { reason: 'role_forbids', action, role: caller.role });
  }
  return staff;
}
