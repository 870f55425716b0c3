import * as c from '../../core/contracts/platform.ts';
import { issueApiKey, listApiKeys } from '../../core/api-keys/api-key-service.ts';
import { isDatabaseReachable } from '../../core/db/connect.ts';
import { notFound } from '../../core/errors/index.ts';
import { route } from './route.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export const platformRoutes = [
  route({
    method: 'get',
    path: '/healthz',
    summary: 'Liveness: the process is up',
    tag: 'health',
    access: 'public',
    response: c.health,
    handle: async () => ({ status: 'ok' as const }),
  }),

  route({
    method: 'get',
    path: '/readyz',
    summary: 'Readiness: the database and the queue store answer',
    tag: 'health',
    access: 'public',
    response: c.readiness,
    handle: async ({ deps }) => {
      const [database, queue] = await Promise.all([isDatabaseReachable(deps.knex), deps.queueStore.isReachable()]);
      const ready = database && queue;
      const body = {
        status: ready ? ('ready' as const) : ('not_ready' as const),
        checks: { database, queue },
        queueBackend: deps.queueStore.kind,
      };
      return { status: ready ? 200 : 503, body };
    },
  }),

  route({
    method: 'get',
    path: '/api/v1/me',
    summary: 'The org and role of the calling API key',
    tag: 'platform',
    access: 'org.read',
    response: c.me,
    handle: async ({ identity, deps }) => {
      const org = await deps.knex('orgs').select('id', 'slug', 'name', 'time_zone').where({ id: identity!.orgId }).first();
      if (!org) throw notFound('Org');
      return {
        org: { id: org.id, slug: org.slug, name: org.name, timeZone: org.time_zone },
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
      (await listApiKeys(deps.knex, identity!.orgId)).map((k) => ({
        ...k,
        createdAt: iso(k.createdAt)!,
        lastUsedAt: iso(k.lastUsedAt),
        revokedAt: iso(k.revokedAt),
      })),
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
      const issued = await issueApiKey(deps.knex, {
        orgId: identity!.orgId,
        name: body.name,
        role: body.role,
        actor: { type: 'api_key', id: identity!.apiKeyId },
        requestId: ctx.state.requestId,
      });
      return { id: issued.apiKeyId, name: issued.name, role: issued.role, keyPrefix: issued.keyPrefix, key: issued.key };
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
    handle: async ({ query, identity, deps }) => {
      const rows = await deps.knex('outbox')
        .select('id', 'queue', 'job_name', 'status', 'attempts', 'last_error', 'created_at', 'failed_at')
        .where({ org_id: identity!.orgId, status: query.status })
        .orderBy('seq', 'desc')
        .limit(query.limit);
      return rows.map((r) => ({
        id: r.id,
        queue: r.queue,
        jobName: r.job_name,
        status: r.status,
        attempts: r.attempts,
        lastError: r.last_error,
        createdAt: iso(r.created_at)!,
        failedAt: iso(r.failed_at),
      }));
    },
  }),
];
