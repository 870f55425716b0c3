import { z } from 'zod';
import { messagesWithUnknownOutcome } from '../../core/conversations/conversation-log.ts';
import { outboxBacklog } from '../../core/outbox/backlog.ts';
import { retryFailedOutboxRow } from '../../core/outbox/outbox-retry.ts';
import { route } from '../route.ts';

/** Failed sends sent again, replies whose outcome is unknown, and the work waiting (docs/reliability.md). */
export const outboxRoutes = [
  route({
    method: 'get',
    path: '/api/v1/outbox/backlog',
    summary: "Work due and not yet tried, by queue, oldest first: how far behind the workers are (the managers are told past two minutes)",
    tag: 'platform',
    access: 'outbox.read',
    response: z
      .object({
        waiting: z.number().int(),
        oldestWaitSeconds: z.number().int().nullable(),
        queues: z.array(z.object({ queue: z.string(), waiting: z.number().int(), oldestDueAt: z.iso.datetime({ offset: true }) })),
      })
      .meta({ id: 'OutboxBacklog' }),
    handle: async ({ identity, deps }) => {
      const now = new Date();
      const queues = await outboxBacklog(deps.knex, identity!.orgId, now);
      const oldest = queues.length ? Math.min(...queues.map((q) => q.oldestDueAt.getTime())) : undefined;
      return {
        waiting: queues.reduce((n, q) => n + q.waiting, 0),
        oldestWaitSeconds: oldest === undefined ? null : Math.max(0, Math.floor((now.getTime() - oldest) / 1000)),
        queues: queues.map((q) => ({ ...q, oldestDueAt: q.oldestDueAt.toISOString() })),
      };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/outbox/:id/retry',
    summary: 'Send a failed outbox row again (a send that outlasted its retries, a refusal since fixed)',
    tag: 'platform',
    // Those who see failed rows (GET /api/v1/outbox) may send them again.
    access: 'outbox.read',
    response: z
      .object({ id: z.uuid(), queue: z.string(), jobName: z.string(), status: z.literal('pending'), messagesReset: z.number().int() })
      .meta({ id: 'OutboxRetried' }),
    handle: ({ params, identity, deps }) => retryFailedOutboxRow(deps.knex, identity!.orgId, params.id),
  }),
  route({
    method: 'get',
    path: '/api/v1/outbox/outcome-unknown',
    summary: 'Replies whose delivery cannot be known (a crash between LINE accepting and our record); not sent twice',
    tag: 'platform',
    access: 'outbox.read',
    response: z
      .array(
        z.object({
          id: z.uuid(),
          conversationId: z.uuid(),
          caseId: z.uuid().nullable(),
          text: z.string().nullable(),
          outcomeUnknownAt: z.iso.datetime({ offset: true }),
          note: z.string().nullable(),
        }),
      )
      .meta({ id: 'OutcomeUnknownMessages' }),
    handle: ({ identity, deps }) => messagesWithUnknownOutcome(deps.knex, identity!.orgId),
  }),
];
