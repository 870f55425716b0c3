import type { Knex } from 'knex';
import { recordAudit, type AuditRecord } from '../audit/audit-log.ts';
import { caseIdsOfNumbers, casesNamingOrders, linkOrderToCase, recordOrderChange } from '../cases/case-orders.ts';
import type { OrderBatchItem, OrderOutcome } from '../contracts/orders.ts';
import { transactionRetried } from '../db/deadlock-retry.ts';
import { validationFailed } from '../errors/index.ts';
import { checkFailingOrders } from '../providers/provider-health.ts';
import type { OrderStatus, RefundStatus } from '../vocabulary.ts';
import { decideOrder, type OrderFacts } from './order-freshness.ts';

/**
 * Orders from the business's main system (docs/cases.md, "Orders from the main system"): the one
 * writer of `orders`. Each order sent is its whole state now; a batch is stored together or not at
 * all, in one transaction:
 *
 * 1. Everything is checked first (each provider by its key, each case named, the currency of an
 *    order already stored): one 422 naming every problem, and nothing stored.
 * 2. Each order takes a lock of its number, so two syncs of one order take turns, and is compared
 *    with the stored one: older (by the main system's version when both have one, else by its
 *    time) is `stale` and changes nothing; the same facts are `unchanged`; else `created` or
 *    `updated`. A newer version with the same facts still moves the stored version on, so that an
 *    older update arriving later is known as older.
 * 3. What changed goes on the timeline of every case naming the order (`order_updated`, each field
 *    from and to); a `caseNumber` links the order to that case (`order_linked`). The audit log gets
 *    one entry per order created, updated or linked, with the request id.
 * 4. An order that failed counts towards its provider's health (core/providers/provider-health.ts).
 */
type Actor = { type: 'api_key' | 'staff'; id: string };

export interface OrderSync {
  orgId: string;
  actor: Actor;
  requestId?: string;
  orders: OrderBatchItem[];
  /** One order (PUT /api/v1/orders/:number): problems name the field, not `orders.0.field`. */
  one?: boolean;
  now?: Date;
}

export interface OrderSyncResult {
  number: string;
  outcome: OrderOutcome;
  version: number | null;
  updatedAt: string;
  cases: string[];
}

/** How far ahead of our clock the main system's time may be: further, and every later real update would look older. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

interface StoredOrder {
  id: string;
  number: string;
  amount_minor: string | null;
  currency: string;
  status: OrderStatus;
  provider_id: string | null;
  refund_status: RefundStatus;
  refund_amount_minor: string | null;
  source_version: string | null;
  source_updated_at: Date;
  status_changed_at: Date;
  details: Record<string, unknown>;
}

const STORED_COLUMNS = ['id', 'number', 'amount_minor', 'currency', 'status', 'provider_id', 'refund_status', 'refund_amount_minor', 'source_version', 'source_updated_at', 'status_changed_at', 'details'];

const bigint = (v: string | number | null) => (v === null ? null : Number(v));

export async function syncOrders(knex: Knex, s: OrderSync): Promise<OrderSyncResult[]> {
  const now = s.now ?? new Date();
  const path = (i: number, field: string) => (s.one ? field : `orders.${i}.${field}`);
  refuseRepeatsAndFutureTimes(s.orders, now, path, s.one);

  // Two batches can still meet on a case's marks (timeline events, the analytics' changed list) in
  // either order: a deadlock victim is run again, as the API's case actions are.
  return transactionRetried(knex, async (trx) => {
    const numbers = s.orders.map((o) => o.number);
    // In one order for every sync, so that two batches sharing orders cannot wait on each other.
    await trx.raw('SELECT count(pg_advisory_xact_lock(hashtextextended(? || n, 0))) FROM unnest(?::text[]) AS n', [`order:${s.orgId}:`, [...numbers].sort()]);
    const providers: { id: string; key: string }[] = await trx('providers').select('id', 'key').where({ org_id: s.orgId });
    const providerId = new Map(providers.map((p) => [p.key, p.id]));
    const providerKey = new Map(providers.map((p) => [p.id, p.key]));
    const caseIds = await caseIdsOfNumbers(trx, s.orgId, [...new Set(s.orders.flatMap((o) => (o.caseNumber ? [o.caseNumber] : [])))]);
    const stored = new Map(
      ((await trx('orders').select(STORED_COLUMNS).where({ org_id: s.orgId }).whereRaw('number = ANY(?::text[])', [numbers])) as StoredOrder[]).map((o) => [o.number, o]),
    );

    const problems: { path: string; message: string }[] = [];
    for (const [i, o] of s.orders.entries()) {
      if (o.provider && !providerId.has(o.provider)) problems.push({ path: path(i, 'provider'), message: `No provider with the key "${o.provider}" in this org (GET /api/v1/providers lists them)` });
      if (o.caseNumber && !caseIds.has(o.caseNumber)) problems.push({ path: path(i, 'caseNumber'), message: `No case ${o.caseNumber} in this org` });
      const was = stored.get(o.number);
      if (was && was.currency !== o.currency) {
        problems.push({ path: path(i, 'currency'), message: `Order ${o.number} is stored in ${was.currency}; an order keeps the currency it was first stored in` });
      }
    }
    if (problems.length) throw validationFailed(s.one ? 'The order cannot be stored as sent' : 'The orders cannot be stored as sent: none was stored', problems);

    const factsOf = (o: StoredOrder): OrderFacts => ({
      amountMinor: bigint(o.amount_minor),
      currency: o.currency,
      status: o.status,
      provider: o.provider_id ? (providerKey.get(o.provider_id) ?? null) : null,
      refundStatus: o.refund_status,
      refundAmountMinor: bigint(o.refund_amount_minor),
    });

    const decided = s.orders.map((o) => {
      const was = stored.get(o.number);
      return { o, was, ...decideOrder(o, was && { facts: factsOf(was), version: bigint(was.source_version), updatedAt: new Date(was.source_updated_at), details: was.details }) };
    });

    const rows = decided
      .filter((d) => d.write)
      .map(({ o, was, facts }) => ({
        org_id: s.orgId,
        number: o.number,
        amount_minor: facts.amountMinor,
        currency: facts.currency,
        status: facts.status,
        provider_id: facts.provider ? providerId.get(facts.provider)! : null,
        refund_status: facts.refundStatus,
        refund_amount_minor: facts.refundAmountMinor,
        source_version: o.version ?? null,
        source_updated_at: new Date(o.updatedAt),
        status_changed_at: was && was.status === facts.status ? was.status_changed_at : new Date(o.updatedAt),
        details: JSON.stringify(o.details ?? {}),
        // No touch trigger on this hot table (migrations/20261129090000_orders.ts): set here.
        updated_at: trx.fn.now(),
      }));
    const ids = new Map([...stored].map(([n, o]) => [n, o.id]));
    if (rows.length) {
      const written: { id: string; number: string }[] = await trx('orders')
        .insert(rows)
        .onConflict(['org_id', 'number'])
        .merge(['amount_minor', 'currency', 'status', 'provider_id', 'refund_status', 'refund_amount_minor', 'source_version', 'source_updated_at', 'status_changed_at', 'details', 'updated_at'])
        .returning(['id', 'number']);
      for (const w of written) ids.set(w.number, w.id);
    }

    // The cases: what changed goes on the timeline of those naming the order already; a case named
    // by `caseNumber` that does not name it yet gets the link, with the order as it is now.
    const naming = await casesNamingOrders(trx, s.orgId, numbers);
    const caseActor = { type: s.actor.type, id: s.actor.id };
    const audits: AuditRecord[] = [];
    const results: OrderSyncResult[] = [];
    for (const d of decided) {
      const cases = naming.get(d.o.number) ?? [];
      const stale = d.outcome === 'stale';
      const changed = Object.keys(d.changes).length > 0;
      // The stored order's version and time after this sync: the sent ones when it was written.
      const version = d.write ? (d.o.version ?? null) : bigint(d.was!.source_version);
      const updatedAt = (d.write ? new Date(d.o.updatedAt) : d.was!.source_updated_at).toISOString();
      if (changed && cases.length) {
        await recordOrderChange(trx, { orgId: s.orgId, caseIds: cases.map((c) => c.id), actor: caseActor, data: { number: d.o.number, first: d.before === null, changes: d.changes, version, updatedAt } });
      }
      let linkedTo: string | undefined;
      if (!stale && d.o.caseNumber && !cases.some((c) => c.number === d.o.caseNumber)) {
        const caseId = caseIds.get(d.o.caseNumber)!;
        await linkOrderToCase(trx, { orgId: s.orgId, caseId, number: d.o.number, currency: d.facts.currency, actor: caseActor, order: { number: d.o.number, ...d.facts, version, updatedAt } });
        cases.push({ id: caseId, number: d.o.caseNumber });
        linkedTo = d.o.caseNumber;
      }
      if (d.outcome === 'created' || d.outcome === 'updated' || linkedTo) {
        audits.push({
          orgId: s.orgId,
          actorType: s.actor.type,
          actorId: s.actor.id,
          action: d.outcome === 'unchanged' ? 'order.linked' : `order.${d.outcome}`,
          subjectType: 'order',
          subjectId: ids.get(d.o.number),
          details: { number: d.o.number, changes: d.changes, version, updatedAt, ...(linkedTo ? { linkedTo } : {}) },
          requestId: s.requestId,
        });
      }
      results.push({ number: d.o.number, outcome: d.outcome, version, updatedAt, cases: cases.map((c) => c.number) });
    }
    await recordAudit(trx, audits);

    const failedNow = decided.filter((d) => d.write && d.facts.status === 'failed' && d.before?.status !== 'failed' && d.facts.provider);
    await checkFailingOrders(trx, { orgId: s.orgId, providerIds: failedNow.map((d) => providerId.get(d.facts.provider!)!), now });
    return results;
  });
}

/** Each order once per request, and no time from the future: checked before anything is read. */
function refuseRepeatsAndFutureTimes(orders: OrderBatchItem[], now: Date, path: (i: number, field: string) => string, one = false): void {
  const problems: { path: string; message: string }[] = [];
  const first = new Map<string, number>();
  for (const [i, o] of orders.entries()) {
    const seen = first.get(o.number);
    if (seen !== undefined) problems.push({ path: path(i, 'number'), message: `Order ${o.number} is already at orders.${seen}: send each order once per request` });
    else first.set(o.number, i);
    if (Date.parse(o.updatedAt) > now.getTime() + FUTURE_TOLERANCE_MS) {
      problems.push({ path: path(i, 'updatedAt'), message: `is more than ${FUTURE_TOLERANCE_MS / 60_000} minutes ahead of this server's clock; send the time the main system changed the order` });
    }
  }
  if (problems.length) throw validationFailed(one ? 'The order cannot be stored as sent' : 'The orders cannot be stored as sent: none was stored', problems);
}
