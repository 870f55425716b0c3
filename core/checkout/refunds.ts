import type { Knex } from 'knex';
import type { BookingActor } from '../bookings/booking-desk.ts';
import { DomainError, notFound } from '../errors/index.ts';
import { lockPayment, refundFailed, refundSucceeded, reserveRefund } from './payment-outcomes.ts';
import { requireStripe, stripeUnavailable, type StripeClient } from './stripe-client.ts';

/**
 * `POST /api/v1/payments/:id/refunds`: money given back on a paid (or flagged) payment, in full or
 * in part. The amount is reserved on the payment under its lock first (two refunds racing past
 * what was paid: the second is refused, 409), then Stripe is asked (card, PromptPay) with the
 * refund's id as idempotency key and in its metadata, outside any transaction; a transfer is
 * recorded as paid back by staff at once. Stripe failing gives the reservation back.
 */
export interface RefundRequest {
  orgId: string;
  paymentId: string;
  /** Omitted: all that is left. */
  amountMinor?: number;
  reason?: string;
  actor: BookingActor;
}

export async function refundPayment(knex: Knex, stripeClient: StripeClient | undefined, r: RefundRequest) {
  const reserved = await knex.transaction(async (trx) => {
    const p = await lockPayment(trx, r.paymentId);
    if (!p || p.org_id !== r.orgId) throw notFound('Payment', { id: r.paymentId });
    if (p.status !== 'paid' && p.status !== 'flagged') throw new DomainError('conflict', `This payment is ${p.status}: only money received can be refunded`, { id: p.id, status: p.status });
    const left = Number(p.amount_minor) - Number(p.refunded_minor);
    const amountMinor = r.amountMinor ?? left;
    if (p.method === 'stripe') requireStripe(stripeClient);
    const refundId = amountMinor > 0 ? await reserveRefund(trx, p, { amountMinor, reason: r.reason, actor: r.actor }) : null;
    if (!refundId) {
      throw new DomainError('conflict', `A refund of ${amountMinor} would give back more than is left to refund (${left} of ${Number(p.amount_minor)} ${p.currency})`, {
        id: p.id,
        amountMinor,
        refundableMinor: left,
      });
    }
    if (p.method === 'transfer') await refundSucceeded(trx, refundId, null, r.actor);
    return { refundId, payment: p, amountMinor };
  });
  if (reserved.payment.method === 'stripe') {
    try {
      const refund = await requireStripe(stripeClient).refunds.create(
        { payment_intent: reserved.payment.stripe_payment_intent, amount: reserved.amountMinor, metadata: { refund_id: reserved.refundId, payment_id: reserved.payment.id } },
        { idempotencyKey: `refund-${reserved.refundId}` },
      );
      await knex.transaction(async (trx) => {
        if (refund.status === 'succeeded') await refundSucceeded(trx, reserved.refundId, refund.id, r.actor);
        else await trx('payment_refunds').where({ id: reserved.refundId, status: 'pending' }).update({ stripe_refund_id: refund.id });
      });
    } catch (err) {
      const e = stripeUnavailable(err, 'refund this payment');
      // Refused by Stripe: nothing was given back. Unreachable: it may have been; the refund stays pending for its webhook or the reconciliation.
      if (e.code === 'bad_gateway') await knex.transaction((trx) => refundFailed(trx, reserved.refundId, e.message));
      throw e;
    }
  }
  return refundById(knex, r.orgId, reserved.refundId);
}

export async function refundById(db: Knex, orgId: string, id: string) {
  const r = await db('payment_refunds').where({ org_id: orgId, id }).first();
  return r ? refundView(r) : undefined;
}

export function refundView(r: Record<string, any>) {
  return {
    id: r.id as string,
    paymentId: r.payment_id as string,
    amountMinor: Number(r.amount_minor),
    status: r.status as 'pending' | 'succeeded' | 'failed',
    reason: (r.reason ?? null) as string | null,
    createdAt: (r.created_at as Date).toISOString(),
    succeededAt: r.succeeded_at ? (r.succeeded_at as Date).toISOString() : null,
  };
}
