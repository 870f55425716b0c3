import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { addBookingEvent, bookingIdByNumber, loadBooking, type BookingActor } from '../bookings/booking-desk.ts';
import { customerToldAfter } from '../bookings/booking-timeline.ts';
import { stageFlags } from '../bookings/booking-stage.ts';
import { DomainError } from '../errors/index.ts';
import type { Logger } from '../logger.ts';
import { amountDue, nextPayment, paymentRule, type AmountDue, type PaymentPart } from './amount-due.ts';
import { paymentById, type PaymentView } from './payment-queries.ts';
import { requireStripe, stripeUnavailable, type StripeClient } from './stripe-client.ts';

/**
 * `POST /api/v1/bookings/:number/payment-links`: a Stripe Checkout Session (card, and PromptPay for
 * THB) for what the booking owes now (core/checkout/amount-due.ts), recorded as a pending payment,
 * and the link told to the customer on their chat (the booking timeline's `payment_link_created`,
 * core/bookings/booking-notifications.ts).
 *
 * Stripe is asked first, outside any transaction (no connection held while Stripe answers); the
 * payment is written only once it answered, so Stripe down leaves nothing behind. The session
 * carries the payment's id (`client_reference_id`, metadata of the session and of its payment
 * intent) and is created with it as the idempotency key: a retried request cannot open two.
 */
export interface PaymentLinkRequest {
  orgId: string;
  number: string;
  part?: PaymentPart;
  actor: BookingActor;
  /** Where Stripe sends the customer back (the my-bookings page). */
  baseUrl: string;
  /** The link is the balance reminder for the booking on this date (core/checkout/balance-reminders.ts): the customer gets that message instead of the plain link. */
  reminderFor?: string;
  /** Where a link Stripe would not close is told (it stays payable). */
  logger?: Pick<Logger, 'warn'>;
}

export async function createPaymentLink(knex: Knex, stripeClient: StripeClient | undefined, r: PaymentLinkRequest): Promise<{ payment: PaymentView; url: string; due: AmountDue; customerTold: boolean }> {
  // The booking is looked for first: another org's number is a 404 whether or not Stripe is set up.
  const bookingId = await bookingIdByNumber(knex, r.orgId, r.number);
  const b = (await loadBooking(knex, bookingId, r.orgId))!;
  const refuse = (message: string, details: Record<string, unknown> = {}) => new DomainError('conflict', message, { number: b.number, ...details });
  if (!stageFlags(b.stage).isOpen) throw refuse(`Booking ${b.number} is ${b.stage}: nothing can be paid on it`, { stage: b.stage });
  const due = await amountDue(knex, bookingId);
  if (!due) throw refuse(`Booking ${b.number} has no price: send a quote, or give its service a price`, { reason: 'no_price' });
  if (due.dueMinor <= 0) throw refuse(`Booking ${b.number} is paid in full`, { reason: 'paid', paidMinor: due.paidMinor });
  const next = nextPayment(due, await paymentRule(knex, r.orgId), r.part);
  const stripe = requireStripe(stripeClient);
  const paymentId = randomUUID();
  const metadata = { payment_id: paymentId, org_id: r.orgId, booking_number: b.number };
  let session;
  try {
    session = await stripe.checkout.sessions.create(
      {
        mode: 'payment',
        allowed_payment_method_types: due.currency === 'THB' ? ['card', 'promptpay'] : ['card'],
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: due.currency.toLowerCase(),
              unit_amount: next.amountMinor,
              product_data: { name: `${b.number}${b.serviceName ? ` ${b.serviceName.en}` : ''} (${next.part})` },
            },
          },
        ],
        client_reference_id: paymentId,
        metadata,
        payment_intent_data: { metadata },
        success_url: `${r.baseUrl}/liff/me?paid=${encodeURIComponent(b.number)}`,
        cancel_url: `${r.baseUrl}/liff/me`,
      },
      { idempotencyKey: `payment-link-${paymentId}` },
    );
  } catch (err) {
    throw stripeUnavailable(err, 'open a payment link');
  }
  const url = session.url ?? '';
  const customerTold = await knex.transaction(async (trx) => {
    await trx('bookings').where({ id: bookingId }).forUpdate().first('id');
    await trx('booking_payments').insert({
      id: paymentId,
      org_id: r.orgId,
      booking_id: bookingId,
      quote_id: due.quoteId,
      part: next.part,
      method: 'stripe',
      currency: due.currency,
      amount_minor: next.amountMinor,
      stripe_session_id: session.id,
      checkout_url: url,
      created_by_type: r.actor.type,
      created_by_id: r.actor.id,
    });
    const event = await addBookingEvent(trx, b, 'payment_link_created', r.actor, { paymentId, amountMinor: next.amountMinor, currency: due.currency, part: next.part, ...(r.reminderFor ? { reminderFor: r.reminderFor } : {}) }, true, { paymentUrl: url });
    return customerToldAfter(trx, event);
  });
  await expireReplacedLinks(knex, stripe, bookingId, paymentId, r.logger);
  return { payment: (await paymentById(knex, r.orgId, paymentId))!, url, due, customerTold };
}

/**
 * The booking's older links still waiting to be paid are closed at Stripe once a newer one is sent,
 * so the customer cannot pay twice by the old one. Stripe refusing (the customer paid it meanwhile)
 * or unreachable: the old link stays pending, and a payment on it is applied as before (it is the
 * customer's money for this booking); it is logged.
 */
async function expireReplacedLinks(knex: Knex, stripe: StripeClient, bookingId: string, newPaymentId: string, logger?: Pick<Logger, 'warn'>): Promise<void> {
  const replaced = await knex('booking_payments')
    .where({ booking_id: bookingId, status: 'pending', method: 'stripe' })
    .whereNot({ id: newPaymentId })
    .whereNotNull('stripe_session_id')
    .select('id', 'stripe_session_id');
  for (const old of replaced) {
    try {
      await stripe.checkout.sessions.expire(old.stripe_session_id, {}, { idempotencyKey: `payment-link-expire-${old.id}` });
    } catch (err) {
      const e = err as { type?: string; statusCode?: number; message?: string };
      logger?.warn({ paymentId: old.id, stripe: { type: e.type, status: e.statusCode, message: e.message } }, 'a replaced payment link could not be closed at Stripe; it stays payable');
      continue;
    }
    // Only a link still pending: a payment that arrived meanwhile stays as it was applied.
    await knex('booking_payments').where({ id: old.id, status: 'pending' }).update({ status: 'expired' });
  }
}
