import { UnrecoverableError } from 'bullmq';
import type { Knex } from 'knex';
import type { SecretBox } from '../../core/crypto/secret-box.ts';
import { DELIVER_JOB, WEBHOOKS_QUEUE, type DeliverJobPayload } from '../../core/integrations/case-events-out.ts';
import { cancelDelivery, deliveryToSend, recordDeliveryAttempt, webhookSecretContext } from '../../core/integrations/webhook-endpoints.ts';
import { OutboundError, safeFetch, type OutboundPolicy } from '../../core/http/safe-fetch.ts';
import { signBody } from '../../core/http/body-signature.ts';
import type { ProcessorTable } from '../job-runner.ts';

/**
 * Delivers case events to the org's endpoints, signed like our inbound webhooks:
 * `X-Opsdesk-Timestamp: <unix s>`, `X-Opsdesk-Signature: v1=<hex HMAC-SHA256(secret, "<ts>.<body>")>`,
 * and `X-Opsdesk-Event-Id` (the same on every attempt). Each attempt is written to the delivery
 * log. 2xx: delivered. 429, 5xx, a timeout or a network error: thrown, so BullMQ retries with
 * backoff. Any other answer (4xx, a redirect): failed at once, visibly, with the status. Requests go
 * through core/http/safe-fetch.ts: an address that is not allowed (private, loopback, link-local)
 * fails at once, and the log keeps only generic reasons, never the raw connection error.
 */
export interface WebhookDeps {
  knex: Knex;
  secrets: SecretBox;
  /** Per-attempt timeout; 10 s unless said. */
  timeoutMs?: number;
  /** Which receivers may be reached (core/http/safe-fetch.ts). */
  outbound: OutboundPolicy;
}

export const WEBHOOK_TIMEOUT_MS = 10_000;
const USER_AGENT = 'Opsdesk-Webhooks/1';

export function webhookProcessors(deps: WebhookDeps): ProcessorTable {
  return {
    [WEBHOOKS_QUEUE]: {
      async [DELIVER_JOB](raw, job) {
        const { deliveryId } = raw as unknown as DeliverJobPayload;
        const { knex } = deps;
        const delivery = await deliveryToSend(knex, deliveryId);
        if (!delivery) throw new UnrecoverableError(`webhook delivery ${deliveryId} not found`);
        if (delivery.status === 'delivered' || delivery.status === 'cancelled') return { skipped: delivery.status };
        if (!delivery.is_active) {
          await cancelDelivery(knex, deliveryId, 'endpoint deactivated');
          return { skipped: 'endpoint deactivated' };
        }

        const body = JSON.stringify(delivery.payload);
        const timestamp = Math.floor(Date.now() / 1000);
        const signature = signBody(body, deps.secrets.open(delivery.secret_sealed, webhookSecretContext(delivery.endpoint_id)), timestamp);
        let statusCode: number | null = null;
        let error: string | null = null;
        // Refused addresses and https-only are not retried: the same URL will be refused again.
        let refused = false;
        try {
          const res = await safeFetch(
            delivery.url,
            {
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
              // The receiver's body is not kept (nor shown): only its status. No redirect is followed.
              readBody: false,
              maxRedirects: 0,
              timeoutMs: deps.timeoutMs ?? WEBHOOK_TIMEOUT_MS,
            },
            deps.outbound,
          );
          statusCode = res.status;
          if (statusCode < 200 || statusCode >= 300) error = `HTTP ${res.status}${res.statusText ? ' ' + res.statusText : ''}`;
        } catch (err) {
          // Only a generic reason is stored: the delivery log must not describe the network.
          if (!(err instanceof OutboundError)) throw err;
          error = err.publicMessage;
          refused = err.kind !== 'unreachable';
        }

        const delivered = statusCode !== null && statusCode >= 200 && statusCode < 300;
        const retryable = !refused && (statusCode === null || statusCode === 429 || statusCode >= 500);
        await recordDeliveryAttempt(knex, { deliveryId, statusCode, error, outcome: delivered ? 'delivered' : retryable ? 'retry' : 'failed' });
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
