import { recordAudit } from '../../core/audit/audit-log.ts';
import * as c from '../../core/contracts/staff-groups.ts';
import { notFound } from '../../core/errors/index.ts';
import { applyGroupSettings } from '../../core/staff/staff-groups.ts';
import type { Knex } from 'knex';
import { route } from './route.ts';

/**
 * The org's staff groups: what each is for and what is routed to it. The same settings an admin
 * or manager makes from inside the group with "setup" (bot/staff/group-setup.ts); groups come
 * into being when the bot is added to them, so there is no POST.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

async function listGroups(db: Knex | Knex.Transaction, orgId: string, id?: string) {
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

export const staffGroupRoutes = [
  route({
    method: 'get',
    path: '/api/v1/staff-groups',
    summary: "The LINE groups the bot is or was in: purpose, routing, language, VIP contact or provider",
    tag: 'staff',
    access: 'staff_groups.read',
    response: c.staffGroupList,
    handle: async ({ identity, deps }) => listGroups(deps.knex, identity!.orgId),
  }),

  route({
    method: 'patch',
    path: '/api/v1/staff-groups/:id',
    summary: 'Set what a group is for and what is routed to it; unknown case type, service or provider keys are refused (422)',
    tag: 'staff',
    access: 'staff_groups.manage',
    body: c.staffGroupUpdate,
    response: c.staffGroup,
    handle: async ({ params, body, identity, deps, ctx }) => {
      if (!UUID.test(params.id)) throw notFound('Staff group', { id: params.id });
      const orgId = identity!.orgId;
      return deps.knex.transaction(async (trx) => {
        const updated = await applyGroupSettings(trx, orgId, params.id, body);
        await recordAudit(trx, {
          orgId,
          actorType: 'api_key',
          actorId: identity!.apiKeyId,
          action: 'staff_group.updated',
          subjectType: 'staff_group',
          subjectId: updated.id,
          details: { ...body, contactId: updated.contactId, providerId: updated.providerId },
          requestId: ctx.state.requestId,
        });
        const [shown] = await listGroups(trx, orgId, updated.id);
        return shown;
      });
    },
  }),
];
