import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
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
  /**
   * Work the job committing the row may do itself once it has committed (a reply while its token
   * is fresh, a customer's LINE profile): inside `collectWorkDoneHere`, the row is held as the
   * fallback (`DONE_HERE_FALLBACK_MS`) and handed to that job; elsewhere it is an ordinary row.
   */
  doneHere?: boolean;
}

/** An outbox row the job that committed it runs itself, after its commit (`collectWorkDoneHere`). */
export interface WorkDoneHere {
  id: string;
  orgId: string | null;
  queue: string;
  jobName: string;
  payload: Record<string, unknown>;
  /** When the relay hands it on (ms since the epoch): past this, its own job may be running it. */
  heldUntil: number;
}

/**
 * How long a row the committing job runs itself waits in the outbox before the relay hands it on:
 * it runs then only if that job died or its attempt failed (which makes it due at once). As long as
 * the route fallback (bot/inbound-handler.ts, ROUTE_FALLBACK_MS), so a process killed mid-message
 * leaves all of that message's work due together.
 */
export const DONE_HERE_FALLBACK_MS = 10_000;

const doneHere = new AsyncLocalStorage<WorkDoneHere[]>();

/**
 * Runs `fn` collecting the `doneHere` rows its transactions add, in the order added. A row of a
 * transaction that rolled back is collected too and is simply not there when run (its work finds
 * nothing to do); the caller runs them once `fn` has returned, that is, after every commit.
 */
export async function collectWorkDoneHere<T>(fn: () => Promise<T>): Promise<{ result: T; work: WorkDoneHere[] }> {
  const work: WorkDoneHere[] = [];
  const result = await doneHere.run(work, fn);
  return { result, work };
}

export type OutboxStatus = 'pending' | 'enqueued' | 'done' | 'failed';

export async function addToOutbox(trx: Knex | Knex.Transaction, entries: OutboxEntry | OutboxEntry[]): Promise<string[]> {
  const given = Array.isArray(entries) ? entries : [entries];
  if (given.length === 0) return [];
  const here = doneHere.getStore();
  const held = (e: OutboxEntry) => here !== undefined && e.doneHere === true && !e.availableAt;
  const list = given.map((e) => (held(e) ? { ...e, id: e.id ?? randomUUID(), availableAt: new Date(Date.now() + DONE_HERE_FALLBACK_MS) } : e));
  for (const [i, e] of list.entries()) {
    if (held(given[i])) here!.push({ id: e.id!, orgId: e.orgId, queue: e.queue, jobName: e.jobName, payload: e.payload, heldUntil: e.availableAt!.getTime() });
  }
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
  /** Attempts made before its job, by the job that committed the row (`doneHere`): counted in the row's attempts. */
  triedHere?: number;
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
