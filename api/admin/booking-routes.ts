import { createStaffBooking } from '../../core/bookings/staff-booking.ts';
import { bookWaitingForm } from '../../core/bookings/waiting-forms.ts';
import { assignBooking, moveBookingStage } from '../../core/bookings/booking-commands.ts';
import { addBookingNote } from '../../core/bookings/booking-pipeline.ts';
import { createQuote, listQuotes, sendQuote } from '../../core/bookings/booking-quotes.ts';
import { bookingIdByNumber } from '../../core/bookings/booking-desk.ts';
import { assertBookingVisible, ownOrUnassigned, bookingDetail, listBookings } from '../../core/bookings/booking-queries.ts';
import * as c from '../../core/contracts/bookings.ts';
import { memberByNumber } from '../../core/members/members.ts';
import { transactionRetried } from '../../core/db/deadlock-retry.ts';
import { validationFailed } from '../../core/errors/index.ts';
import { onDesk } from '../liff/staff-apps.ts';
import { route } from '../route.ts';
import { accepted, commandActor } from './booking-refusals.ts';

/**
 * The booking pipeline for staff and integrations: the list, one booking, stage moves, assignment,
 * notes. The staff desk moves, hands over and quotes through the same routes, as the signed-in
 * staff member; a support caller sees only the bookings assigned to them.
 */
export const bookingRoutes = [
  route({
    method: 'get',
    path: '/api/v1/bookings',
    summary: 'Bookings, newest first: filters by stage, assignee, service, source, dates and text; cursor pagination',
    tag: 'bookings',
    access: 'bookings.read',
    query: c.bookingListQuery,
    response: c.bookingPage,
    handle: ({ identity, deps, query }) => listBookings(deps.knex, identity!.orgId, { ...query, ownOrUnassigned: ownOrUnassigned(identity!) ?? undefined }),
  }),

  route({
    method: 'post',
    path: '/api/v1/bookings',
    summary: "Record a booking on a customer's behalf (a concierge for a member, or the business's own system); the customer is matched by e-mail or phone",
    tag: 'bookings',
    access: 'bookings.create',
    body: c.staffBookingRequest,
    response: c.staffBookingResult,
    status: 201,
    handle: async ({ identity, deps, body }) => {
      const member = body.member_number ? await memberByNumber(deps.knex, identity!.orgId, body.member_number) : undefined;
      return createStaffBooking(deps.knex, { orgId: identity!.orgId, form: body, contactId: member?.contactId, actor: { type: 'api_key', id: identity!.apiKeyId } });
    },
  }),

  route({
    method: 'get',
    path: '/api/v1/bookings/:number',
    summary: 'One booking with its timeline and the stages it may move to',
    tag: 'bookings',
    access: 'bookings.read',
    response: c.bookingDetail,
    handle: async ({ identity, deps, params }) => {
      // A website form stored a moment ago is booked now rather than answered 404 until its worker runs.
      await bookWaitingForm(deps.knex, identity!.orgId, params.number);
      await assertBookingVisible(deps.knex, identity!.orgId, params.number, identity!);
      return bookingDetail(deps.knex, identity!.orgId, params.number);
    },
  }),

  route({
    method: 'post',
    path: '/api/v1/bookings/:number/stage',
    summary: 'Move a booking to another stage (lost and declined need a reason); 409 if it changed meanwhile or the move is not allowed',
    tag: 'bookings',
    access: 'bookings.stage',
    staffApp: onDesk('/bookings/:number/stage', 'Move a booking to another stage (as POST /api/v1/bookings/:number/stage); 409 if it changed meanwhile'),
    body: c.bookingStageMove,
    response: c.bookingStageMoveResult,
    handle: async ({ caller, deps, params, body }) => {
      // Someone waits on it (the desk, an integration): a deadlock victim is run again, not refused.
      const r = await transactionRetried(deps.knex, async (trx) =>
        accepted(
          await moveBookingStage(trx, {
            orgId: caller.orgId,
            number: params.number,
            to: body.to,
            expectedVersion: body.expectedVersion,
            reason: body.reason,
            note: body.note,
            actor: commandActor(caller),
          }),
          params.number,
          'stage',
        ),
      );
      return { number: r.booking.number, from: r.from, to: r.booking.stage, version: r.booking.version, customerTold: r.customerTold };
    },
  }),

  route({
    method: 'post',
    path: '/api/v1/bookings/:number/assignee',
    summary: 'Hand a booking to a staff member, or back to nobody; 409 if it changed meanwhile',
    tag: 'bookings',
    access: 'bookings.assign',
    staffApp: onDesk('/bookings/:number/assignee', 'Hand a booking to a staff member, or back to nobody, managers and admins (as POST /api/v1/bookings/:number/assignee)'),
    body: c.bookingAssignment,
    response: c.bookingAssignmentResult,
    handle: async ({ caller, deps, params, body }) => {
      const { booking: b } = await transactionRetried(deps.knex, async (trx) =>
        accepted(
          await assignBooking(trx, {
            orgId: caller.orgId,
            number: params.number,
            staffId: body.staffId,
            expectedVersion: body.expectedVersion,
            actor: commandActor(caller),
          }),
          params.number,
          'assign',
        ),
      );
      return { number: b.number, assigneeStaffId: b.assigneeStaffId, version: b.version };
    },
  }),

  route({
    method: 'post',
    path: '/api/v1/bookings/:number/notes',
    summary: "A note, a task or a call log on the booking's timeline (never shown to the customer)",
    tag: 'bookings',
    access: 'bookings.work',
    body: c.bookingNote,
    response: c.bookingNoteResult,
    status: 201,
    handle: async ({ identity, deps, params, body }) => {
      await assertBookingVisible(deps.knex, identity!.orgId, params.number, identity!);
      return deps.knex.transaction((trx) =>
        addBookingNote(trx, {
          orgId: identity!.orgId,
          number: params.number,
          kind: body.kind,
          text: body.text,
          dueAt: body.dueAt,
          minutes: body.minutes,
          actor: { type: 'api_key', id: identity!.apiKeyId },
        }),
      );
    },
  }),

  route({
    method: 'get',
    path: '/api/v1/bookings/:number/quotes',
    summary: "The booking's quote versions",
    tag: 'bookings',
    access: 'bookings.read',
    response: c.quoteList,
    handle: async ({ identity, deps, params }) => {
      await assertBookingVisible(deps.knex, identity!.orgId, params.number, identity!);
      return listQuotes(deps.knex, await bookingIdByNumber(deps.knex, identity!.orgId, params.number));
    },
  }),

  route({
    method: 'post',
    path: '/api/v1/bookings/:number/quotes',
    summary: 'Write the next version of the quote (a draft): line items, discount, currency (THB by default), validity',
    tag: 'bookings',
    access: 'bookings.work',
    staffApp: onDesk('/bookings/:number/quotes', 'Write the next version of the quote, a draft (as POST /api/v1/bookings/:number/quotes)'),
    body: c.quoteInput,
    response: c.quote,
    status: 201,
    handle: async ({ caller, deps, params, body }) => {
      await assertBookingVisible(deps.knex, caller.orgId, params.number, caller);
      return createQuote(deps.knex, { orgId: caller.orgId, number: params.number, quote: body, actor: caller.actor });
    },
  }),

  route({
    method: 'post',
    path: '/api/v1/bookings/:number/quotes/:version/send',
    summary: "Send a quote version: the customer's token link (on the booking's chat, or the message for an e-mail); earlier versions are superseded and the booking is quoted",
    tag: 'bookings',
    access: 'bookings.work',
    staffApp: onDesk('/bookings/:number/quotes/:version/send', 'Send a quote version to the customer (as POST /api/v1/bookings/:number/quotes/:version/send)'),
    response: c.quoteSent,
    handle: async ({ caller, deps, params, ctx }) => {
      await assertBookingVisible(deps.knex, caller.orgId, params.number, caller);
      const version = Number(params.version);
      if (!Number.isInteger(version) || version < 1) throw validationFailed('Not a quote version', [{ path: 'version', message: 'A whole number from 1' }]);
      return sendQuote(deps.knex, {
        orgId: caller.orgId,
        number: params.number,
        version,
        actor: caller.actor,
        baseUrl: deps.publicBaseUrl ?? ctx.origin,
      });
    },
  }),
];
