import { UnrecoverableError } from 'bullmq';
import type { Knex } from 'knex';
import { loadInboundEvent, processEventOnce, recordEventError } from '../../core/inbound/inbound-events.ts';
import { CHECK_CREDIT_JOB, PAYMENTS_QUEUE, PROCESS_PAYMENT_EVENT_JOB, paymentEventSchema } from '../../core/payments/payment-events.ts';
import { applyPaymentEvent, checkCredit } from '../../core/payments/payment-rules.ts';
import type { ProcessorTable } from '../job-runner.ts';

/**
 * The `payments` queue: stored payment events become `payments` rows, delayed credit checks and,
 * when the credit does not come, one Critical case per order (core/payments/payment-rules.ts).
 * Runs at least once per job; `processed_at` and the payment row's `case_id` make a second run a
 * no-op.
 */
export function paymentProcessors(deps: { knex: Knex }): ProcessorTable {
  return {
    [PAYMENTS_QUEUE]: {
      async [PROCESS_PAYMENT_EVENT_JOB](payload, job) {
        const id = Number(payload.inboundEventId);
        const row = await loadInboundEvent(deps.knex, id);
        if (!row || row.processed_at) return { skipped: true };
        const parsed = paymentEventSchema.safeParse(row.payload);
        if (!parsed.success) {
          // The webhook validated it; only a schema change in between gets here.
          const message = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
          await recordEventError(deps.knex, id, message, job.attempt);
          throw new UnrecoverableError(`payment event ${id} cannot be read: ${message}`);
        }
        const done = await processEventOnce(deps.knex, id, job.attempt, (trx) => applyPaymentEvent(trx, row.org_id, parsed.data));
        return done ? { type: parsed.data.type, ...done.result } : { skipped: true };
      },
      async [CHECK_CREDIT_JOB](payload) {
        const basis = payload.basis === 'pending' ? 'pending' : 'paid';
        return deps.knex.transaction((trx) => checkCredit(trx, String(payload.paymentId), basis));
      },
    },
  };
}
