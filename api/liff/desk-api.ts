import { staffWhoWork } from '../../core/staff/staff-desk.ts';
import type { Knex } from 'knex';
import { bookWaitingForm } from '../../core/bookings/waiting-forms.ts';
import { assignBooking, changeBookingStage } from '../../core/bookings/booking-pipeline.ts';
import { createQuote, sendQuote } from '../../core/bookings/booking-quotes.ts';
import { assertBookingVisible, bookingDetail } from '../../core/bookings/booking-queries.ts';
import { orgPipeline } from '../../core/bookings/booking-stage-settings.ts';
import * as bookings from '../../core/contracts/bookings.ts';
import * as c from '../../core/contracts/cases.ts';
import * as desk from '../../core/contracts/desk.ts';
import { transactionRetried } from '../../core/db/deadlock-retry.ts';
import { validationFailed } from '../../core/errors/index.ts';
import { activeStaffMember, moveCaseFromDesk, reassignCaseFromDesk, takeCaseFromDesk, writeToCustomerFromDesk, type DeskCaseAction } from '../../core/staff/case-desk-actions.ts';
import { bookingBoard } from '../../core/staff/booking-board.ts';
import { deskCase, deskQueue } from '../../core/staff/case-desk-view.ts';
import { replyDeps } from '../admin/case-routes.ts';
import { contactView } from '../admin/contact-routes.ts';
import * as contacts from '../../core/contracts/contacts.ts';
import type { AppDeps } from '../deps.ts';
import { route } from '../route.ts';
import type { LiffStaff } from './staff-caller.ts';
import { LIFF_API_PREFIX } from './liff-api.ts';

/**
 * The staff desk's API (liff/src/desk/): the signed-in staff member (api/liff/staff-caller.ts)
 * reads the queue and a case, and acts on it through the same core functions and role rules as
 * the REST API's case actions and the LINE buttons (core/staff/case-desk-actions.ts), with the
 * REST API's bodies (core/contracts/cases.ts): the same 409 when the case changed meanwhile.
 */
const DESK = `${LIFF_API_PREFIX}/desk`;

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
    path: `${DESK}/cases/:number/take`,
    summary: 'Take the case (as POST /api/v1/cases/:number/take)',
    tag: 'liff-staff',
    access: { liffStaff: 'cases.work' },
    body: c.caseTake,
    response: c.caseOwnerResult,
    handle: ({ deps, staff, params, body }) => asStaff(deps, staff!, params.number, (trx, a) => takeCaseFromDesk(trx, { ...a, expectedVersion: body.expectedVersion })),
  }),

  route({
    method: 'post',
    path: `${DESK}/cases/:number/assignee`,
    summary: 'Give the case to someone, managers and admins (as POST /api/v1/cases/:number/assignee)',
    tag: 'liff-staff',
    access: { liffStaff: 'cases.work' },
    body: c.caseAssignee,
    response: c.caseOwnerResult,
    handle: ({ deps, staff, params, body }) =>
      asStaff(deps, staff!, params.number, (trx, a) => reassignCaseFromDesk(trx, { ...a, assigneeId: body.staffId, expectedVersion: body.expectedVersion })),
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

  route({
    method: 'post',
    path: `${DESK}/cases/:number/messages`,
    summary: "Write to the case's customer (as POST /api/v1/cases/:number/messages)",
    tag: 'liff-staff',
    access: { liffStaff: 'cases.work' },
    body: c.caseMessage,
    response: c.caseMessageResult,
    status: 201,
    handle: ({ deps, staff, params, body, ctx }) =>
      asStaff(deps, staff!, params.number, (trx, a) => writeToCustomerFromDesk(replyDeps(deps, ctx.origin), trx, { ...a, text: body.text, expectedVersion: body.expectedVersion })),
  }),

  // The bookings pipeline: the REST API's queries and stage move, with its role and visibility rules.
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
    method: 'post',
    path: `${DESK}/bookings/:number/stage`,
    summary: 'Move a booking to another stage (as POST /api/v1/bookings/:number/stage); 409 if it changed meanwhile',
    tag: 'liff-staff',
    access: { liffStaff: 'bookings.stage' },
    body: bookings.bookingStageMove,
    response: bookings.bookingStageMoveResult,
    handle: ({ deps, staff, params, body }) =>
      transactionRetried(deps.knex, async (trx) => {
        const member = await activeStaffMember(trx, staff!.orgId, staff!.id);
        await assertBookingVisible(trx, member.orgId, params.number, { role: member.role, staffId: member.id });
        const r = await changeBookingStage(trx, {
          orgId: member.orgId,
          number: params.number,
          to: body.to,
          expectedVersion: body.expectedVersion,
          reason: body.reason,
          note: body.note,
          actor: { type: 'staff', id: member.id },
        });
        return { number: r.booking.number, from: r.from, to: r.booking.stage, version: r.booking.version, customerTold: r.customerTold };
      }),
  }),

  route({
    method: 'post',
    path: `${DESK}/bookings/:number/assignee`,
    summary: 'Hand a booking to a staff member, or back to nobody, managers and admins (as POST /api/v1/bookings/:number/assignee)',
    tag: 'liff-staff',
    access: { liffStaff: 'bookings.assign' },
    body: bookings.bookingAssignment,
    response: bookings.bookingAssignmentResult,
    handle: ({ deps, staff, params, body }) =>
      transactionRetried(deps.knex, async (trx) => {
        const member = await activeStaffMember(trx, staff!.orgId, staff!.id);
        const b = await assignBooking(trx, { orgId: member.orgId, number: params.number, staffId: body.staffId, expectedVersion: body.expectedVersion, actor: { type: 'staff', id: member.id } });
        return { number: b.number, assigneeStaffId: b.assigneeStaffId, version: b.version };
      }),
  }),

  // The quote builder: the REST API's quote draft and send, as the signed-in staff member.
  route({
    method: 'post',
    path: `${DESK}/bookings/:number/quotes`,
    summary: 'Write the next version of the quote, a draft (as POST /api/v1/bookings/:number/quotes)',
    tag: 'liff-staff',
    access: { liffStaff: 'bookings.work' },
    body: bookings.quoteInput,
    response: bookings.quote,
    status: 201,
    handle: async ({ deps, staff, params, body }) => {
      const member = await activeStaffMember(deps.knex, staff!.orgId, staff!.id);
      await assertBookingVisible(deps.knex, member.orgId, params.number, { role: member.role, staffId: member.id });
      return createQuote(deps.knex, { orgId: member.orgId, number: params.number, quote: body, actor: { type: 'staff', id: member.id } });
    },
  }),

  route({
    method: 'post',
    path: `${DESK}/bookings/:number/quotes/:version/send`,
    summary: 'Send a quote version to the customer (as POST /api/v1/bookings/:number/quotes/:version/send)',
    tag: 'liff-staff',
    access: { liffStaff: 'bookings.work' },
    response: bookings.quoteSent,
    handle: async ({ deps, staff, params, ctx }) => {
      const member = await activeStaffMember(deps.knex, staff!.orgId, staff!.id);
      await assertBookingVisible(deps.knex, member.orgId, params.number, { role: member.role, staffId: member.id });
      const version = Number(params.version);
      if (!Number.isInteger(version) || version < 1) throw validationFailed('Not a quote version', [{ path: 'version', message: 'A whole number from 1' }]);
      return sendQuote(deps.knex, { orgId: member.orgId, number: params.number, version, actor: { type: 'staff', id: member.id }, baseUrl: deps.publicBaseUrl ?? ctx.origin });
    },
  }),

  route({
    method: 'get',
    path: `${DESK}/contacts/:contactId`,
    summary: "A customer's 360 view on the desk (as GET /api/v1/contacts/:contactId)",
    tag: 'liff-staff',
    access: { liffStaff: 'contacts.read' },
    response: contacts.contact360,
    handle: ({ deps, staff, params }) => contactView(deps.knex, staff!.orgId, params.contactId),
  }),
];

/** The desk always says which version it saw (the REST transitions route lets system callers omit it). */
const missingVersion = () => validationFailed('The request body is not valid', [{ path: 'expectedVersion', message: 'Required: the version the desk showed' }]);
