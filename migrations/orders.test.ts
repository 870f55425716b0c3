import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, migrationSource } from '../core/db/migrate.ts';
import { createDatabaseBefore, type TestDatabase } from '../test/support/test-database.ts';

/**
 * 20261129090000_orders moves `case_orders.order_status` (written before by tests and the volume
 * generator only) to the new `orders` table and drops the column: a status in the closed set
 * becomes the order's (the latest link's, one order per number), a link's text that is not
 * exactly that stays in the link's details, and rolling back puts every value back.
 */
const MIGRATION = '20261129090000_orders.ts';
let db: TestDatabase;
let orgId: string;
const cases: string[] = [];

beforeAll(async () => {
  db = await createDatabaseBefore(MIGRATION);
  [{ id: orgId }] = await db.knex('orgs').insert({ slug: 'orders-move', name: 'Orders move' }).returning('id');
  const [type] = await db
    .knex('case_types')
    .insert({ org_id: orgId, key: 'late', name_th: 'ช้า', name_en: 'Late', category: 'order', default_severity: 'normal', first_response_minutes: 15, resolution_minutes: 60 })
    .returning('id');
  for (const n of [1, 2, 3]) cases.push((await db.knex('cases').insert({ org_id: orgId, number: `C-00000${n}`, case_type_id: type.id, source: 'api', severity: 'normal' }).returning('id'))[0].id);
  const link = (caseIndex: number, order: string, status: string | null, updatedAt: string) =>
    db.knex('case_orders').insert({ org_id: orgId, case_id: cases[caseIndex], order_id: order, currency: 'thb', order_status: status, updated_at: updatedAt });
  // One order named by two cases: the later link's status is the order's.
  await link(0, 'ORD-1', 'Paid', '2026-11-01T00:00:00Z');
  await link(1, 'ORD-1', 'Refunded', '2026-11-02T00:00:00Z');
  await link(0, 'ORD-2', ' canceled ', '2026-11-01T00:00:00Z');
  await link(2, 'ORD-3', 'shipped to the moon', '2026-11-01T00:00:00Z');
  await link(2, 'ORD-4', null, '2026-11-01T00:00:00Z');
  await migrateToLatest(db.knex);
});
afterAll(() => db?.destroy());

describe('moving case_orders.order_status to orders', () => {
  it('makes an order of each known status, keeps any other value on its link, and drops the column', async () => {
    const orders = await db.knex('orders').where({ org_id: orgId }).orderBy('number').select('number', 'status', 'currency', 'amount_minor', 'details');
    expect(orders).toEqual([
      { number: 'ORD-1', status: 'refunded', currency: 'THB', amount_minor: null, details: { movedFrom: 'case_orders.order_status' } },
      { number: 'ORD-2', status: 'cancelled', currency: 'THB', amount_minor: null, details: { movedFrom: 'case_orders.order_status' } },
    ]);
    const links = await db.knex('case_orders').where({ org_id: orgId }).orderBy(['order_id', 'created_at']).select('order_id', 'details');
    // Each link whose text is not its order's status keeps it: the older status, another spelling, an unknown value.
    expect(links.map((l) => [l.order_id, l.details])).toEqual([
      ['ORD-1', { orderStatus: 'Paid' }],
      ['ORD-1', { orderStatus: 'Refunded' }],
      ['ORD-2', { orderStatus: ' canceled ' }],
      ['ORD-3', { orderStatus: 'shipped to the moon' }],
      ['ORD-4', {}],
    ]);
    expect(await db.knex.schema.hasColumn('case_orders', 'order_status')).toBe(false);
  });

  it("rolls back to the column with each link's value", async () => {
    // Down to just before it (the migrations after it, if any, first).
    for (;;) {
      const [, pending] = (await db.knex.migrate.list({ migrationSource })) as [unknown[], string[]];
      if (pending.includes(MIGRATION)) break;
      await db.knex.migrate.down({ migrationSource });
    }
    const links = await db.knex('case_orders').where({ org_id: orgId }).orderBy(['order_id', 'created_at']).select('order_id', 'order_status', 'details');
    // Each link's value as it was before the move.
    expect(links.map((l) => [l.order_id, l.order_status])).toEqual([
      ['ORD-1', 'Paid'],
      ['ORD-1', 'Refunded'],
      ['ORD-2', ' canceled '],
      ['ORD-3', 'shipped to the moon'],
      ['ORD-4', null],
    ]);
    expect(links.every((l) => Object.keys(l.details).length === 0)).toBe(true);
    expect(await db.knex.schema.hasTable('orders')).toBe(false);
  });
});
