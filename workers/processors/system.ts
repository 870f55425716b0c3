import type { Knex } from 'knex';
import { pruneFinishedRows } from '../../core/outbox/outbox.ts';
import { pruneProcessedEvents } from '../../core/inbound/inbound-events.ts';
import { pruneSpentNonces } from '../../core/staff/action-tokens.ts';
import { sweepProviderRisk } from '../../core/providers/provider-risk.ts';
import { keepRollupsCurrent } from '../../core/analytics/case-rollup.ts';
import { alertLongBacklogs } from '../../core/staff/backlog-alert.ts';
import { ORG_DELETION_JOB, purgeOrg } from '../../core/orgs/org-deletion.ts';
import type { ProcessorTable } from '../job-runner.ts';
import type { QueueBackend } from '../queue-backend.ts';

/** Housekeeping: finished outbox rows are history, not work; spent nonces of expired tokens guard nothing. */

export function systemProcessors(deps: { knex: Knex }): ProcessorTable {
  return {
    system: {
      async 'prune-outbox'() {
        return { removed: await pruneFinishedRows(deps.knex) };
      },
      // Raw platform events, once processed and past the org's retention (the messages stay).
      async 'prune-inbound-events'() {
        return { removed: await pruneProcessedEvents(deps.knex) };
      },
      async 'prune-action-nonces'() {
        return { removed: await pruneSpentNonces(deps.knex) };
      },
      // Each provider's risk level and repeat flag, onto its timeline when they change.
      async 'provider-risk'() {
        return sweepProviderRisk(deps.knex);
      },
      // A business deleted by the platform operator, once its export has been kept long enough.
      async [ORG_DELETION_JOB](payload) {
        return { removed: await purgeOrg(deps.knex, String(payload.orgId)) };
      },
    },
    // The analytics' per-case facts: changed cases recomputed, an org rebuilt when it has none for
    // its calendar. A queue of its own: on the embedded queue a queue holding a job due later (the
    // hourly ones above) waits for it, and the rollup, due every 5 s, would wait with it.
    [ANALYTICS_ROLLUP_QUEUE]: {
      async 'analytics-rollup'() {
        return keepRollupsCurrent(deps.knex);
      },
    },
    // The managers hear when customers' answers wait in a backlog (core/staff/backlog-alert.ts);
    // a queue of its own for the same reason as the rollup's.
    [BACKLOG_WATCH_QUEUE]: {
      async 'backlog-watch'() {
        return { told: (await alertLongBacklogs(deps.knex)).length };
      },
    },
  };
}

export const ANALYTICS_ROLLUP_QUEUE = 'analytics-rollup';
export const BACKLOG_WATCH_QUEUE = 'backlog-watch';

/** Idempotent: every worker process upserts the same schedulers on start. */
export async function scheduleSystemJobs(queues: QueueBackend): Promise<void> {
  await queues.queue('system').upsertJobScheduler('prune-outbox', { pattern: '17 3 * * *', tz: 'Asia/Bangkok' }, { name: 'prune-outbox' });
  await queues.queue('system').upsertJobScheduler('prune-inbound-events', { pattern: '27 3 * * *', tz: 'Asia/Bangkok' }, { name: 'prune-inbound-events' });
  await queues.queue('system').upsertJobScheduler('prune-action-nonces', { pattern: '37 * * * *', tz: 'Asia/Bangkok' }, { name: 'prune-action-nonces' });
  // The per-case facts rollup: every 5 s the changed cases are recomputed (core/analytics/case-rollup.ts).
  await queues.queue(ANALYTICS_ROLLUP_QUEUE).upsertJobScheduler('analytics-rollup', { every: 5_000 }, { name: 'analytics-rollup' });
  await queues.queue('system').upsertJobScheduler('provider-risk', { pattern: '7 * * * *', tz: 'Asia/Bangkok' }, { name: 'provider-risk' });
  await queues.queue(BACKLOG_WATCH_QUEUE).upsertJobScheduler('backlog-watch', { every: 60_000 }, { name: 'backlog-watch' });
}
