import { z } from 'zod';
import { assertBookingVisible } from '../../core/bookings/booking-queries.ts';
import { createPaymentLink } from '../../core/checkout/payment-links.ts';
import { listPayments, paymentById } from '../../core/checkout/payment-queries.ts';
import { refundPayment } from '../../core/checkout/refunds.ts';
import { financeView } from '../../core/checkout/finance.ts';
import { setBookingCost } from '../../core/bookings/booking-cost.ts';
import { confirmSlip, rejectSlip } from '../../core/checkout/slips.ts';
import { sendCsv, wantsCsv } from '../csv-response.ts';
import * as c from '../../core/contracts/money.ts';
import { notFound } from '../../core/errors/index.ts';
import { onDashboard, onDesk } from '../liff/staff-apps.ts';
import { route } from '../route.ts';

/**
 * Customers' payments on bookings (docs/money.md): a payment link for what a booking owes, the
 * payments, and refunds. Amounts are integer minor units (satang for THB).
 */
/** The payment a path names: a UUID, else not found (no query for what cannot be one). */
function paymentIdIn(params: Record<string, string>, what = 'Payment'): string {
  if (!z.uuid().safeParse(params.id).success) throw notFound(what, { id: params.id });
  return params.id;
}

/** A slip decided (confirmed or rejected) by staff, answered with the payment as it is now. */
async function decideSlip(deps: { knex: import('knex').Knex }, orgId: string, params: Record<string, string>, decide: (paymentId: string) => Promise<unknown>) {
  const id = paymentIdIn(params, 'Transfer slip');
  await decide(id);
  return (await paymentById(deps.knex, orgId, id))!;
}

export const paymentRoutes = [
  route({
    method: 'post',
    path: '/api/v1/bookings/:number/payment-links',
    summary:
      "A Stripe Checkout link (card; PromptPay for THB) for what the booking owes now: a deposit or the whole amount as the org's rule says, the balance after a first payment; recorded as a pending payment and sent to the customer on their chat. No price (no quote, no service price), paid in full, or a closed booking: 409. Stripe unreachable: 503, nothing recorded",
    tag: 'payments',
    access: 'payments.request',
    body: c.paymentLinkRequest,
    response: c.paymentLinkAnswer,
    status: 201,
    handle: async ({ caller, deps, params, body, ctx }) => {
      await assertBookingVisible(deps.knex, caller.orgId, params.number, caller);
      const link = await createPaymentLink(deps.knex, deps.stripe, { orgId: caller.orgId, number: params.number, part: body.part, actor: caller.actor, baseUrl: deps.publicBaseUrl ?? ctx.origin, logger: deps.logger });
      const { quoteId: _quoteId, ...due } = link.due;
      return { payment: link.payment, url: link.url, amountDue: due, customerTold: link.customerTold };
    },
  }),

  route({
    method: 'get',
    path: '/api/v1/payments',
    summary: "The org's payments on bookings, newest first; by booking and status; cursor pagination (`before`)",
    tag: 'payments',
    access: 'payments.read',
    staffApp: onDesk('/payments', "A booking's payments on the desk (as GET /api/v1/payments)"),
    query: c.paymentListQuery,
    response: c.paymentList,
    handle: async ({ caller, deps, query }) => {
      const payments = await listPayments(deps.knex, caller.orgId, { bookingNumber: query.booking, status: query.status, limit: query.limit, before: query.before });
      return { payments, next: payments.length === query.limit ? payments[payments.length - 1].id : null };
    },
  }),

  route({
    method: 'get',
    path: '/api/v1/payments/:id',
    summary: 'One payment',
    tag: 'payments',
    access: 'payments.read',
    response: c.payment,
    handle: async ({ caller, deps, params }) => {
      const p = await paymentById(deps.knex, caller.orgId, params.id);
      if (!p) throw notFound('Payment', { id: params.id });
      return p;
    },
  }),

  route({
    method: 'post',
    path: '/api/v1/payments/:id/refunds',
    summary:
      'Gives money back on a paid or flagged payment, in full (no amount) or in part: through Stripe for card and PromptPay, recorded as paid back for a transfer. More than is left to refund (two refunds racing included): 409. Stripe unreachable: 503',
    tag: 'payments',
    access: 'payments.refund',
    body: c.refundRequest,
    response: c.refund,
    status: 201,
    handle: async ({ caller, deps, params, body }) =>
      (await refundPayment(deps.knex, deps.stripe, { orgId: caller.orgId, paymentId: paymentIdIn(params), amountMinor: body.amountMinor, reason: body.reason, actor: caller.actor }))!,
  }),

  route({
    method: 'get',
    path: '/api/v1/finance',
    summary:
      "The finance view for a period of the org's days: money in by day and how it was paid (card, promptpay, transfer; flagged money apart), refunds by day, what customers still owe on bookings asked to pay, Stripe payouts matched against payments with the mismatches listed, and the margin of each booking with a known cost. `format=csv` answers one table (`table`: cash_in, refunds, outstanding, payouts, payout_mismatches, margins)",
    tag: 'payments',
    access: 'finance.read',
    staffApp: onDashboard('/finance', "The dashboard's finance screen (as GET /api/v1/finance, CSV too)"),
    query: c.financeQuery,
    response: c.financeView,
    handle: async ({ caller, deps, query, ctx }) => {
      const view = await financeView(deps.knex, caller.orgId, { from: query.from, to: query.to, payoutWithinDays: query.payoutWithinDays });
      if (!wantsCsv(ctx, query.format)) return view;
      const rows = { cash_in: view.cashIn, refunds: view.refunds, outstanding: view.outstanding, payouts: view.payouts, payout_mismatches: view.payoutMismatches, margins: view.margins }[query.table];
      return sendCsv(ctx, `finance-${query.table}-${query.from}-${query.to}`, [rows], view.period.timeZone) as never;
    },
  }),

  route({
    method: 'put',
    path: '/api/v1/bookings/:number/cost',
    summary: "What a booking cost the business (integer minor units; null forgets it): the finance view's margin is what was paid less refunds less this cost. Without it, the service's cost per person times the party counts",
    tag: 'payments',
    access: 'finance.costs',
    body: c.bookingCost,
    response: c.bookingCostResult,
    handle: ({ caller, deps, params, body }) => setBookingCost(deps.knex, { orgId: caller.orgId, number: params.number, costMinor: body.costMinor }),
  }),

  route({
    method: 'post',
    path: '/api/v1/payments/:id/confirm',
    summary:
      "Confirms a customer's bank-transfer slip: the money arrived (for `amountMinor` when the slip shows another amount). The payment is paid, posted, on the booking's timeline, and the customer told. A slip confirmed or rejected already: 409",
    tag: 'payments',
    access: 'payments.refund',
    staffApp: onDesk('/payments/:id/confirm', 'Confirm a transfer slip (as POST /api/v1/payments/:id/confirm)'),
    body: c.slipConfirmation,
    response: c.payment,
    handle: ({ caller, deps, params, body }) =>
      decideSlip(deps, caller.orgId, params, (paymentId) => confirmSlip(deps.knex, { orgId: caller.orgId, paymentId, amountMinor: body.amountMinor, actor: caller.actor })),
  }),

  route({
    method: 'post',
    path: '/api/v1/payments/:id/reject',
    summary: "Rejects a customer's bank-transfer slip, with why (not a slip, money not arrived). A slip confirmed or rejected already: 409",
    tag: 'payments',
    access: 'payments.refund',
    staffApp: onDesk('/payments/:id/reject', 'Reject a transfer slip (as POST /api/v1/payments/:id/reject)'),
    body: c.slipRejection,
    response: c.payment,
    handle: ({ caller, deps, params, body }) =>
      decideSlip(deps, caller.orgId, params, (paymentId) => rejectSlip(deps.knex, { orgId: caller.orgId, paymentId, reason: body.reason, actor: caller.actor })),
  }),
];
