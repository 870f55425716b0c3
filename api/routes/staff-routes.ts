import { recordAudit } from '../../core/audit/audit-log.ts';
import * as c from '../../core/contracts/staff.ts';
import { notFound } from '../../core/errors/index.ts';
import { deactivateStaff, issueEnrolmentCode } from '../../core/staff/enrolment.ts';
import { route } from './route.ts';

/** Staff of the org: who they are, their role, and the one-time code that links their LINE account. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const idOr404 = (id: string) => {
  if (!UUID.test(id)) throw notFound('Staff member', { staffId: id });
  return id;
};

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

const show = (r: StaffRow, now = new Date()) => ({
  id: r.id,
  displayName: r.display_name,
  role: r.role as c.StaffRole,
  language: r.language as 'th' | 'en',
  isActive: r.is_active,
  linked: r.line_user_id !== null,
  enrolledAt: r.enrolled_at ? new Date(r.enrolled_at).toISOString() : null,
  enrolmentPending: Boolean(r.enrolment_code_hash && r.enrolment_expires_at && new Date(r.enrolment_expires_at) > now),
  createdAt: new Date(r.created_at).toISOString(),
});

export const staffRoutes = [
  route({
    method: 'get',
    path: '/api/v1/staff',
    summary: "The org's staff, with whether each has linked a LINE account",
    tag: 'staff',
    access: 'staff.read',
    response: c.staffList,
    handle: async ({ identity, deps }) => {
      const rows: StaffRow[] = await deps.knex('staff').where({ org_id: identity!.orgId }).orderBy([{ column: 'is_active', order: 'desc' }, 'display_name']);
      return rows.map((r) => show(r));
    },
  }),

  route({
    method: 'post',
    path: '/api/v1/staff',
    summary: 'Add a staff member; the answer carries their one-time enrolment code (valid 24 h)',
    tag: 'staff',
    access: 'staff.manage',
    body: c.staffCreate,
    response: c.staffCreated,
    status: 201,
    handle: async ({ body, identity, deps, ctx }) =>
      deps.knex.transaction(async (trx) => {
        const actor = { type: 'api_key' as const, id: identity!.apiKeyId };
        const [row]: StaffRow[] = await trx('staff')
          .insert({ org_id: identity!.orgId, display_name: body.displayName, role: body.role, language: body.language ?? 'th' })
          .returning('*');
        await recordAudit(trx, {
          orgId: identity!.orgId,
          actorType: actor.type,
          actorId: actor.id,
          action: 'staff.created',
          subjectType: 'staff',
          subjectId: row.id,
          details: { displayName: body.displayName, role: body.role },
          requestId: ctx.state.requestId,
        });
        const issued = await issueEnrolmentCode(trx, { orgId: identity!.orgId, staffId: row.id, actor, requestId: ctx.state.requestId });
        const now = await trx('staff').where({ id: row.id }).first();
        return { ...show(now), enrolment: { code: issued.code, expiresAt: issued.expiresAt.toISOString() } };
      }),
  }),

  route({
    method: 'post',
    path: '/api/v1/staff/:id/enrolment-code',
    summary: 'A new one-time enrolment code for a staff member (any earlier code stops working)',
    tag: 'staff',
    access: 'staff.manage',
    response: c.enrolmentCode,
    status: 201,
    handle: async ({ params, identity, deps, ctx }) => {
      const issued = await issueEnrolmentCode(deps.knex, {
        orgId: identity!.orgId,
        staffId: idOr404(params.id),
        actor: { type: 'api_key', id: identity!.apiKeyId },
        requestId: ctx.state.requestId,
      });
      return { code: issued.code, expiresAt: issued.expiresAt.toISOString() };
    },
  }),

  route({
    method: 'delete',
    path: '/api/v1/staff/:id',
    summary: 'Deactivate a staff member: their LINE account is unlinked and they can no longer act',
    tag: 'staff',
    access: 'staff.manage',
    response: c.staffDeactivated,
    handle: async ({ params, identity, deps, ctx }) => {
      const id = idOr404(params.id);
      await deactivateStaff(deps.knex, { orgId: identity!.orgId, staffId: id, actor: { type: 'api_key', id: identity!.apiKeyId }, requestId: ctx.state.requestId });
      return { id, isActive: false as const };
    },
  }),
];
