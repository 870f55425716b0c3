import { createAssignmentRule, listAssignmentRules, updateAssignmentRule } from '../../core/bookings/booking-assignment.ts';
import { orgPipeline, writePipeline } from '../../core/bookings/booking-stage-settings.ts';
import { readFollowUpTargets, writeFollowUpTargets } from '../../core/bookings/follow-up-clock.ts';
import * as c from '../../core/contracts/bookings.ts';
import { route } from '../route.ts';

/** Who gets new bookings (assignment rules) and how soon someone must act on them (follow-up targets). */
export const bookingRuleRoutes = [
  route({
    method: 'get',
    path: '/api/v1/booking-rules',
    summary: 'The assignment rules, in the order they are tried',
    tag: 'bookings',
    access: 'bookings.rules.read',
    response: c.assignmentRuleList,
    handle: ({ identity, deps }) => listAssignmentRules(deps.knex, identity!.orgId),
  }),

  route({
    method: 'post',
    path: '/api/v1/booking-rules',
    summary: 'Add an assignment rule: which bookings (services, destinations, languages), to whom, and how (round robin, least loaded)',
    tag: 'bookings',
    access: 'bookings.rules.manage',
    body: c.assignmentRuleInput,
    response: c.assignmentRule,
    status: 201,
    handle: ({ identity, deps, body }) => createAssignmentRule(deps.knex, identity!.orgId, body, { type: 'api_key', id: identity!.apiKeyId }),
  }),

  route({
    method: 'patch',
    path: '/api/v1/booking-rules/:id',
    summary: 'Change an assignment rule; `isActive: false` turns it off',
    tag: 'bookings',
    access: 'bookings.rules.manage',
    body: c.assignmentRuleChange,
    response: c.assignmentRule,
    handle: ({ identity, deps, params, body }) => updateAssignmentRule(deps.knex, identity!.orgId, params.id, body, { type: 'api_key', id: identity!.apiKeyId }),
  }),

  route({
    method: 'get',
    path: '/api/v1/booking-follow-up',
    summary: 'The follow-up targets in business minutes: first contact, quote, and when to warn',
    tag: 'bookings',
    access: 'bookings.rules.read',
    response: c.followUpTargets,
    handle: ({ identity, deps }) => readFollowUpTargets(deps.knex, identity!.orgId),
  }),

  route({
    method: 'patch',
    path: '/api/v1/booking-follow-up',
    summary: 'Change the follow-up targets; clocks started from now on use them',
    tag: 'bookings',
    access: 'bookings.rules.manage',
    body: c.followUpTargetsChange,
    response: c.followUpTargets,
    handle: ({ identity, deps, body }) => writeFollowUpTargets(deps.knex, identity!.orgId, body),
  }),

  route({
    method: 'get',
    path: '/api/v1/booking-stages',
    summary: "The org's pipeline: its stages in order, their labels, which are hidden or closed, and the moves allowed from each (the built-in pipeline while the org configured nothing)",
    tag: 'bookings',
    access: 'bookings.rules.read',
    response: c.bookingStages,
    handle: ({ identity, deps }) => orgPipeline(deps.knex, identity!.orgId),
  }),

  route({
    method: 'put',
    path: '/api/v1/booking-stages',
    summary: "Replace the org's pipeline: rename, add, hide and reorder stages, set the allowed moves; 422 naming the field for a move to an unknown stage, a stage left out that bookings sit in, or no way out of new",
    tag: 'bookings',
    access: 'bookings.rules.manage',
    body: c.bookingStagesInput,
    response: c.bookingStages,
    handle: ({ identity, deps, body }) => writePipeline(deps.knex, identity!.orgId, body, { type: 'api_key', id: identity!.apiKeyId }),
  }),
];
