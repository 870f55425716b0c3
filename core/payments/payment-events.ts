import type { Knex } from 'knex';
import { storeChannelLessEvent } from '../inbound/inbound-events.ts';
import { z } from 'zod';
import { jsonValueProblem, timeProblem } from '../inbound/event-checks.ts';

/**
 * Payment and top-up events from the business's main system (`POST /webhooks/payments`).
 *
 * One event is one JSON object, for example:
 *
 * ```json
 * {
 *   "id": "evt_01JD2Q6Z8X",                 // the sender's unique event id: a redelivery repeats it
 *   "type": "payment.succeeded",            // see PAYMENT_EVENT_TYPES
 *   "occurredAt": "2026-11-21T13:05:00+07:00",
 *   "orderId": "TP-20261121-0042",          // the top-up / order id in the main system
 *   "amount": 500,                          // in `currency`, major units (baht, not satang)
 *   "currency": "THB",                      // optional, default THB
 *   "customer": { "externalRef": "member-1234", "phone": "0812345678", "lineUserId": "U4af4980629..." },
 *   "provider": "promptpay",                // optional: the payment gateway or method
 *   "reason": "gateway timeout after 30 s"  // optional: why it failed (failed / webhook_timeout)
 * }
 * ```
 *
 * - `payment.succeeded`: the customer's money arrived; the credit should follow within the org's
 *   credit window (`orgs.settings.topupCreditWindowMinutes`, default 10).
 * - `topup.pending`: the top-up is waiting (e.g. for the gateway); it too must be credited within
 *   the window.
 * - `topup.credited`: the credit reached the customer's balance. Closes the watch on the order.
 * - `payment.failed`: the payment or its credit failed in the main system.
 * - `payment.webhook_timeout`: the main system did not hear back from the payment gateway in time.
 *
 * Unknown extra fields are accepted and kept in the stored payload.
 */
export const PAYMENT_EVENT_TYPES = ['payment.succeeded', 'payment.failed', 'topup.pending', 'topup.credited', 'payment.webhook_timeout'] as const;
export type PaymentEventType = (typeof PAYMENT_EVENT_TYPES)[number];

export const paymentEventSchema = z.object({
  id: z.string().trim().min(1).max(200),
  type: z.enum(PAYMENT_EVENT_TYPES),
  /** ISO 8601 with an offset or Z. */
  occurredAt: z.iso.datetime({ offset: true }),
  orderId: z.string().trim().min(1).max(200),
  amount: z.number().nonnegative().max(9_999_999_999.99),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code, e.g. THB')
    .default('THB'),
  customer: z
    .object({
      /** The customer's id in the main system (contacts.external_ref). */
      externalRef: z.string().trim().min(1).max(200).optional(),
      /** Thai (08x...) or E.164 (+66...). */
      phone: z.string().trim().min(3).max(40).optional(),
      /** The customer's LINE userId, as the business's LINE Official Account sees it. */
      lineUserId: z.string().trim().min(1).max(100).optional(),
    })
    .optional(),
  provider: z.string().trim().min(1).max(100).optional(),
  reason: z.string().max(1000).optional(),
});
export type PaymentEvent = z.infer<typeof paymentEventSchema>;

/**
 * What the schema cannot say about a body that is stored whole (unknown extra fields are kept):
 * every string storable (no NUL, no unpaired surrogate, bounded), nesting bounded, and the event's
 * time in a sane range (after 2000, at most a day ahead). Issues in the schema's shape; empty: fine.
 */
export function paymentBodyIssues(body: unknown, event: PaymentEvent, now: Date = new Date()): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const problem = jsonValueProblem(body, { maxDepth: 8, maxStringLength: 5_000, maxNodes: 2_000 });
  if (problem) issues.push({ path: '', message: `cannot be stored: ${problem}` });
  const time = timeProblem(Date.parse(event.occurredAt), now.getTime());
  if (time) issues.push({ path: 'occurredAt', message: time });
  return issues;
}

export const PAYMENTS_QUEUE = 'payments';
export const PROCESS_PAYMENT_EVENT_JOB = 'process-payment-event';
export const CHECK_CREDIT_JOB = 'check-credit';

/**
 * Payment events have no channel; their ids live in `inbound_events.platform_event_id` under this
 * prefix so that other channel-less sources added later cannot collide with them.
 */
export const paymentPlatformEventId = (eventId: string) => `payment:${eventId}`;

/** Stores one event for the org with its outbox row; a redelivery stores and queues nothing. */
export function storePaymentEvent(db: Knex, orgId: string, event: PaymentEvent, payload: unknown): Promise<{ stored: boolean }> {
  return storeChannelLessEvent(db, {
    orgId,
    platformEventId: paymentPlatformEventId(event.id),
    eventType: event.type,
    payload,
    occurredAt: new Date(event.occurredAt),
    job: { queue: PAYMENTS_QUEUE, name: PROCESS_PAYMENT_EVENT_JOB },
  });
}
