import type { Knex } from 'knex';
import type { RecordedBookingEvent } from '../bookings/booking-timeline.ts';
import { post, wasPosted } from '../ledger/ledger.ts';

/**
 * A customer's money is held (deposits held) until the service is delivered: when the booking is
 * completed, what was paid on it less what was refunded becomes revenue (Dr deposits held / Cr
 * revenue), once per booking and currency. A refund after that is a refund of revenue (Dr refunds);
 * before it, money held goes back (Dr deposits held): payment-outcomes.ts asks `revenueRecognized`.
 */
export const revenueSource = (bookingId: string, currency: string) => `${bookingId}:${currency}`;

export function revenueRecognized(db: Knex | Knex.Transaction, orgId: string, bookingId: string, currency: string): Promise<boolean> {
  return wasPosted(db, orgId, 'revenue', revenueSource(bookingId, currency));
}

/** A subscriber of the booking timeline (bin/system.ts). */
export async function recognizeRevenue(trx: Knex.Transaction, e: RecordedBookingEvent): Promise<void> {
  if (e.type !== 'stage_changed' || e.data?.to !== 'completed') return;
  const paid: { currency: string; net: string }[] = await trx('booking_payments')
    .where({ booking_id: e.bookingId, status: 'paid' })
    .groupBy('currency')
    .select('currency', trx.raw('sum(amount_minor - refunded_minor)::bigint AS net'));
  for (const p of paid) {
    const net = Number(p.net);
    if (net <= 0) continue;
    await post(trx, {
      orgId: e.orgId,
      currency: p.currency,
      kind: 'revenue',
      sourceId: revenueSource(e.bookingId, p.currency),
      lines: [
        { account: 'deposits_held', amountMinor: net },
        { account: 'revenue', amountMinor: -net },
      ],
    });
  }
}
