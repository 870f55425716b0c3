import type { Knex } from 'knex';

/**
 * The transactional outbox (DESIGN.md decision 1): a state change and the work it causes commit
 * together. Write outbox rows with the same transaction as the change; the relay in workers/
 * hands them to BullMQ with the row id as job id.
 */
export interface OutboxEntry {
  /** Chosen by the caller when other rows must refer to it (messages name the row that sends them). */
  id?: string;
  orgId: string | null;
  queue: string;
  jobName: string;
  payload: Record<string, unknown>;
  /** Not before this moment (SLA timers); default now. */
  availableAt?: Date;
}

export type OutboxStatus = 'pending' | 'enqueued' | 'done' | 'failed';

export async function addToOutbox(trx: Knex | Knex.Transaction, entries: OutboxEntry | OutboxEntry[]): Promise<string[]> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return [];
  const rows = await trx('outbox')
    .insert(
      list.map((e) => ({
        ...(e.id ? { id: e.id } : {}),
        org_id: e.orgId,
        queue: e.queue,
        job_name: e.jobName,
        payload: JSON.stringify(e.payload),
        ...(e.availableAt ? { available_at: e.availableAt } : {}),
      })),
    )
    .returning('id');
  return rows.map((r: { id: string }) => r.id);
}

/** What a job carries: the outbox row id (also its job id) and the row's payload. */
export interface OutboxJobData<P = Record<string, unknown>> {
  outboxId: string;
  orgId: string | null;
  payload: P;
}
