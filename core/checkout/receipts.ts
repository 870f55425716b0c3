import type { BookingEventSubscriber } from '../bookings/booking-timeline.ts';
import { issueReceiptForPayment } from '../documents/document-commands.ts';

/**
 * A confirmed payment gets its receipt (core/documents/, docs/documents.md) in the same
 * transaction: a subscriber of the booking timeline's `payment_confirmed`, subscribed before the
 * customer's notices (bin/system.ts), so the "payment received" message carries the receipt's
 * link (`context.receiptUrl`). One receipt per payment, however often the event is told.
 */
const PRINTED_METHOD: Record<string, string> = { card: 'card', promptpay: 'PromptPay', transfer: 'bank transfer' };

export function issueReceipts(deps: { publicBaseUrl: () => string }): BookingEventSubscriber {
  return async (trx, e) => {
    if (e.type !== 'payment_confirmed') return;
    const d = e.data ?? {};
    const issued = await issueReceiptForPayment(trx, {
      orgId: e.orgId,
      bookingId: e.bookingId,
      contactId: null,
      paymentRef: String(d.paymentId),
      amountMinor: Number(d.amountMinor),
      currency: String(d.currency),
      method: PRINTED_METHOD[String(d.method)] ?? String(d.method),
      paidAt: new Date(),
    });
    if (issued.ok) e.context.receiptUrl = deps.publicBaseUrl() + issued.document.view.customerPath;
  };
}
