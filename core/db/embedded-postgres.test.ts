import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.ts';

/**
 * Many clients on the embedded database at once, as knex, BullMQ and the webhooks use it. Each
 * parameterised query is several protocol messages; they must not interleave between clients.
 */
let embedded: EmbeddedPostgres;
let pool: pg.Pool;

beforeAll(async () => {
  embedded = await startEmbeddedPostgres();
  pool = new pg.Pool({ connectionString: embedded.url, max: 12 });
  await pool.query('CREATE TABLE tally (id serial primary key, who text not null, n int not null)');
});
afterAll(async () => {
  await pool?.end();
  await embedded?.stop();
});

describe('embedded PostgreSQL under concurrency', () => {
  it('keeps parameterised queries of different clients apart', async () => {
    const work = Array.from({ length: 400 }, (_, i) =>
      i % 2
        ? pool.query('SELECT $1::int + $2::int AS v', [i, 1]).then((r) => expect(r.rows[0].v).toBe(i + 1))
        : pool
            .query('SELECT $1::text || $2::text || $3::text || $4::text AS v', [`a${i}`, 'b', 'c', 'd'])
            .then((r) => expect(r.rows[0].v).toBe(`a${i}bcd`)),
    );
    await Promise.all(work);
  });

  it('runs transactions beside single queries without losing or mixing writes', async () => {
    const txn = async (who: string, n: number) => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query('INSERT INTO tally (who, n) VALUES ($1, $2)', [who, n]);
        await c.query('INSERT INTO tally (who, n) VALUES ($1, $2)', [who, n + 1]);
        await c.query('COMMIT');
      } finally {
        c.release();
      }
    };
    await Promise.all([
      ...Array.from({ length: 50 }, (_, i) => txn('txn', i * 10)),
      ...Array.from({ length: 100 }, (_, i) => pool.query('INSERT INTO tally (who, n) VALUES ($1, $2)', ['single', i])),
    ]);
    const { rows } = await pool.query('SELECT who, count(*)::int AS c, sum(n)::int AS s FROM tally GROUP BY who ORDER BY who');
    expect(rows).toEqual([
      { who: 'single', c: 100, s: (99 * 100) / 2 },
      { who: 'txn', c: 100, s: Array.from({ length: 50 }, (_, i) => 2 * i * 10 + 1).reduce((a, b) => a + b, 0) },
    ]);
  });
});

describe('a database started from another one\'s snapshot', () => {
  it('holds what the other held when it was taken, and the two go their own ways after', async () => {
    const source = await startEmbeddedPostgres();
    const copyOf = async (e: EmbeddedPostgres) => startEmbeddedPostgres({ from: await e.snapshot() });
    const a = new pg.Client({ connectionString: source.url });
    await a.connect();
    await a.query("CREATE TABLE note (body text); INSERT INTO note VALUES ('before')");
    const copy = await copyOf(source);
    const b = new pg.Client({ connectionString: copy.url });
    await b.connect();
    try {
      await a.query("INSERT INTO note VALUES ('only in the source')");
      await b.query("INSERT INTO note VALUES ('only in the copy')");
      expect((await a.query('SELECT body FROM note ORDER BY body')).rows.map((r) => r.body)).toEqual(['before', 'only in the source']);
      expect((await b.query('SELECT body FROM note ORDER BY body')).rows.map((r) => r.body)).toEqual(['before', 'only in the copy']);
      // Set up as any embedded database: BullMQ's functions are found unqualified.
      expect((await b.query('SHOW search_path')).rows[0].search_path).toContain('bullmq');
    } finally {
      await a.end();
      await b.end();
      await copy.stop();
      await source.stop();
    }
  });
});
