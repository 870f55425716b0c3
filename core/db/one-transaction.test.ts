import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { inOneTransaction, NestedTransactionFailed } from './one-transaction.ts';

let db: TestDatabase;
let knex: Knex;
beforeAll(async () => {
  db = await createTestDatabase();
  knex = db.knex;
});
afterAll(() => db?.destroy());

const orgsNamed = (name: string) => knex('orgs').where({ name }).count({ n: '*' }).first();

/** Code written to open its own transaction, as the router's modules are. */
const addOrg = (k: Knex, name: string, thenFail = false) =>
  k.transaction(async (trx) => {
    await trx('orgs').insert({ slug: name, name });
    if (thenFail) throw new Error('the slot is taken');
  });

describe('inOneTransaction', () => {
  it('runs the transactions opened inside in the one transaction, with no savepoint, and commits them with it', async () => {
    const sent: string[] = [];
    const on = (q: { sql: string }) => sent.push(q.sql);
    knex.on('query', on);
    try {
      await knex.transaction((trx) => inOneTransaction(trx, (one) => addOrg(one, 'one-a').then(() => addOrg(one, 'one-b'))));
    } finally {
      knex.removeListener('query', on);
    }
    expect(sent.filter((s) => /savepoint/i.test(s))).toEqual([]);
    expect(sent.filter((s) => /^BEGIN|^COMMIT/i.test(s.trim()))).toHaveLength(2);
    expect(await orgsNamed('one-a')).toEqual({ n: 1 });
    expect(await orgsNamed('one-b')).toEqual({ n: 1 });
  });

  it('fails when a transaction inside failed, even one whose caller caught it and went on: nothing of it is committed', async () => {
    const work = knex.transaction((trx) =>
      inOneTransaction(trx, async (one) => {
        await addOrg(one, 'one-c');
        // What a caller that expects a rollback does: tells the customer and goes on.
        await addOrg(one, 'one-d', true).catch(() => undefined);
        return 'told';
      }),
    );
    await expect(work).rejects.toBeInstanceOf(NestedTransactionFailed);
    await expect(work).rejects.toThrow('the slot is taken');
    // With no savepoint, one-d's row would have been committed with the rest.
    expect(await orgsNamed('one-c')).toEqual({ n: 0 });
    expect(await orgsNamed('one-d')).toEqual({ n: 0 });
  });
});
