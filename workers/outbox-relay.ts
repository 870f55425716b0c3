import type { Knex } from 'knex';
import type { DoorPressure } from '../core/inbound/door-pressure.ts';
import type { Logger } from '../core/logger.ts';
import type { OutboxJobData } from '../core/outbox/outbox.ts';
import { jobOptions, jobPolicyFor, type JobPolicy } from './job-policy.ts';
import type { QueueBackend } from './queue-backend.ts';
import type { CommittedOutboxRows } from './outbox-wakeup.ts';

/**
 * Moves committed outbox rows into BullMQ, job id = outbox id. Safe with several relays at once:
 * a row is claimed with SKIP LOCKED, and BullMQ ignores a second add of the same job id. No
 * transaction is held while BullMQ is called (the embedded database pins a session for the whole
 * of a transaction).
 *
 * The sweep is the safety net for a lost queue store: a row marked enqueued whose job no longer
 * exists (Redis restarted empty or from an older snapshot, a relay killed after its claim) goes back
 * to pending; one whose job finished while nobody was listening gets its outcome written down. A
 * restart of the queue store is noticed within a second (its identity changes) and swept at once.
 */
export interface OutboxRelayOptions {
  knex: Knex;
  backend: QueueBackend;
  logger: Logger;
  batchSize?: number;
  pollIntervalMs?: number;
  /**
   * Rows enqueued (and due) longer ago than this are checked against the queue store, every
   * `sweepIntervalMs`: together they bound how long rows whose jobs were lost wait (a relay killed
   * between its claim and BullMQ's add, a queue store that lost data without restarting).
   */
  sweepAfterMs?: number;
  sweepIntervalMs?: number;
  /** How often the queue store's identity is checked; a restart triggers a full sweep at once. */
  storeCheckIntervalMs?: number;
  policies?: Record<string, JobPolicy>;
  /**
   * Keep a delayed row in the outbox until it is due instead of handing BullMQ a delayed job. On
   * the embedded database BullMQ's PostgreSQL backend is not woken by notifications, so a delayed
   * job that comes due before the ones it already knows about can wait long past its time.
   */
  holdDelayedRows?: boolean;
  /**
   * Jobs whose delayed rows stay in the outbox until due, whatever `holdDelayedRows`: fallbacks for
   * work usually done in the process that committed them (bot/inbound-handler.ts, `ROUTE_FALLBACK_MS`),
   * marked done there; handed to BullMQ at once, each would cost a job for nothing.
   */
  holdUntilDue?: string[];
  /** Queues whose rows a drain of their own claims in batches (core/outbox claimDueRows): never handed to BullMQ, never swept. */
  drainedQueues?: string[];
  /**
   * While this process's webhooks flood in, these queues' rows stay in the outbox (durable, in
   * order) but for a few a second (the door's `whileBusy`), and go on at once when the flood is
   * over: the cores go to storing the deliveries first (core/inbound/door-pressure.ts).
   */
  yieldTo?: { door: DoorPressure; queues: string[] };
}

/** A row queued for the first time with attempts made was tried by the job that committed it (core/outbox `doneHere`). */
const triedHere = (row: ClaimedRow) => (row.enqueue_count === 1 ? row.attempts : 0);

interface ClaimedRow {
  id: string;
  org_id: string | null;
  queue: string;
  job_name: string;
  payload: Record<string, unknown>;
  delay_ms: number;
  enqueue_count: number;
  attempts: number;
}

export class OutboxRelay {
  readonly #o: Required<Omit<OutboxRelayOptions, 'policies' | 'yieldTo'>> & Pick<OutboxRelayOptions, 'yieldTo'> & { policies: Record<string, JobPolicy> };
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  /** A nudge that came while a pass was running: the next sleep is skipped. */
  #nudged = false;
  // On a monotonic clock (performance.now): with Date.now(), a wall clock stepped back a minute (NTP,
  // a VM resumed) made `now - last` negative, and the store check and the sweep stopped for that
  // minute: a Redis restart went unnoticed, lost jobs waited (docs/reliability.md, "The clock
  // stepping back a minute").
  #lastSweep = -Infinity;
  #lastStoreCheck = -Infinity;
  #sweeping: Promise<unknown> | undefined;
  #storeIdentity: string | undefined;
  #lastTrickle = -Infinity;
  readonly #markName: string;

  constructor(opts: OutboxRelayOptions) {
    this.#o = {
      batchSize: 500,
      pollIntervalMs: 250,
      sweepAfterMs: 5_000,
      sweepIntervalMs: 2_000,
      storeCheckIntervalMs: 1_000,
      policies: {},
      holdDelayedRows: false,
      holdUntilDue: [],
      drainedQueues: [],
      ...opts,
    };
    this.#markName = `queue-store:${opts.backend.kind}`;
    // The rows held in a flood go on as soon as it is over, not at the next poll.
    opts.yieldTo?.door.onChange((busy) => busy || this.nudge());
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /**
   * Ask for an immediate pass, e.g. right after rows were committed; given what was committed, only
   * when some of it is for the relay now: not a drained queue's, not a yielding queue's in a flood,
   * and not a held row for later (a reply's or a profile's fallback), which only its time or the
   * poll would hand on.
   */
  nudge(committed?: CommittedOutboxRows): void {
    const { drainedQueues, holdUntilDue, holdDelayedRows, yieldTo } = this.#o;
    // In a flood, the stored events' rows wait (`yieldTo`): each webhook batch's commit would
    // otherwise wake a pass that takes nothing, a statement per commit taken from the door.
    const yielding = (queue: string) => Boolean(yieldTo?.door.busy && yieldTo.queues.includes(queue));
    const forMe = (r: NonNullable<CommittedOutboxRows>[number]) =>
      !drainedQueues.includes(r.queue) && !yielding(r.queue) && (!r.later || (!holdDelayedRows && !holdUntilDue.includes(r.job)));
    if (committed && !committed.some(forMe)) return;
    this.#nudged = true;
    this.#wake?.();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#loop;
    await this.#sweeping;
  }

  async #run(): Promise<void> {
    while (this.#running) {
      let moved = 0;
      try {
        // Sweeps run beside the relay passes, never in front of them: a sweep of a long backlog
        // asks the queue store about every row, and new rows must not wait for it.
        if (!this.#sweeping && performance.now() - this.#lastStoreCheck >= this.#o.storeCheckIntervalMs) {
          this.#lastStoreCheck = performance.now();
          if (await this.checkStoreRestart()) {
            this.#lastSweep = performance.now();
            this.#sweepBeside({ everything: true });
          }
        }
        moved = await this.relayOnce();
        if (!this.#sweeping && performance.now() - this.#lastSweep >= this.#o.sweepIntervalMs) {
          this.#sweepBeside({});
        }
      } catch (err) {
        this.#o.logger.warn({ err }, 'outbox relay pass failed; will retry');
      }
      if (moved < this.#o.batchSize && this.#running) await this.#sleep(this.#o.pollIntervalMs);
    }
  }

  #sweepBeside(opts: { everything?: boolean }): void {
    this.#sweeping = this.sweepOnce(opts)
      .catch((err) => this.#o.logger.warn({ err }, 'outbox sweep failed; will retry'))
      .finally(() => {
        this.#lastSweep = performance.now();
        this.#sweeping = undefined;
      });
  }

  #sleep(ms: number): Promise<void> {
    if (this.#nudged) {
      this.#nudged = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t);
        this.#wake = undefined;
        this.#nudged = false;
        resolve();
      };
      const t = setTimeout(done, ms);
      this.#wake = done;
    });
  }

  /**
   * Claims one batch of pending rows and adds them to their queues; returns how many. The claim
   * marks the rows enqueued in the same statement (one round trip per batch); rows that BullMQ then
   * refuses go back to pending, and a relay that dies in between leaves rows the sweep requeues.
   */
  async relayOnce(): Promise<number> {
    const { knex, backend, holdDelayedRows, holdUntilDue, yieldTo } = this.#o;
    let { batchSize, drainedQueues } = this.#o;
    if (yieldTo?.door.busy) {
      const { rows, everyMs } = yieldTo.door.whileBusy;
      if (performance.now() - this.#lastTrickle >= everyMs) {
        this.#lastTrickle = performance.now();
        batchSize = Math.min(batchSize, rows);
      } else {
        drainedQueues = [...drainedQueues, ...yieldTo.queues];
      }
    }
    const held = holdDelayedRows ? 'AND available_at <= now()' : holdUntilDue.length ? 'AND (available_at <= now() OR job_name <> ALL(?::text[]))' : '';
    const drained = drainedQueues.length ? 'AND queue <> ALL(?::text[])' : '';
    const { rows } = await knex.raw<{ rows: ClaimedRow[] }>(
      `UPDATE outbox o
          SET status = 'enqueued', enqueued_at = now(), enqueue_count = o.enqueue_count + 1
         FROM (SELECT id FROM outbox
                WHERE status = 'pending' ${held} ${drained}
                ORDER BY seq
                LIMIT ?
                FOR UPDATE SKIP LOCKED) c
        WHERE o.id = c.id
      RETURNING o.id, o.org_id, o.queue, o.job_name, o.payload, o.enqueue_count, o.attempts,
                greatest(0, floor(extract(epoch FROM (o.available_at - now())) * 1000))::float8 AS delay_ms`,
      [...(!holdDelayedRows && holdUntilDue.length ? [holdUntilDue] : []), ...(drainedQueues.length ? [drainedQueues] : []), batchSize],
    );
    if (rows.length === 0) return 0;

    const byQueue = new Map<string, ClaimedRow[]>();
    for (const row of rows) {
      const list = byQueue.get(row.queue) ?? [];
      list.push(row);
      byQueue.set(row.queue, list);
    }
    for (const [queueName, list] of byQueue) {
      const opts = jobOptions(jobPolicyFor(queueName, this.#o.policies));
      try {
        // A row queued before (a failed row retried through the API) may still have its old job,
        // failed, in the store: BullMQ would ignore the add of the same id, so it goes first.
        await Promise.all(list.filter((r) => r.enqueue_count > 1).map((r) => this.#removeFinishedJob(queueName, r.id)));
        await backend.queue(queueName).addBulk(
          list.map((row) => ({
            name: row.job_name,
            data: { outboxId: row.id, orgId: row.org_id, payload: row.payload, ...(triedHere(row) ? { triedHere: triedHere(row) } : {}) } satisfies OutboxJobData,
            // Its policy's attempts count that try too.
            opts: { ...opts, jobId: row.id, delay: row.delay_ms > 0 ? row.delay_ms : undefined, ...(triedHere(row) && opts.attempts ? { attempts: Math.max(1, opts.attempts - triedHere(row)) } : {}) },
          })),
        );
      } catch (err) {
        // Back to pending for the next pass; nothing is lost.
        this.#o.logger.warn({ err, queue: queueName, rows: list.length }, 'could not enqueue outbox rows');
        await knex('outbox')
          .whereIn('id', list.map((r) => r.id))
          .andWhere('status', 'enqueued')
          .update({ status: 'pending', enqueued_at: null });
      }
    }
    return rows.length;
  }

  async #removeFinishedJob(queueName: string, id: string): Promise<void> {
    const job = await this.#o.backend.queue(queueName).getJob(id);
    if (job && (await job.getState()) === 'failed') await job.remove();
  }

  /**
   * Reconciles rows marked enqueued with what the queue store knows of them: a row whose job is
   * gone goes back to pending; a job that finished while nobody was listening gets its outcome
   * written down. Reads every row that should have run by now (due for longer than `sweepAfterMs`
   * and enqueued longer than that), page by page in order of due time: delayed rows that are not
   * due (SLA timers, for hours or days) are never read, so they cannot hide the rows behind them.
   * `everything` (after the queue store restarted) reads all enqueued rows, delayed ones too, at
   * once: their jobs are as lost as the others'.
   */
  async sweepOnce(opts: { everything?: boolean; pageSize?: number } = {}): Promise<SweepResult> {
    const { knex, sweepAfterMs } = this.#o;
    const pageSize = opts.pageSize ?? 500;
    const result: SweepResult = { checked: 0, requeued: 0, done: 0, failed: 0 };
    const startedAt = await this.#dbNow();
    const olderThan = new Date(startedAt.getTime() - (opts.everything ? 0 : sweepAfterMs));
    let after: { available_at: Date; id: string } | undefined;
    for (;;) {
      const q = knex('outbox')
        .select('id', 'queue', 'available_at')
        .where('status', 'enqueued')
        .andWhere('enqueued_at', '<=', olderThan)
        .orderBy([{ column: 'available_at' }, { column: 'id' }])
        .limit(pageSize);
      if (!opts.everything) q.andWhere('available_at', '<=', olderThan);
      if (this.#o.drainedQueues.length) q.whereNotIn('queue', this.#o.drainedQueues);
      if (after) q.andWhereRaw('(available_at, id) > (?, ?)', [after.available_at, after.id]);
      const page: { id: string; queue: string; available_at: Date }[] = await q;
      if (page.length === 0) break;
      await this.#reconcile(page, result);
      result.checked += page.length;
      if (page.length < pageSize || !this.#running && !opts.everything) break;
      after = page[page.length - 1];
    }
    if (result.requeued) {
      this.#o.logger.warn(result, 'outbox rows whose jobs were lost went back to pending');
      this.nudge();
    }
    return result;
  }

  async #reconcile(page: { id: string; queue: string }[], result: SweepResult): Promise<void> {
    const { knex, backend } = this.#o;
    const lost: string[] = [];
    // In parallel: one round trip per row, but all of a page in flight at once.
    await Promise.all(
      page.map(async (row) => {
        const job = await backend.queue(row.queue).getJob(row.id);
        if (!job) {
          lost.push(row.id);
          return;
        }
        if (!job.finishedOn) return;
        const state = await job.getState();
        if (state === 'completed') {
          result.done += await knex('outbox')
            .where({ id: row.id, status: 'enqueued' })
            .update({ status: 'done', processed_at: knex.fn.now(), attempts: knex.raw('attempts + 1'), last_error: null });
        } else if (state === 'failed') {
          result.failed += await knex('outbox')
            .where({ id: row.id, status: 'enqueued' })
            .update({ status: 'failed', failed_at: knex.fn.now(), attempts: knex.raw('attempts + 1'), last_error: job.failedReason ?? null });
        }
      }),
    );
    if (lost.length) {
      result.requeued += await knex('outbox')
        .whereIn('id', lost)
        .andWhere('status', 'enqueued')
        .update({ status: 'pending', enqueued_at: null });
    }
  }

  async #dbNow(): Promise<Date> {
    const { rows } = await this.#o.knex.raw<{ rows: { now: Date }[] }>('SELECT now() AS now');
    return new Date(rows[0].now);
  }

  /**
   * Has the queue store restarted since any relay last looked (Redis' run id changed)? The identity
   * is kept in the database, so a restart while every worker was down is noticed too; of several
   * relays noticing at once, one sweeps.
   */
  async checkStoreRestart(): Promise<boolean> {
    const { knex, backend } = this.#o;
    const identity = await backend.storeIdentity();
    if (!identity || identity === this.#storeIdentity) return false;
    const known: { identity: string } | undefined = await knex('queue_store_marks').where({ name: this.#markName }).first('identity');
    this.#storeIdentity = identity;
    if (known?.identity === identity) return false;
    if (!known) {
      await knex('queue_store_marks').insert({ name: this.#markName, identity }).onConflict('name').ignore();
      // First sight of any queue store: nothing was lost that the ordinary sweep would not find.
      return false;
    }
    const won = await knex('queue_store_marks')
      .where({ name: this.#markName, identity: known.identity })
      .update({ identity, seen_at: knex.fn.now() });
    if (!won) return false;
    this.#o.logger.warn({ before: known.identity, now: identity }, 'the queue store restarted: sweeping every enqueued row');
    return true;
  }
}

export interface SweepResult {
  checked: number;
  requeued: number;
  done: number;
  failed: number;
}
