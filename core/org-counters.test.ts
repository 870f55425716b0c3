import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Knex } from 'knex';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database.ts';
import { formatNumber, nextNumber } from './org-counters.ts';

let db: TestDatabase;
let knex: Knex;
let orgA: string;
let orgB: string;

async function createOrg(slug: string): Promise<string> {
  const [row] = await knex('orgs').insert({ slug, name: slug }).returning('id');
  return row.id as string;
}

beforeAll(async () => {
  db = await createTestDatabase();
  knex = db.knex;
  orgA = await createOrg('numbering-a');
  orgB = await createOrg('numbering-b');
});

afterAll(async () => {
  await db?.destroy();
});

describe('nextNumber', () => {
  it('gives 20 concurrent callers 20 distinct, sequential numbers', async () => {
    const numbers = await Promise.all(Array.from({ length: 20 }, () => nextNumber(knex, orgA, 'case')));
    const expected = Array.from({ length: 20 }, (_, i) => `C-${String(i + 1).padStart(6, '0')}`);
    expect([...numbers].sort()).toEqual(expected);
  });

  it('counts each org and each kind on its own', async () => {
    expect(await nextNumber(knex, orgB, 'case')).toBe('C-000001');
    expect(await nextNumber(knex, orgB, 'booking')).toBe('B-000001');
    expect(await nextNumber(knex, orgA, 'booking')).toBe('B-000001');
    expect(await nextNumber(knex, orgA, 'case')).toBe('C-000021');
    expect(await nextNumber(knex, orgB, 'booking')).toBe('B-000002');
  });

  it('runs inside a transaction and gives the number back on rollback', async () => {
    await expect(
      knex.transaction(async (trx) => {
        expect(await nextNumber(trx, orgB, 'case')).toBe('C-000002');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await nextNumber(knex, orgB, 'case')).toBe('C-000002');
  });

  it('grows beyond six digits', () => {
    expect(formatNumber('case', 45)).toBe('C-000045');
    expect(formatNumber('booking', 1234567)).toBe('B-1234567');
  });
});
