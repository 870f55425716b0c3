import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit-log.ts';
import type { BusinessCalendarView } from '../contracts/business-calendar.ts';
import type { StaffRole } from '../contracts/staff.ts';
import { DomainError, notFound, validationFailed } from '../errors/index.ts';
import { calendarOfOrg } from '../sla/business-calendar.ts';
import { issueEnrolmentCode, type EnrolmentActor } from './enrolment.ts';
import { refuseLastAdmin } from './last-admin.ts';
import { queueStaffMenuSync } from './staff-menu.ts';

/**
 * Staff as the org's admins manage them: who they are, their role, their working hours, whether
 * their LINE account is linked. A new staff member comes with a one-time enrolment code
 * (enrolment.ts).
 */
/** Weekly shifts in the org's time zone, shaped like its business hours; null: always available. */
type WorkingHours = BusinessCalendarView['hours'];

export interface StaffMemberView {
  id: string;
  displayName: string;
  role: StaffRole;
  language: 'th' | 'en';
  isActive: boolean;
  linked: boolean;
  enrolledAt: string | null;
  enrolmentPending: boolean;
  workingHours: WorkingHours;
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
  working_hours: unknown;
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
    // jsonb arrives parsed from PostgreSQL; the embedded database may hand back its text.
    workingHours: (typeof r.working_hours === 'string' ? JSON.parse(r.working_hours) : r.working_hours) as WorkingHours,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** The org's staff, active first, by name. */
export async function listStaff(db: Knex, orgId: string): Promise<StaffMemberView[]> {
  const rows: StaffRow[] = await db('staff').where({ org_id: orgId }).orderBy([{ column: 'is_active', order: 'desc' }, 'display_name']);
  return rows.map((r) => staffView(r));
}

/**
 * Working hours as stored: checked by the business calendar that will read them (booking
 * assignment asks it who is on shift), so hours it would refuse later are refused now, a 422
 * naming `workingHours`, with nothing written. null: always available.
 */
function workingHoursColumn(hours: WorkingHours): string | null {
  if (hours === null) return null;
  try {
    calendarOfOrg({ business_hours: hours });
  } catch (e) {
    if (e instanceof DomainError && e.code === 'validation_failed') {
      throw validationFailed('These working hours cannot be used', [{ path: 'workingHours', message: e.message.replace(/^business_hours/, 'workingHours') }]);
    }
    throw e;
  }
  return JSON.stringify(hours);
}

/** Adds a staff member, audited, with the one-time code that links their LINE account (shown once). */
export async function addStaffMember(
  db: Knex,
  s: { orgId: string; displayName: string; role: StaffRole; language?: 'th' | 'en'; workingHours?: WorkingHours; actor: EnrolmentActor; requestId?: string },
): Promise<StaffMemberView & { enrolment: { code: string; expiresAt: string } }> {
  const workingHours = workingHoursColumn(s.workingHours ?? null);
  return db.transaction(async (trx) => {
    const [row]: StaffRow[] = await trx('staff')
      .insert({ org_id: s.orgId, display_name: s.displayName, role: s.role, language: s.language ?? 'th', working_hours: workingHours })
      .returning('*');
    await recordAudit(trx, {
      orgId: s.orgId,
      actorType: s.actor.type,
      actorId: s.actor.id,
      action: 'staff.created',
      subjectType: 'staff',
      subjectId: row.id,
      details: { displayName: s.displayName, role: s.role, ...(s.workingHours ? { workingHours: s.workingHours } : {}) },
      requestId: s.requestId,
    });
    const issued = await issueEnrolmentCode(trx, { orgId: s.orgId, staffId: row.id, actor: s.actor, requestId: s.requestId });
    // Read again: the code's issue is part of what the view shows (enrolmentPending).
    const now: StaffRow = await trx('staff').where({ id: row.id }).first();
    return { ...staffView(now), enrolment: { code: issued.code, expiresAt: issued.expiresAt.toISOString() } };
  });
}

/**
 * Changes a staff member's role or working hours (only what is given), each change audited.
 * A new role changes what they may do at once (every action and every staff app checks the role
 * as it is), and their staff rich menu (staff-menu.ts); new hours count from the next booking
 * assigned.
 */
export async function updateStaffMember(
  db: Knex,
  c: { orgId: string; staffId: string; role?: StaffRole; workingHours?: WorkingHours; actor: EnrolmentActor; requestId?: string },
): Promise<StaffMemberView> {
  const workingHours = c.workingHours === undefined ? undefined : workingHoursColumn(c.workingHours);
  return db.transaction(async (trx) => {
    const row: (StaffRow & { line_channel_id: string | null }) | undefined = await trx('staff').where({ org_id: c.orgId, id: c.staffId }).forUpdate().first();
    if (!row) throw notFound('Staff member', { staffId: c.staffId });
    if (!row.is_active) throw new DomainError('conflict', 'This staff member is deactivated', { staffId: c.staffId });
    const before = staffView(row);
    const roleChanged = c.role !== undefined && c.role !== row.role;
    if (roleChanged && row.role === 'admin') await refuseLastAdmin(trx, c.orgId, row);
    const hoursChanged = workingHours !== undefined && JSON.stringify(c.workingHours) !== JSON.stringify(before.workingHours);
    if (!roleChanged && !hoursChanged) return before;
    const [changed]: StaffRow[] = await trx('staff')
      .where({ id: c.staffId })
      .update({ ...(roleChanged ? { role: c.role } : {}), ...(hoursChanged ? { working_hours: workingHours } : {}) })
      .returning('*');
    const audit = (action: string, details: Record<string, unknown>) =>
      recordAudit(trx, { orgId: c.orgId, actorType: c.actor.type, actorId: c.actor.id ?? null, action, subjectType: 'staff', subjectId: c.staffId, details, requestId: c.requestId });
    if (roleChanged) {
      await audit('staff.role_changed', { from: row.role, to: c.role });
      if (row.line_user_id && row.line_channel_id) await queueStaffMenuSync(trx, { orgId: c.orgId, staffId: c.staffId, lineUserId: row.line_user_id, channelId: row.line_channel_id });
    }
    if (hoursChanged) await audit('staff.working_hours_changed', { from: before.workingHours, to: c.workingHours });
    return staffView(changed);
  });
}

/**
 * The first admin of a new business, who opened its invitation in LINE (core/orgs/org-invitations.ts):
 * a staff member enrolled as that LINE user at once, in the invitation's transaction.
 */
export async function addInvitedAdmin(
  trx: Knex.Transaction,
  s: { orgId: string; lineUserId: string; displayName: string; role: StaffRole },
): Promise<{ id: string; displayName: string }> {
  const [row] = await trx('staff')
    .insert({ org_id: s.orgId, display_name: s.displayName.slice(0, 100), role: s.role, language: 'th', line_user_id: s.lineUserId, enrolled_at: trx.fn.now() })
    .returning(['id', 'display_name']);
  await recordAudit(trx, { orgId: s.orgId, actorType: 'staff', actorId: row.id, action: 'staff.created', subjectType: 'staff', subjectId: row.id, details: { displayName: s.displayName, role: s.role, by: 'invitation' } });
  return { id: row.id, displayName: row.display_name };
}
