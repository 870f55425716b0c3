import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToOutbox } from '../../core/outbox/outbox.ts';
import type { ProcessorTable } from '../../workers/job-runner.ts';
import { freePort } from '../support/free-port.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestSystem, until } from '../support/test-system.ts';
import { hasRedisServer, startRedis, stopRedis } from '../support/private-redis.ts';

/**
 * The relay's recovery path: rows whose jobs the queue store lost are found whatever sits in front
 * of them (thousands of delayed SLA timers), and soon; a restart of the queue store is noticed and
 * swept at once, even one that happened while no worker was running.
 */
let db: TestDatabase;
let orgId: string;
const ran = new Map<string, number>();
const processors: ProcessorTable = {
  probe: {
    async record(_payload, job) {
      ran.set(job.outboxId, (ran.get(job.outboxId) ?? 0) + 1);
    },
  },
};

beforeAll(async () => {
  db = await createTestDatabase();
  [{ id: orgId }] = await db.knex('orgs').insert({ slug: 'recovery', name: 'Recovery' }).returning('id');
});
afterAll(() => db?.destroy());

async function doneCount(ids: string[]): Promise<number> {
  const [{ n }] = await db.knex('outbox').whereIn('id', ids).where('status', 'done').count({ n: '*' });
  return Number(n);
}

describe('rows whose jobs are gone', () => {
  it('are found behind 1,500 older delayed timers, within seconds, and the timers are left alone', async () => {
    // 1,500 SLA-like timers, enqueued an hour ago and due tomorrow; then 40 acknowledged messages'
    // rows marked enqueued whose jobs no longer exist (a queue store that lost them, a relay killed
    // between its claim and the add).
    const timers = await addToOutbox(
      db.knex,
      Array.from({ length: 1500 }, (_, i) => ({
        orgId,
        queue: 'probe',
        jobName: 'record',
        payload: { timer: i },
        availableAt: new Date(Date.now() + 86_400_000),
      })),
    );
    await db.knex('outbox').whereIn('id', timers).update({ status: 'enqueued', enqueued_at: db.knex.raw(`now() - interval '1 hour'`) });
    const lost = await addToOutbox(
      db.knex,
      Array.from({ length: 40 }, (_, i) => ({ orgId, queue: 'probe', jobName: 'record', payload: { lost: i } })),
    );
    await db.knex('outbox').whereIn('id', lost).update({ status: 'enqueued', enqueued_at: db.knex.raw(`now() - interval '30 seconds'`) });

    // The product's own sweep settings (no test overrides); timed from the moment it runs.
    const sys = await startTestSystem({ db, processors, relay: { pollIntervalMs: 25 } });
    const started = Date.now();
    try {
      await until(async () => (await doneCount(lost)) === 40, 20_000);
      const took = Date.now() - started;
      expect(took).toBeLessThan(10_000);
      expect(lost.every((id) => ran.get(id) === 1)).toBe(true);
      // The timers were not read as lost: still enqueued, never run.
      const [{ n }] = await db.knex('outbox').whereIn('id', timers).where('status', 'enqueued').count({ n: '*' });
      expect(Number(n)).toBe(1500);
      expect(timers.some((id) => ran.has(id))).toBe(false);
    } finally {
      await sys.stop();
      await db.knex('outbox').whereIn('id', timers).delete();
    }
  }, 40_000);

  it('a relay killed after its claim: the rows it claimed run again within seconds', async () => {
    const sys = await startTestSystem({ db, processors, relay: { pollIntervalMs: 25 } });
    try {
      // Claimed just now by a relay that then died: enqueued, no job.
      const claimed = await addToOutbox(
        db.knex,
        Array.from({ length: 10 }, (_, i) => ({ orgId, queue: 'probe', jobName: 'record', payload: { claimed: i } })),
      );
      await db.knex('outbox').whereIn('id', claimed).where('status', 'pending').update({ status: 'enqueued', enqueued_at: db.knex.fn.now() });
      const started = Date.now();
      await until(async () => (await doneCount(claimed)) === 10, 20_000);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(claimed.every((id) => (ran.get(id) ?? 0) >= 1)).toBe(true);
    } finally {
      await sys.stop();
    }
  }, 30_000);
});

describe.runIf(hasRedisServer)('a queue store that restarted', () => {
  it('is noticed, even when it restarted while no worker ran, and every enqueued row runs at once, delayed ones at their time', async () => {
    const port = await freePort();
    let redis = await startRedis(port);
    const env = { REDIS_URL: `redis://127.0.0.1:${port}` };
    // Sweeps that would take 100 s to look: only noticing the restart can bring these back soon.
    const relay = { sweepAfterMs: 100_000, sweepIntervalMs: 100_000, pollIntervalMs: 25 };
    try {
      // A worker with no handler for `probe` relays the rows: their jobs wait in Redis.
      const relayOnly = await startTestSystem({ db, roles: ['workers'], processors: {}, relay, env, queuePrefix: 'restart' });
      const waiting = await addToOutbox(
        db.knex,
        Array.from({ length: 300 }, (_, i) => ({ orgId, queue: 'probe', jobName: 'record', payload: { waiting: i } })),
      );
      const delayed = await addToOutbox(db.knex, [
        { orgId, queue: 'probe', jobName: 'record', payload: { delayed: true }, availableAt: new Date(Date.now() + 8_000) },
      ]);
      await until(async () => {
        const [{ n }] = await db.knex('outbox').whereIn('id', [...waiting, ...delayed]).where('status', 'enqueued').count({ n: '*' });
        return Number(n) === 301;
      });
      // It has seen this Redis: its identity is on record.
      await until(async () => (await db.knex('queue_store_marks').first())?.identity);
      await relayOnly.stop();

      // Redis is lost and comes back empty while no worker runs.
      await stopRedis(redis);
      redis = await startRedis(port);

      const started = Date.now();
      const sys = await startTestSystem({ db, processors, relay, env, queuePrefix: 'restart' });
      try {
        await until(async () => (await doneCount(waiting)) === 300, 20_000);
        const drained = Date.now() - started;
        expect(drained).toBeLessThan(10_000);
        expect(waiting.every((id) => ran.get(id) === 1)).toBe(true);
        // The delayed row's job was lost too; it runs at its time, not before.
        await until(async () => (await doneCount(delayed)) === 1, 20_000);
        expect(ran.get(delayed[0])).toBe(1);
      } finally {
        await sys.stop();
      }
    } finally {
      await stopRedis(redis);
    }
  }, 90_000);
});
