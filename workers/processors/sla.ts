import type { Knex } from 'knex';
import { dueSlaChecks, fireSlaTimer, SLA_CHECK_JOB, SLA_QUEUE, SLA_SWEEP_JOB, SLA_SWEEP_QUEUE, type SlaCheck } from '../../core/cases/sla-timers.ts';
import type { ProcessorTable } from '../job-runner.ts';
import type { QueueBackend } from '../queue-backend.ts';

/** The SLA clocks: one job per timer, and a sweep every minute for anything a lost job missed. */
export function slaProcessors(deps: { knex: Knex }): ProcessorTable {
  const fire = (check: SlaCheck) => deps.knex.transaction((trx) => fireSlaTimer(trx, check));
  return {
    [SLA_QUEUE]: {
      async [SLA_CHECK_JOB](payload) {
        return { fired: await fire(payload as unknown as SlaCheck) };
      },
    },
    [SLA_SWEEP_QUEUE]: {
      async [SLA_SWEEP_JOB]() {
        const due = await dueSlaChecks(deps.knex, new Date());
        let fired = 0;
        for (const check of due) if (await fire(check)) fired++;
        return { due: due.length, fired };
      },
    },
  };
}

export async function scheduleSlaSweep(queues: QueueBackend): Promise<void> {
  await queues.queue(SLA_SWEEP_QUEUE).upsertJobScheduler('sla-sweep', { every: 60_000 }, { name: SLA_SWEEP_JOB });
}
