import type { Knex } from 'knex';
import { MEMBER_QUEUE, MEMBER_SWEEP_JOB, sweepMembers } from '../../core/members/member-expiry.ts';
import type { ProcessorTable } from '../job-runner.ts';
import type { QueueBackend } from '../queue-backend.ts';

/** Members' credits running out: notices before, and the close when they have (core/members/member-expiry.ts). */
export function memberProcessors(deps: { knex: Knex }): ProcessorTable {
  return {
    [MEMBER_QUEUE]: {
      async [MEMBER_SWEEP_JOB]() {
        return sweepMembers(deps.knex);
      },
    },
  };
}

export async function scheduleMemberSweep(queues: QueueBackend): Promise<void> {
  await queues.queue(MEMBER_QUEUE).upsertJobScheduler('member-sweep', { every: 10 * 60_000 }, { name: MEMBER_SWEEP_JOB });
}
