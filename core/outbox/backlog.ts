import type { Knex } from 'knex';

/**
 * The backlog: work that is due and not yet tried (outbox rows, pending or handed to the queue,
 * whose time has come, with no attempt made). A burst of signed deliveries is never refused
 * (docs/reliability.md, "A burst of signed deliveries"); it makes this longer instead, and the
 * customers in it wait for their answers. So its size and age can be read (GET
 * /api/v1/outbox/backlog), and when its oldest row has waited too long the managers are told
 * (core/staff/backlog-alert.ts). Rows being retried after a failure are not counted: a platform's
 * outage and a send that failed for good have alerts of their own.
 */
export interface QueueBacklog {
  queue: string;
  waiting: number;
  /** When the oldest waiting row became due. */
  oldestDueAt: Date;
}

/** The org's backlog by queue, oldest first. */
export async function outboxBacklog(db: Knex | Knex.Transaction, orgId: string, now: Date = new Date()): Promise<QueueBacklog[]> {
  const rows: { queue: string; waiting: string | number; oldest: Date }[] = await db('outbox')
    .select('queue', db.raw('count(*) AS waiting'), db.raw('min(available_at) AS oldest'))
    .where({ org_id: orgId, attempts: 0 })
    .whereIn('status', ['pending', 'enqueued'])
    .andWhere('available_at', '<=', now)
    .groupBy('queue')
    .orderBy('oldest');
  return rows.map((r) => ({ queue: r.queue, waiting: Number(r.waiting), oldestDueAt: new Date(r.oldest) }));
}
