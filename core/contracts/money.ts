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
