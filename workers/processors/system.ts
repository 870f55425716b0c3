import type { Knex } from 'knex';
import type { ProcessorTable } from '../job-runner.ts';
import type { QueueBackend } from '../queue-backend.ts';

/** Housekeeping that keeps the outbox small: finished rows are history, not work. */
export const OUTBOX_RETENTION_DAYS = 7;

export function systemProcessors(deps: { knex: Knex }): ProcessorTable {
  return {
    system: {
      async 'prune-outbox'() {
        const removed = await deps.knex('outbox')
          .where('status', 'done')
          .andWhere('processed_at', '<', deps.knex.raw(`now() - make_interval(days => ?)`, [OUTBOX_RETENTION_DAYS]))
          .delete();
        return { removed };
      },
    },
  };
}

/** Idempotent: every worker process upserts the same schedulers on start. */
export async function scheduleSystemJobs(queues: QueueBackend): Promise<void> {
  await queues.queue('system').upsertJobScheduler('prune-outbox', { pattern: '17 3 * * *', tz: 'Asia/Bangkok' }, { name: 'prune-outbox' });
}
