import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { databaseOutageReason } from '../core/errors/index.ts';
import type { Knex } from 'knex';
import type { Logger } from '../core/logger.ts';
import type { DoorPressure } from '../core/inbound/door-pressure.ts';
import type { OutboxJobData, WorkDoneHere } from '../core/outbox/outbox.ts';
import { OrgJobGate } from '../core/orgs/org-gates.ts';
import { backoffDelay, formatDuration, retryBudget, type RetryAfterError } from './job-policy.ts';
import { OutboxOutcomes } from './outbox-outcomes.ts';
import { repeatedErrorLog } from './repeated-error-log.ts';
import type { QueueBackend, WorkerTuning, WorkQueue, WorkWorker } from './queue-backend.ts';

/** A job handler gets the outbox payload and what it needs to do its work. */
export type JobHandler = (payload: Record<string, unknown>, job: JobContext) => Promise<unknown>;

export interface JobContext {
  outboxId: string;
  orgId: string | null;
  attempt: number;
  /** The last attempt BullMQ will make: a handler may record a final failure itself on it. */
  maxAttempts: number;
  /**
   * For a job whose policy has a time budget (job-policy.ts `retryForMs`): when it ends, in ms since
   * the epoch. A failure after it is final: the runner makes it so, and a handler that records a
   * final failure itself asks `mayRetry()`.
   */
  retryUntil?: number;
  /** When that budget started (the job was queued), in ms since the epoch. */
  retryStartedAt?: number;
  /** Whether a failure now would be retried: attempts left, and time left in the budget. */
  mayRetry?(): boolean;
  /**
   * Runs the delayed jobs of this queue (or of `queue`) now (a platform is back: their retries need
   * not wait), except those the platform told to wait (Retry-After): they keep their time.
   */
  promoteDelayed(queue?: string): Promise<void>;
  logger: Logger;
  /**
   * Runs, in this process and in order, the rows this job committed for itself to do
   * (core/outbox `collectWorkDoneHere`): each through its own handler, as its first attempt. One
   * that fails is made due for its own job (at once, or after a platform's Retry-After), one refused
   * for good is failed as its job would be; one not there (its transaction rolled back) finds nothing to do.
   */
  runHere?(work: WorkDoneHere[]): Promise<void>;
  /** A row whose work this job did itself (a message routed where it was stored): done with the next batch of completions. */
  doneHere?(outboxId: string): void;
  /** This is a `runHere` try, the row's first: no earlier attempt of it can have left anything behind. */
  here?: boolean;
  /** With `here`: what the transaction that committed the row handed to this work (core/outbox `OutboxEntry.given`). */
  given?: unknown;
}

/** queue name -> job name -> handler. */
export type ProcessorTable = Record<string, Record<string, JobHandler>>;

export interface JobRunnerOptions {
  knex: Knex;
  backend: QueueBackend;
  logger: Logger;
  processors: ProcessorTable;
  concurrency?: number;
  /** Per-queue worker settings (rate limits of the platforms a queue talks to). */
  tuning?: Record<string, WorkerTuning>;
  /**
   * While this process's webhooks are flooding in, these queues' workers take one job at a time,
   * each at its turn (the door's `whileBusy`), and their full number again once the flood is over
   * (core/inbound/door-pressure.ts).
   */
  yieldTo?: { door: DoorPressure; queues: string[] };
}

/** BullMQ's reason for a job whose workers kept dying under it. */
const STALLED = /stalled more than allowable limit/i;

/** A row done here is left to its own job when less than this remains before the relay hands it on. */
const RUN_HERE_MARGIN_MS = 5_000;

/** A job whose name has no handler fails at once: retrying cannot make a handler appear. */
export class UnknownJobError extends UnrecoverableError {}

export class JobRunner {
  readonly #o: JobRunnerOptions;
  readonly #outcomes: OutboxOutcomes;
  readonly #orgs: OrgJobGate;
  #workers: WorkWorker[] = [];

  constructor(opts: JobRunnerOptions) {
    this.#o = opts;
    this.#outcomes = new OutboxOutcomes(opts.knex, opts.logger);
    this.#orgs = new OrgJobGate(opts.knex);
  }

  async start(): Promise<void> {
    const { backend, processors, logger } = this.#o;
    for (const [queueName, handlers] of Object.entries(processors)) {
      const worker = backend.worker(queueName, (job: Job, token?: string) => this.#process(queueName, handlers, job, token), {
        concurrency: this.#o.concurrency ?? 10,
        // The jobs of a worker killed mid-job are back in the queue within about 13 s, not a minute.
        lockDuration: 10_000,
        stalledInterval: 3_000,
        // A busy machine can freeze a process past its lock; a job may stall a few times.
        maxStalledCount: 3,
        settings: {
          backoffStrategy: (attemptsMade, _type, err, job) =>
            backoffDelay(attemptsMade, ((job as Job | undefined)?.opts.backoff as { delay: number; max?: number }) ?? { delay: 2_000 }, err),
        },
        ...this.#o.tuning?.[queueName],
      });
      worker.on('failed', (job, err) => {
        const data = job?.data as OutboxJobData | undefined;
        if (!job || !data?.outboxId) return;
        const attempts = job.attemptsMade + (data.triedHere ?? 0);
        if (STALLED.test(err.message)) {
          // Not the job's failure: its workers died (or froze) under it, more often than BullMQ
          // allows. The row is queued again, with a fresh job, up to a limit that stops a job that
          // kills every process running it.
          logger.warn({ queue: queueName, job: job.name, outboxId: data.outboxId }, 'job stalled too often; queued again');
          void this.#outcomes.requeueStalled(data.outboxId, err.message).catch((e) => logger.warn({ err: e }, 'could not queue a stalled job again'));
          return;
        }
        // An UnrecoverableError (unknown job, unreadable event, a platform's refusal) is never retried.
        const final = job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError || err.name === 'UnrecoverableError';
        logger.warn({ err: err.message, queue: queueName, job: job.name, outboxId: data.outboxId, attempts, final }, 'job failed');
        void this.#outcomes.attemptFailed(data.outboxId, err.message, final).catch((e) =>
          logger.warn({ err: e }, 'could not record a job failure'),
        );
      });
      // Once per 10 s per queue: BullMQ retries its fetch at once, and a database that refuses it
      // (disk full) made this 135 records a second.
      worker.on('error', repeatedErrorLog((err, repeats) => logger.warn({ err, queue: queueName, repeats }, 'worker error')));
      this.#workers.push(worker);
      if (this.#o.yieldTo?.queues.includes(queueName)) {
        const full = worker.concurrency;
        this.#o.yieldTo.door.onChange((busy) => {
          worker.concurrency = busy ? 1 : full;
          logger.info({ queue: queueName, concurrency: worker.concurrency }, busy ? 'webhooks flooding in: the door first' : 'webhook flood over');
        });
      }
    }
    await Promise.all(this.#workers.map((w) => w.waitUntilReady()));
  }

  async #process(queueName: string, handlers: Record<string, JobHandler>, job: Job, token?: string): Promise<unknown> {
    const handler = handlers[job.name];
    const data = job.data as OutboxJobData;
    if (!handler) {
      throw new UnknownJobError(`No handler for job "${job.name}" on queue "${queueName}"`);
    }
    // In a flood of webhooks, a stored event waits its turn (core/inbound/door-pressure.ts).
    if (this.#o.yieldTo?.door.busy && this.#o.yieldTo.queues.includes(queueName)) await this.#o.yieldTo.door.turn();
    // Counted from the row's first try: the job that committed it may have made one (`runHere`).
    const tried = data.triedHere ?? 0;
    const attempt = job.attemptsMade + 1 + tried;
    // Every job carries its org: one of an org being deleted (or gone) stops here, doing nothing.
    if (data.orgId && !(await this.#orgs.runs(data.orgId))) {
      if (data.outboxId) this.#outcomes.completed(data.outboxId);
      return { skipped: 'org_deleted' };
    }
    const maxAttempts = (job.opts.attempts ?? 1) + tried;
    const budget = retryBudget(job);
    const retryUntil = budget?.until;
    const mayRetry = () => attempt < maxAttempts && (retryUntil === undefined || Date.now() < retryUntil);
    const parentLogger = this.#o.logger;
    let logger: Logger | undefined;
    const result = await handler(data.payload ?? {}, {
      outboxId: data.outboxId,
      orgId: data.orgId,
      attempt,
      maxAttempts,
      retryUntil,
      retryStartedAt: budget?.startedAt,
      mayRetry,
      promoteDelayed: (queue = queueName) => promoteBackoffs(this.#o.backend.queue(queue)),
      // Made on first use: most jobs never log, and a child logger per job is not free.
      get logger() {
        return (logger ??= parentLogger.child({ queue: queueName, job: job.name, outboxId: data.outboxId }));
      },
      runHere: (work) => this.runHere(work),
      doneHere: (outboxId) => this.#outcomes.completed(outboxId),
    }).catch(async (err: unknown) => {
      // The database could not take the job's work (no connection free, disk full, gone), or DATA_DIR
      // had no space for its file: the system's state, not the job's. The job waits for it without spending an attempt, so that an outage longer
      // than the attempts' backoff (30 s by default) does not fail every message that arrived
      // before it. A job with a time budget still ends when the budget does.
      const outage = databaseOutageReason(err);
      if (outage !== undefined && token && (budget === undefined || Date.now() < budget.until)) {
        const wait = Math.max(250, (job.opts.backoff as { delay?: number } | undefined)?.delay ?? 2_000);
        // If the queue store cannot take the move either, the failure counts as an attempt, as before.
        const moved = await job.moveToDelayed(Date.now() + wait, token).then(() => true, () => false);
        if (moved) {
          parentLogger.warn({ queue: queueName, job: job.name, outboxId: data.outboxId, reason: outage, waitMs: wait }, 'job waits for the database or disk');
          throw new DelayedError();
        }
      }
      // Out of time: the job's budget is spent, whatever attempts BullMQ would still allow.
      if (budget && !mayRetry() && err instanceof Error && !(err instanceof UnrecoverableError) && err.name !== 'UnrecoverableError') {
        throw new UnrecoverableError(`gave up after ${formatDuration(Date.now() - budget.startedAt)} of retries (${attempt} attempts): ${err.message}`);
      }
      // Told how long to wait: the wait is kept on the job, so that promoting the waiting jobs
      // (a platform back) leaves this one until then.
      const retryAfter = err as RetryAfterError;
      if (retryAfter.retryAfterMs !== undefined && mayRetry()) {
        const wait = backoffDelay(attempt, (job.opts.backoff as { delay: number; max?: number }) ?? { delay: 2_000 }, retryAfter);
        await job.updateData({ ...data, notBefore: Date.now() + wait } satisfies OutboxJobData);
      }
      throw err;
    });
    // Scheduler jobs (housekeeping) have no outbox row.
    if (data.outboxId) this.#outcomes.completed(data.outboxId);
    return result;
  }

  /**
   * Runs, in this process and in order, rows committed to be done here: by a job, after its commit
   * (`collectWorkDoneHere`), or by the webhooks of this process, as they store events
   * (core/inbound/inbound-batcher.ts `workHere`). Each as its row's first attempt, with its own job
   * behind it; the work a row's handler commits to do here is run here in turn.
   */
  async runHere(work: WorkDoneHere[]): Promise<void> {
    const parentLogger = this.#o.logger;
    for (const row of work) {
      const handler = this.#o.processors[row.queue]?.[row.jobName];
      // No handler in this process: the row runs as its own job at its time. Nor one whose time is
      // near (an overloaded process reached it late): its job may start meanwhile, and two tries at
      // once of a first try could send twice.
      if (!handler || Date.now() > row.heldUntil - RUN_HERE_MARGIN_MS) continue;
      // As its job would: one of an org being deleted does nothing.
      if (row.orgId && !(await this.#orgs.runs(row.orgId))) {
        this.#outcomes.completed(row.id);
        continue;
      }
      let logger: Logger | undefined;
      try {
        await handler(row.payload, {
          outboxId: row.id,
          orgId: row.orgId,
          attempt: 1,
          // Its own job, with the queue's whole policy, is always there after this attempt.
          maxAttempts: 2,
          mayRetry: () => true,
          here: true,
          given: row.given,
          promoteDelayed: (queue = row.queue) => promoteBackoffs(this.#o.backend.queue(queue)),
          get logger() {
            return (logger ??= parentLogger.child({ queue: row.queue, job: row.jobName, outboxId: row.id, here: true }));
          },
          runHere: (more) => this.runHere(more),
          doneHere: (outboxId) => this.#outcomes.completed(outboxId),
        });
        this.#outcomes.completed(row.id);
      } catch (err) {
        const e = err as Error & Partial<RetryAfterError>;
        const final = err instanceof UnrecoverableError || e.name === 'UnrecoverableError';
        parentLogger.warn({ err: e.message, queue: row.queue, job: row.jobName, outboxId: row.id, final }, final ? 'work done here failed for good' : 'work done here failed; its own job will try again');
        await (final
          ? this.#outcomes.attemptFailed(row.id, e.message, true)
          : this.#outcomes.dueAgain(row.id, e.message, e.retryAfterMs ?? 0)
        ).catch((failure) => parentLogger.warn({ err: failure }, 'could not record the outcome of work done here; its fallback runs at its time'));
      }
    }
  }

  /** Lets active jobs finish, then records their outcomes. */
  async stop(): Promise<void> {
    await Promise.allSettled(this.#workers.map((w) => w.close()));
    this.#workers = [];
    await this.#outcomes.flush();
  }
}

/**
 * Runs the queue's delayed jobs now, but for those a platform told to wait (`notBefore`, from a
 * Retry-After) whose time has not come: docs/reliability.md promises no send comes back sooner.
 * A job that left the delayed set meanwhile (it ran, or another worker promoted it) is passed over.
 * Read a page at a time, soonest first, to the end: an outage can leave thousands waiting. Promoted
 * jobs leave the set, so the next page starts after those that stay.
 */
async function promoteBackoffs(queue: WorkQueue): Promise<void> {
  const now = Date.now();
  const PAGE = 1_000;
  for (let kept = 0; ; ) {
    const delayed = await queue.getDelayed(kept, kept + PAGE - 1);
    const due = delayed.filter((job) => ((job.data as OutboxJobData).notBefore ?? 0) <= now);
    await Promise.all(due.map((job) => job.promote().catch(() => undefined)));
    kept += delayed.length - due.length;
    if (delayed.length < PAGE) return;
  }
}
