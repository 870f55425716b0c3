import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from './connect.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';

/**
 * Statements prepared once per connection (prepared-statements.ts), on the database this run tests
 * against: named on a PostgreSQL server, never on the embedded one (CI runs the suite on both).
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await db.knex.raw('CREATE TABLE prepared_probe (id int PRIMARY KEY, label text)');
  await db.knex('prepared_probe').insert([
    { id: 1, label: 'one' },
    { id: 2, label: 'two' },
  ]);
});
afterAll(() => db?.destroy());

/** What the one connection a transaction holds has prepared, and how often each ran. */
const preparedOn = (trx: typeof db.knex) =>
  trx.raw<{ rows: { statement: string; runs: number }[] }>(`SELECT statement, generic_plans + custom_plans AS runs FROM pg_prepared_statements WHERE statement LIKE '%prepared_probe%' AND statement NOT LIKE '%pg_prepared_statements%'`).then((r) => r.rows);

describe('statements prepared once per connection', () => {
  it('runs a data statement by name on a server, and answers the same every time', async () => {
    await db.knex.transaction(async (trx) => {
      const labels: string[] = [];
      for (const id of [1, 2, 1, 2, 1, 2, 1]) labels.push((await trx('prepared_probe').where({ id }).first('label')).label);
      expect(labels).toEqual(['one', 'two', 'one', 'two', 'one', 'two', 'one']);
      const prepared = await preparedOn(trx);
      if (db.embedded) {
        // PGlite's one session is shared by every client of its socket server: nothing is named there.
        expect(prepared).toEqual([]);
      } else {
        // Named from its second run on: a text run only once takes no room among the pool's names.
        expect(prepared).toContainEqual({ statement: 'select "label" from "prepared_probe" where "id" = $1 limit $2', runs: 6 });
      }
    });
  });

  it('leaves scripts of several statements and changes of schema unnamed', async () => {
    await db.knex.transaction(async (trx) => {
      await trx.raw(`SELECT 1 FROM prepared_probe WHERE id = 1; SELECT 2 FROM prepared_probe WHERE id = 2`);
      await trx.raw(`CREATE INDEX prepared_probe_label ON prepared_probe (label)`);
      const prepared = (await preparedOn(trx)).map((p) => p.statement);
      expect(prepared.filter((p) => /SELECT [12] FROM|CREATE INDEX/.test(p))).toEqual([]);
      await trx.raw('DROP INDEX prepared_probe_label');
    });
  });

  it('refuses a prepared select * once when its table gained a column, then answers it unnamed', async () => {
    const conn = await db.knex.client.acquireConnection();
    const once = (sql: string) => db.knex.raw(sql).connection(conn);
    try {
      const read = () => db.knex('prepared_probe').select('*').where({ id: 1 }).connection(conn);
      expect(await read()).toEqual([{ id: 1, label: 'one' }]);
      expect(await read()).toEqual([{ id: 1, label: 'one' }]);
      await once('ALTER TABLE prepared_probe ADD COLUMN note text');
      if (db.embedded) {
        expect(await read()).toEqual([{ id: 1, label: 'one', note: null }]);
      } else {
        // PostgreSQL's own refusal, with its code, rather than rows of the wrong shape.
        await expect(read()).rejects.toMatchObject({ code: '0A000', message: expect.stringContaining('cached plan must not change result type') });
        expect(await read()).toEqual([{ id: 1, label: 'one', note: null }]);
      }
      // Nothing was lost or changed by the refusal.
      expect(await db.knex('prepared_probe').orderBy('id').select('id', 'label')).toEqual([
        { id: 1, label: 'one' },
        { id: 2, label: 'two' },
      ]);
    } finally {
      await once('ALTER TABLE prepared_probe DROP COLUMN IF EXISTS note').catch(() => {});
      await db.knex.client.releaseConnection(conn);
    }
  });

  it('sends every statement unnamed when switched off (DATABASE_PREPARED_STATEMENTS=off)', async () => {
    const plain = connectDatabase({ url: db.url, poolMax: 1, prepareStatements: false });
    try {
      await plain.transaction(async (trx) => {
        for (let i = 0; i < 3; i++) expect((await trx('prepared_probe').where({ id: 2 }).first('label')).label).toBe('two');
        expect(await preparedOn(trx)).toEqual([]);
      });
    } finally {
      await plain.destroy();
    }
  });

  it('answers many clients at once on the same statement, each on its own connection', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => db.knex('prepared_probe').where({ id: (i % 2) + 1 }).first('label')));
    expect(answers.map((a) => a.label)).toEqual(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 'one' : 'two')));
  });
});
