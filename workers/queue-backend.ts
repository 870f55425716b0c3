import { Redis } from 'ioredis';
import type { Logger } from '../core/logger.ts';
import {
  Queue as RedisQueue,
  Worker as RedisWorker,
  createPostgresBackend,
  withBackend,
  type QueueOptions,
  type WorkerOptions,
  type Processor,
  type Job,
} from 'bullmq';

/**
 * DESIGN.md decision 2: BullMQ on Redis when REDIS_URL is set, otherwise BullMQ's PostgreSQL
 * backend on our own database (schema `bullmq`). Everything else asks this module for queues and
 * workers and never learns which one it got.
 */
export type QueueBackendKind = 'redis' | 'postgres';

export interface WorkQueue {
  readonly name: string;
  add(name: string, data: unknown, opts?: JobAddOptions): Promise<Job>;
  addBulk(jobs: { name: string; data: unknown; opts?: JobAddOptions }[]): Promise<Job[]>;
  getJob(id: string): Promise<Job | undefined>;
  getJobCounts(...types: string[]): Promise<Record<string, number>>;
  /** Moves delayed jobs to waiting now (all of them, `count` at a time). */
  promoteJobs(opts?: { count?: number }): Promise<void>;
  /** The delayed jobs, soonest first (`start` to `end`, both included). */
  getDelayed(start?: number, end?: number): Promise<Job[]>;
  upsertJobScheduler: RedisQueue['upsertJobScheduler'];
  obliterate(opts?: { force?: boolean }): Promise<void>;
  on(event: 'error', listener: (err: Error) => void): unknown;
  close(): Promise<void>;
}

export interface JobAddOptions {
  jobId?: string;
  delay?: number;
  attempts?: number;
  /** `max` and `retryForMs`: read back by our own backoff (workers/job-policy.ts), not BullMQ's. */
  backoff?: { type: 'exponential' | 'fixed' | 'custom'; delay: number; max?: number; retryForMs?: number };
  removeOnComplete?: boolean | number | { age?: number; count?: number };
  removeOnFail?: boolean | number | { age?: number; count?: number };
}

export interface WorkWorker {
  /** How many jobs it runs at once; changed while it runs, it applies to the jobs it takes next. */
  concurrency: number;
  on(event: 'failed', listener: (job: Job | undefined, err: Error) => void): unknown;
  on(event: 'completed', listener: (job: Job) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  waitUntilReady(): Promise<unknown>;
  close(force?: boolean): Promise<void>;
}

export interface WorkerTuning {
  concurrency?: number;
  /**
   * How long a job's lock lasts without renewal (renewed every half of it while the job runs).
   * A worker killed mid-job leaves its jobs active until another worker's stalled check (every
   * `stalledInterval` ms) finds the lock expired and puts them back: the two bound how long the
   * jobs of a killed worker wait.
   */
  lockDuration?: number;
  stalledInterval?: number;
  maxStalledCount?: number;
  /** Custom backoff (`backoff: { type: 'custom' }` jobs): see workers/job-policy.ts. */
  settings?: { backoffStrategy?: (attemptsMade: number, type?: string, err?: Error, job?: unknown) => number };
  /** BullMQ's rate limiter: at most `max` jobs per `duration` ms across all workers of the queue. */
  limiter?: { max: number; duration: number };
}

export interface QueueBackend {
  readonly kind: QueueBackendKind;
  queue(name: string): WorkQueue;
  worker(name: string, processor: Processor, opts?: WorkerTuning): WorkWorker;
  /**
   * Who the queue store is this time: Redis' run id, new at every restart of the server (empty, or
   * from an older snapshot, or a failover to a replica). Undefined where the queue store is our own
   * database and a restart loses nothing.
   */
  storeIdentity(): Promise<string | undefined>;
  /** Closes the queues this backend handed out (workers are closed by their owners). */
  close(): Promise<void>;
}

export interface QueueBackendOptions {
  redisUrl?: string;
  databaseUrl: string;
  /** Redis key prefix; tests use one of their own. */
  prefix?: string;
  /**
   * Where a queue's connection errors go. A BullMQ queue with no `error` listener prints them
   * itself, with console.error, as multi-line stack traces outside the JSON log (hundreds of
   * "connect ECONNREFUSED" while Redis is down). Workers report theirs (workers/job-runner.ts).
   */
  logger?: Logger;
}

export function createQueueBackend(opts: QueueBackendOptions): QueueBackend {
  const queues = new Map<string, WorkQueue>();
  let probe: Redis | undefined;
  let kind: QueueBackendKind;
  let makeQueue: (name: string) => WorkQueue;
  let makeWorker: (name: string, processor: Processor, tuning: WorkerTuning) => WorkWorker;

  if (opts.redisUrl) {
    kind = 'redis';
    const connection = redisConnectionOptions(opts.redisUrl);
    const prefix = opts.prefix ?? 'opsdesk';
    makeQueue = (name) => new RedisQueue(name, { connection, prefix } as QueueOptions) as unknown as WorkQueue;
    makeWorker = (name, processor, tuning) =>
      new RedisWorker(name, processor, { connection, prefix, ...tuning } as WorkerOptions) as unknown as WorkWorker;
  } else {
    kind = 'postgres';
    const pgBound = withBackend(createPostgresBackend);
    const connection = {
      connectionString: opts.databaseUrl,
      // The embedded database shares one session, so the schema must be the one on its search_path.
      schema: 'bullmq',
      migrate: true,
      max: 5,
    };
    makeQueue = (name) => new pgBound.Queue(name, { connection }) as unknown as WorkQueue;
    // BullMQ wakes an idle worker with LISTEN/NOTIFY, on the embedded database too (core/db/pglite-notifications.ts).
    makeWorker = (name, processor, tuning) => new pgBound.Worker(name, processor, { connection, ...tuning }) as unknown as WorkWorker;
  }

  return {
    kind,
    queue(name) {
      let q = queues.get(name);
      if (!q) {
        q = makeQueue(name);
        // Whoever adds the job learns of the failure from its promise; this is the log's copy.
        q.on('error', (err) => opts.logger?.warn({ err, queue: name }, 'queue connection error'));
        queues.set(name, q);
      }
      return q;
    },
    worker(name, processor, tuning = {}) {
      return makeWorker(name, processor, { concurrency: 5, ...tuning });
    },
    async storeIdentity() {
      if (!opts.redisUrl) return undefined;
      // A small client of its own: one command a second, failing fast while Redis is down.
      if (!probe) {
        probe = new Redis({ ...redisConnectionOptions(opts.redisUrl), maxRetriesPerRequest: 1, connectTimeout: 1000 });
        probe.on('error', () => {});
      }
      let timer: NodeJS.Timeout | undefined;
      try {
        const info = await Promise.race([
          probe.info('server'),
          new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 1000))),
        ]);
        return /run_id:(\w+)/.exec(info)?.[1];
      } catch {
        return undefined; // unreachable now: asked again on the next check
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      probe?.disconnect();
      probe = undefined;
      const all = [...queues.values()];
      queues.clear();
      await Promise.allSettled(all.map((q) => q.close()));
    },
  };
}

function redisConnectionOptions(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // BullMQ's workers block on Redis; they must wait for a reconnect rather than fail a command.
    maxRetriesPerRequest: null,
  };
}

/** Resolves true when the queue store answers within `timeoutMs`. */
export async function isQueueReachable(backend: QueueBackend, timeoutMs = 1500): Promise<boolean> {
  const probe = backend.queue('system').getJobCounts('waiting');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([probe.then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    probe.catch(() => {});
  }
}
