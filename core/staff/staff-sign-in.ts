import type { Knex } from 'knex';
import type { Language, StaffRole } from '../vocabulary.ts';

/**
 * Who a verified LINE user is on the staff side, for the staff LIFF apps (dashboard, desk,
 * settings: api/liff/staff-caller.ts). A LIFF app belongs to the deployment's LINE Login channel,
 * which serves the default org's Official Account (as for customers, core/contacts/line-customers.ts),
 * and a LINE user id is the same for every channel of one LINE provider: the staff member is the
 * default org's active one enrolled as that LINE user, on whichever of its LINE channels.
 */
export interface SignedInStaff {
  id: string;
  orgId: string;
  role: StaffRole;
  displayName: string;
  language: Language;
}

export type StaffSignIn = { ok: true; staff: SignedInStaff } | { ok: false; reason: 'not_staff' | 'staff_removed' };

export async function staffSignIn(db: Knex | Knex.Transaction, lineUserId: string): Promise<StaffSignIn> {
  const row = await db('staff as s')
    .join('orgs as o', 'o.id', 's.org_id')
    .select('s.id', 's.org_id', 's.role', 's.display_name', 's.language', 's.is_active')
    .where({ 'o.is_default': true })
    .andWhere((w) => w.where({ 's.line_user_id': lineUserId, 's.is_active': true }).orWhere({ 's.left_line_user_id': lineUserId, 's.is_active': false }))
    // An active enrolment wins over an old one the same person left.
    .orderBy('s.is_active', 'desc')
    .first();
  if (!row) return { ok: false, reason: 'not_staff' };
  if (!row.is_active) return { ok: false, reason: 'staff_removed' };
  return {
    ok: true,
    staff: { id: row.id, orgId: row.org_id, role: row.role as StaffRole, displayName: row.display_name, language: row.language === 'en' ? 'en' : 'th' },
  };
}
