import knexFactory from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../core/db/connect.ts';
import { diskFullRefusalProblem, REFUSAL_MEMORY_MS, watchDiskFullRefusals } from '../core/db/disk-full-refusals.ts';
import { PoolBusyError, withDatabaseWait } from '../core/db/request-wait.ts';
import { databaseOutageReason } from '../core/errors/sqlstate.ts';
import { apiClient } from './support/api-client.ts';
import { startTestSystem, TEST_ADMIN_KEY, type TestSystem } from './support/test-system.ts';

/**
 * The database under pressure (docs/reliability.md): a PostgreSQL server whose disk is full is
 * reported by /readyz from the writes it refused (53100), until such a write succeeds again; and a
 * request that finds every pooled connection held by the process's own queries is answered 503
 * after DATABASE_REQUEST_WAIT_MS, not knex's 15 s. A full disk is simulated by the server itself:
 * a trigger that raises SQLSTATE 53100, as PostgreSQL does when it cannot extend a table's file.
 */
let sys: TestSystem;
let api: ReturnType<typeof apiClient>;
const WAIT_MS = 300;

beforeAll(async () => {
  sys = await startTestSystem({ roles: ['api'], env: { DEV_SIMULATOR: 'off', DATABASE_REQUEST_WAIT_MS: String(WAIT_MS) } });
  api = apiClient(sys);
}, 120_000);
afterAll(async () => {
  await sys?.stopAll();
});

const readyz = async () => {
  const res = await fetch(`${sys.url}/readyz`);
  return { status: res.status, json: (await res.json()) as { status: string; checks: Record<string, boolean>; reasons?: Record<string, string> } };
};

describe("the PostgreSQL server's disk full", () => {
  it('makes /readyz 503 with the reason once a write is refused (53100), and 200 again once such a write succeeds', async () => {
    expect((await readyz()).json).toMatchObject({ status: 'ready' });
    await sys.knex.raw(`
      CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'could not extend file "base/1/2": No space left on device' USING ERRCODE = '53100'; END $$;
      CREATE TRIGGER disk_full BEFORE INSERT ON api_keys FOR EACH ROW EXECUTE FUNCTION disk_full();
    `);
    try {
      const refused = await api('POST', '/api/v1/api-keys', { name: 'on a full disk', role: 'support' });
      expect(refused.status).toBe(503);
      expect(refused.json.error.message).toMatch(/disk is full \(53100\)/);

      // `select 1` still answers; readiness knows from the refusal.
      const during = await readyz();
      expect(during.status).toBe(503);
      expect(during.json.checks.database).toBe(false);
      expect(during.json.reasons?.database).toMatch(/^its disk is full \(53100\): "insert into api_keys" was refused \d+ s ago/);
      // Reads and other writes succeeding do not make it ready: they need no new space.
      expect((await api('GET', '/api/v1/api-keys')).status).toBe(200);
      expect((await readyz()).status).toBe(503);
    } finally {
      await sys.knex.raw('DROP TRIGGER disk_full ON api_keys; DROP FUNCTION disk_full()');
    }
    // Space is back, but nothing has tried since: nothing known yet.
    expect((await readyz()).status).toBe(503);
    expect((await api('POST', '/api/v1/api-keys', { name: 'space again', role: 'support' })).status).toBe(201);
    const after = await readyz();
    expect(after.status).toBe(200);
    expect(after.json.reasons).toBeUndefined();
  });

  it(`forgets a refusal not repeated for ${REFUSAL_MEMORY_MS / 1000} s, and counts refusals in transactions and of any table`, async () => {
    const knex = knexFactory({ client: 'pg', connection: sys.db.url, pool: { min: 0, max: 1 } });
    let now = 1_000_000;
    watchDiskFullRefusals(knex, () => now);
    try {
      await knex.raw(`CREATE TEMP TABLE t (x int)`).catch(() => undefined);
      await knex.raw(`
        CREATE OR REPLACE FUNCTION pg_temp.full_disk() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'no space' USING ERRCODE = '53100'; END $$;
        CREATE TRIGGER full_disk BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION pg_temp.full_disk();
      `);
      await expect(knex.transaction((trx) => trx('t').insert({ x: 1 }))).rejects.toMatchObject({ code: '53100' });
      expect(diskFullRefusalProblem(knex)).toMatch(/"insert into t" was refused 0 s ago/);
      // An update of the same table fits where it is: not a sign of space.
      await knex('t').update({ x: 2 });
      expect(diskFullRefusalProblem(knex)).toBeDefined();
      now += REFUSAL_MEMORY_MS - 1;
      expect(diskFullRefusalProblem(knex)).toMatch(/refused 60 s ago/);
      now += 2;
      expect(diskFullRefusalProblem(knex)).toBeUndefined();
    } finally {
      await knex.destroy();
    }
  });
});

describe('a pool held by our own queries', () => {
  it('answers a request 503 with Retry-After after DATABASE_REQUEST_WAIT_MS, and serves it again once a connection is free', async () => {
    const client = sys.knex.client as { pool: { numPendingAcquires(): number; max: number }; acquireConnection(): Promise<unknown>; releaseConnection(c: unknown): Promise<void> };
    // Every connection of the system's pool taken, as long transactions of our own would hold them.
    const held = await Promise.all(Array.from({ length: client.pool.max }, () => client.acquireConnection()));
    try {
      const busy = await fetch(`${sys.url}/api/v1/me`, { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } });
      expect(busy.status).toBe(503);
      expect(busy.headers.get('retry-after')).toBe('5');
      const body = (await busy.json()) as { error: { code: string; message: string } };
      expect(body.error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/no pooled connection free within 300 ms/) });
      const ready = await readyz();
      expect(ready.status).toBe(503);
      expect(ready.json.reasons?.database).toMatch(/no pooled connection free within 300 ms/);
      // The refused requests left no acquire behind to run later.
      expect(client.pool.numPendingAcquires()).toBe(0);
    } finally {
      await Promise.all(held.map((c) => client.releaseConnection(c)));
    }
    expect((await api('GET', '/api/v1/me')).status).toBe(200);
  });

  it('cuts only the waits inside withDatabaseWait: elsewhere (workers, webhooks) knex waits as before', async () => {
    const knex = connectDatabase({ url: sys.db.url, poolMax: 1 });
    const client = knex.client as { acquireConnection(): Promise<unknown>; releaseConnection(c: unknown): Promise<void> };
    const held = await client.acquireConnection();
    let released = false;
    const release = async () => {
      if (!released) await client.releaseConnection(held);
      released = true;
    };
    try {
      // The query runs (is awaited) inside the scope, as a request's handler runs inside it.
      const refused = await withDatabaseWait(100, async () => await knex.raw('select 1')).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(PoolBusyError);
      expect(databaseOutageReason(refused)).toMatch(/no pooled connection free within 100 ms/);
      // Outside a request, the same query waits for the connection.
      let answered = false;
      const waiting = knex.raw('select 1').then(() => (answered = true));
      await new Promise((r) => setTimeout(r, 500));
      expect(answered).toBe(false);
      await release();
      await waiting;
      expect(answered).toBe(true);
    } finally {
      await release();
      await knex.destroy();
    }
  });
});
