import * as c from '../../core/contracts/platform.ts';
import { issueApiKey, listApiKeys, revokeApiKey } from '../../core/api-keys/api-key-service.ts';
import { notFound } from '../../core/errors/index.ts';
import { getOrg } from '../../core/orgs/orgs.ts';
import { iso } from '../../core/time/iso.ts';
import { listOutboxRows } from '../../core/outbox/outbox.ts';
import { route } from '../route.ts';

const keyView = <K extends { createdAt: Date | string; lastUsedAt: Date | string | null; expiresAt: Date | string | null; revokedAt: Date | string | null }>(k: K) => ({
  ...k,
  createdAt: iso(k.createdAt),
  lastUsedAt: iso(k.lastUsedAt),
  expiresAt: iso(k.expiresAt),
  revokedAt: iso(k.revokedAt),
});

export const platformRoutes = [
  route({
    method: 'get',
    path: '/api/v1/me',
    summary: 'The org and role of the calling API key',
    tag: 'platform',
    access: 'org.read',
    response: c.me,
    handle: async ({ identity, deps }) => {
      const org = await getOrg(deps.knex, identity!.orgId);
      return {
        org: { id: org.id, slug: org.slug, name: org.name, timeZone: org.timeZone },
        apiKey: { id: identity!.apiKeyId, name: identity!.name, role: identity!.role },
      };
    },
  }),

  route({
    method: 'get',
    path: '/api/v1/api-keys',
    summary: 'API keys of the org (never the keys themselves)',
    tag: 'platform',
    access: 'api_keys.manage',
    response: c.apiKeyList,
    handle: async ({ identity, deps }) =>
      (await listApiKeys(deps.knex, identity!.orgId)).map(keyView),
  }),

  route({
    method: 'post',
    path: '/api/v1/api-keys',
    summary: 'Issue an API key for a role; the key is returned once',
    tag: 'platform',
    access: 'api_keys.manage',
    body: c.apiKeyCreate,
    response: c.apiKeyIssued,
    status: 201,
    handle: async ({ body, identity, deps, ctx }) => {
      const issued = await issueApiKey(deps.knex, deps.apiKeys, {
        orgId: identity!.orgId,
        name: body.name,
        role: body.role,
        expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
        staffId: body.staffId ?? null,
        actor: { type: 'api_key', id: identity!.apiKeyId },
        requestId: ctx.state.requestId,
      });
      return { id: issued.apiKeyId, name: issued.name, role: issued.role, keyPrefix: issued.keyPrefix, expiresAt: iso(issued.expiresAt), key: issued.key };
    },
  }),

  route({
    method: 'delete',
    path: '/api/v1/api-keys/:id',
    summary: 'Revoke an API key: it stops working at once',
    tag: 'platform',
    access: 'api_keys.manage',
    response: c.apiKeySummary,
    handle: async ({ params, identity, deps, ctx }) => {
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(params.id)) throw notFound('API key');
      const revoked = await revokeApiKey(deps.knex, {
        orgId: identity!.orgId,
        id: params.id,
        actor: { type: 'api_key', id: identity!.apiKeyId },
        requestId: ctx.state.requestId,
      });
      return keyView(revoked);
    },
  }),

  route({
    method: 'get',
    path: '/api/v1/outbox',
    summary: 'Outbox rows by status: where failed jobs become visible',
    tag: 'platform',
    access: 'outbox.read',
    query: c.outboxQuery,
    response: c.outboxList,
    handle: async ({ query, identity, deps }) =>
      (await listOutboxRows(deps.knex, identity!.orgId, query)).map((r) => ({
        ...r,
        createdAt: iso(r.createdAt)!,
        failedAt: iso(r.failedAt),
      })),
  }),
];
