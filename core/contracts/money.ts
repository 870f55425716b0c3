import { z } from 'zod';

/**
 * Customers' payments on bookings, refunds and the finance view (docs/money.md). Every amount is
 * an integer of minor units (satang for THB): never a float.
 */
const minor = (what: string) =>
  z.number().int('must be a whole number of minor units (satang for THB): 12345 is 123.45 baht').meta({ description: `${what}, in integer minor units (satang for THB)`, example: 150000 });

export const paymentPart = z.enum(['deposit', 'full', 'balance']);

export const paymentLinkRequest = z
  .object({
    part: paymentPart
      .optional()
      .meta({ description: "Which part of the amount due to ask for; omitted: the org's rule (settings `paymentRule`) for a first payment, the balance after one" }),
  })
  .strict()
  .meta({ id: 'PaymentLinkRequest' });

export const payment = z
  .object({
    id: z.uuid(),
    bookingNumber: z.string(),
    part: paymentPart,
    method: z.enum(['stripe', 'transfer']),
    paidWith: z.string().nullable().meta({ description: 'card or promptpay (as Stripe says), or transfer' }),
    status: z.enum(['pending', 'paid', 'flagged', 'expired', 'rejected']).meta({
      description: 'pending: asked for, not paid; paid: applied to the booking; flagged: money arrived and was not applied (see flag), refundable; rejected: a slip staff turned down',
    }),
    currency: z.string(),
    amountMinor: minor('Asked for (or, flagged for a wrong amount, what arrived)'),
    refundedMinor: minor('Given back, or being given back'),
    checkoutUrl: z.string().nullable().meta({ description: "The Stripe Checkout link while it is pending" }),
    flag: z.string().nullable().meta({ description: 'amount_mismatch, quote_superseded or quote_expired' }),
    flagDetail: z.record(z.string(), z.unknown()).nullable(),
    quoteVersion: z.number().int().nullable(),
    paidAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Payment' });

export const amountDue = z
  .object({
    currency: z.string(),
    totalMinor: minor('What the booking costs'),
    paidMinor: minor('Paid so far, less refunds'),
    dueMinor: minor('Still to pay'),
    basis: z.enum(['accepted_quote', 'open_quote', 'service_price']),
  })
  .meta({ id: 'AmountDue' });

export const paymentLinkAnswer = z
  .object({ payment, url: z.string(), amountDue, customerTold: z.boolean().meta({ description: 'Whether the link went to the customer on their chat' }) })
  .meta({ id: 'PaymentLink' });

export const paymentList = z.object({ payments: z.array(payment), next: z.string().nullable().meta({ description: 'Pass as `before` for the next page' }) }).meta({ id: 'PaymentList' });

export const paymentListQuery = z
  .object({
    booking: z.string().max(40).optional().meta({ description: 'Only this booking number' }),
    status: payment.shape.status.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.uuid().optional(),
  })
  .strict();

export const refundRequest = z
  .object({
    amountMinor: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional().meta({ description: 'Omitted: all that is left to refund' }),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .strict()
  .meta({ id: 'RefundRequest' });

export const refund = z
  .object({
    id: z.uuid(),
    paymentId: z.uuid(),
    amountMinor: minor('Given back'),
    status: z.enum(['pending', 'succeeded', 'failed']),
    reason: z.string().nullable(),
    createdAt: z.string(),
    succeededAt: z.string().nullable(),
  })
  .meta({ id: 'Refund' });

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD');

export const financeQuery = z
  .object({
    from: day.meta({ description: 'First day, in the org\'s time zone' }),
    to: day.meta({ description: 'Last day, included' }),
    format: z.enum(['json', 'csv']).optional(),
    table: z.enum(['cash_in', 'refunds', 'outstanding', 'payouts', 'payout_mismatches', 'margins']).default('cash_in').meta({ description: 'With format=csv: which table' }),
    payoutWithinDays: z.coerce.number().int().min(1).max(60).optional().meta({ description: 'A Stripe payment no payout carried this many days after it was paid is listed as a mismatch (7 unless said)' }),
  })
  .strict()
  .refine((q) => q.from <= q.to, { message: 'from is after to', path: ['from'] });

export const financeView = z
  .object({
    period: z.object({ from: z.string(), to: z.string(), timeZone: z.string() }),
    cashIn: z.array(z.object({ day: z.string(), method: z.string(), currency: z.string(), flagged: z.boolean(), payments: z.number().int(), amountMinor: minor('Received') })),
    refunds: z.array(z.object({ day: z.string(), method: z.string(), currency: z.string(), refunds: z.number().int(), amountMinor: minor('Given back') })),
    outstanding: z.array(z.object({ bookingNumber: z.string(), currency: z.string(), totalMinor: minor('Cost'), paidMinor: minor('Paid'), dueMinor: minor('Still owed') })),
    payouts: z
      .array(z.object({ payoutId: z.string(), day: z.string(), currency: z.string(), lines: z.number().int(), grossMinor: z.number().int(), feeMinor: z.number().int(), netMinor: z.number().int().meta({ description: "This org's share of the money the payout brought to the bank" }), mismatches: z.number().int() }))
      .meta({ description: "Stripe payouts that arrived in the period and carried this org's money: its share, gross, Stripe's fees and net" }),
    payoutMismatches: z
      .array(
        z.object({
          kind: z.enum(['amount_differs', 'unknown', 'not_paid_out']).meta({ description: 'amount_differs: a payout line not the amount of its payment or refund; unknown: a payout line we do not know; not_paid_out: a Stripe payment no payout carried after payoutWithinDays' }),
          day: z.string(),
          payoutId: z.string().nullable(),
          lineId: z.string().nullable().meta({ description: "Stripe's balance transaction id" }),
          bookingNumber: z.string().nullable(),
          paymentId: z.string().nullable(),
          currency: z.string(),
          expectedMinor: z.number().int().nullable().meta({ description: 'What our books say (a refund negative)' }),
          paidOutMinor: z.number().int().nullable().meta({ description: 'What the payout line says, gross' }),
        }),
      ),
    margins: z
      .array(
        z.object({
          bookingNumber: z.string(),
          stage: z.string(),
          currency: z.string(),
          paidMinor: z.number().int(),
          refundedMinor: z.number().int(),
          costMinor: z.number().int(),
          costFrom: z.enum(['booking', 'service']),
          marginMinor: z.number().int().meta({ description: 'Paid less refunds less cost; negative when the booking lost money' }),
        }),
      )
      .meta({ description: 'Bookings of the period (by their date) with a known cost' }),
  })
  .meta({ id: 'FinanceView' });

export const slipConfirmation = z
  .object({ amountMinor: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional().meta({ description: 'What the slip shows arrived, when it is not what was asked' }) })
  .strict()
  .meta({ id: 'SlipConfirmation' });

export const slipRejection = z.object({ reason: z.string().trim().min(1).max(500) }).strict().meta({ id: 'SlipRejection' });

export const bookingCost = z
  .object({ costMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().meta({ description: "What the booking cost the business, in minor units of its currency; null forgets it (its service's cost per person counts again)" }) })
  .strict()
  .meta({ id: 'BookingCost' });
export const bookingCostResult = z.object({ number: z.string(), costMinor: z.number().int().nullable() }).meta({ id: 'BookingCostResult' });
