import { setCaseProvider } from '../../core/cases/case-provider.ts';
import type { Knex } from 'knex';
import { caseTime } from '../../core/cases/case-clock.ts';
import { notifyCustomerOfTransition } from '../../core/cases/case-notifications.ts';
import { OPEN_CASE_STATUSES } from '../../core/cases/case-status.ts';
import { transitionCase } from '../../core/cases/transition.ts';
import * as c from '../../core/contracts/cases.ts';
import { notFound } from '../../core/errors/index.ts';
import { route } from './route.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Open cases by due time, a case by order id, one case with its timeline, and moving a case on. */
function caseQuery(db: Knex, orgId: string) {
  return db('cases')
    .join('case_types', 'case_types.id', 'cases.case_type_id')
    .select(
      'cases.*',
      'case_types.key as type_key',
      db.raw(`coalesce((SELECT array_agg(order_id ORDER BY created_at) FROM case_orders o WHERE o.case_id = cases.id), '{}') AS order_ids`),
    )
    .where('cases.org_id', orgId);
}

function summary(r: Record<string, any>) {
  return {
    id: r.id,
    number: r.number,
    type: r.type_key,
    status: r.status,
    severity: r.severity,
    version: r.version,
    ownerStaffId: r.owner_staff_id,
    orderIds: r.order_ids ?? [],
    openedAt: iso(r.created_at)!,
    firstResponseDueAt: iso(r.first_response_due_at),
    resolutionDueAt: iso(r.resolution_due_at),
    resolvedAt: iso(r.resolved_at),
  };
}

export const caseRoutes = [
  route({
    method: 'get',
    path: '/api/v1/cases/active',
    summary: 'Open cases, the most urgent first (by resolution due time)',
    tag: 'cases',
    access: 'cases.read',
    response: c.caseList,
    handle: async ({ identity, deps }) =>
      (await caseQuery(deps.knex, identity!.orgId).whereIn('cases.status', OPEN_CASE_STATUSES).orderByRaw('cases.resolution_due_at NULLS LAST').limit(500)).map(summary),
  }),

  route({
    method: 'get',
    path: '/api/v1/cases/by-order/:orderId',
    summary: "The cases linked to one of the business's order ids",
    tag: 'cases',
    access: 'cases.read',
    response: c.caseList,
    handle: async ({ identity, deps, params }) =>
      (
        await caseQuery(deps.knex, identity!.orgId)
          .whereExists(deps.knex('case_orders').whereRaw('case_orders.case_id = cases.id').andWhere('case_orders.order_id', params.orderId))
          .orderBy('cases.created_at', 'desc')
      ).map(summary),
  }),

  route({
    method: 'get',
    path: '/api/v1/cases/:number',
    summary: 'One case, with its whole timeline',
    tag: 'cases',
    access: 'cases.read',
    response: c.caseDetail,
    handle: async ({ identity, deps, params }) => {
      const row = await caseQuery(deps.knex, identity!.orgId).where('cases.number', params.number).first();
      if (!row) throw notFound('Case', { number: params.number });
      const events = await deps.knex('case_events').where({ case_id: row.id }).orderBy('id');
      return {
        ...summary(row),
        rootCause: row.root_cause,
        fields: row.fields ?? {},
        timeline: events.map((e) => ({ at: iso(e.created_at)!, type: e.type, actorType: e.actor_type, data: e.data, public: e.is_public })),
      };
    },
  }),

  route({
    method: 'get',
    path: '/api/v1/cases/:number/time',
    summary: 'Where the time went: queue, working, waiting on the customer, waiting on a provider',
    tag: 'cases',
    access: 'cases.read',
    response: c.caseTime,
    handle: async ({ identity, deps, params }) => {
      const row = await deps.knex('cases').select('id', 'number').where({ org_id: identity!.orgId, number: params.number }).first();
      if (!row) throw notFound('Case', { number: params.number });
      const { buckets, clock } = await caseTime(deps.knex, row.id, new Date());
      return {
        number: row.number,
        business: buckets.business,
        wall: buckets.wall,
        resolutionClock: {
          state: clock.state,
          targetMinutes: clock.targetMinutes,
          elapsedMinutes: clock.elapsedMinutes,
          remainingMinutes: clock.remainingMinutes,
          dueAt: iso(clock.dueAt),
          breached: clock.breached,
        },
      };
    },
  }),

  route({
    method: 'post',
    path: '/api/v1/cases/:number/transitions',
    summary: 'Move a case to another status (closing needs a root cause); 409 if it changed meanwhile',
    tag: 'cases',
    access: 'cases.work',
    body: c.caseTransition,
    response: c.caseTransitionResult,
    handle: async ({ identity, deps, params, body, ctx }) => {
      const result = await deps.knex.transaction(async (trx) => {
        const row = await trx('cases').select('id').where({ org_id: identity!.orgId, number: params.number }).first();
        if (!row) throw notFound('Case', { number: params.number });
        const provider = body.providerKey
          ? await setCaseProvider(trx, { orgId: identity!.orgId, caseId: row.id, providerKey: body.providerKey, actor: { type: 'api_key', id: identity!.apiKeyId } })
          : { changed: false };
        const moved = await transitionCase(trx, {
          orgId: identity!.orgId,
          caseId: row.id,
          to: body.to,
          // The provider change is this request's own: the version the caller saw, one on. A stale
          // one is still refused, and the 409 rolls the provider change back with it.
          expectedVersion: body.expectedVersion !== undefined && provider.changed ? body.expectedVersion + 1 : body.expectedVersion,
          actor: { type: 'api_key', id: identity!.apiKeyId },
          rootCause: body.rootCause,
          note: body.note,
        });
        const org = await trx('orgs').select('time_zone').where({ id: identity!.orgId }).first();
        await notifyCustomerOfTransition(trx, moved, {
          trackingBaseUrl: deps.publicBaseUrl ?? `${ctx.protocol}://${ctx.host}`,
          timeZone: org.time_zone,
        });
        return moved;
      });
      return { number: result.number, from: result.from, to: result.to, version: result.version, reopened: result.reopened };
    },
  }),
];
