import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { createLogger } from '../core/logger.ts';
import { addToOutbox } from '../core/outbox/outbox.ts';
import { JobRunner } from '../workers/job-runner.ts';
import { OutboxRelay } from '../workers/outbox-relay.ts';
import { createQueueBackend, type QueueBackend } from '../workers/queue-backend.ts';
import { createTestDatabase } from '../test/support/test-database.ts';
import { fmt, median, table } from './stats.ts';

/**
 * Outbox relay throughput: rows committed -> jobs completed per second, with a no-op processor,
 * beside a baseline of plain BullMQ `add` + process on the same backend in the same run.
 * Both sides use the same worker concurrency and add from one producer in chunks of 50.
 */
const logger = createLogger(process.env.BENCH_LOG_LEVEL ?? 'silent');
const CONCURRENCY = 10;
const CHUNK = 50;

interface Target {
  label: string;
  databaseUrl?: string;
  redisUrl?: string;
}

function waitForCount(counter: { n: number }, target: number, timeoutMs = 300_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const tick = () => {
      if (counter.n >= target) return resolve();
      if (Date.now() > deadline) return reject(new Error(`only ${counter.n}/${target} jobs completed`));
      setTimeout(tick, 2);
    };
    tick();
  });
}

async function baseline(backend: QueueBackend, n: number): Promise<number> {
  const name = `base-${randomBytes(3).toString('hex')}`;
  const counter = { n: 0 };
  const worker = backend.worker(name, async () => {
    counter.n++;
  }, { concurrency: CONCURRENCY });
  await worker.waitUntilReady();
  const queue = backend.queue(name);
  const started = performance.now();
  for (let i = 0; i < n; i += CHUNK) {
    await Promise.all(Array.from({ length: Math.min(CHUNK, n - i) }, (_, j) => queue.add('noop', { i: i + j }, { removeOnComplete: true })));
  }
  await waitForCount(counter, n);
  const seconds = (performance.now() - started) / 1000;
  await worker.close();
  return n / seconds;
}

/**
 * `stream`: the clock starts before the first row is committed; rows are committed in
 * transactions of 50 while the relay runs. `backlog`: the rows are already committed (a burst, or
 * a restart after an outage) and the clock starts with the relay.
 */
async function throughOutbox(
  knex: Knex,
  backend: QueueBackend,
  n: number,
  mode: 'stream' | 'backlog',
): Promise<{ jobsPerSec: number; rowsDonePerSec: number }> {
  const queueName = `relay-${randomBytes(3).toString('hex')}`;
  const counter = { n: 0 };
  const commitRows = async () => {
    for (let i = 0; i < n; i += CHUNK) {
      await knex.transaction((trx) =>
        addToOutbox(
          trx,
          Array.from({ length: Math.min(CHUNK, n - i) }, (_, j) => ({ orgId: null, queue: queueName, jobName: 'noop', payload: { i: i + j } })),
        ),
      );
    }
  };
  if (mode === 'backlog') await commitRows();
  const runner = new JobRunner({
    knex,
    backend,
    logger,
    concurrency: CONCURRENCY,
    processors: { [queueName]: { noop: async () => void counter.n++ } },
  });
  await runner.start();
  const relay = new OutboxRelay({ knex, backend, logger, pollIntervalMs: 10, batchSize: Number(process.env.BENCH_RELAY_BATCH ?? 500) });
  const started = performance.now();
  relay.start();
  if (mode === 'stream') await commitRows();
  await waitForCount(counter, n);
  const jobsSeconds = (performance.now() - started) / 1000;
  for (;;) {
    const [{ c }] = await knex('outbox').where({ queue: queueName }).whereNot('status', 'done').count({ c: '*' });
    if (Number(c) === 0) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const doneSeconds = (performance.now() - started) / 1000;
  await relay.stop();
  await runner.stop();
  return { jobsPerSec: n / jobsSeconds, rowsDonePerSec: n / doneSeconds };
}

async function redisAnswers(url: string): Promise<boolean> {
  const { Redis } = await import('ioredis');
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

export async function benchOutboxThroughput(n = 2000, runs = 3): Promise<string> {
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const targets: Target[] = [];
  // BENCH_TARGETS=redis or =postgres measures one of them only.
  const only = process.env.BENCH_TARGETS;
  if (only !== 'postgres' && (await redisAnswers(redisUrl))) targets.push({ label: 'Redis', redisUrl });
  if (only !== 'redis') targets.push({ label: process.env.TEST_DATABASE_URL ? 'PostgreSQL backend (server)' : 'PostgreSQL backend (embedded PGlite)' });

  const rows: (string | number)[][] = [];
  for (const target of targets) {
    const samples: Record<'base' | 'streamJobs' | 'streamDone' | 'backlogJobs' | 'backlogDone', number[]> = {
      base: [],
      streamJobs: [],
      streamDone: [],
      backlogJobs: [],
      backlogDone: [],
    };
    for (let r = 0; r < runs; r++) {
      const db = await createTestDatabase();
      // Configured as bin/system.ts configures it for this database.
      const backend = createQueueBackend({
        redisUrl: target.redisUrl,
        databaseUrl: db.url,
        prefix: `bench${randomBytes(3).toString('hex')}`,
      });
      const steps = [
        async () => void samples.base.push(await baseline(backend, n)),
        async () => {
          const o = await throughOutbox(db.knex, backend, n, 'stream');
          samples.streamJobs.push(o.jobsPerSec);
          samples.streamDone.push(o.rowsDonePerSec);
        },
        async () => {
          const o = await throughOutbox(db.knex, backend, n, 'backlog');
          samples.backlogJobs.push(o.jobsPerSec);
          samples.backlogDone.push(o.rowsDonePerSec);
        },
      ];
      try {
        // Rotate the order so that no side always runs first on a cold machine.
        for (let i = 0; i < steps.length; i++) await steps[(i + r) % steps.length]();
      } finally {
        await backend.close();
        await db.destroy();
      }
    }
    const b = median(samples.base);
    const cell = (xs: number[]) => `${fmt(median(xs))} (${fmt((median(xs) / b) * 100)} %)`;
    rows.push([target.label, fmt(b), cell(samples.backlogJobs), cell(samples.backlogDone), cell(samples.streamJobs), cell(samples.streamDone)]);
  }
  const where = process.env.TEST_DATABASE_URL ? 'outbox table on the PostgreSQL server at TEST_DATABASE_URL' : 'outbox table on embedded PGlite';
  return (
    `### Outbox relay throughput (${n} jobs, ${runs} runs, medians; ${where}; worker concurrency ${CONCURRENCY})\n\n` +
    table(
      [
        'queue store',
        'baseline: add + process, jobs/s',
        'committed backlog -> jobs done, jobs/s (vs baseline)',
        'committed backlog -> rows marked done',
        'committing while relaying -> jobs done',
        'committing while relaying -> rows marked done',
      ],
      rows,
    ) +
    '\n\nBaseline: `queue.add` from one producer, 50 at a time, and a worker with the same concurrency. ' +
    'Outbox: rows committed in transactions of 50; the relay claims up to 500 pending rows per pass and adds them with `addBulk`.'
  );
}
