import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { balance, post, rebuildBalances, trialBalance } from './ledger.ts';

/** The ledger's rules hold in the database itself: raw SQL cannot break them either. */
let db: TestDatabase;
let knex: Knex;
let orgId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  knex = db.knex;
  orgId = (await knex('orgs').insert({ slug: 'ledger-test', name: 'Ledger test' }).returning('id'))[0].id;
}, 60_000);
afterAll(() => db?.destroy());

const payment = (amountMinor: number, sourceId?: string) => ({
  orgId,
  currency: 'THB',
  kind: 'payment',
  sourceId,
  lines: [
    { account: 'stripe_clearing' as const, amountMinor },
    { account: 'deposits_held' as const, amountMinor: -amountMinor },
  ],
});

describe('the ledger', () => {
  it('posts from many transactions at once, every posting balanced and the balances the sum of their entries', async () => {
    const before = await balance(knex, orgId, 'stripe_clearing', 'THB');
    const amounts = Array.from({ length: 40 }, (_, i) => 100 + i);
    await Promise.all(amounts.map((a) => knex.transaction((trx) => post(trx, payment(a)))));
    const expected = amounts.reduce((s, a) => s + a, 0);
    expect((await balance(knex, orgId, 'stripe_clearing', 'THB')) - before).toBe(expected);
    expect((await balance(knex, orgId, 'deposits_held', 'THB'))).toBe(before + expected);
    const unbalanced = await knex.raw(`SELECT posting_id FROM ledger_entries GROUP BY posting_id, currency HAVING sum(amount_minor) <> 0`);
    expect(unbalanced.rows).toEqual([]);
    expect((await trialBalance(knex, orgId)).balanced).toBe(true);
    // The kept balances are what the entries say: a rebuild changes none.
    expect(await rebuildBalances(knex)).toBe(0);
  });

  it('posts the same source once', async () => {
    const first = await knex.transaction((trx) => post(trx, payment(500, 'pay-once')));
    const again = await knex.transaction((trx) => post(trx, payment(500, 'pay-once')));
    expect(first).not.toBeNull();
    expect(again).toBeNull();
    expect(Number((await knex('ledger_postings').where({ source_id: 'pay-once' }).count({ n: '*' }))[0].n)).toBe(1);
  });

  it('refuses an unbalanced posting written in raw SQL, at commit, and keeps nothing of it', async () => {
    const accounts = await knex('ledger_accounts').where({ org_id: orgId, currency: 'THB' }).whereIn('kind', ['stripe_clearing', 'deposits_held']).orderBy('kind');
    const postings = Number((await knex('ledger_postings').count({ n: '*' }))[0].n);
    const attempt = knex.transaction(async (trx) => {
      const { rows } = await trx.raw(`INSERT INTO ledger_postings (org_id, kind) VALUES (?, 'payment') RETURNING id`, [orgId]);
      await trx.raw(`INSERT INTO ledger_entries (posting_id, account_id, currency, amount_minor) VALUES (?, ?, 'THB', 700), (?, ?, 'THB', -600)`, [
        rows[0].id, accounts[0].id, rows[0].id, accounts[1].id,
      ]);
    });
    await expect(attempt).rejects.toMatchObject({ code: '23514', message: expect.stringMatching(/does not balance in THB/) });
    expect(Number((await knex('ledger_postings').count({ n: '*' }))[0].n)).toBe(postings);
    const single = knex.transaction(async (trx) => {
      const { rows } = await trx.raw(`INSERT INTO ledger_postings (org_id, kind) VALUES (?, 'payment') RETURNING id`, [orgId]);
      await trx.raw(`INSERT INTO ledger_entries (posting_id, account_id, currency, amount_minor) VALUES (?, ?, 'THB', 700)`, [rows[0].id, accounts[0].id]);
    });
    await expect(single).rejects.toMatchObject({ code: '23514', message: expect.stringMatching(/at least two accounts/) });
    const empty = knex.raw(`INSERT INTO ledger_postings (org_id, kind) VALUES (?, 'payment')`, [orgId]);
    await expect(empty).rejects.toMatchObject({ code: '23514' });
  });

  it('refuses an entry added later to a posting already written', async () => {
    const postingId = await knex.transaction((trx) => post(trx, payment(300)));
    const { id: accountId } = await knex('ledger_accounts').where({ org_id: orgId, kind: 'stripe_clearing' }).first();
    const sneak = knex.raw(`INSERT INTO ledger_entries (posting_id, account_id, currency, amount_minor) VALUES (?, ?, 'THB', 5)`, [postingId, accountId]);
    await expect(sneak).rejects.toMatchObject({ code: '23514', message: expect.stringMatching(/closed/) });
  });

  it('refuses changing or removing entries and postings, and setting a balance by hand', async () => {
    await expect(knex.raw('UPDATE ledger_entries SET amount_minor = amount_minor * 2')).rejects.toThrow(/append-only/);
    await expect(knex.raw('DELETE FROM ledger_entries')).rejects.toThrow(/append-only/);
    await expect(knex.raw('DELETE FROM ledger_postings')).rejects.toThrow(/append-only/);
    await expect(knex.raw('TRUNCATE ledger_entries CASCADE')).rejects.toThrow(/append-only/);
    await expect(knex.raw('UPDATE ledger_accounts SET balance_minor = 0')).rejects.toThrow(/sum of its entries/);
  });

  it('refuses taking money held in Stripe below zero, from however many transactions at once', async () => {
    const held = await balance(knex, orgId, 'stripe_clearing', 'THB');
    const refund = (amountMinor: number) =>
      knex.transaction((trx) => post(trx, { orgId, currency: 'THB', kind: 'refund', lines: [{ account: 'refunds', amountMinor }, { account: 'stripe_clearing', amountMinor: -amountMinor }] }));
    // Three refunds of 40 % each: at most two fit.
    const part = Math.floor(held * 0.4);
    const outcomes = await Promise.allSettled([refund(part), refund(part), refund(part)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: '23514', constraint: 'ledger_accounts_not_negative' });
    expect(await balance(knex, orgId, 'stripe_clearing', 'THB')).toBe(held - 2 * part);
    expect((await trialBalance(knex, orgId)).balanced).toBe(true);
  });
});
