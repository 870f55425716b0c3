import { createStaffBooking } from '../../core/bookings/staff-booking.ts';
import { bookWaitingForm } from '../../core/bookings/waiting-forms.ts';
import { addBookingNote, assignBooking, changeBookingStage } from '../../core/bookings/booking-pipeline.ts';
import { createQuote, listQuotes, sendQuote } from '../../core/bookings/booking-quotes.ts';
import { assertBookingVisible, assignedOnly, bookingDetail, bookingIdByNumber, listBookings } from '../../core/bookings/booking-queries.ts';
import * as c from '../../core/contracts/bookings.ts';
import { validationFailed } from '../../core/errors/index.ts';
import { route } from '../route.ts';

/** The booking pipeline for staff and integrations: the list, one booking, stage moves, assignment, notes. */
export const bookingRoutes = [
  route({
    method: 'get',
    path: '/api/v1/bookings',
    summary: 'Bookings, newest first: filters by stage, assignee, service, source, dates and text; cursor pagination',
    tag: 'bookings',
    access: 'bookings.read',
    query: c.bookingListQuery,
    response: c.bookingPage,
    handle: ({ identity, deps, query }) => listBookings(deps.knex, identity!.orgId, { ...query, onlyAssignee: assignedOnly(identity!) ?? undefined }),
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
    handle: ({ identity, deps, body }) => createStaffBooking(deps.knex, { orgId: identity!.orgId, form: body, actor: { type: 'api_key', id: identity!.apiKeyId } }),
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
    body: c.bookingStageMove,
    response: c.bookingStageMoveResult,
    handle: async ({ identity, deps, params, body }) => {
      await assertBookingVisible(deps.knex, identity!.orgId, params.number, identity!);
      const r = await deps.knex.transaction((trx) =>
        changeBookingStage(trx, {
          orgId: identity!.orgId,
          number: params.number,
          to: body.to,
          expectedVersion: body.expectedVersion,
          reason: body.reason,
          note: body.note,
          actor: { type: 'api_key', id: identity!.apiKeyId },
        }),
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
    body: c.bookingAssignment,
    response: c.bookingAssignmentResult,
    handle: async ({ identity, deps, params, body }) => {
      const b = await deps.knex.transaction((trx) =>
        assignBooking(trx, {
          orgId: identity!.orgId,
          number: params.number,
          staffId: body.staffId,
          expectedVersion: body.expectedVersion,
          actor: { type: 'api_key', id: identity!.apiKeyId },
        }),
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
    body: c.quoteInput,
    response: c.quote,
    status: 201,
    handle: async ({ identity, deps, params, body }) => {
      await assertBookingVisible(deps.knex, identity!.orgId, params.number, identity!);
      return createQuote(deps.knex, { orgId: identity!.orgId, number: params.number, quote: body, actor: { type: 'api_key', id: identity!.apiKeyId } });
    },
  }),

  route({
    method: 'post',
    path: '/api/v1/bookings/:number/quotes/:version/send',
    summary: "Send a quote version: the customer's token link (on the booking's chat, or the message for an e-mail); earlier versions are superseded and the booking is quoted",
    tag: 'bookings',
    access: 'bookings.work',
    response: c.quoteSent,
    handle: async ({ identity, deps, params, ctx }) => {
      await assertBookingVisible(deps.knex, identity!.orgId, params.number, identity!);
      const version = Number(params.version);
      if (!Number.isInteger(version) || version < 1) throw validationFailed('Not a quote version', [{ path: 'version', message: 'A whole number from 1' }]);
      return sendQuote(deps.knex, {
        orgId: identity!.orgId,
        number: params.number,
        version,
        actor: { type: 'api_key', id: identity!.apiKeyId },
        baseUrl: deps.publicBaseUrl ?? ctx.origin,
      });
    },
  }),
];
