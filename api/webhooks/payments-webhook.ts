import type Router from '@koa/router';
import type { Context } from 'koa';
import { DomainError, unauthenticated, validationFailed } from '../../core/errors/index.ts';
import { findDefaultOrgId } from '../../core/orgs/default-org.ts';
import { paymentBodyIssues, paymentEventSchema, storePaymentEvent } from '../../core/payments/payment-events.ts';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyBodySignature } from '../../core/http/body-signature.ts';
import type { AppDeps } from '../deps.ts';
import { jsonBody } from '../middleware/body.ts';
import { webhookSignatureFailed } from '../middleware/rate-limit.ts';

export interface PaymentsWebhookDeps {
  knex: AppDeps['knex'];
  limits?: AppDeps['limits'];
  /** PAYMENTS_WEBHOOK_SECRET; read at each request. Unset: the endpoint answers 503. */
  paymentsWebhookSecret?: string;
  now?: () => Date;
}

/**
 * `POST /webhooks/payments`: payment and top-up events from the business's main system, for the
 * default org. The signature (core/http/body-signature.ts) is checked on the raw bytes
 * before anything is parsed; anything refused stores nothing. The event is stored in
 * `inbound_events` (no channel) with its outbox row and the answer is 200 at once; the same event
 * id again is a 200 that stores nothing. The rules run in the `payments` worker.
 */
export function mountPaymentsWebhook(router: Router, deps: PaymentsWebhookDeps): void {
  let defaultOrgId: string | undefined;
  router.post('/webhooks/payments', async (ctx: Context) => {
    const secret = deps.paymentsWebhookSecret;
    if (!secret) {
      throw new DomainError('unavailable', 'Payment webhooks are not configured: set PAYMENTS_WEBHOOK_SECRET and restart');
    }
    const raw = ctx.request.rawBody ?? Buffer.alloc(0);
    const check = verifyBodySignature(
      raw,
      { timestamp: ctx.get(TIMESTAMP_HEADER) || undefined, signature: ctx.get(SIGNATURE_HEADER) || undefined },
      secret,
      deps.now?.() ?? new Date(),
    );
    if (!check.ok) {
      await webhookSignatureFailed(ctx, deps, 'payments');
      throw unauthenticated(check.message);
    }
    const body = jsonBody(ctx);
    if (body === undefined) throw new DomainError('malformed_body', 'The request body is empty; a payment event is expected');
    const parsed = paymentEventSchema.safeParse(body);
    if (!parsed.success) {
      throw validationFailed(
        'The body is not a payment event',
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    }
    // Well formed, but not storable as sent (a NUL, nesting, a time out of range): a 422, never a 500.
    const issues = paymentBodyIssues(body, parsed.data, deps.now?.() ?? new Date());
    if (issues.length) throw validationFailed('The payment event cannot be stored as sent', issues);

    defaultOrgId ??= await findDefaultOrgId(deps.knex);
    if (!defaultOrgId) throw new DomainError('unavailable', 'No default org exists yet');
    const { stored } = await storePaymentEvent(deps.knex, defaultOrgId, parsed.data, body);
    ctx.state.log?.debug({ eventId: parsed.data.id, type: parsed.data.type, stored }, 'payment webhook stored');
    ctx.status = 200;
    ctx.body = { received: true, duplicate: !stored };
  });
}
