import type { Knex } from 'knex';
import { reconcilePayouts } from './payouts.ts';
import { storeStripeEvents, type StripeEventPayload } from './stripe-events.ts';
import type { StripeClient } from './stripe-client.ts';

/**
 * Stripe's webhooks can fail to reach us (our outage, theirs, a network in between). Every few
 * minutes (STRIPE_RECONCILE_EVERY_MS) the workers read Stripe's own list of recent events (three
 * days back: Stripe retries a webhook for three days) and store those not seen: the same store as
 * the webhook's, so each is applied once by the same worker whichever way it came.
 */
export const RECONCILE_QUEUE = 'checkout-reconcile';
export const RECONCILE_LOOKBACK_SECONDS = 3 * 24 * 3600;

/** The event types the product applies (core/checkout/stripe-events.ts). */
export const APPLIED_EVENT_TYPES = ['checkout.session.completed', 'checkout.session.async_payment_succeeded', 'payment_intent.succeeded', 'refund.created', 'refund.updated', 'payout.paid'];

/**
 * Stripe's missed events stored (applied by the same worker as the webhook's), then Stripe's paid
 * payouts of the same days read from its list and matched, those not matched yet: a payout whose
 * event is missing or not applied yet is matched here, and matched once either way.
 */
export async function reconcileWithStripe(knex: Knex, stripe: StripeClient, now = new Date()): Promise<{ listed: number; stored: number; payouts: { listed: number; matched: number } }> {
  const gte = Math.floor(now.getTime() / 1000) - RECONCILE_LOOKBACK_SECONDS;
  const events: StripeEventPayload[] = [];
  for await (const e of stripe.events.list({ created: { gte }, types: APPLIED_EVENT_TYPES, limit: 100 })) {
    events.push(e as unknown as StripeEventPayload);
  }
  let stored = 0;
  // Oldest first, a page at a time: a payment is stored before the refunds that follow it.
  events.reverse();
  for (let i = 0; i < events.length; i += 100) stored += await storeStripeEvents(knex, events.slice(i, i + 100), 'reconciliation');
  const payouts = await reconcilePayouts(knex, stripe, gte);
  return { listed: events.length, stored, payouts };
}
