import type Router from '@koa/router';
import type { Context } from 'koa';
import Stripe from 'stripe';
import { DomainError } from '../../core/errors/index.ts';
import { storeStripeEvents, type StripeEventPayload } from '../../core/checkout/stripe-events.ts';
import type { AppDeps } from '../deps.ts';
import { webhookSignatureFailed } from '../middleware/rate-limit.ts';

/**
 * `POST /webhooks/stripe`: Stripe's events, checked with the SDK's own signature check
 * (`stripe.webhooks.constructEvent`: Stripe-Signature over the raw bytes, five minutes' tolerance)
 * before anything is stored. A wrong or missing signature is a 400, as Stripe's own examples
 * answer, and stores nothing. The event is stored once by its id with its job and answered 200 at
 * once; the same event again is a 200 that stores nothing. A correctly signed delivery is never
 * refused for load (DESIGN.md decision 13): it waits for the database like the other webhooks.
 */
export function mountStripeWebhook(router: Router, deps: Pick<AppDeps, 'knex' | 'limits' | 'stripeWebhookSecret'>): void {
  router.post('/webhooks/stripe', async (ctx: Context) => {
    const secret = deps.stripeWebhookSecret;
    if (!secret) throw new DomainError('unavailable', 'Stripe webhooks are not configured: set STRIPE_WEBHOOK_SECRET and restart');
    const raw = ctx.request.rawBody ?? Buffer.alloc(0);
    let event: StripeEventPayload;
    try {
      event = Stripe.webhooks.constructEvent(raw, ctx.get('stripe-signature'), secret) as unknown as StripeEventPayload;
    } catch (err) {
      await webhookSignatureFailed(ctx, deps, 'stripe');
      throw new DomainError('malformed_body', `The Stripe-Signature does not match this body: ${(err as Error).message}`);
    }
    if (typeof event?.id !== 'string' || typeof event.type !== 'string' || !Number.isInteger(event.created)) {
      throw new DomainError('malformed_body', 'The body is not a Stripe event (id, type and created are expected)');
    }
    const stored = await storeStripeEvents(deps.knex, [event], 'webhook');
    ctx.state.log?.debug({ stripeEventId: event.id, type: event.type, stored }, 'stripe webhook stored');
    ctx.status = 200;
    ctx.body = { received: true, duplicate: stored === 0 };
  });
}
