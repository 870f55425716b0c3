import type { Knex } from 'knex';
import type { OrderView } from '../contracts/orders.ts';
import { notFound } from '../errors/index.ts';

/** An order as the API shows it: the main system's facts, its provider's key and the cases naming it. */
type Db = Knex | Knex.Transaction;

export async function orderByNumber(db: Db, orgId: string, number: string): Promise<OrderView> {
  const row = await db('orders as o')
    .leftJoin('providers as p', 'p.id', 'o.provider_id')
    .select('o.*', 'p.key as provider_key')
    .where({ 'o.org_id': orgId, 'o.number': number })
    .first();
  if (!row) throw notFound('Order', { number });
  const cases: string[] = await db('case_orders as co')
    .join('cases as c', 'c.id', 'co.case_id')
    .where({ 'co.org_id': orgId, 'co.order_id': number })
    .orderBy('co.created_at')
    .pluck('c.number');
  const n = (v: string | null) => (v === null ? null : Number(v));
  return {
    number: row.number,
    amountMinor: n(row.amount_minor),
    currency: row.currency,
    status: row.status,
    provider: row.provider_key ?? null,
    refundStatus: row.refund_status,
    refundAmountMinor: n(row.refund_amount_minor),
    version: n(row.source_version),
    updatedAt: new Date(row.source_updated_at).toISOString(),
    statusChangedAt: new Date(row.status_changed_at).toISOString(),
    syncedAt: new Date(row.updated_at).toISOString(),
    cases,
    details: row.details ?? {},
  };
}
