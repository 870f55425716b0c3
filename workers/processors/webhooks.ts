import { UnrecoverableError } from 'bullmq';
import type { Knex } from 'knex';
import type { SecretBox } from '../../core/crypto/secret-box.ts';
import { DELIVER_JOB, WEBHOOKS_QUEUE, type DeliverJobPayload } from '../../core/integrations/case-events-out.ts';
import { signPaymentBody } from '../../core/payments/payment-signature.ts';
import type { ProcessorTable } from '../job-runner.ts';

/**
 * Delivers case events to the org's endpoints, signed like our inbound webhooks:
 * `X-Opsdesk-Timestamp: <unix s>`, `X-Opsdesk-Signature: v1=<hex HMAC-SHA256(secret, "<ts>.<body>")>`,
 * and `X-Opsdesk-Event-Id` (the same on every attempt). Each attempt is written to the delivery
 * log. 2xx: delivered. 429, 5xx, a timeout or a network error: thrown, so BullMQ retries with
 * backoff. Any other answer (4xx, a redirect): failed at once, visibly, with the status.
 */
export interface WebhookDeps {
  knex: Knex;
  secrets: SecretBox;
  /** Per-attempt timeout; 10 s unless said. */
  timeoutMs?: number;
}

export const WEBHOOK_TIMEOUT_MS = 10_000;
const USER_AGENT = 'Opsdesk-Webhooks/1';

export function webhookProcessors(deps: WebhookDeps): ProcessorTable {
  return {
    [WEBHOOKS_QUEUE]: {
      async [DELIVER_JOB](raw, job) {
        const { deliveryId } = raw as unknown as DeliverJobPayload;
        const { knex } = deps;
        const delivery = await knex('webhook_deliveries as d')
          .join('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
          .select('d.*', 'e.url', 'e.secret_sealed', 'e.is_active')
          .where('d.id', deliveryId)
          .first();
        if (!delivery) throw new UnrecoverableError(`webhook delivery ${deliveryId} not found`);
        if (delivery.status === 'delivered' || delivery.status === 'cancelled') return { skipped: delivery.status };
        if (!delivery.is_active) {
          await knex('webhook_deliveries').where({ id: deliveryId }).update({ status: 'cancelled', last_error: 'endpoint deactivated' });
          return { skipped: 'endpoint deactivated' };
        }

        const body = JSON.stringify(delivery.payload);
        const timestamp = Math.floor(Date.now() / 1000);
        const signature = signPaymentBody(body, deps.secrets.open(delivery.secret_sealed), timestamp);
        let statusCode: number | null = null;
        let error: string | null = null;
        try {
          const res = await fetch(delivery.url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'user-agent': USER_AGENT,
              'x-opsdesk-event-id': delivery.event_id,
              'x-opsdesk-event-type': delivery.event_type,
              'x-opsdesk-timestamp': String(timestamp),
              'x-opsdesk-signature': signature,
            },
            body,
            redirect: 'manual',
            signal: AbortSignal.timeout(deps.timeoutMs ?? WEBHOOK_TIMEOUT_MS),
          });
          statusCode = res.status;
          // The receiver's body is not kept (nor shown): only its status.
          await res.body?.cancel().catch(() => {});
          if (!res.ok) error = `HTTP ${res.status}${res.statusText ? ' ' + res.statusText : ''}`;
        } catch (err) {
          const e = err as Error & { cause?: { code?: string; message?: string } };
          error =
            e.name === 'TimeoutError'
              ? `no answer within ${(deps.timeoutMs ?? WEBHOOK_TIMEOUT_MS) / 1000} s`
              : `${e.message}${e.cause?.code ? ` (${e.cause.code})` : e.cause?.message ? ` (${e.cause.message})` : ''}`;
        }

        const delivered = statusCode !== null && statusCode >= 200 && statusCode < 300;
        const retryable = statusCode === null || statusCode === 429 || statusCode >= 500;
        await knex('webhook_deliveries')
          .where({ id: deliveryId })
          .update({
            attempt_count: knex.raw('attempt_count + 1'),
            last_status_code: statusCode,
            last_error: error?.slice(0, 1000) ?? null,
            last_attempt_at: knex.fn.now(),
            ...(delivered ? { status: 'delivered', delivered_at: knex.fn.now() } : {}),
            ...(!delivered && !retryable ? { status: 'failed' } : {}),
          });
        if (delivered) {
          job.logger.debug({ deliveryId, status: statusCode, attempt: job.attempt }, 'webhook delivered');
          return { delivered: true, status: statusCode };
        }
        const message = `webhook ${delivery.event_type} ${delivery.event_id} to ${new URL(delivery.url).origin}: ${error}`;
        if (retryable) throw new Error(message);
        throw new UnrecoverableError(message);
      },
    },
  };
}
