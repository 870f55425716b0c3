import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToOutbox } from '../../core/outbox/outbox.ts';
import type { ProcessorTable } from '../../workers/job-runner.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestSystem, until } from '../support/test-system.ts';
import { freePort } from '../support/free-port.ts';
import { hasRedisServer, startRedis, stopRedis } from '../support/private-redis.ts';

/**
 * Redis goes away and comes back empty (it keeps nothing on disk here): rows committed during
 * the outage, and rows whose jobs Redis forgot, still run. Uses a private redis-server on its own
 * port so that other tests are not disturbed.
 */
// The test needs a redis-server binary of its own to stop and start; machines without one skip it.
describe.runIf(hasRedisServer)('a Redis outage', () => {
  let db: TestDatabase;
  let orgId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    [{ id: orgId }] = await db.knex('orgs').insert({ slug: 'outage', name: 'Outage' }).returning('id');
  });
  afterAll(() => db?.destroy());

  it('loses nothing: rows committed while Redis is down run once it is back', async () => {
    const port = await freePort();
    let redis = await startRedis(port);
    const ran: string[] = [];
    const processors: ProcessorTable = { probe: { async record(_p, job) { ran.push(job.outboxId); } } };
    const sys = await startTestSystem({
      db,
      processors,
      env: { REDIS_URL: `redis://127.0.0.1:${port}` },
      relay: { sweepAfterMs: 300, sweepIntervalMs: 200 },
    });
    try {
      const before = await addToOutbox(db.knex, { orgId, queue: 'probe', jobName: 'record', payload: {} });
      await until(async () => ran.includes(before[0]));

      await stopRedis(redis);
      const during = await addToOutbox(
        db.knex,
        Array.from({ length: 10 }, (_, i) => ({ orgId, queue: 'probe', jobName: 'record', payload: { i } })),
      );
      await new Promise((r) => setTimeout(r, 1000));
      const stuck = await db.knex('outbox').whereIn('id', during).whereNot('status', 'done').count({ n: '*' });
      expect(Number(stuck[0].n)).toBe(10);

      redis = await startRedis(port);
      await until(
        async () => (await db.knex('outbox').whereIn('id', during).where('status', 'done').count({ n: '*' }))[0].n == 10,
        30_000,
      );
      expect(during.every((id) => ran.filter((r) => r === id).length === 1)).toBe(true);
    } finally {
      await sys.stopAll().catch(() => {});
      await stopRedis(redis);
    }
  }, 60_000);
});
