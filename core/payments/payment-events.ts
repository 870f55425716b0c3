import type { Knex } from 'knex';
import { z } from 'zod';

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

export const PAYMENTS_QUEUE = 'payments';
export const PROCESS_PAYMENT_EVENT_JOB = 'process-payment-event';
export const CHECK_CREDIT_JOB = 'check-credit';

/**
 * Payment events have no channel; their ids live in `inbound_events.platform_event_id` under this
 * prefix so that other channel-less sources added later cannot collide with them.
 */
export const paymentPlatformEventId = (eventId: string) => `payment:${eventId}`;

/**
 * Stores one event for the org with its outbox row in one statement, de-duplicated on the
 * (org, event id) unique index of channel-less events: a redelivery stores and queues nothing.
 */
export async function storePaymentEvent(db: Knex, orgId: string, event: PaymentEvent, payload: unknown): Promise<{ stored: boolean }> {
  const { rows } = await db.raw<{ rows: { stored: number }[] }>(
    `WITH arrived AS (
       INSERT INTO inbound_events (org_id, channel_id, platform_event_id, event_type, payload, occurred_at)
       VALUES (?::uuid, NULL, ?, ?, ?::jsonb, ?::timestamptz)
       ON CONFLICT (org_id, platform_event_id) WHERE channel_id IS NULL DO NOTHING
       RETURNING id, org_id
     ), queued AS (
       INSERT INTO outbox (org_id, queue, job_name, payload)
       SELECT org_id, '${PAYMENTS_QUEUE}', '${PROCESS_PAYMENT_EVENT_JOB}', jsonb_build_object('inboundEventId', id) FROM arrived
       RETURNING 1
     )
     SELECT count(*)::int AS stored FROM queued`,
    [orgId, paymentPlatformEventId(event.id), event.type, JSON.stringify(payload), new Date(event.occurredAt).toISOString()],
  );
  return { stored: rows[0].stored > 0 };
}
