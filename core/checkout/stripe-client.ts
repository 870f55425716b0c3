import Stripe from 'stripe';
import { DomainError } from '../errors/index.ts';

/**
 * The one Stripe client of the process, from STRIPE_SECRET_KEY; STRIPE_API_BASE_URL points it
 * elsewhere (the fake Stripe API of dev/fakes/stripe-api.ts in tests and the simulator).
 * Undefined when no key is set: payments through Stripe are off.
 */
export function createStripeClient(o: { secretKey?: string; apiBaseUrl?: string }): Stripe | undefined {
  if (!o.secretKey) return undefined;
  const base = o.apiBaseUrl ? new URL(o.apiBaseUrl) : undefined;
  return new Stripe(o.secretKey, {
    maxNetworkRetries: 1,
    timeout: 10_000,
    ...(base
      ? { host: base.hostname, port: Number(base.port || (base.protocol === 'http:' ? 80 : 443)), protocol: base.protocol === 'http:' ? 'http' : 'https' }
      : {}),
  });
}

export type StripeClient = Stripe;

/**
 * Stripe could not be reached or failed (a 5xx, a timeout, a connection refused): 503, say so
 * plainly, nothing was written. A request Stripe refused as invalid is a bug of ours: 502.
 */
export function stripeUnavailable(err: unknown, doing: string): DomainError {
  const e = err as { type?: string; statusCode?: number; message?: string };
  const refused = e.type === 'StripeInvalidRequestError' || e.type === 'StripeAuthenticationError' || e.type === 'StripePermissionError';
  return new DomainError(
    refused ? 'bad_gateway' : 'unavailable',
    refused ? `Stripe refused to ${doing}: ${e.message ?? 'no reason given'}` : `Stripe could not be reached to ${doing}; nothing was changed, try again shortly`,
    { stripe: { type: e.type, status: e.statusCode } },
    { cause: err },
  );
}

/** Payments through Stripe asked for while no key is set: 503 naming the setting. */
export function requireStripe(stripe: Stripe | undefined): Stripe {
  if (!stripe) throw new DomainError('unavailable', 'Card and PromptPay payments are not set up: set STRIPE_SECRET_KEY and restart');
  return stripe;
}
