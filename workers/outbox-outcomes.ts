import type { Knex } from 'knex';
import type { Logger } from '../core/logger.ts';

/**
 * Writes job outcomes back to their outbox rows. Completions are batched (one UPDATE per flush
 * instead of one per job) because they are the hot path; failures are rare and written at once.
 * A completion lost in a crash is recovered by the relay's sweep, which asks BullMQ.
 */
export class OutboxOutcomes {
  readonly #knex: Knex;
  readonly #logger: Logger;
  readonly #flushMs: number;
  #done = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();

  constructor(knex: Knex, logger: Logger, flushMs = 50) {
    this.#knex = knex;
    this.#logger = logger;
    this.#flushMs = flushMs;
  }

  completed(outboxId: string, attempts: number): void {
    this.#done.set(outboxId, attempts);
    if (this.#done.size >= 500) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), this.#flushMs);
  }

  async attemptFailed(outboxId: string, attempts: number, error: string, final: boolean): Promise<void> {
    const knex = this.#knex;
    await knex('outbox')
      .where('id', outboxId)
      .whereNot('status', 'done')
      .update({
        attempts,
        last_error: error.slice(0, 2000),
        ...(final ? { status: 'failed', failed_at: knex.fn.now() } : {}),
      });
  }

  /**
   * Work a job did itself after its commit (job-runner.ts `runHere`) failed, and may be tried again:
   * its row, held as the fallback, is made due now (or once a platform's Retry-After has passed) for
   * its own job, with the queue's retry policy from there.
   */
  async dueAgain(outboxId: string, error: string, afterMs: number): Promise<void> {
    const knex = this.#knex;
    await knex('outbox')
      .where({ id: outboxId, status: 'pending' })
      .update({ attempts: 1, last_error: error.slice(0, 2000), available_at: knex.raw(`now() + make_interval(secs => ?)`, [afterMs / 1000]) });
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
    this.#done = new Map();
    const ids = [...batch.keys()];
    const attempts = ids.map((id) => batch.get(id) ?? 1);
    this.#flushing = this.#flushing.then(async () => {
      try {
        await this.#knex.raw(
          `UPDATE outbox o SET status = 'done', processed_at = now(), attempts = d.attempts, last_error = NULL
             FROM unnest(?::uuid[], ?::int[]) AS d(id, attempts)
            WHERE o.id = d.id AND o.status <> 'done'`,
          [ids, attempts],
        );
      } catch (err) {
        this.#logger.warn({ err, rows: ids.length }, 'could not record job completions; the sweep will');
      }
    });
    return this.#flushing;
  }
}
