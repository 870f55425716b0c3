import type { Knex } from 'knex';
import { Subscribers } from '../subscribers.ts';
import { DomainError, notFound } from '../errors/index.ts';

/**
 * Sends a failed outbox row again (POST /api/v1/outbox/:id/retry): the row goes back to pending
 * with a fresh retry budget, and the relay hands it to BullMQ again (removing the old failed job of
 * the same id first). For a send job, the messages it failed go back to pending too, so that the
 * outbound worker sends them; messages it did send are never sent again.
 */
export interface RetriedRow {
  id: string;
  queue: string;
  jobName: string;
  status: 'pending';
  messagesReset: number;
}

const requeued = new Subscribers<{ orgId: string; payload: Record<string, unknown> }, number>();

/** The owner of a queue's work resets it when one of its failed rows is sent again; returns how many items it reset. */
export function subscribeToRequeuedRows(queue: string, subscriber: (trx: Knex.Transaction, row: { orgId: string; payload: Record<string, unknown> }) => Promise<number>): void {
  requeued.subscribe(queue, subscriber);
}

export async function retryFailedOutboxRow(knex: Knex, orgId: string, id: string): Promise<RetriedRow> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw notFound('Outbox row');
  return knex.transaction(async (trx) => {
    const row = await trx('outbox').where({ id, org_id: orgId }).forUpdate().first('id', 'queue', 'job_name', 'status', 'payload');
    if (!row) throw notFound('Outbox row');
    if (row.status !== 'failed') {
      throw new DomainError('conflict', `Only a failed row can be retried; this one is ${row.status}`, { status: row.status });
    }
    await trx('outbox').where({ id }).update({
      status: 'pending',
      attempts: 0,
      last_error: null,
      failed_at: null,
      enqueued_at: null,
      available_at: trx.fn.now(),
    });
    // What the job was about goes back too (a send's failed messages), by the queue's owner.
    const messagesReset = (await requeued.get(row.queue)?.(trx, { orgId, payload: row.payload ?? {} })) ?? 0;
    return { id, queue: row.queue, jobName: row.job_name, status: 'pending' as const, messagesReset };
  });
}
