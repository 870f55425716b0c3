import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit-log.ts';
import type { StaffRole } from '../contracts/staff.ts';
import { DomainError, notFound } from '../errors/index.ts';
import { issueEnrolmentCode, type EnrolmentActor } from './enrolment.ts';
import { queueStaffMenuSync } from './staff-menu.ts';

/**
 * Staff as the org's admins manage them: who they are, their role, whether their LINE account is
 * linked. A new staff member comes with a one-time enrolment code (enrolment.ts).
 */
export interface StaffMemberView {
  id: string;
  displayName: string;
  role: StaffRole;
  language: 'th' | 'en';
  isActive: boolean;
  linked: boolean;
  enrolledAt: string | null;
  enrolmentPending: boolean;
  createdAt: string;
}

interface StaffRow {
  id: string;
  display_name: string;
  role: string;
  language: string;
  is_active: boolean;
  line_user_id: string | null;
  enrolled_at: Date | null;
  enrolment_code_hash: string | null;
  enrolment_expires_at: Date | null;
  created_at: Date;
}

function staffView(r: StaffRow, now = new Date()): StaffMemberView {
  return {
    id: r.id,
    displayName: r.display_name,
    role: r.role as StaffRole,
    language: r.language as 'th' | 'en',
    isActive: r.is_active,
    linked: r.line_user_id !== null,
    enrolledAt: r.enrolled_at ? new Date(r.enrolled_at).toISOString() : null,
    enrolmentPending: Boolean(r.enrolment_code_hash && r.enrolment_expires_at && new Date(r.enrolment_expires_at) > now),
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** The org's staff, active first, by name. */
export async function listStaff(db: Knex, orgId: string): Promise<StaffMemberView[]> {
  const rows: StaffRow[] = await db('staff').where({ org_id: orgId }).orderBy([{ column: 'is_active', order: 'desc' }, 'display_name']);
  return rows.map((r) => staffView(r));
}

/** Adds a staff member, audited, with the one-time code that links their LINE account (shown once). */
export async function addStaffMember(
  db: Knex,
  s: { orgId: string; displayName: string; role: StaffRole; language?: 'th' | 'en'; actor: EnrolmentActor; requestId?: string },
): Promise<StaffMemberView & { enrolment: { code: string; expiresAt: string } }> {
  return db.transaction(async (trx) => {
    const [row]: StaffRow[] = await trx('staff')
      .insert({ org_id: s.orgId, display_name: s.displayName, role: s.role, language: s.language ?? 'th' })
      .returning('*');
    await recordAudit(trx, {
      orgId: s.orgId,
      actorType: s.actor.type,
      actorId: s.actor.id,
      action: 'staff.created',
      subjectType: 'staff',
      subjectId: row.id,
      details: { displayName: s.displayName, role: s.role },
      requestId: s.requestId,
    });
    const issued = await issueEnrolmentCode(trx, { orgId: s.orgId, staffId: row.id, actor: s.actor, requestId: s.requestId });
    // Read again: the code's issue is part of what the view shows (enrolmentPending).
    const now: StaffRow = await trx('staff').where({ id: row.id }).first();
    return { ...staffView(now), enrolment: { code: issued.code, expiresAt: issued.expiresAt.toISOString() } };
  });
}

/**
 * Gives a staff member another role, audited. What they may do changes at once (every action and
 * every staff app checks the role as it is), and so does their staff rich menu (staff-menu.ts).
 */
export async function changeStaffRole(
  db: Knex,
  c: { orgId: string; staffId: string; role: StaffRole; actor: EnrolmentActor; requestId?: string },
): Promise<StaffMemberView> {
  return db.transaction(async (trx) => {
    const row: (StaffRow & { line_channel_id: string | null }) | undefined = await trx('staff').where({ org_id: c.orgId, id: c.staffId }).forUpdate().first();
    if (!row) throw notFound('Staff member', { staffId: c.staffId });
    if (!row.is_active) throw new DomainError('conflict', 'This staff member is deactivated', { staffId: c.staffId });
    if (row.role === c.role) return staffView(row);
    const [changed]: StaffRow[] = await trx('staff').where({ id: c.staffId }).update({ role: c.role }).returning('*');
    await recordAudit(trx, {
      orgId: c.orgId,
      actorType: c.actor.type,
      actorId: c.actor.id ?? null,
      action: 'staff.role_changed',
      subjectType: 'staff',
      subjectId: c.staffId,
      details: { from: row.role, to: c.role },
      requestId: c.requestId,
    });
    if (row.line_user_id && row.line_channel_id) await queueStaffMenuSync(trx, { orgId: c.orgId, staffId: c.staffId, lineUserId: row.line_user_id, channelId: row.line_channel_id });
    return staffView(changed);
  });
}
