import { bodyHash } from '../http/idempotency-key.ts';
import type { OrderBatchItem, OrderOutcome } from '../contracts/orders.ts';
import type { OrderStatus, RefundStatus } from '../vocabulary.ts';

/**
 * Whether an order the main system sends is news (core/orders/order-sync.ts): older than the
 * stored one (by the main system's version when both have one, else by its time) is `stale` and
 * changes nothing; the same facts and details are `unchanged`; else `created` or `updated`, with
 * each fact that changed. The same version or time with other facts is applied: the later
 * delivery wins. A newer version or time with the same facts is still written (`write`), so that
 * an update from between the two, arriving later, is known as older.
 */

/** The facts a case's timeline and the reports care about; details are kept, not compared on the timeline. */
export interface OrderFacts {
  amountMinor: number | null;
  currency: string;
  status: OrderStatus;
  provider: string | null;
  refundStatus: RefundStatus;
  refundAmountMinor: number | null;
}
const FACTS = ['amountMinor', 'currency', 'status', 'provider', 'refundStatus', 'refundAmountMinor'] as const satisfies readonly (keyof OrderFacts)[];

export interface StoredState {
  facts: OrderFacts;
  version: number | null;
  updatedAt: Date;
  details: Record<string, unknown>;
}

export interface OrderDecision {
  outcome: OrderOutcome;
  /** The facts the order has after this sync. */
  facts: OrderFacts;
  /** The stored facts, null for a new order. */
  before: OrderFacts | null;
  /** Whether the row is written (a new marker with the same facts is, too). */
  write: boolean;
  changes: Record<string, { from: unknown; to: unknown }>;
}

export function decideOrder(o: OrderBatchItem, was: StoredState | undefined): OrderDecision {
  const facts: OrderFacts = {
    amountMinor: o.amountMinor,
    currency: o.currency,
    status: o.status,
    provider: o.provider ?? null,
    refundStatus: o.refundStatus ?? 'none',
    refundAmountMinor: o.refundAmountMinor ?? null,
  };
  if (!was) return { outcome: 'created', facts, before: null, write: true, changes: changesBetween(null, facts) };
  const order = compare(o, was);
  if (order === 'older') return { outcome: 'stale', facts: was.facts, before: was.facts, write: false, changes: {} };
  const changes = changesBetween(was.facts, facts);
  const same = Object.keys(changes).length === 0 && bodyHash(o.details ?? {}) === bodyHash(was.details ?? {});
  return { outcome: same ? 'unchanged' : 'updated', facts, before: was.facts, write: !same || order === 'newer', changes };
}

/** Which is newer: the main system's versions when both have one, else its times. */
function compare(o: OrderBatchItem, was: StoredState): 'newer' | 'same' | 'older' {
  const [mine, theirs] = o.version !== undefined && was.version !== null ? [o.version, was.version] : [Date.parse(o.updatedAt), was.updatedAt.getTime()];
  return mine > theirs ? 'newer' : mine < theirs ? 'older' : 'same';
}

/** Each fact that differs, `{ from, to }`; from null for an order not stored before. */
function changesBetween(before: OrderFacts | null, after: OrderFacts): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of FACTS) {
    const from = before ? before[k] : null;
    if (from !== after[k] && !(before === null && after[k] === null)) out[k] = { from, to: after[k] };
  }
  return out;
}

