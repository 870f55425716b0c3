import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
import { addToOutbox, doneInProcess } from '../core/outbox/outbox.ts';
import type { ProcessorTable } from '../workers/job-runner.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';
import { startTestSystem, TEST_ADMIN_KEY, until, type TestSystem } from './support/test-system.ts';

/**
 * The outbox end to end: rows committed with a change become BullMQ jobs (job id = row id), run
 * once, and their outcome is written back; failures retry with backoff and end visible.
 */
let db: TestDatabase;
let orgId: string;
const seen: { id: string; payload: Record<string, unknown>; attempt: number; at: number }[] = [];
const attemptsOf = new Map<string, number>();

const processors: ProcessorTable = {
  probe: {
    async record(payload, job) {
      seen.push({ id: job.outboxId, payload, attempt: job.attempt, at: Date.now() });
    },
    async held(payload, job) {
      seen.push({ id: job.outboxId, payload, attempt: job.attempt, at: Date.now() });
    },
    async slow(payload, job) {
      await new Promise((r) => setTimeout(r, Number(payload.ms ?? 300)));
      seen.push({ id: job.outboxId, payload, attempt: job.attempt, at: Date.now() });
    },
    async flaky(payload, job) {
      attemptsOf.set(job.outboxId, job.attempt);
      if (job.attempt < Number(payload.succeedOn ?? Infinity)) throw new Error(`flaky attempt ${job.attempt}`);
      seen.push({ id: job.outboxId, payload, attempt: job.attempt, at: Date.now() });
    },
    // The database out of connections for the first `outageCalls` calls (its 53300, as pg raises it).
    async databaseOutage(payload, job) {
      const calls = (outageCalls.get(job.outboxId) ?? 0) + 1;
      outageCalls.set(job.outboxId, calls);
      if (calls <= Number(payload.outageCalls)) throw Object.assign(new Error('sorry, too many clients already'), { code: '53300', severity: 'FATAL' });
      seen.push({ id: job.outboxId, payload, attempt: job.attempt, at: Date.now() });
    },
  },
};
const outageCalls = new Map<string, number>();
const policies = { probe: { attempts: 3, backoffMs: 50 } };

beforeAll(async () => {
  db = await createTestDatabase();
  const [org] = await db.knex('orgs').insert({ slug: 'relay', name: 'Relay test', is_default: false }).returning('id');
  orgId = org.id;
});
afterAll(() => db?.destroy());

async function statusOf(ids: string[]) {
  const rows = await db.knex('outbox').select('id', 'status', 'attempts', 'last_error').whereIn('id', ids);
  return new Map(rows.map((r) => [r.id, r]));
}

describe('outbox relay', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem({ db, processors, relay: { policies, sweepAfterMs: 200, sweepIntervalMs: 100, holdUntilDue: ['held'] } });
  });
  afterAll(() => sys?.stop());

  it('runs each committed row once, with the row id as job id, and marks it done', async () => {
    const ids = await db.knex.transaction((trx) =>
      addToOutbox(
        trx,
        Array.from({ length: 30 }, (_, i) => ({ orgId, queue: 'probe', jobName: 'record', payload: { n: i } })),
      ),
    );
    await until(async () => [...(await statusOf(ids)).values()].every((r) => r.status === 'done'));
    const mine = seen.filter((s) => ids.includes(s.id));
    expect(mine).toHaveLength(30);
    expect(new Set(mine.map((s) => s.payload.n)).size).toBe(30);
    const job = await sys.queues.queue('probe').getJob(ids[0]);
    expect(job?.id).toBe(ids[0]);
  });

  it('does not run a row whose transaction rolled back', async () => {
    let rolledBackId = '';
    await expect(
      db.knex.transaction(async (trx) => {
        [rolledBackId] = await addToOutbox(trx, { orgId, queue: 'probe', jobName: 'record', payload: { ghost: true } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const [marker] = await addToOutbox(db.knex, { orgId, queue: 'probe', jobName: 'record', payload: { after: true } });
    await until(async () => (await statusOf([marker])).get(marker)?.status === 'done');
    expect(seen.some((s) => s.id === rolledBackId || s.payload.ghost)).toBe(false);
    expect(await db.knex('outbox').where({ id: rolledBackId }).first()).toBeUndefined();
  });

  it('retries a failing job with backoff and records the success', async () => {
    const [id] = await addToOutbox(db.knex, { orgId, queue: 'probe', jobName: 'flaky', payload: { succeedOn: 3 } });
    await until(async () => (await statusOf([id])).get(id)?.status === 'done');
    expect(attemptsOf.get(id)).toBe(3);
    expect((await statusOf([id])).get(id)).toMatchObject({ status: 'done', attempts: 3, last_error: null });
  });

  it('ends a job that keeps failing in a visible failed state', async () => {
    const [id] = await addToOutbox(db.knex, { orgId, queue: 'probe', jobName: 'flaky', payload: {} });
    await until(async () => (await statusOf([id])).get(id)?.status === 'failed');
    const row = (await statusOf([id])).get(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 3, last_error: 'flaky attempt 3' });
    const job = await sys.queues.queue('probe').getJob(id);
    expect(await job?.getState()).toBe('failed');

    // The org's admin sees it through the API.
    const [key] = await db.knex('api_keys').select('org_id').where({ name: 'bootstrap admin (ADMIN_API_KEY)' });
    await db.knex('outbox').where({ id }).update({ org_id: key.org_id });
    const res = await fetch(`${sys.url}/api/v1/outbox?status=failed`, { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } });
    const body = await res.json();
    expect(body).toEqual([expect.objectContaining({ id, status: 'failed', attempts: 3, lastError: 'flaky attempt 3' })]);
  });

  it('lets a job wait out a database with no connection free, without spending its attempts', async () => {
    // Five refusals against three attempts: before, the job ended failed on the third.
    const [id] = await addToOutbox(db.knex, { orgId, queue: 'probe', jobName: 'databaseOutage', payload: { outageCalls: 5 } });
    await until(async () => (await statusOf([id])).get(id)?.status === 'done', 20_000);
    expect(outageCalls.get(id)).toBe(6);
    expect(seen.find((s) => s.id === id)?.attempt).toBe(1);
  });

  it('fails a job with no handler at once instead of retrying it', async () => {
    const [id] = await addToOutbox(db.knex, { orgId, queue: 'probe', jobName: 'no-such-job', payload: {} });
    await until(async () => (await statusOf([id])).get(id)?.status === 'failed');
    expect((await statusOf([id])).get(id)).toMatchObject({ attempts: 1, last_error: expect.stringContaining('No handler') });
  });

  it('holds a delayed row until its time', async () => {
    const at = new Date(Date.now() + 1500);
    const [id] = await addToOutbox(db.knex, { orgId, queue: 'probe', jobName: 'record', payload: { delayed: true }, availableAt: at });
    await until(async () => (await statusOf([id])).get(id)?.status === 'done');
    // Run at its time, not before (BullMQ's delay on Redis; held in the outbox on the embedded database).
    const ran = seen.find((s) => s.id === id)!;
    expect(ran.at).toBeGreaterThanOrEqual(at.getTime() - 50);
  });

  it('keeps a fallback row in the outbox until its time; one done in process meanwhile never runs', async () => {
    const at = new Date(Date.now() + 1500);
    const [doneMeanwhile, fallback] = await addToOutbox(db.knex, [
      { orgId, queue: 'probe', jobName: 'held', payload: { n: 1 }, availableAt: at },
      { orgId, queue: 'probe', jobName: 'held', payload: { n: 2 }, availableAt: at },
    ]);
    await sleep(500);
    // Not handed to the queue store while it is not due, on either backend.
    const rows = await db.knex('outbox').whereIn('id', [doneMeanwhile, fallback]).select('status', 'enqueue_count');
    expect(rows).toEqual([
      { status: 'pending', enqueue_count: 0 },
      { status: 'pending', enqueue_count: 0 },
    ]);
    expect(await doneInProcess(db.knex, doneMeanwhile)).toBe(true);
    await until(async () => (await statusOf([fallback])).get(fallback)?.status === 'done');
    expect(seen.find((s) => s.id === fallback)!.at).toBeGreaterThanOrEqual(at.getTime() - 50);
    await sleep(300);
    expect(seen.some((s) => s.id === doneMeanwhile)).toBe(false);
    expect(await db.knex('outbox').where({ id: doneMeanwhile }).first('status', 'enqueue_count')).toEqual({ status: 'done', enqueue_count: 0 });
    // Too late to mark one the relay has handed on: its job runs (and finds nothing to do).
    expect(await doneInProcess(db.knex, fallback)).toBe(false);
  });

  it('re-enqueues rows whose jobs the queue store lost', async () => {
    // Stop consuming, enqueue, then wipe the queue store as a Redis restart without persistence would.
    await sys.stop();
    const ids = await addToOutbox(
      db.knex,
      Array.from({ length: 5 }, (_, i) => ({ orgId, queue: 'probe', jobName: 'record', payload: { lost: i } })),
    );
    const relayOnly = await startTestSystem({ db, roles: ['workers'], processors: {}, relay: { policies, sweepAfterMs: 100_000 } });
    await until(async () => [...(await statusOf(ids)).values()].every((r) => r.status === 'enqueued'));
    await relayOnly.queues.queue('probe').obliterate({ force: true });
    await relayOnly.stop();

    sys = await startTestSystem({ db, processors, relay: { policies, sweepAfterMs: 200, sweepIntervalMs: 100 } });
    await until(async () => [...(await statusOf(ids)).values()].every((r) => r.status === 'done'));
    expect(seen.filter((s) => ids.includes(s.id))).toHaveLength(5);
  });

  it('keeps sweeping when the wall clock steps back a minute', async () => {
    // A relay that has been sweeping, then NTP steps the clock back 60 s. Before, `Date.now() -
    // lastSweep` stayed negative for that minute: no sweep and no check of the queue store, so rows
    // whose jobs were lost meanwhile waited a minute more.
    await sleep(500);
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    try {
      vi.setSystemTime(Date.now() - 60_000);
      // A queue no worker here consumes, so the job stays until the store loses it.
      const [id] = await addToOutbox(db.knex, { orgId, queue: 'probe-idle', jobName: 'record', payload: {} });
      await until(async () => (await statusOf([id])).get(id)?.status === 'enqueued');
      await sys.queues.queue('probe-idle').obliterate({ force: true });
      // The sweep finds it gone and hands it to the queue store again.
      await until(async () => (await db.knex('outbox').where({ id }).first('enqueue_count'))?.enqueue_count >= 2, 10_000);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('shutdown and restart', () => {
  it('drains jobs in flight on stop, and runs what was committed meanwhile after a restart', async () => {
    let sys = await startTestSystem({ db, processors, relay: { policies } });
    const inFlight = await addToOutbox(
      db.knex,
      Array.from({ length: 4 }, (_, i) => ({ orgId, queue: 'probe', jobName: 'slow', payload: { ms: 400, i } })),
    );
    await until(async () => {
      const states = await Promise.all(inFlight.map(async (id) => (await sys.queues.queue('probe').getJob(id))?.getState()));
      return states.every((s) => s === 'active');
    });
    await sys.stop();
    // stop() returned only after the active jobs finished and their outcome was written.
    expect([...(await statusOf(inFlight)).values()].every((r) => r.status === 'done')).toBe(true);

    const whileDown = await addToOutbox(
      db.knex,
      Array.from({ length: 3 }, (_, i) => ({ orgId, queue: 'probe', jobName: 'record', payload: { down: i } })),
    );
    sys = await startTestSystem({ db, processors, relay: { policies } });
    await until(async () => [...(await statusOf(whileDown)).values()].every((r) => r.status === 'done'));
    await sys.stop();
    expect(seen.filter((s) => whileDown.includes(s.id))).toHaveLength(3);
  });
});

describe('several workers on one database', () => {
  it('runs each row once when two worker processes relay and consume side by side', async () => {
    const counts = new Map<string, number>();
    const counting: ProcessorTable = {
      probe: {
        async count(_payload, job) {
          counts.set(job.outboxId, (counts.get(job.outboxId) ?? 0) + 1);
        },
      },
    };
    const queuePrefix = `shared${Date.now()}`;
    const a = await startTestSystem({ db, roles: ['workers'], processors: counting, queuePrefix });
    const b = await startTestSystem({ db, roles: ['workers'], processors: counting, queuePrefix });
    try {
      const ids = await addToOutbox(
        db.knex,
        Array.from({ length: 200 }, (_, i) => ({ orgId, queue: 'probe', jobName: 'count', payload: { i } })),
      );
      await until(async () => [...(await statusOf(ids)).values()].every((r) => r.status === 'done'), 30_000);
      expect(counts.size).toBe(200);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});
