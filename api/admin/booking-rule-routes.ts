import { createAssignmentRule, listAssignmentRules, updateAssignmentRule } from '../../core/bookings/booking-assignment.ts';
import { orgPipeline, writePipeline } from '../../core/bookings/booking-stage-settings.ts';
import { readFollowUpTargets, writeFollowUpTargets } from '../../core/bookings/follow-up-clock.ts';
import * as c from '../../core/contracts/bookings.ts';
import { inSettingsApp } from '../liff/staff-apps.ts';
import { route } from '../route.ts';

/**
 * Who gets new bookings (assignment rules) and how soon someone must act on them (follow-up
 * targets). The Settings app edits the pipeline and the rules through these routes.
 */
export const bookingRuleRoutes = [
  route({
    method: 'get',
    path: '/api/v1/booking-rules',
    summary: 'The assignment rules, in the order they are tried',
    tag: 'bookings',
    access: 'bookings.rules.read',
    staffApp: inSettingsApp('/booking-rules', 'The assignment rules of new bookings, in the order they are tried (as GET /api/v1/booking-rules)'),
    response: c.assignmentRuleList,
    handle: ({ caller, deps }) => listAssignmentRules(deps.knex, caller.orgId),
  }),

  route({
    method: 'post',
    path: '/api/v1/booking-rules',
    summary: 'Add an assignment rule: which bookings (services, destinations, languages), to whom, and how (round robin, least loaded)',
    tag: 'bookings',
    access: 'bookings.rules.manage',
    staffApp: inSettingsApp('/booking-rules', 'Add an assignment rule (as POST /api/v1/booking-rules)'),
    body: c.assignmentRuleInput,
    response: c.assignmentRule,
    status: 201,
    handle: ({ caller, deps, body }) => createAssignmentRule(deps.knex, caller.orgId, body, caller.actor),
  }),

  route({
    method: 'patch',
    path: '/api/v1/booking-rules/:id',
    summary: 'Change an assignment rule; `isActive: false` turns it off',
    tag: 'bookings',
    access: 'bookings.rules.manage',
    staffApp: inSettingsApp('/booking-rules/:id', 'Change an assignment rule (as PATCH /api/v1/booking-rules/:id)'),
    body: c.assignmentRuleChange,
    response: c.assignmentRule,
    handle: ({ caller, deps, params, body }) => updateAssignmentRule(deps.knex, caller.orgId, params.id, body, caller.actor),
  }),

  route({
    method: 'get',
    path: '/api/v1/booking-follow-up',
    summary: 'The follow-up targets in business minutes: first contact, quote, and when to warn',
    tag: 'bookings',
    access: 'bookings.rules.read',
    response: c.followUpTargets,
    handle: ({ caller, deps }) => readFollowUpTargets(deps.knex, caller.orgId),
  }),

  route({
    method: 'patch',
    path: '/api/v1/booking-follow-up',
    summary: 'Change the follow-up targets; clocks started from now on use them',
    tag: 'bookings',
    access: 'bookings.rules.manage',
    body: c.followUpTargetsChange,
    response: c.followUpTargets,
    handle: ({ caller, deps, body }) => writeFollowUpTargets(deps.knex, caller.orgId, body),
  }),

  route({
    method: 'get',
    path: '/api/v1/booking-stages',
    summary: "The org's pipeline: its stages in order, their labels, which are hidden or closed, and the moves allowed from each (the built-in pipeline while the org configured nothing)",
    tag: 'bookings',
    access: 'bookings.rules.read',
    staffApp: inSettingsApp('/booking-stages', 'The bookings pipeline: stages in order, labels, hidden and closed ones, the moves allowed (as GET /api/v1/booking-stages)'),
    response: c.bookingStages,
    handle: ({ caller, deps }) => orgPipeline(deps.knex, caller.orgId),
  }),

  route({
    method: 'put',
    path: '/api/v1/booking-stages',
    summary: "Replace the org's pipeline: rename, add, hide and reorder stages, set the allowed moves; 422 naming the field for a move to an unknown stage, a stage left out that bookings sit in, or no way out of new",
    tag: 'bookings',
    access: 'bookings.rules.manage',
    staffApp: inSettingsApp('/booking-stages', 'Replace the pipeline (as PUT /api/v1/booking-stages; 409 when someone changed it since expectedVersion)'),
    body: c.bookingStagesInput,
    response: c.bookingStages,
    handle: ({ caller, deps, body }) => writePipeline(deps.knex, caller.orgId, body, caller.actor),
  }),
];
