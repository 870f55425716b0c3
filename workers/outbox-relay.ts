import type { Knex } from 'knex';
import type { Logger } from '../core/logger.ts';
import type { OutboxJobData } from '../core/outbox/outbox.ts';
import { jobOptions, jobPolicyFor, type JobPolicy } from './job-policy.ts';
import type { QueueBackend } from './queue-backend.ts';

/**
 * Moves committed outbox rows into BullMQ, job id = outbox id. Safe with several relays at once:
 * a row is claimed with SKIP LOCKED, and BullMQ ignores a second add of the same job id. No
 * transaction is held while BullMQ is called (the embedded database pins a session for the whole
 * of a transaction).
 *
 * The sweep is the safety net for a lost queue store: a row marked enqueued whose job no longer
 * exists (Redis restarted empty) goes back to pending; one whose job finished while nobody was
 * listening gets its outcome written down.
 */
export interface OutboxRelayOptions {
  knex: Knex;
  backend: QueueBackend;
  logger: Logger;
  batchSize?: number;
  pollIntervalMs?: number;
  /** Rows enqueued longer ago than this are checked against the queue store. */
  sweepAfterMs?: number;
  sweepIntervalMs?: number;
  policies?: Record<string, JobPolicy>;
  /**
   * Keep a delayed row in the outbox until it is due instead of handing BullMQ a delayed job. On
   * the embedded database BullMQ's PostgreSQL backend is not woken by notifications, so a delayed
   * job that comes due before the ones it already knows about can wait long past its time.
   */
  holdDelayedRows?: boolean;
}

interface ClaimedRow {
  id: string;
  org_id: string | null;
  queue: string;
  job_name: string;
  payload: Record<string, unknown>;
  delay_ms: number;
}

export class OutboxRelay {
  readonly #o: Required<Omit<OutboxRelayOptions, 'policies'>> & { policies: Record<string, JobPolicy> };
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  /** A nudge that came while a pass was running: the next sleep is skipped. */
  #nudged = false;
  #lastSweep = 0;

  constructor(opts: OutboxRelayOptions) {
    this.#o = {
      batchSize: 500,
      pollIntervalMs: 250,
      sweepAfterMs: 60_000,
      sweepIntervalMs: 30_000,
      policies: {},
      holdDelayedRows: false,
      ...opts,
    };
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Ask for an immediate pass, e.g. right after this process committed outbox rows. */
  nudge(): void {
    this.#nudged = true;
    this.#wake?.();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#loop;
  }

  async #run(): Promise<void> {
    while (this.#running) {
      let moved = 0;
      try {
        moved = await this.relayOnce();
        if (Date.now() - this.#lastSweep >= this.#o.sweepIntervalMs) {
          this.#lastSweep = Date.now();
          await this.sweepOnce();
        }
      } catch (err) {
        this.#o.logger.warn({ err }, 'outbox relay pass failed; will retry');
      }
      if (moved < this.#o.batchSize && this.#running) await this.#sleep(this.#o.pollIntervalMs);
    }
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
    const { knex, backend, batchSize, holdDelayedRows } = this.#o;
    const { rows } = await knex.raw<{ rows: ClaimedRow[] }>(
      `UPDATE outbox o
          SET status = 'enqueued', enqueued_at = now(), enqueue_count = o.enqueue_count + 1
         FROM (SELECT id FROM outbox
                WHERE status = 'pending' ${holdDelayedRows ? 'AND available_at <= now()' : ''}
                ORDER BY seq
                LIMIT ?
                FOR UPDATE SKIP LOCKED) c
        WHERE o.id = c.id
      RETURNING o.id, o.org_id, o.queue, o.job_name, o.payload,
                greatest(0, floor(extract(epoch FROM (o.available_at - now())) * 1000))::float8 AS delay_ms`,
      [batchSize],
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
        await backend.queue(queueName).addBulk(
          list.map((row) => ({
            name: row.job_name,
            data: { outboxId: row.id, orgId: row.org_id, payload: row.payload } satisfies OutboxJobData,
            opts: { ...opts, jobId: row.id, delay: row.delay_ms > 0 ? row.delay_ms : undefined },
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

  /** Reconciles rows marked enqueued for a while with what the queue store knows of them. */
  async sweepOnce(limit = 1000): Promise<{ requeued: number; done: number; failed: number }> {
    const { knex, backend, sweepAfterMs } = this.#o;
    const stale: { id: string; queue: string }[] = await knex('outbox')
      .select('id', 'queue')
      .where('status', 'enqueued')
      .andWhere('enqueued_at', '<', knex.raw(`now() - make_interval(secs => ?)`, [sweepAfterMs / 1000]))
      .orderBy('enqueued_at')
      .limit(limit);
    const result = { requeued: 0, done: 0, failed: 0 };
    for (const row of stale) {
      const job = await backend.queue(row.queue).getJob(row.id);
      if (!job) {
        const n = await knex('outbox').where({ id: row.id, status: 'enqueued' }).update({ status: 'pending', enqueued_at: null });
        result.requeued += n;
        continue;
      }
      const state = await job.getState();
      if (state === 'completed') {
        result.done += await knex('outbox')
          .where({ id: row.id, status: 'enqueued' })
          .update({ status: 'done', processed_at: knex.fn.now(), attempts: job.attemptsMade, last_error: null });
      } else if (state === 'failed') {
        result.failed += await knex('outbox')
          .where({ id: row.id, status: 'enqueued' })
          .update({ status: 'failed', failed_at: knex.fn.now(), attempts: job.attemptsMade, last_error: job.failedReason ?? null });
      }
    }
    if (result.requeued) this.#o.logger.warn(result, 'outbox rows whose jobs were lost went back to pending');
    if (result.requeued) this.nudge();
    return result;
  }
}
