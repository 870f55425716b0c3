import { staffWhoWork } from '../../core/staff/staff-desk.ts';
import type { Knex } from 'knex';
import { bookWaitingForm } from '../../core/bookings/waiting-forms.ts';
import { assertBookingVisible, bookingDetail } from '../../core/bookings/booking-queries.ts';
import { orgPipeline } from '../../core/bookings/booking-stage-settings.ts';
import * as c from '../../core/contracts/cases.ts';
import * as desk from '../../core/contracts/desk.ts';
import { transactionRetried } from '../../core/db/deadlock-retry.ts';
import { validationFailed } from '../../core/errors/index.ts';
import { activeStaffMember, moveCaseFromDesk, type DeskCaseAction } from '../../core/staff/case-desk-actions.ts';
import { bookingBoard } from '../../core/staff/booking-board.ts';
import { deskCase, deskQueue } from '../../core/staff/case-desk-view.ts';
import { replyDeps } from '../admin/case-routes.ts';
import type { AppDeps } from '../deps.ts';
import { route } from '../route.ts';
import type { LiffStaff } from './staff-caller.ts';
import { DESK_API_PREFIX as DESK } from './staff-apps.ts';

/**
 * The staff desk's API (liff/src/desk/): the signed-in staff member (api/liff/staff-caller.ts)
 * reads the queue and a case, and acts on it through the same core functions and role rules as
 * the REST API's case actions and the LINE buttons (core/staff/case-desk-actions.ts), with the
 * REST API's bodies (core/contracts/cases.ts): the same 409 when the case changed meanwhile.
 *
 * Taking a case, giving it to someone, writing to the customer, moving and handing over a
 * booking, its quotes and a customer's 360 view are the REST routes themselves, served here too
 * (`staffApp` in api/admin/case-routes.ts, booking-routes.ts, contact-routes.ts). Here are the
 * desk's own: its queue, case and booking views and board, which answer in the desk's shapes, and
 * its case move, which always names the version seen and names the provider through the desk's action.
 */

/** Runs a case action as the staff member, re-read inside the transaction: removed since the app opened is refused. */
function asStaff<T>(deps: AppDeps, staff: LiffStaff, number: string, act: (trx: Knex.Transaction, a: DeskCaseAction) => Promise<T>): Promise<T> {
  return transactionRetried(deps.knex, async (trx) => {
    const member = await activeStaffMember(trx, staff.orgId, staff.id);
    return act(trx, { orgId: staff.orgId, number, staff: member, expectedVersion: 0, now: new Date() });
  });
}

export const deskRoutes = [
  route({
    method: 'get',
    path: `${DESK}/cases`,
    summary: 'The desk queue: my open cases, every open case or the unassigned ones, the most urgent first',
    tag: 'liff-staff',
    access: { liffStaff: 'cases.read' },
    query: desk.deskQueueQuery,
    response: desk.deskQueue,
    handle: ({ deps, staff, query }) => deskQueue(deps.knex, staff!, query.view),
  }),

  route({
    method: 'get',
    path: `${DESK}/cases/:number`,
    summary: "One case on the desk: customer, orders, provider, SLA clocks, the whole timeline with files as links, and what the viewer's role may do to it",
    tag: 'liff-staff',
    access: { liffStaff: 'cases.read' },
    response: desk.deskCase,
    handle: ({ deps, staff, params, ctx }) => deskCase(deps.knex, replyDeps(deps, ctx.origin), staff!, params.number),
  }),

  route({
    method: 'post',
    path: `${DESK}/cases/:number/transitions`,
    summary: 'Move the case on: a status, resolving with a root cause, waiting on a named provider (as POST /api/v1/cases/:number/transitions)',
    tag: 'liff-staff',
    access: { liffStaff: 'cases.work' },
    body: c.caseTransition,
    response: c.caseTransitionResult,
    handle: ({ deps, staff, params, body }) =>
      asStaff(deps, staff!, params.number, (trx, a) => {
        if (body.expectedVersion === undefined) throw missingVersion();
        return moveCaseFromDesk(trx, { ...a, expectedVersion: body.expectedVersion, to: body.to, rootCause: body.rootCause, providerKey: body.providerKey, note: body.note });
      }),
  }),

  // The bookings pipeline as the desk shows it, with the REST API's role and visibility rules.
  route({
    method: 'get',
    path: `${DESK}/bookings`,
    summary: "The bookings pipeline as a board, a column per stage (support: only the bookings assigned to them)",
    tag: 'liff-staff',
    access: { liffStaff: 'bookings.read' },
    response: desk.deskBookingBoard,
    handle: ({ deps, staff }) => bookingBoard(deps.knex, staff!.orgId, { role: staff!.role, staffId: staff!.id }),
  }),

  route({
    method: 'get',
    path: `${DESK}/bookings/:number`,
    summary: 'One booking with its timeline, messages, quotes and the stages it may move to (as GET /api/v1/bookings/:number)',
    tag: 'liff-staff',
    access: { liffStaff: 'bookings.read' },
    response: desk.deskBooking,
    handle: async ({ deps, staff, params }) => {
      // As GET /api/v1/bookings/:number: a website form not yet booked is booked now.
      await bookWaitingForm(deps.knex, staff!.orgId, params.number);
      await assertBookingVisible(deps.knex, staff!.orgId, params.number, { role: staff!.role, staffId: staff!.id });
      const [detail, pipeline, assignees] = await Promise.all([
        bookingDetail(deps.knex, staff!.orgId, params.number),
        orgPipeline(deps.knex, staff!.orgId),
        staffWhoWork(deps.knex, staff!.orgId),
      ]);
      return { ...detail, stageLabels: Object.fromEntries(pipeline.stages.map((s) => [s.key, s.label])), assignees };
    },
  }),

  route({
    method: 'get',
    path: `${DESK}/staff`,
    summary: 'Who works conversations and cases (support, managers, admins), active, by name: whom the Inbox hands a conversation to, and the names on its thread',
    tag: 'liff-staff',
    access: { liffStaff: 'conversations.read' },
    response: desk.deskStaff,
    handle: ({ deps, staff }) => staffWhoWork(deps.knex, staff!.orgId),
  }),
];

/** The desk always says which version it saw (the REST transitions route lets system callers omit it). */
const missingVersion = () => validationFailed('The request body is not valid', [{ path: 'expectedVersion', message: 'Required: the version the desk showed' }]);
