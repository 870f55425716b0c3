import type { Knex } from 'knex';
import type { RecordedBookingEvent } from '../bookings/booking-timeline.ts';
import { emitWebhookEvent } from './case-events-out.ts';

/**
 * Money for the business's own system (docs/money.md), a subscriber of the booking timeline:
 * `payment.succeeded` when a payment is applied to its booking, `payment.refunded` when money is
 * given back. Amounts in minor units, as the REST API gives them.
 */
export async function sendPaymentWebhooks(trx: Knex.Transaction, e: RecordedBookingEvent): Promise<void> {
  const type = e.type === 'payment_confirmed' ? 'payment.succeeded' : e.type === 'payment_refunded' ? 'payment.refunded' : undefined;
  if (!type) return;
  const d = e.data ?? {};
  await emitWebhookEvent(trx, {
    orgId: e.orgId,
    type,
    data: async () => {
      const b = await trx('bookings').where({ id: e.bookingId }).first('number');
      return {
        payment: { id: d.paymentId, bookingNumber: b?.number ?? null, amountMinor: d.amountMinor, currency: d.currency, ...(d.method ? { paidWith: d.method } : {}) },
        ...(d.refundId ? { refund: { id: d.refundId, amountMinor: d.amountMinor } } : {}),
      };
    },
  });
}
