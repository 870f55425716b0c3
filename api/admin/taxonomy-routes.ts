import * as c from '../../core/contracts/taxonomy.ts';
import * as admin from '../../core/understanding/taxonomy-admin.ts';
import { loadOrgTaxonomy } from '../../core/understanding/org-taxonomy.ts';
import { checkTaxonomy } from '../../core/understanding/taxonomy-check.ts';
import { taxonomySchema } from '../../core/understanding/taxonomy.ts';
import { route, type RouteInput } from '../route.ts';

/**
 * The business's own taxonomy: case types, bookable services and FAQ entries, which the
 * classifier uses from the next customer message on. DELETE deactivates (the row and its history
 * stay; PATCH `{ "isActive": true }` brings it back). `GET /api/v1/taxonomy` exports what the
 * classifier works from, in the `npm run classify --taxonomy` file format.
 */

const writer = ({ identity, ctx }: RouteInput<unknown, unknown>): admin.TaxonomyWriter => ({
  orgId: identity!.orgId,
  actor: { type: 'api_key', id: identity!.apiKeyId },
  requestId: ctx.state.requestId,
});

/** The `npm run classify -- --taxonomy` file format: what the classifier works from, active entries only. */
const taxonomyFile = taxonomySchema.meta({
  id: 'TaxonomyFile',
  description: "The org's taxonomy in the `npm run classify --taxonomy` file format (active entries only)",
});

export const taxonomyRoutes = [
  route({
    method: 'get',
    path: '/api/v1/taxonomy',
    summary: "The org's taxonomy as the classifier sees it, in the `npm run classify --taxonomy` file format",
    tag: 'taxonomy',
    access: 'taxonomy.read',
    response: taxonomyFile,
    handle: async ({ identity, deps }) => loadOrgTaxonomy(deps.knex, identity!.orgId),
  }),
  route({
    method: 'get',
    path: '/api/v1/taxonomy/check',
    summary: "How the classifier reads the org's own example phrases: which it takes for another entry, and which entries look alike to it",
    tag: 'taxonomy',
    access: 'taxonomy.read',
    response: c.taxonomyCheck,
    handle: async ({ identity, deps }) => checkTaxonomy(await loadOrgTaxonomy(deps.knex, identity!.orgId)),
  }),

  // ---------------------------------------------------------------- case types

  route({
    method: 'get',
    path: '/api/v1/case-types',
    summary: 'Case types: severity, SLA, notifications, escalation, SOP, and the phrases the classifier learns from',
    tag: 'taxonomy',
    access: 'taxonomy.read',
    query: c.listQuery,
    response: c.caseTypeList,
    handle: async ({ query, identity, deps }) => admin.listCaseTypes(deps.knex, identity!.orgId, query),
  }),
  route({
    method: 'get',
    path: '/api/v1/case-types/:key',
    summary: 'One case type (active or not)',
    tag: 'taxonomy',
    access: 'taxonomy.read',
    response: c.caseType,
    handle: async ({ params, identity, deps }) => admin.getCaseType(deps.knex, identity!.orgId, params.key),
  }),
  route({
    method: 'post',
    path: '/api/v1/case-types',
    summary: 'Add a case type; the classifier recognises it from the next message on',
    tag: 'taxonomy',
    access: 'taxonomy.manage',
    body: c.caseTypeCreate,
    response: c.caseType,
    status: 201,
    handle: async (input) => admin.createCaseType(input.deps.knex, writer(input), input.body),
  }),
  route({
    method: 'patch',
    path: '/api/v1/case-types/:key',
    summary: 'Change a case type (the key stays)',
    tag: 'taxonomy',
    access: 'taxonomy.manage',
    body: c.caseTypeUpdate,
    response: c.caseType,
    handle: async (input) => admin.updateCaseType(input.deps.knex, writer(input), input.params.key, input.body),
  }),
  route({
    method: 'delete',
    path: '/api/v1/case-types/:key',
    summary: 'Deactivate a case type: no new cases of it; existing cases and history stay',
    tag: 'taxonomy',
    access: 'taxonomy.manage',
    response: c.caseType,
    handle: async (input) => admin.deactivateCaseType(input.deps.knex, writer(input), input.params.key),
  }),

  // ---------------------------------------------------------------- bookable services

  route({
    method: 'get',
    path: '/api/v1/services',
    summary: 'Bookable services: duration, capacity, price, and the phrases the classifier learns from',
    tag: 'taxonomy',
    access: 'taxonomy.read',
    query: c.listQuery,
    response: c.serviceList,
    handle: async ({ query, identity, deps }) => admin.listServices(deps.knex, identity!.orgId, query),
  }),
  route({
    method: 'get',
    path: '/api/v1/services/:key',
    summary: 'One bookable service (active or not)',
    tag: 'taxonomy',
    access: 'taxonomy.read',
    response: c.service,
    handle: async ({ params, identity, deps }) => admin.getService(deps.knex, identity!.orgId, params.key),
  }),
  route({
    method: 'post',
    path: '/api/v1/services',
    summary: 'Add a bookable service; the classifier recognises it from the next message on',
    tag: 'taxonomy',
    access: 'taxonomy.manage',
    body: c.serviceCreate,
    response: c.service,
    status: 201,
    handle: async (input) => admin.createService(input.deps.knex, writer(input), input.body),
  }),
  route({
    method: 'patch',
    path: '/api/v1/services/:key',
    summary: 'Change a bookable service (the key stays)',
    tag: 'taxonomy',
    access: 'taxonomy.manage',
    body: c.serviceUpdate,
    response: c.service,
    handle: async (input) => admin.updateService(input.deps.knex, writer(input), input.params.key, input.body),
  }),
  route({
    method: 'delete',
    path: '/api/v1/services/:key',
    summary: 'Deactivate a bookable service: no longer offered; existing bookings and history stay',
    tag: 'taxonomy',
    access: 'taxonomy.manage',
    response: c.service,
    handle: async (input) => admin.deactivateService(input.deps.knex, writer(input), input.params.key),
  }),

  // ---------------------------------------------------------------- FAQ

  route({
    method: 'get',
    path: '/api/v1/faq',
    summary: 'FAQ entries the bot answers from',
    tag: 'taxonomy',
    access: 'taxonomy.read',
    query: c.listQuery,
    response: c.faqList,
    handle: async ({ query, identity, deps }) => admin.listFaqEntries(deps.knex, identity!.orgId, query),
  }),
  route({
    method: 'get',
    path: '/api/v1/faq/:key',
    summary: 'One FAQ entry (active or not)',
    tag: 'taxonomy',
    access: 'taxonomy.read',
    response: c.faqEntry,
    handle: async ({ params, identity, deps }) => admin.getFaqEntry(deps.knex, identity!.orgId, params.key),
  }),
  route({
    method: 'post',
    path: '/api/v1/faq',
    summary: 'Add an FAQ entry; the bot answers with it from the next message on',
    tag: 'taxonomy',
    access: 'taxonomy.manage',
    body: c.faqCreate,
    response: c.faqEntry,
    status: 201,
    handle: async (input) => admin.createFaqEntry(input.deps.knex, writer(input), input.body),
  }),
  route({
    method: 'patch',
    path: '/api/v1/faq/:key',
    summary: 'Change an FAQ entry (the key stays)',
    tag: 'taxonomy',
    access: 'taxonomy.manage',
    body: c.faqUpdate,
    response: c.faqEntry,
    handle: async (input) => admin.updateFaqEntry(input.deps.knex, writer(input), input.params.key, input.body),
  }),
  route({
    method: 'delete',
    path: '/api/v1/faq/:key',
    summary: 'Deactivate an FAQ entry: the bot no longer answers with it',
    tag: 'taxonomy',
    access: 'taxonomy.manage',
    response: c.faqEntry,
    handle: async (input) => admin.deactivateFaqEntry(input.deps.knex, writer(input), input.params.key),
  }),
];
