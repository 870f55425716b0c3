import * as c from '../../core/contracts/staff.ts';
import { notFound } from '../../core/errors/index.ts';
import { deactivateStaff, issueEnrolmentCode } from '../../core/staff/enrolment.ts';
import { addStaffMember, listStaff, updateStaffMember } from '../../core/staff/staff-admin.ts';
import { inSettingsApp } from '../liff/staff-apps.ts';
import { route } from '../route.ts';

/**
 * Staff of the org: who they are, their role, and the one-time code that links their LINE account.
 * The Settings app is served these routes too, the change of role among them (not of hours).
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const idOr404 = (id: string) => {
  if (!UUID.test(id)) throw notFound('Staff member', { staffId: id });
  return id;
};

export const staffRoutes = [
  route({
    method: 'get',
    path: '/api/v1/staff',
    summary: "The org's staff, with whether each has linked a LINE account",
    tag: 'staff',
    access: 'staff.read',
    staffApp: inSettingsApp('/staff', "The org's staff, with whether each has linked a LINE account (as GET /api/v1/staff)"),
    response: c.staffList,
    handle: async ({ caller, deps }) => listStaff(deps.knex, caller.orgId),
  }),

  route({
    method: 'post',
    path: '/api/v1/staff',
    summary: 'Add a staff member; the answer carries their one-time enrolment code (valid 24 h)',
    tag: 'staff',
    access: 'staff.manage',
    staffApp: inSettingsApp('/staff', 'Add a staff member; the answer carries their one-time enrolment code (as POST /api/v1/staff)'),
    body: c.staffCreate,
    response: c.staffCreated,
    status: 201,
    handle: async ({ body, caller, deps }) =>
      addStaffMember(deps.knex, {
        orgId: caller.orgId,
        displayName: body.displayName,
        role: body.role,
        language: body.language,
        workingHours: body.workingHours,
        actor: caller.actor,
        requestId: caller.requestId,
      }),
  }),

  route({
    method: 'post',
    path: '/api/v1/staff/:id/enrolment-code',
    summary: 'A new one-time enrolment code for a staff member (any earlier code stops working)',
    tag: 'staff',
    access: 'staff.manage',
    staffApp: inSettingsApp('/staff/:id/enrolment-code', 'A new one-time enrolment code (any earlier code stops working)'),
    response: c.enrolmentCode,
    status: 201,
    handle: async ({ params, caller, deps }) => {
      const issued = await issueEnrolmentCode(deps.knex, {
        orgId: caller.orgId,
        staffId: idOr404(params.id),
        actor: caller.actor,
        requestId: caller.requestId,
      });
      return { code: issued.code, expiresAt: issued.expiresAt.toISOString() };
    },
  }),

  route({
    method: 'patch',
    path: '/api/v1/staff/:id',
    summary:
      "Change a staff member's role or working hours (audited); their staff rich menu in LINE changes with the role, booking assignment follows the hours. The org's only admin cannot be given another role (409, reason last_admin)",
    tag: 'staff',
    access: 'staff.manage',
    staffApp: inSettingsApp('/staff/:id', "Change a staff member's role (as PATCH /api/v1/staff/:id); the only admin keeps theirs"),
    body: c.staffUpdate,
    response: c.staffMember,
    handle: async ({ params, body, caller, deps }) =>
      updateStaffMember(deps.knex, {
        orgId: caller.orgId,
        staffId: idOr404(params.id),
        role: body.role,
        workingHours: body.workingHours,
        actor: caller.actor,
        requestId: caller.requestId,
      }),
  }),

  route({
    method: 'delete',
    path: '/api/v1/staff/:id',
    summary: "Deactivate a staff member: their LINE account is unlinked and they can no longer act. The org's only admin cannot be removed (409, reason last_admin)",
    tag: 'staff',
    access: 'staff.manage',
    staffApp: inSettingsApp('/staff/:id', 'Deactivate a staff member (as DELETE /api/v1/staff/:id)'),
    response: c.staffDeactivated,
    handle: async ({ params, caller, deps }) => {
      const id = idOr404(params.id);
      await deactivateStaff(deps.knex, { orgId: caller.orgId, staffId: id, actor: caller.actor, requestId: caller.requestId });
      return { id, isActive: false as const };
    },
  }),
];
