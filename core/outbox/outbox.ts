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
  /**
   * With `doneHere`: what the committing transaction already knows and hands to that work, kept in
   * memory only (a reply's conversation, its messages and the reply token claimed with them,
   * core/conversations/outgoing.ts): the work done here reads none of it back. Its own job, if it
   * runs instead, reads the row's payload as ever.
   */
  given?: unknown;
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
  /** What its transaction handed to this work (`OutboxEntry.given`). */
  given?: unknown;
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
  const batch = together.getStore();
  const batched = batch !== undefined && batch.client === trx.client;
  const held = (e: OutboxEntry) => here !== undefined && e.doneHere === true && !e.availableAt;
  // A row written later, with others, needs its id now: its caller may name it (a message its send).
  const list = given.map((e) =>
    held(e) ? { ...e, id: e.id ?? randomUUID(), availableAt: new Date(Date.now() + DONE_HERE_FALLBACK_MS) } : batched ? { ...e, id: e.id ?? randomUUID() } : e,
  );
  for (const [i, e] of list.entries()) {
    if (held(given[i])) here!.push({ id: e.id!, orgId: e.orgId, queue: e.queue, jobName: e.jobName, payload: e.payload, heldUntil: e.availableAt!.getTime(), given: e.given });
  }
  const rows = list.map((e) => ({
    ...(e.id ? { id: e.id } : {}),
    org_id: e.orgId,
    queue: e.queue,
    job_name: e.jobName,
    payload: JSON.stringify(e.payload),
    ...(e.availableAt ? { available_at: e.availableAt } : {}),
  }));
  if (batched) {
    batch.rows.push(...rows);
    return list.map((e) => e.id!);
  }
  const inserted = await trx('outbox').insert(rows).returning('id');
  return inserted.map((r: { id: string }) => r.id);
}

/** The outbox rows of one transaction, kept to be written together (`writingOutboxTogether`). */
interface OutboxBatch {
  /** The transaction's own knex client: a savepoint inside it has another, and writes its rows at once. */
  client: unknown;
  rows: Record<string, unknown>[];
  /** Other tables' owners' statements that go with the rows (`writeWithOutboxRows`), and who reads what they return. */
  along: { statement: Knex.QueryBuilder | Knex.Raw; returned?: (rows: Record<string, unknown>[]) => void; replacing?: string }[];
}
const together = new AsyncLocalStorage<OutboxBatch>();

/** Whether outbox rows added through `trx` now are kept to be written together at the end of `writingOutboxTogether`. */
export function outboxRowsWaitFor(trx: Knex | Knex.Transaction): boolean {
  return together.getStore()?.client === trx.client;
}

/** Whether rows added now with `doneHere` are held for the job committing them (inside `collectWorkDoneHere`). */
export function workDoneHereCollected(): boolean {
  return doneHere.getStore() !== undefined;
}

/**
 * Runs `work`, whose outbox rows added through `trx` are written together, in one statement, when
 * it is done: a customer's message adds up to four (its answer's send, the profile look-up, a new
 * case's card and SLA timer), each a round trip of its own otherwise (#41). Call it inside the
 * transaction, which commits after it returns: the rows commit with the work or not at all, as ever.
 * A row added through a savepoint, or outside the transaction, is written at once, as it must roll
 * back (or commit) on its own; one added by work inside another `writingOutboxTogether` of the same
 * transaction waits for the outermost. Nothing in the transaction may read its own rows back before
 * then (nothing does: the relay reads them after the commit).
 */
export async function writingOutboxTogether<T>(trx: Knex | Knex.Transaction, work: () => Promise<T>): Promise<T> {
  if (outboxRowsWaitFor(trx)) return work();
  const batch: OutboxBatch = { client: trx.client, rows: [], along: [] };
  const result = await together.run(batch, work);
  if (batch.along.length === 0) {
    if (batch.rows.length > 0) await trx('outbox').insert(batch.rows);
    return result;
  }
  // One statement: each owner's statement a CTE, the outbox rows the last; what a caller asked to
  // see of its statement comes back as JSON.
  const ctes = [...batch.along.map((_, i) => `w${i} AS (?)`), ...(batch.rows.length > 0 ? ['o AS (?)'] : [])];
  const wanted = batch.along.flatMap((a, i) => (a.returned ? [`(SELECT coalesce(json_agg(w${i}), '[]'::json) FROM w${i}) AS w${i}`] : []));
  const { rows } = await trx.raw<{ rows: Record<string, Record<string, unknown>[]>[] }>(`WITH ${ctes.join(', ')} SELECT ${wanted.length > 0 ? wanted.join(', ') : '1'}`, [
    ...batch.along.map((a) => a.statement),
    ...(batch.rows.length > 0 ? [trx('outbox').insert(batch.rows)] : []),
  ]);
  for (const [i, a] of batch.along.entries()) a.returned?.(rows[0][`w${i}`]);
  return result;
}

/**
 * A statement of another table's owner that goes in with the transaction's outbox rows, in their
 * statement (#41): one round trip fewer, where the statement is known before the end and nothing
 * later in the transaction reads what it writes (a reply's messages and its token's claim, the
 * conversation's dialogue). It sees the transaction as it was before that last statement, and may
 * not change a row another statement of it changes: a statement `replacing` a key takes the place
 * of the one given earlier with the same key (a dialogue set twice is set once, to the last).
 * Outside `writingOutboxTogether` (a savepoint, another connection) it runs at once. `returned` is
 * handed the rows it returns (its RETURNING), once it ran.
 */
export async function writeWithOutboxRows(
  trx: Knex | Knex.Transaction,
  statement: Knex.QueryBuilder | Knex.Raw,
  o: { returned?: (rows: Record<string, unknown>[]) => void; replacing?: string } = {},
): Promise<void> {
  if (outboxRowsWaitFor(trx)) {
    const { along } = together.getStore()!;
    const earlier = o.replacing === undefined ? -1 : along.findIndex((a) => a.replacing === o.replacing);
    if (earlier >= 0) along.splice(earlier, 1);
    along.push({ statement, ...o });
    return;
  }
  const result: unknown = await statement;
  o.returned?.(Array.isArray(result) ? result : ((result as { rows?: Record<string, unknown>[] }).rows ?? []));
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

/**
 * Queues whose rows are drained by a worker of their own instead of one BullMQ job each (e-mail:
 * workers/email-drain.ts): the relay leaves them alone, and their drain claims them in batches.
 * A claimed row is `enqueued` with `available_at` as its lease: a drain that dies mid-batch loses
 * nothing, its rows come due again when the lease ends. `enqueued_at` is when the row was first
 * tried (its retry budget starts there; a row sent again by POST …/retry starts afresh).
 */
export interface ClaimedOutboxRow {
  id: string;
  orgId: string | null;
  payload: Record<string, unknown>;
  /** This attempt's number (1 the first time). */
  attempt: number;
  firstTriedAt: Date;
}

/**
 * Claims up to `limit` due rows of a drained queue, oldest due first, in one statement. With
 * `inOrderOf` (a payload field: a send's conversation), rows sharing its value with a row another
 * batch holds are left for later, so two batches never send to one conversation side by side.
 */
export async function claimDueRows(db: Knex | Knex.Transaction, c: { queue: string; limit: number; leaseMs: number; inOrderOf?: string }): Promise<ClaimedOutboxRow[]> {
  const held = c.inOrderOf
    ? `AND NOT EXISTS (SELECT 1 FROM outbox h
                        WHERE h.queue = outbox.queue AND h.status = 'enqueued' AND h.available_at > now()
                          AND h.payload->>'${c.inOrderOf.replace(/[^a-zA-Z]/g, '')}' = outbox.payload->>'${c.inOrderOf.replace(/[^a-zA-Z]/g, '')}')`
    : '';
  const { rows } = await db.raw<{ rows: { id: string; org_id: string | null; payload: Record<string, unknown>; attempts: number; enqueued_at: Date }[] }>(
    `UPDATE outbox o
        SET status = 'enqueued', attempts = o.attempts + 1,
            enqueued_at = CASE WHEN o.attempts = 0 OR o.enqueued_at IS NULL THEN now() ELSE o.enqueued_at END,
            available_at = now() + make_interval(secs => ?::float8 / 1000)
       FROM (SELECT id FROM outbox
              WHERE queue = ? AND status IN ('pending', 'enqueued') AND available_at <= now() ${held}
              ORDER BY available_at, seq
              LIMIT ?
              FOR UPDATE SKIP LOCKED) c
      WHERE o.id = c.id
    RETURNING o.id, o.org_id, o.payload, o.attempts, o.enqueued_at`,
    [c.leaseMs, c.queue, c.limit],
  );
  return rows.map((r) => ({ id: r.id, orgId: r.org_id, payload: r.payload, attempt: r.attempts, firstTriedAt: new Date(r.enqueued_at) }));
}

/** A batch still at work keeps its rows: their lease runs `leaseMs` from now again (rows settled meanwhile are left alone). */
export async function extendLease(db: Knex, ids: string[], leaseMs: number): Promise<void> {
  if (ids.length === 0) return;
  await db('outbox')
    .whereIn('id', ids)
    .andWhere('status', 'enqueued')
    .update({ available_at: db.raw('now() + make_interval(secs => ?::float8 / 1000)', [leaseMs]) });
}

/** What became of a claimed row: done, tried again at `at`, or failed for good with the reason. */
export type ClaimedRowOutcome = { id: string; status: 'done' } | { id: string; status: 'pending'; at: Date; error: string } | { id: string; status: 'failed'; error: string };

/** Records a batch's outcomes in one statement; a row no longer claimed (its lease ended and another took it) is left to that one. */
export async function settleClaimedRows(db: Knex, outcomes: ClaimedRowOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  await db.raw(
    `UPDATE outbox o
        SET status = d.status,
            available_at = coalesce(d.at, o.available_at),
            last_error = d.error,
            processed_at = CASE WHEN d.status = 'done' THEN now() ELSE o.processed_at END,
            failed_at = CASE WHEN d.status = 'failed' THEN now() ELSE o.failed_at END
       FROM unnest(?::uuid[], ?::text[], ?::timestamptz[], ?::text[]) AS d(id, status, at, error)
      WHERE o.id = d.id AND o.status = 'enqueued'`,
    [
      outcomes.map((o) => o.id),
      outcomes.map((o) => o.status),
      outcomes.map((o) => (o.status === 'pending' ? o.at.toISOString() : null)) as string[],
      outcomes.map((o) => (o.status === 'done' ? null : o.error.slice(0, 2000))) as string[],
    ],
  );
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
