import type { Knex } from 'knex';
import { APPLY_STRIPE_EVENT_JOB, CHECKOUT_QUEUE, RECONCILE_STRIPE_JOB, applyStripeEvent, recordStripeEventError } from '../../core/checkout/stripe-events.ts';
import { RECONCILE_QUEUE, reconcileWithStripe } from '../../core/checkout/reconciliation.ts';
import { BALANCE_DUE_JOB, BALANCE_REMINDER_QUEUE, sendBalanceReminder, type BalanceReminderJob } from '../../core/checkout/balance-reminders.ts';
import type { StripeClient } from '../../core/checkout/stripe-client.ts';
import type { ProcessorTable } from '../job-runner.ts';
import type { QueueBackend } from '../queue-backend.ts';

/**
 * Customers' payments (core/checkout/, docs/money.md): each stored Stripe event applied once, and
 * the reconciliation that reads Stripe's recent events for those a webhook never brought, and the
 * reminder before a balance falls due.
 */
export function checkoutProcessors(deps: { knex: Knex; stripe: StripeClient | undefined; publicBaseUrl: () => string }): ProcessorTable {
  return {
    [CHECKOUT_QUEUE]: {
      async [APPLY_STRIPE_EVENT_JOB](payload, job) {
        const id = String(payload.stripeEventId);
        try {
          return (await applyStripeEvent(deps.knex, id, job.attempt, deps.stripe)) ?? { skipped: true };
        } catch (err) {
          await recordStripeEventError(deps.knex, id, (err as Error).message, job.attempt);
          throw err;
        }
      },
    },
    [BALANCE_REMINDER_QUEUE]: {
      async [BALANCE_DUE_JOB](payload) {
        const job = payload as unknown as BalanceReminderJob;
        return { sent: await sendBalanceReminder(deps.knex, deps.stripe, job, { baseUrl: deps.publicBaseUrl() }) };
      },
    },
    [RECONCILE_QUEUE]: {
      async [RECONCILE_STRIPE_JOB]() {
        return deps.stripe ? reconcileWithStripe(deps.knex, deps.stripe) : { skipped: 'no Stripe key' };
      },
    },
  };
}

export async function scheduleStripeReconciliation(queues: QueueBackend, everyMs: number): Promise<void> {
  await queues.queue(RECONCILE_QUEUE).upsertJobScheduler('stripe-reconciliation', { every: everyMs }, { name: RECONCILE_STRIPE_JOB });
}
