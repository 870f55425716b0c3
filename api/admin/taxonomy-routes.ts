import * as c from '../../core/contracts/taxonomy.ts';
import * as learned from '../../core/contracts/learned-examples.ts';
import { acceptLearnedExample, listLearnedExamples, removeLearnedExample } from '../../core/understanding/learned-examples.ts';
import * as admin from '../../core/understanding/taxonomy-admin.ts';
import { loadOrgTaxonomy } from '../../core/understanding/org-taxonomy.ts';
import { checkTaxonomy } from '../../core/understanding/taxonomy-check.ts';
import { previewActWhenSure } from '../../core/understanding/act-when-sure.ts';
import { taxonomySchema } from '../../core/understanding/taxonomy.ts';
import { inSettingsApp, onDesk } from '../liff/staff-apps.ts';
import { route } from '../route.ts';

/**
 * The business's own taxonomy: case types, bookable services and FAQ entries, which the
 * classifier uses from the next customer message on. DELETE deactivates (the row and its history
 * stay; PATCH `{ "isActive": true }` brings it back). `GET /api/v1/taxonomy` exports what the
 * classifier works from, in the `npm run classify --taxonomy` file format.
 */

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
    handle: async ({ caller, deps }) => loadOrgTaxonomy(deps.knex, caller.orgId),
  }),
  route({
    method: 'get',
    path: '/api/v1/taxonomy/check',
    summary: "How the classifier reads the org's own example phrases: which it takes for another entry, and which entries look alike to it",
    tag: 'taxonomy',
    access: 'taxonomy.read',
    staffApp: inSettingsApp('/taxonomy-check', "How the classifier reads the org's own example phrases (as GET /api/v1/taxonomy/check)"),
    response: c.taxonomyCheck,
    handle: async ({ caller, deps }) => checkTaxonomy(await loadOrgTaxonomy(deps.knex, caller.orgId)),
  }),

  route({
    method: 'get',
    path: '/api/v1/taxonomy/act-preview',
    summary: "What the bot would have done with last week's messages if it acted only when at least `sure` percent sure (the `actWhenSure` setting)",
    tag: 'taxonomy',
    access: 'taxonomy.read',
    query: c.actPreviewQuery,
    response: c.actPreview,
    handle: async ({ query, caller, deps }) => previewActWhenSure(deps.knex, caller.orgId, query.sure),
  }),

  // ---------------------------------------------------------------- learned from staff

  route({
    method: 'get',
    path: '/api/v1/taxonomy/learned',
    summary: "Customer messages staff put in a class (a corrected case type, a handed-over message answered with a case or a booking), newest first: added to the class's example phrases, suggested, in conflict with another class, over the staff member's daily limit, or refused, with who and when",
    tag: 'taxonomy',
    access: 'taxonomy.read',
    staffApp: inSettingsApp('/learned', 'What the bot learned from staff (as GET /api/v1/taxonomy/learned)'),
    response: learned.learnedExampleList,
    handle: async ({ caller, deps }) => listLearnedExamples(deps.knex, caller.orgId),
  }),
  route({
    method: 'post',
    path: '/api/v1/taxonomy/learned/:id/accept',
    summary: "Add a suggested phrase to its class's examples (on a conflict, the phrase leaves the other class); a refused one is a 409",
    tag: 'taxonomy',
    access: 'taxonomy.manage',
    staffApp: inSettingsApp('/learned/:id/accept', 'Accept a learned phrase (as POST /api/v1/taxonomy/learned/:id/accept)'),
    response: learned.learnedExample,
    handle: async ({ caller, deps, params }) => acceptLearnedExample(deps.knex, caller, params.id),
  }),
  route({
    method: 'delete',
    path: '/api/v1/taxonomy/learned/:id',
    summary: "Remove a learned phrase: taken out of its class's examples when it was added, and no longer listed",
    tag: 'taxonomy',
    access: 'taxonomy.manage',
    staffApp: inSettingsApp('/learned/:id', 'Remove a learned phrase (as DELETE /api/v1/taxonomy/learned/:id)'),
    response: learned.learnedExampleRemoved,
    handle: async ({ caller, deps, params }) => {
      await removeLearnedExample(deps.knex, caller, params.id);
      return { id: params.id, removed: true as const };
    },
  }),

  // ---------------------------------------------------------------- case types

  route({
    method: 'get',
    path: '/api/v1/case-types',
    summary: 'Case types: severity, SLA, notifications, escalation, SOP, and the phrases the classifier learns from',
    tag: 'taxonomy',
    access: 'taxonomy.read',
    staffApp: onDesk('/case-types', "Case types (as GET /api/v1/case-types): what a case opened from a conversation may be"),
    query: c.listQuery,
    response: c.caseTypeList,
    handle: async ({ query, caller, deps }) => admin.listCaseTypes(deps.knex, caller.orgId, query),
  }),
  route({
    method: 'get',
    path: '/api/v1/case-types/:key',
    summary: 'One case type (active or not)',
    tag: 'taxonomy',
    access: 'taxonomy.read',
    response: c.caseType,
    handle: async ({ params, caller, deps }) => admin.getCaseType(deps.knex, caller.orgId, params.key),
  }),
  route({
    method: 'post',
    path: '/api/v1/case-types',
    summary: 'Add a case type; the classifier recognises it from the next message on',
    tag: 'taxonomy',
    access: 'taxonomy.manage',
    staffApp: inSettingsApp('/case-types', 'Add a case type (as POST /api/v1/case-types)'),
    body: c.caseTypeCreate,
    response: c.caseType,
    status: 201,
    handle: async ({ caller, deps, body }) => admin.createCaseType(deps.knex, caller, body),
  }),
  route({
    method: 'patch',
    path: '/api/v1/case-types/:key',
    summary: 'Change a case type (the key stays)',
    tag: 'taxonomy',
    access: 'taxonomy.manage',
    staffApp: inSettingsApp('/case-types/:key', 'Change a case type (as PATCH /api/v1/case-types/:key)'),
    body: c.caseTypeUpdate,
    response: c.caseType,
    handle: async ({ caller, deps, params, body }) => admin.updateCaseType(deps.knex, caller, params.key, body),
  }),
  route({
    method: 'delete',
    path: '/api/v1/case-types/:key',
    summary: 'Deactivate a case type: no new cases of it; existing cases and history stay',
    tag: 'taxonomy',
    access: 'taxonomy.manage',
    response: c.caseType,
    handle: async ({ caller, deps, params }) => admin.deactivateCaseType(deps.knex, caller, params.key),
  }),

  // ---------------------------------------------------------------- bookable services

  route({
    method: 'get',
    path: '/api/v1/services',
    summary: 'Bookable services: duration, capacity, price, and the phrases the classifier learns from',
    tag: 'taxonomy',
    access: 'taxonomy.read',
    staffApp: onDesk('/services', 'Bookable services (as GET /api/v1/services): what a booking opened from a conversation may be for'),
    query: c.listQuery,
    response: c.serviceList,
    handle: async ({ query, caller, deps }) => admin.listServices(deps.knex, caller.orgId, query),
  }),
  route({
    method: 'get',
    path: '/api/v1/services/:key',
    summary: 'One bookable service (active or not)',
    tag: 'taxonomy',
    access: 'taxonomy.read',
    response: c.service,
    handle: async ({ params, caller, deps }) => admin.getService(deps.knex, caller.orgId, params.key),
  }),
  route({
    method: 'post',
    path: '/api/v1/services',
    summary: 'Add a bookable service; the classifier recognises it from the next message on',
    tag: 'taxonomy',
    access: 'taxonomy.manage',
    staffApp: inSettingsApp('/services', 'Add a bookable service (as POST /api/v1/services)'),
    body: c.serviceCreate,
    response: c.service,
    status: 201,
    handle: async ({ caller, deps, body }) => admin.createService(deps.knex, caller, body),
  }),
  route({
    method: 'patch',
    path: '/api/v1/services/:key',
    summary: 'Change a bookable service (the key stays)',
    tag: 'taxonomy',
    access: 'taxonomy.manage',
    staffApp: inSettingsApp('/services/:key', 'Change a bookable service, its form fields or its hours (as PATCH /api/v1/services/:key)'),
    body: c.serviceUpdate,
    response: c.service,
    handle: async ({ caller, deps, params, body }) => admin.updateService(deps.knex, caller, params.key, body),
  }),
  route({
    method: 'delete',
    path: '/api/v1/services/:key',
    summary: 'Deactivate a bookable service: no longer offered; existing bookings and history stay',
    tag: 'taxonomy',
    access: 'taxonomy.manage',
    response: c.service,
    handle: async ({ caller, deps, params }) => admin.deactivateService(deps.knex, caller, params.key),
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
    handle: async ({ query, caller, deps }) => admin.listFaqEntries(deps.knex, caller.orgId, query),
  }),
  route({
    method: 'get',
    path: '/api/v1/faq/:key',
    summary: 'One FAQ entry (active or not)',
    tag: 'taxonomy',
    access: 'taxonomy.read',
    response: c.faqEntry,
    handle: async ({ params, caller, deps }) => admin.getFaqEntry(deps.knex, caller.orgId, params.key),
  }),
  route({
    method: 'post',
    path: '/api/v1/faq',
    summary: 'Add an FAQ entry; the bot answers with it from the next message on',
    tag: 'taxonomy',
    access: 'taxonomy.manage',
    staffApp: inSettingsApp('/faq', 'Add a FAQ entry (as POST /api/v1/faq)'),
    body: c.faqCreate,
    response: c.faqEntry,
    status: 201,
    handle: async ({ caller, deps, body }) => admin.createFaqEntry(deps.knex, caller, body),
  }),
  route({
    method: 'patch',
    path: '/api/v1/faq/:key',
    summary: 'Change an FAQ entry (the key stays)',
    tag: 'taxonomy',
    access: 'taxonomy.manage',
    staffApp: inSettingsApp('/faq/:key', 'Change a FAQ entry (as PATCH /api/v1/faq/:key)'),
    body: c.faqUpdate,
    response: c.faqEntry,
    handle: async ({ caller, deps, params, body }) => admin.updateFaqEntry(deps.knex, caller, params.key, body),
  }),
  route({
    method: 'delete',
    path: '/api/v1/faq/:key',
    summary: 'Deactivate an FAQ entry: the bot no longer answers with it',
    tag: 'taxonomy',
    access: 'taxonomy.manage',
    response: c.faqEntry,
    handle: async ({ caller, deps, params }) => admin.deactivateFaqEntry(deps.knex, caller, params.key),
  }),
];
