import type { Knex } from 'knex';
import type { Logger } from '../core/logger.ts';

/**
 * Writes job outcomes back to their outbox rows. Completions are batched (one UPDATE per flush
 * instead of one per job) because they are the hot path; failures are rare and written at once.
 * A completion lost in a crash is recovered by the relay's sweep, which asks BullMQ.
 *
 * Each outcome adds its try to the row's `attempts`, rather than writing a count its job kept: a
 * row's tries are not all its job's. The process that committed it may have tried it first
 * (job-runner.ts `runHere`), and on a machine frozen for seconds that try can end after the relay
 * has handed the row to its job, whose count then never learns of it.
 */
export class OutboxOutcomes {
  readonly #knex: Knex;
  readonly #logger: Logger;
  readonly #flushMs: number;
  #done = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();

  constructor(knex: Knex, logger: Logger, flushMs = 50) {
    this.#knex = knex;
    this.#logger = logger;
    this.#flushMs = flushMs;
  }

  completed(outboxId: string): void {
    this.#done.add(outboxId);
    if (this.#done.size >= 500) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), this.#flushMs);
  }

  async attemptFailed(outboxId: string, error: string, final: boolean): Promise<void> {
    const knex = this.#knex;
    // Not a row already ended: the relay's sweep may have seen the job's final failure in the queue
    // first and recorded it (outbox-relay.ts `#reconcile`); counting it again read 4 attempts of 3.
    await knex('outbox')
      .where('id', outboxId)
      .whereNotIn('status', ['done', 'failed'])
      .update({
        attempts: knex.raw('attempts + 1'),
        last_error: error.slice(0, 2000),
        ...(final ? { status: 'failed', failed_at: knex.fn.now() } : {}),
      });
  }

  /**
   * Work a job did itself after its commit (job-runner.ts `runHere`) failed, and may be tried again:
   * its row, held as the fallback, is made due now (or once a platform's Retry-After has passed) for
   * its own job, with the queue's retry policy from there. A row the relay handed on meanwhile
   * (the try outlasted the hold), even one its job has finished, keeps its time and its outcome;
   * the try is counted all the same.
   */
  async dueAgain(outboxId: string, error: string, afterMs: number): Promise<void> {
    const knex = this.#knex;
    await knex('outbox')
      .where('id', outboxId)
      .update({
        attempts: knex.raw('attempts + 1'),
        last_error: knex.raw(`CASE WHEN status = 'done' THEN last_error ELSE ? END`, [error.slice(0, 2000)]),
        available_at: knex.raw(`CASE WHEN status = 'pending' THEN now() + make_interval(secs => ?) ELSE available_at END`, [afterMs / 1000]),
      });
  }

  /**
   * A job BullMQ failed because it stalled too often goes back to pending (the relay replaces the
   * failed job with a new one); after `maxEnqueues` enqueues it stays failed, visibly.
   */
  async requeueStalled(outboxId: string, error: string, maxEnqueues = 5): Promise<void> {
    const knex = this.#knex;
    await knex('outbox')
      .where('id', outboxId)
      .whereNot('status', 'done')
      .update({
        last_error: error.slice(0, 2000),
        status: knex.raw(`CASE WHEN enqueue_count < ? THEN 'pending' ELSE 'failed' END`, [maxEnqueues]),
        enqueued_at: knex.raw(`CASE WHEN enqueue_count < ? THEN NULL ELSE enqueued_at END`, [maxEnqueues]),
        failed_at: knex.raw(`CASE WHEN enqueue_count < ? THEN NULL ELSE now() END`, [maxEnqueues]),
      });
  }

  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#done.size === 0) return this.#flushing;
    const batch = this.#done;
    this.#done = new Set();
    const ids = [...batch];
    this.#flushing = this.#flushing.then(async () => {
      try {
        await this.#knex.raw(
          `UPDATE outbox SET status = 'done', processed_at = now(), attempts = attempts + 1, last_error = NULL
            WHERE id = ANY(?::uuid[]) AND status <> 'done'`,
          [ids],
        );
      } catch (err) {
        this.#logger.warn({ err, rows: ids.length }, 'could not record job completions; the sweep will');
      }
    });
    return this.#flushing;
  }
}
