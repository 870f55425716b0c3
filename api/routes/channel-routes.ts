import { recordAudit } from '../../core/audit/audit-log.ts';
import { createChannel } from '../../core/channels/channel-directory.ts';
import { mergeContacts } from '../../core/contacts/merge-contacts.ts';
import * as c from '../../core/contracts/channels.ts';
import { route } from './route.ts';

/** Channels of the org (credentials stored sealed), LINE push usage, and joining two contacts. */
export const channelRoutes = [
  route({
    method: 'get',
    path: '/api/v1/channels',
    summary: "The org's LINE and WhatsApp channels and their webhook URLs",
    tag: 'channels',
    access: 'channels.read',
    response: c.channelList,
    handle: async ({ identity, deps, ctx }) => {
      const base = deps.publicBaseUrl ?? `${ctx.protocol}://${ctx.host}`;
      const rows = await deps.knex('channels').select('*').where({ org_id: identity!.orgId }).orderBy('created_at');
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        name: r.name,
        externalId: r.external_id,
        isActive: r.is_active,
        origin: r.settings?.origin ?? null,
        webhookUrl: `${base}/webhooks/${r.kind}/${r.id}`,
      }));
    },
  }),

  route({
    method: 'post',
    path: '/api/v1/channels',
    summary: 'Add a LINE channel or a WhatsApp sender; its credentials are stored encrypted',
    tag: 'channels',
    access: 'channels.manage',
    body: c.channelCreate,
    response: c.channel,
    status: 201,
    handle: async ({ body, identity, deps, ctx }) => {
      const externalId = body.kind === 'whatsapp' ? body.sender : null;
      const id = await deps.knex.transaction(async (trx) => {
        const channelId = await createChannel(trx, deps.secrets, {
          orgId: identity!.orgId,
          kind: body.kind,
          name: body.name,
          externalId,
          credentials: body.credentials,
          settings: { origin: 'api' },
        });
        await recordAudit(trx, {
          orgId: identity!.orgId,
          actorType: 'api_key',
          actorId: identity!.apiKeyId,
          action: 'channel.created',
          subjectType: 'channel',
          subjectId: channelId,
          details: { kind: body.kind, name: body.name },
          requestId: ctx.state.requestId,
        });
        return channelId;
      });
      const base = deps.publicBaseUrl ?? `${ctx.protocol}://${ctx.host}`;
      return { id, kind: body.kind, name: body.name, externalId, isActive: true, origin: 'api', webhookUrl: `${base}/webhooks/${body.kind}/${id}` };
    },
  }),

  route({
    method: 'get',
    path: '/api/v1/usage/line-pushes',
    summary: 'LINE pushes per month: push requests (what the quota counts, per recipient) and the messages they carried; replies are free',
    tag: 'channels',
    access: 'usage.read',
    response: c.linePushUsage,
    handle: async ({ identity, deps }) => {
      const rows = await deps.knex('org_counters')
        .select('name', 'value')
        .where({ org_id: identity!.orgId })
        .andWhere((q) => q.where('name', 'like', 'line_push:%').orWhere('name', 'like', 'line_push_requests:%'))
        .orderBy('name', 'desc');
      const months = new Map<string, { month: string; pushedMessages: number; pushRequests: number }>();
      for (const r of rows) {
        const [name, month] = r.name.split(':');
        const m = months.get(month) ?? { month, pushedMessages: 0, pushRequests: 0 };
        if (name === 'line_push') m.pushedMessages = Number(r.value);
        else m.pushRequests = Number(r.value);
        months.set(month, m);
      }
      return [...months.values()].sort((a, b) => b.month.localeCompare(a.month));
    },
  }),

  route({
    method: 'post',
    path: '/api/v1/contacts/:contactId/merge',
    summary: 'Join two contacts that are one person (e.g. known on LINE and on WhatsApp)',
    tag: 'contacts',
    access: 'contacts.merge',
    body: c.contactMerge,
    response: c.contactMergeResult,
    handle: async ({ body, params, identity, deps, ctx }) =>
      mergeContacts(deps.knex, {
        orgId: identity!.orgId,
        keepId: params.contactId,
        mergeId: body.mergeContactId,
        actor: { type: 'api_key', id: identity!.apiKeyId },
        requestId: ctx.state.requestId,
      }),
  }),
];
