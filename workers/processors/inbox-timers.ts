import type { Knex } from 'knex';
import { snoozeEnded } from '../../core/conversations/conversation-commands.ts';
import {
  dueInboxTimers,
  fireResponseTimer,
  INBOX_SWEEP_JOB,
  INBOX_SWEEP_QUEUE,
  INBOX_TIMERS_QUEUE,
  RESPONSE_CHECK_JOB,
  SNOOZE_END_JOB,
  type ResponseCheck,
  type SnoozeEnd,
} from '../../core/conversations/response-clock.ts';
import type { ProcessorTable } from '../job-runner.ts';
import type { QueueBackend } from '../queue-backend.ts';

/**
 * The inbox's timers (core/conversations/response-clock.ts): a response clock's warning and
 * breach, the end of a snooze, one job each, and a sweep every minute for anything a lost job missed.
 */
export function inboxTimerProcessors(deps: { knex: Knex }): ProcessorTable {
  const fire = (check: ResponseCheck) => deps.knex.transaction((trx) => fireResponseTimer(trx, check));
  const wake = (end: SnoozeEnd, orgId: string) => deps.knex.transaction((trx) => snoozeEnded(trx, { orgId, conversationId: end.conversationId, until: end.until, now: new Date() }));
  return {
    [INBOX_TIMERS_QUEUE]: {
      async [RESPONSE_CHECK_JOB](payload) {
        return { fired: await fire(payload as unknown as ResponseCheck) };
      },
      async [SNOOZE_END_JOB](payload, job) {
        return { woke: job.orgId ? await wake(payload as unknown as SnoozeEnd, job.orgId) : false };
      },
    },
    [INBOX_SWEEP_QUEUE]: {
      async [INBOX_SWEEP_JOB]() {
        const due = await dueInboxTimers(deps.knex, new Date());
        let fired = 0;
        for (const check of due.responses) if (await fire(check)) fired++;
        for (const end of due.snoozes) if (await wake(end, end.orgId)) fired++;
        return { due: due.responses.length + due.snoozes.length, fired };
      },
    },
  };
}

export async function scheduleInboxSweep(queues: QueueBackend): Promise<void> {
  await queues.queue(INBOX_SWEEP_QUEUE).upsertJobScheduler('inbox-timers-sweep', { every: 60_000 }, { name: INBOX_SWEEP_JOB });
}
