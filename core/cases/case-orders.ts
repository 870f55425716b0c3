import type { Knex } from 'knex';
import { recordCaseEvent, type CaseActorType } from './case-timeline.ts';

/**
 * Orders on cases: which cases name an order, linking one more (the orders API's `caseNumber`),
 * and what the business's main system changed on an order, on the timeline of every case naming
 * it (core/orders/order-sync.ts decides what changed; this module writes `case_orders` and the
 * case timeline, which are the cases' own).
 */
type Db = Knex | Knex.Transaction;

export interface NamingCase {
  id: string;
  number: string;
}

/** The cases naming each of these order numbers, oldest link first. */
export async function casesNamingOrders(db: Db, orgId: string, numbers: string[]): Promise<Map<string, NamingCase[]>> {
  const out = new Map<string, NamingCase[]>();
  if (numbers.length === 0) return out;
  const rows: { order_id: string; id: string; number: string }[] = await db('case_orders as co')
    .join('cases as c', 'c.id', 'co.case_id')
    .select('co.order_id', 'c.id', 'c.number')
    .where('co.org_id', orgId)
    .whereRaw('co.order_id = ANY(?::text[])', [numbers])
    .orderBy('co.created_at');
  for (const r of rows) (out.get(r.order_id) ?? out.set(r.order_id, []).get(r.order_id)!).push({ id: r.id, number: r.number });
  return out;
}

/** The ids of these case numbers of the org; a number of no case (or of another org's) is absent. */
export async function caseIdsOfNumbers(db: Db, orgId: string, numbers: string[]): Promise<Map<string, string>> {
  if (numbers.length === 0) return new Map();
  const rows: { id: string; number: string }[] = await db('cases').select('id', 'number').where({ org_id: orgId }).whereIn('number', numbers);
  return new Map(rows.map((r) => [r.number, r.id]));
}

export interface OrderOnCaseActor {
  type: CaseActorType;
  id: string | null;
}

/**
 * Links an order to a case, with `order_linked` on its timeline carrying the order as it is now;
 * false (and nothing recorded) when the case names it already.
 */
export async function linkOrderToCase(
  trx: Knex.Transaction,
  l: { orgId: string; caseId: string; number: string; currency: string; actor: OrderOnCaseActor; order: Record<string, unknown> },
): Promise<boolean> {
  const inserted = await trx('case_orders')
    .insert({ org_id: l.orgId, case_id: l.caseId, order_id: l.number, currency: l.currency })
    .onConflict(['case_id', 'order_id'])
    .ignore()
    .returning('id');
  if (inserted.length === 0) return false;
  await recordCaseEvent(trx, { orgId: l.orgId, caseId: l.caseId, type: 'order_linked', actor: l.actor, isPublic: false, data: { order: l.order } });
  return true;
}

/**
 * What changed on an order (`changes`: each field `{ from, to }`, `first` when these are the first
 * facts the main system sent), as `order_updated` on the timeline of each of these cases.
 */
export async function recordOrderChange(
  trx: Knex.Transaction,
  c: { orgId: string; caseIds: string[]; actor: OrderOnCaseActor; data: { number: string; first: boolean; changes: Record<string, { from: unknown; to: unknown }>; version: number | null; updatedAt: string } },
): Promise<void> {
  for (const caseId of c.caseIds) {
    await recordCaseEvent(trx, { orgId: c.orgId, caseId, type: 'order_updated', actor: c.actor, isPublic: false, data: c.data });
  }
}
