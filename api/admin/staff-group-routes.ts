import * as c from '../../core/contracts/staff-groups.ts';
import { notFound } from '../../core/errors/index.ts';
import { listStaffGroups, updateStaffGroup } from '../../core/staff/staff-group-admin.ts';
import { inSettingsApp } from '../liff/staff-apps.ts';
import { route } from '../route.ts';

/**
 * The org's staff groups: what each is for and what is routed to it. The same settings an admin
 * or manager makes from inside the group with "setup" (bot/staff/group-setup.ts); groups come
 * into being when the bot is added to them, so there is no POST.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const staffGroupRoutes = [
  route({
    method: 'get',
    path: '/api/v1/staff-groups',
    summary: "The LINE groups the bot is or was in: purpose, routing, language, VIP contact or provider",
    tag: 'staff',
    access: 'staff_groups.read',
    staffApp: inSettingsApp('/staff-groups', 'The LINE groups the bot is or was in, with what each is for and what is routed to it (as GET /api/v1/staff-groups)'),
    response: c.staffGroupList,
    handle: async ({ caller, deps }) => listStaffGroups(deps.knex, caller.orgId),
  }),

  route({
    method: 'patch',
    path: '/api/v1/staff-groups/:id',
    summary: 'Set what a group is for and what is routed to it; unknown case type, service or provider keys are refused (422)',
    tag: 'staff',
    access: 'staff_groups.manage',
    staffApp: inSettingsApp('/staff-groups/:id', 'Set what a group is for and what is routed to it (as PATCH /api/v1/staff-groups/:id)'),
    body: c.staffGroupUpdate,
    response: c.staffGroup,
    handle: async ({ params, body, caller, deps }) => {
      if (!UUID.test(params.id)) throw notFound('Staff group', { id: params.id });
      return updateStaffGroup(deps.knex, {
        orgId: caller.orgId,
        groupId: params.id,
        settings: body,
        actor: caller.actor,
        requestId: caller.requestId,
      });
    },
  }),
];
