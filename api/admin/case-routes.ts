import { caseTime } from '../../core/cases/case-clock.ts';
import { activeCases, caseDetail, caseIdByNumber, casesByOrder } from '../../core/cases/case-queries.ts';
import * as caseCommands from '../../core/cases/case-commands.ts';
import { correctCase } from '../../core/cases/case-correction.ts';
import { caseRefusalError } from '../../core/cases/case-refusal-errors.ts';
import * as c from '../../core/contracts/cases.ts';
import { reassignCaseFromDesk, takeCaseFromDesk, writeToCustomerFromDesk } from '../../core/staff/case-desk-actions.ts';
import { transactionRetried } from '../../core/db/deadlock-retry.ts';
import { iso } from '../../core/time/iso.ts';
import type { AppDeps } from '../deps.ts';
import { onDesk } from '../liff/staff-apps.ts';
import { route } from '../route.ts';
import { actingStaff } from './acting-staff.ts';

/** What writing to a customer needs from the api: where links point, and the key that signs media links. */
export const replyDeps = (deps: AppDeps, origin: string) => ({ publicBaseUrl: () => deps.publicBaseUrl ?? origin, mediaLinkKey: deps.mediaLinkKey });

/**
 * Open cases by due time, a case by order id, one case with its timeline, and moving a case on.
 * Take, reassign and writing to the customer act as the staff member the API key belongs to, or
 * the one signed in on the staff desk (these three are its routes too), with the LINE buttons'
 * role rules (core/staff/case-desk-actions.ts); a key of nobody is refused.
 */
export const caseRoutes = [
  route({
    method: 'get',
    path: '/api/v1/cases/active',
    summary: 'Open cases, the most urgent first (by resolution due time)',
    tag: 'cases',
    access: 'cases.read',
    response: c.caseList,
    handle: ({ identity, deps }) => activeCases(deps.knex, identity!.orgId),
  }),

  route({
    method: 'get',
    path: '/api/v1/cases/by-order/:orderId',
    summary: "The cases linked to one of the business's order ids",
    tag: 'cases',
    access: 'cases.read',
    response: c.caseList,
    handle: ({ identity, deps, params }) => casesByOrder(deps.knex, identity!.orgId, params.orderId),
  }),

  route({
    method: 'get',
    path: '/api/v1/cases/:number',
    summary: 'One case, with its whole timeline',
    tag: 'cases',
    access: 'cases.read',
    response: c.caseDetail,
    handle: ({ identity, deps, params }) => caseDetail(deps.knex, identity!.orgId, params.number),
  }),

  route({
    method: 'get',
    path: '/api/v1/cases/:number/time',
    summary: 'Where the time went: queue, working, waiting on the customer, waiting on a provider',
    tag: 'cases',
    access: 'cases.read',
    response: c.caseTime,
    handle: async ({ identity, deps, params }) => {
      const caseId = await caseIdByNumber(deps.knex, identity!.orgId, params.number);
      const { buckets, clock } = await caseTime(deps.knex, caseId, new Date());
      return {
        number: params.number,
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
    handle: async ({ identity, deps, params, body }) => {
      const integration = { type: 'integration' as const, apiKeyId: identity!.apiKeyId };
      // A deadlock victim is run again, as the other case actions are (core/db/deadlock-retry.ts).
      const result = await transactionRetried(deps.knex, async (trx) => {
        const { to, expectedVersion, rootCause, providerKey, note } = body;
        const r = await caseCommands.move(trx, integration, { orgId: identity!.orgId, number: params.number, to, expectedVersion, rootCause, providerKey, note, now: new Date() });
        if (!r.ok) throw caseRefusalError(r, integration, params.number);
        return r;
      });
      return { number: result.number, from: result.from, to: result.to, version: result.version, reopened: result.reopened };
    },
  }),

  route({
    method: 'post',
    path: '/api/v1/cases/:number/take',
    summary: "Take a case as the key's staff member (a new case starts its work); a manager or admin may take one over. 409 if it changed meanwhile or someone else has it",
    tag: 'cases',
    access: 'cases.work',
    staffApp: onDesk('/cases/:number/take', 'Take the case (as POST /api/v1/cases/:number/take)'),
    body: c.caseTake,
    response: c.caseOwnerResult,
    handle: ({ caller, deps, params, body }) =>
      transactionRetried(deps.knex, async (trx) => {
        const staff = await actingStaff(trx, caller, 'case.take');
        return takeCaseFromDesk(trx, { orgId: caller.orgId, number: params.number, staff, expectedVersion: body.expectedVersion, now: new Date() });
      }),
  }),

  route({
    method: 'post',
    path: '/api/v1/cases/:number/assignee',
    summary: 'Give a case to another staff member (managers and admins); they are told in LINE. 409 if it changed meanwhile',
    tag: 'cases',
    access: 'cases.work',
    staffApp: onDesk('/cases/:number/assignee', 'Give the case to someone, managers and admins (as POST /api/v1/cases/:number/assignee)'),
    body: c.caseAssignee,
    response: c.caseOwnerResult,
    handle: ({ caller, deps, params, body }) =>
      transactionRetried(deps.knex, async (trx) => {
        const staff = await actingStaff(trx, caller, 'case.reassign');
        return reassignCaseFromDesk(trx, { orgId: caller.orgId, number: params.number, staff, assigneeId: body.staffId, expectedVersion: body.expectedVersion, now: new Date() });
      }),
  }),

  route({
    method: 'post',
    path: '/api/v1/cases/:number/messages',
    summary: "Write to the case's customer on their own channel (through the outbox, on the timeline), as the key's staff member. 409 if it changed meanwhile",
    tag: 'cases',
    access: 'cases.work',
    staffApp: onDesk('/cases/:number/messages', "Write to the case's customer (as POST /api/v1/cases/:number/messages)"),
    body: c.caseMessage,
    response: c.caseMessageResult,
    status: 201,
    handle: ({ caller, deps, params, body, ctx }) =>
      transactionRetried(deps.knex, async (trx) => {
        const staff = await actingStaff(trx, caller, 'case.reply');
        return writeToCustomerFromDesk(replyDeps(deps, ctx.origin), trx, {
          orgId: caller.orgId,
          number: params.number,
          staff,
          text: body.text,
          expectedVersion: body.expectedVersion,
          now: new Date(),
        });
      }),
  }),

  // Correcting a case's type or severity (docs/cases.md, "Correcting a case"): a command with a
  // reason that re-arms the SLA clocks, not a field edit, so a POST beside take and transitions.
  route({
    method: 'post',
    path: '/api/v1/cases/:number/corrections',
    summary: "Correct a case's type (support on unowned or own cases, managers, admins) or severity (managers, admins), with a reason; a new type's SLA targets apply from the opening. 409 if it changed meanwhile or is resolved",
    tag: 'cases',
    access: 'cases.work',
    staffApp: onDesk('/cases/:number/corrections', "Correct the case's type or severity (as POST /api/v1/cases/:number/corrections)"),
    body: c.caseCorrection,
    response: c.caseCorrectionResult,
    handle: ({ caller, deps, params, body }) =>
      transactionRetried(deps.knex, async (trx) => {
        // Whoever may correct the severity may correct the type too (core/access/roles.ts).
        const staff = await actingStaff(trx, caller, body.severity !== undefined ? 'case.correct_severity' : 'case.correct_type');
        const actor = caseCommands.staffActor(staff);
        const r = await correctCase(trx, actor, { orgId: caller.orgId, number: params.number, ...body, now: new Date(), requestId: caller.requestId });
        if (!r.ok) throw caseRefusalError(r, actor, params.number);
        return { ...r.case, firstResponseDueAt: iso(r.case.firstResponseDueAt), resolutionDueAt: iso(r.case.resolutionDueAt), changed: r.changed };
      }),
  }),
];
