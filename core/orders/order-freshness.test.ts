import { describe, expect, it } from 'vitest';
import type { OrderBatchItem } from '../contracts/orders.ts';
import { decideOrder, type StoredState } from './order-freshness.ts';

const sent = (o: Partial<OrderBatchItem> = {}): OrderBatchItem => ({ number: 'ORD-1', amountMinor: 50_000, currency: 'THB', status: 'paid', provider: 'paygate', updatedAt: '2026-11-29T10:00:00+07:00', ...o });
const stored = (s: Partial<StoredState> = {}): StoredState => ({
  facts: { amountMinor: 50_000, currency: 'THB', status: 'paid', provider: 'paygate', refundStatus: 'none', refundAmountMinor: null },
  version: null,
  updatedAt: new Date('2026-11-29T03:00:00Z'),
  details: {},
  ...s,
});

describe('whether an order sent is news', () => {
  it('a new order: created, every fact it has from null, none it lacks', () => {
    const d = decideOrder(sent(), undefined);
    expect(d).toMatchObject({ outcome: 'created', write: true, before: null });
    expect(d.changes).toEqual({ amountMinor: { from: null, to: 50_000 }, currency: { from: null, to: 'THB' }, status: { from: null, to: 'paid' }, provider: { from: null, to: 'paygate' }, refundStatus: { from: null, to: 'none' } });
  });

  it('the versions decide when both have one, whatever the times say', () => {
    expect(decideOrder(sent({ version: 4, status: 'failed', updatedAt: '2026-11-30T00:00:00Z' }), stored({ version: 5 }))).toMatchObject({ outcome: 'stale', write: false, changes: {}, facts: { status: 'paid' } });
    expect(decideOrder(sent({ version: 6, status: 'failed', updatedAt: '2026-11-01T00:00:00Z' }), stored({ version: 5 }))).toMatchObject({ outcome: 'updated', write: true, changes: { status: { from: 'paid', to: 'failed' } } });
  });

  it('without versions on both sides, the times decide', () => {
    expect(decideOrder(sent({ status: 'cancelled', updatedAt: '2026-11-29T09:59:59+07:00' }), stored()).outcome).toBe('stale');
    expect(decideOrder(sent({ version: 9, status: 'cancelled', updatedAt: '2026-11-29T09:59:59+07:00' }), stored()).outcome).toBe('stale');
    expect(decideOrder(sent({ status: 'cancelled', updatedAt: '2026-11-29T10:00:01+07:00' }), stored({ version: 3 })).outcome).toBe('updated');
  });

  it('the same facts: unchanged; written only when the version or time moved on', () => {
    expect(decideOrder(sent(), stored())).toMatchObject({ outcome: 'unchanged', write: false });
    expect(decideOrder(sent({ updatedAt: '2026-11-29T10:05:00+07:00' }), stored())).toMatchObject({ outcome: 'unchanged', write: true, changes: {} });
  });

  it('the same version or time with other facts: the later delivery wins', () => {
    expect(decideOrder(sent({ refundStatus: 'requested' }), stored())).toMatchObject({ outcome: 'updated', changes: { refundStatus: { from: 'none', to: 'requested' } } });
  });

  it('other details alone: updated, with no fact on the timeline', () => {
    expect(decideOrder(sent({ details: { note: 'box dented' } }), stored())).toMatchObject({ outcome: 'updated', write: true, changes: {} });
    // Key order is not a change.
    expect(decideOrder(sent({ details: { a: 1, b: 2 } }), stored({ details: { b: 2, a: 1 } })).outcome).toBe('unchanged');
  });
});
