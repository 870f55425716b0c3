import { z } from 'zod';
import { validationFailed } from '../../core/errors/index.ts';
import { outboundUrlProblem, PUBLIC_ONLY } from '../../core/http/safe-fetch.ts';
import {
  CASE_EVENT_TYPES,
  WEBHOOK_EVENT_TYPES,
  createWebhookEndpoint,
  deactivateWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
} from '../../core/integrations/webhook-endpoints.ts';
import { route } from '../route.ts';

/** Where the org's own system hears about its cases and its inbox (signed outbound webhooks), and the delivery log. */
const eventType = z.enum(WEBHOOK_EVENT_TYPES).meta({ id: 'WebhookEventType' });

const endpointCreate = z
  .object({
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .meta({ description: 'Receives a POST with the JSON event, signed with the secret returned once on creation' }),
    events: z
      .array(eventType)
      .min(1)
      .default([...CASE_EVENT_TYPES])
      .meta({ description: "The case events unless said; the inbox's (conversation.*) only when asked for" }),
    description: z.string().trim().max(200).optional(),
  })
  .strict()
  .meta({ id: 'WebhookEndpointCreate' });

const endpoint = z
  .object({
    id: z.uuid(),
    url: z.string(),
    events: z.array(eventType),
    description: z.string().nullable(),
    isActive: z.boolean(),
    createdAt: z.string(),
    deactivatedAt: z.string().nullable(),
  })
  .meta({ id: 'WebhookEndpoint' });

const createdEndpoint = endpoint
  .extend({
    secret: z.string().meta({
      description:
        'The signing secret, shown this once. Verify X-Opsdesk-Signature: v1=<hex HMAC-SHA256(secret, "<X-Opsdesk-Timestamp>.<raw body>")>',
    }),
  })
  .meta({ id: 'WebhookEndpointCreated' });

const delivery = z
  .object({
    id: z.uuid(),
    eventId: z.uuid(),
    eventType,
    status: z.enum(['pending', 'delivered', 'failed', 'cancelled']),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    createdAt: z.string(),
    payload: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'WebhookDelivery' });

export const webhookRoutes = [
  route({
    method: 'get',
    path: '/api/v1/webhook-endpoints',
    summary: "The org's outbound webhook endpoints (secrets are never shown again)",
    tag: 'integrations',
    access: 'integrations.manage',
    response: z.array(endpoint).meta({ id: 'WebhookEndpointList' }),
    handle: async ({ identity, deps }) => listWebhookEndpoints(deps.knex, identity!.orgId),
  }),

  route({
    method: 'post',
    path: '/api/v1/webhook-endpoints',
    summary: "Register an endpoint for case events (and the inbox's, when asked for); the answer carries its signing secret, once",
    tag: 'integrations',
    access: 'integrations.manage',
    body: endpointCreate,
    response: createdEndpoint,
    status: 201,
    handle: async ({ body, identity, deps, ctx }) => {
      // Refused before anything is stored: no private, loopback or link-local receivers (docs/security.md).
      const problem = await outboundUrlProblem(body.url, deps.outbound ?? PUBLIC_ONLY);
      if (problem) throw validationFailed('The request body is not valid', [{ path: 'url', message: problem }]);
      return createWebhookEndpoint(deps.knex, deps.secrets, {
        orgId: identity!.orgId,
        url: body.url,
        events: body.events,
        description: body.description,
        actor: { type: 'api_key', id: identity!.apiKeyId },
        requestId: ctx.state.requestId,
      });
    },
  }),

  route({
    method: 'delete',
    path: '/api/v1/webhook-endpoints/:id',
    summary: 'Deactivate an endpoint: no new events; queued deliveries are cancelled',
    tag: 'integrations',
    access: 'integrations.manage',
    response: endpoint,
    handle: async ({ params, identity, deps, ctx }) =>
      deactivateWebhookEndpoint(deps.knex, {
        orgId: identity!.orgId,
        id: uuidOr404(params.id),
        actor: { type: 'api_key', id: identity!.apiKeyId },
        requestId: ctx.state.requestId,
      }),
  }),

  route({
    method: 'get',
    path: '/api/v1/webhook-endpoints/:id/deliveries',
    summary: "An endpoint's delivery log, newest first (last 100): attempts, last answer, outcome",
    tag: 'integrations',
    access: 'integrations.manage',
    response: z.array(delivery).meta({ id: 'WebhookDeliveryList' }),
    handle: async ({ params, identity, deps }) => listWebhookDeliveries(deps.knex, identity!.orgId, uuidOr404(params.id)),
  }),
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A malformed id names no endpoint: 404, not a database error. */
function uuidOr404(id: string): string {
  return UUID.test(id) ? id : '00000000-0000-0000-0000-000000000000';
}
