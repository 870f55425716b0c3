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

/**
 * A row whose work was done in the process that committed it (a message routed by the job that
 * stored it): done, unless the relay has handed it on meanwhile, whose job then finds nothing to do.
 */
export async function doneInProcess(db: Knex, id: string): Promise<boolean> {
  return (await db('outbox').where({ id, status: 'pending' }).update({ status: 'done', processed_at: db.fn.now(), attempts: 1 })) > 0;
}

/**
 * A pending row made due sooner than it was set for (never later): a fallback whose work was tried
 * in process and failed is retried at `at`, not at the end of the fallback's whole wait.
 */
export async function dueSooner(db: Knex, id: string, at: Date): Promise<boolean> {
  return (await db('outbox').where({ id, status: 'pending' }).andWhere('available_at', '>', at).update({ available_at: at })) > 0;
}

/** What a job carries: the outbox row id (also its job id) and the row's payload. */
export interface OutboxJobData<P = Record<string, unknown>> {
  outboxId: string;
  orgId: string | null;
  payload: P;
  /**
   * Set by the job runner when the platform said how long to wait (a 429's Retry-After), in ms
   * since the epoch: the job is not run again before it, even when the waiting jobs are promoted.
   */
  notBefore?: number;
}

/** An outbox row as the org's admins see it: what ran, how often, and why it failed. */
export interface OutboxRowView {
  id: string;
  queue: string;
  jobName: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  failedAt: Date | null;
}

/** The org's outbox rows in one status, newest first: where jobs that ended failed become visible. */
export async function listOutboxRows(db: Knex, orgId: string, q: { status: OutboxStatus; limit: number }): Promise<OutboxRowView[]> {
  const rows = await db('outbox')
    .select('id', 'queue', 'job_name', 'status', 'attempts', 'last_error', 'created_at', 'failed_at')
    .where({ org_id: orgId, status: q.status })
    .orderBy('seq', 'desc')
    .limit(q.limit);
  return rows.map((r) => ({
    id: r.id,
    queue: r.queue,
    jobName: r.job_name,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    failedAt: r.failed_at,
  }));
}

/** Finished rows are history, not work: removed once they are this many days old. */
export const OUTBOX_RETENTION_DAYS = 7;

/** Removes finished rows older than the retention; how many were removed. */
export async function pruneFinishedRows(db: Knex, days = OUTBOX_RETENTION_DAYS): Promise<number> {
  return db('outbox').where('status', 'done').andWhere('processed_at', '<', db.raw(`now() - make_interval(days => ?)`, [days])).delete();
}

/** The queue store knows nothing of these rows (a restored database): all unfinished rows are relayed again. */
export async function requeueAllEnqueued(db: Knex | Knex.Transaction): Promise<number> {
  return db('outbox').where('status', 'enqueued').update({ status: 'pending', enqueued_at: null });
}
