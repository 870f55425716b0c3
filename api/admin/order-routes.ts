import { z } from 'zod';
import * as c from '../../core/contracts/orders.ts';
import { orderByNumber } from '../../core/orders/order-queries.ts';
import { syncOrders } from '../../core/orders/order-sync.ts';
import { parseRequest, route } from '../route.ts';
import type { AppDeps } from '../deps.ts';

/**
 * The orders API (docs/cases.md, "Orders from the main system"): the business's main system tells
 * us each order as it is now, signed with ORDERS_API_SECRET on top of its API key (money facts:
 * a leaked key alone cannot write them, and a captured request cannot be replayed later). The
 * key names the org; the signature never does.
 */
const signed = { variable: 'ORDERS_API_SECRET', secret: (deps: AppDeps) => deps.ordersApiSecret };

const SYNC_RULES =
  'The body is the order as the main system has it now (not a patch). An update older than the stored order (a lower `version` when both have one, else an earlier `updatedAt`) is answered `stale` and changes nothing. A changed order is on the timeline of every case naming it; `caseNumber` links it to one more.';

export const orderRoutes = [
  route({
    method: 'put',
    path: '/api/v1/orders/:number',
    summary: `Create or update one order (200 either way: \`outcome\` says which). ${SYNC_RULES} Unknown provider or case, or a currency other than the stored order's: 422 naming the field, nothing stored`,
    tag: 'orders',
    access: 'orders.sync',
    signed,
    body: c.orderUpdate,
    response: c.orderSyncAnswer,
    handle: async ({ caller, deps, body, params }) => {
      const { number } = parseRequest(z.object({ number: c.orderNumber }), params, 'path');
      const [result] = await syncOrders(deps.knex, { orgId: caller.orgId, actor: caller.actor, requestId: caller.requestId, orders: [{ ...body, number }], one: true });
      const order = await orderByNumber(deps.knex, caller.orgId, number);
      return { outcome: result.outcome, order };
    },
  }),

  route({
    method: 'post',
    path: '/api/v1/orders',
    summary: `Create or update up to ${c.MAX_ORDERS_PER_REQUEST} orders in one request, all or none. ${SYNC_RULES} One result per order, in the order sent`,
    tag: 'orders',
    access: 'orders.sync',
    signed,
    body: c.orderBatch,
    response: c.orderBatchAnswer,
    handle: async ({ caller, deps, body }) => {
      const results = await syncOrders(deps.knex, { orgId: caller.orgId, actor: caller.actor, requestId: caller.requestId, orders: body.orders });
      const counts = Object.fromEntries(c.ORDER_OUTCOMES.map((o) => [o, results.filter((r) => r.outcome === o).length])) as Record<c.OrderOutcome, number>;
      return { results, counts };
    },
  }),

  route({
    method: 'get',
    path: '/api/v1/orders/:number',
    summary: 'One order as the main system last reported it, with the cases naming it',
    tag: 'orders',
    access: 'orders.read',
    response: c.orderView,
    handle: ({ caller, deps, params }) => orderByNumber(deps.knex, caller.orgId, params.number),
  }),
];
