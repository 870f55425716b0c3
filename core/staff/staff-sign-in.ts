import type { Knex } from 'knex';
import { whereOrgServed, type LiffOrgScope } from '../access/liff-org-scope.ts';
import type { Language, StaffRole } from '../vocabulary.ts';

/**
 * Who a verified LINE user is on the staff side, for the staff LIFF apps (dashboard, desk,
 * settings: api/liff/staff-caller.ts): the active staff member enrolled as that LINE user in an org
 * the sign-in serves (core/access/liff-org-scope.ts: the org of the LINE Login channel the token
 * was issued for). A person who is staff of several such orgs names the one they act for; until
 * they do, the answer lists them (`choose_org`). A suspended org's staff are told so.
 */
export interface SignedInStaff {
  id: string;
  orgId: string;
  role: StaffRole;
  displayName: string;
  language: Language;
}

export type StaffSignIn =
  | { ok: true; staff: SignedInStaff }
  | { ok: false; reason: 'not_staff' | 'staff_removed' | 'org_suspended' }
  | { ok: false; reason: 'choose_org'; orgs: { slug: string; name: string }[] };

export async function staffSignIn(db: Knex | Knex.Transaction, lineUserId: string, scope: LiffOrgScope): Promise<StaffSignIn> {
  const rows: { id: string; org_id: string; role: string; display_name: string; language: string; is_active: boolean; slug: string; org_name: string; org_status: string }[] = await whereOrgServed(
    db('staff as s')
      .join('orgs as o', 'o.id', 's.org_id')
      .select('s.id', 's.org_id', 's.role', 's.display_name', 's.language', 's.is_active', 'o.slug', 'o.name as org_name', 'o.status as org_status')
      .andWhere((w) => w.where({ 's.line_user_id': lineUserId, 's.is_active': true }).orWhere({ 's.left_line_user_id': lineUserId, 's.is_active': false }))
      // An active enrolment wins over an old one the same person left.
      .orderBy('s.is_active', 'desc')
      .limit(20),
    scope,
  );
  const active = rows.filter((r) => r.is_active);
  if (active.length > 1) return { ok: false, reason: 'choose_org', orgs: active.map((r) => ({ slug: r.slug, name: r.org_name })) };
  const row = active[0] ?? rows[0];
  if (!row) return { ok: false, reason: 'not_staff' };
  if (!row.is_active) return { ok: false, reason: 'staff_removed' };
  if (row.org_status !== 'active') return { ok: false, reason: 'org_suspended' };
  return {
    ok: true,
    staff: { id: row.id, orgId: row.org_id, role: row.role as StaffRole, displayName: row.display_name, language: row.language === 'en' ? 'en' : 'th' },
  };
}
