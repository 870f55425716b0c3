import { z } from 'zod';
import { ORDER_STATUSES, REFUND_STATUSES } from '../vocabulary.ts';

/**
 * The orders API (docs/cases.md, "Orders from the main system"): the business's main system tells
 * us an order as it is now, one at a time (`PUT /api/v1/orders/:number`) or many at once
 * (`POST /api/v1/orders`). Each body is the order's whole state, not a patch: a field left out is
 * empty (no provider, no refund).
 */

/** Integer minor units (satang for THB): money is never a float here. */
export const minorUnits = (what: string) =>
  z
    .number()
    .int('must be a whole number of minor units (satang for THB): 12345 is 123.45 baht')
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .meta({ description: `${what}, in integer minor units (satang for THB: 12345 is 123.45 baht)`, example: 12345 });

const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** The order number as the business writes it: visible characters, no surrounding spaces. */
export const orderNumber = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^\s\p{Cc}](?:[^\p{Cc}]*[^\s\p{Cc}])?$/u, 'must be the order number as written: no control characters, no spaces around it')
  .meta({ description: "The order number in the business's own system (the id customers and cases name)", example: 'ORD-20261129-0042' });

const orderState = {
  amountMinor: minorUnits('What the order costs'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code in capitals, like THB')
    // Said once: a code of the wrong form is the regex's to name.
    .refine((c) => !/^[A-Z]{3}$/.test(c) || KNOWN_CURRENCIES.has(c), { message: 'is not a currency this server knows (ISO 4217)' })
    .meta({ description: 'ISO 4217 code; an order keeps the currency it was first stored in', example: 'THB' }),
  status: z.enum(ORDER_STATUSES).meta({
    description:
      'pending (placed, not paid), paid, processing (with the provider), completed, failed (the provider or the system could not fulfil it), cancelled, refunded (the whole order given back)',
  }),
  provider: z
    .string()
    .min(1)
    .max(64)
    .nullable()
    .optional()
    .meta({ description: "The provider fulfilling it, by the key the org gave it (GET /api/v1/providers); omitted or null: none", example: 'provider_a' }),
  refundStatus: z
    .enum(REFUND_STATUSES)
    .optional()
    .meta({ description: 'none (the default), requested, processing, refunded, rejected' }),
  refundAmountMinor: minorUnits('What was or will be refunded').nullable().optional(),
  version: z
    .number()
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .meta({ description: "The main system's version of the order, higher for each change: when both the stored order and the update have one, it decides which is newer" }),
  updatedAt: z.iso.datetime({ offset: true }).meta({ description: 'When the main system last changed the order: decides which is newer when there are no versions', example: '2026-11-20T10:15:00+07:00' }),
  caseNumber: z
    .string()
    .min(1)
    .max(40)
    .optional()
    .meta({ description: 'Link the order to this case (C-000123); a link is never removed by a later update' }),
  details: z
    .record(z.string(), z.unknown())
    .optional()
    .meta({ description: 'Anything else the main system wants kept with the order (items, a note); stored, shown, not read' }),
};

const refundWithinAmount = (o: { amountMinor: number; refundAmountMinor?: number | null }) => o.refundAmountMinor === undefined || o.refundAmountMinor === null || o.refundAmountMinor <= o.amountMinor;
const refundIssue = { message: 'is more than the order amount', path: ['refundAmountMinor'] };

export const orderUpdate = z.object(orderState).strict().refine(refundWithinAmount, refundIssue).meta({ id: 'OrderUpdate', description: 'An order as the main system has it now; the number is in the path' });
export type OrderUpdate = z.infer<typeof orderUpdate>;

export const MAX_ORDERS_PER_REQUEST = 1000;

export const orderBatch = z
  .object({
    orders: z
      .array(z.object({ number: orderNumber, ...orderState }).strict().refine(refundWithinAmount, refundIssue))
      .min(1)
      .max(MAX_ORDERS_PER_REQUEST),
  })
  .strict()
  .meta({ id: 'OrderBatch', description: `Up to ${MAX_ORDERS_PER_REQUEST} orders, each as the main system has it now; stored together or not at all` });
export type OrderBatchItem = z.infer<typeof orderBatch>['orders'][number];

export const ORDER_OUTCOMES = ['created', 'updated', 'unchanged', 'stale'] as const;
export type OrderOutcome = (typeof ORDER_OUTCOMES)[number];

export const orderView = z
  .object({
    number: z.string(),
    amountMinor: z.number().int().nullable().meta({ description: 'Null only for an order known before the orders API, whose amount was never sent' }),
    currency: z.string(),
    status: z.enum(ORDER_STATUSES),
    provider: z.string().nullable(),
    refundStatus: z.enum(REFUND_STATUSES),
    refundAmountMinor: z.number().int().nullable(),
    version: z.number().int().nullable(),
    updatedAt: z.iso.datetime({ offset: true }).meta({ description: "The main system's time of the stored state" }),
    statusChangedAt: z.iso.datetime({ offset: true }),
    syncedAt: z.iso.datetime({ offset: true }).meta({ description: 'When we stored it' }),
    cases: z.array(z.string()).meta({ description: 'The numbers of the cases that name it' }),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'Order' });
export type OrderView = z.infer<typeof orderView>;

const outcome = z.enum(ORDER_OUTCOMES).meta({
  description:
    'created; updated; unchanged (the stored order already says this); stale (older than the stored order, by version or time: ignored, the stored order is as it was)',
});

export const orderSyncAnswer = z.object({ outcome, order: orderView }).meta({ id: 'OrderSyncAnswer' });

export const orderBatchAnswer = z
  .object({
    results: z.array(
      z.object({
        number: z.string(),
        outcome,
        version: z.number().int().nullable().meta({ description: 'The stored version now (for stale: the newer one kept)' }),
        updatedAt: z.iso.datetime({ offset: true }).meta({ description: "The stored order's time now" }),
        cases: z.array(z.string()),
      }),
    ),
    counts: z.object(Object.fromEntries(ORDER_OUTCOMES.map((o) => [o, z.number().int()])) as Record<OrderOutcome, z.ZodNumber>),
  })
  .meta({ id: 'OrderBatchAnswer', description: 'One result per order, in the order sent' });
