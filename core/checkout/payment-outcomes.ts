import type { Knex } from 'knex';
import { addBookingEvent, type BookingActor } from '../bookings/booking-desk.ts';
import { post, type LedgerAccountKind } from '../ledger/ledger.ts';
import { todayIn } from '../time/org-time.ts';
import { revenueRecognized } from './revenue.ts';

/**
 * What happens when money arrives or goes back on a booking, whoever tells us (a Stripe event, the
 * reconciliation, staff confirming a transfer slip, a refund), each in the caller's transaction:
 * the payment row, the ledger posting and the booking's timeline move together, once.
 *
 * Money in: Dr Stripe clearing (or bank) / Cr deposits held. Money back: Dr deposits held (or, once
 * the booking is completed and its money revenue, Dr refunds) / Cr Stripe clearing (or bank). Money that arrived but cannot be applied (flagged) is posted too, since it
 * is in Stripe and may have to go back; it does not count as paid on the booking.
 */
type PaymentRow = Record<string, any>;

export interface ArrivedMoney {
  amountMinor: number;
  currency: string;
  /** card, promptpay, transfer. */
  method: string;
  paymentIntent?: string | null;
}

export type ConfirmOutcome = 'paid' | 'already_applied' | 'amount_mismatch' | 'quote_superseded' | 'quote_expired' | 'not_payable';

const SYSTEM: BookingActor = { type: 'system', id: null };
const heldIn = (p: PaymentRow): LedgerAccountKind => (p.method === 'transfer' ? 'bank' : 'stripe_clearing');

/** Locks and reads a payment by id. */
export function lockPayment(trx: Knex.Transaction, id: string): Promise<PaymentRow | undefined> {
  return trx('booking_payments').where({ id }).forUpdate().first();
}

/** Why money for this payment must not be applied to its booking, if it must not. */
async function whyNotApplied(trx: Knex.Transaction, p: PaymentRow, arrived: ArrivedMoney): Promise<{ flag: ConfirmOutcome; detail: Record<string, unknown> } | undefined> {
  if (arrived.amountMinor !== Number(p.amount_minor) || arrived.currency !== p.currency) {
    return { flag: 'amount_mismatch', detail: { expectedMinor: Number(p.amount_minor), expectedCurrency: p.currency, receivedMinor: arrived.amountMinor, receivedCurrency: arrived.currency } };
  }
  if (!p.quote_id) return undefined;
  const q = await trx('booking_quotes as q').join('orgs as o', 'o.id', 'q.org_id').where('q.id', p.quote_id).first('q.status', 'q.version', 'q.valid_until', 'o.time_zone');
  if (q.status === 'superseded' || q.status === 'declined') return { flag: 'quote_superseded', detail: { quoteVersion: q.version, quoteStatus: q.status } };
  const validUntil = q.valid_until instanceof Date ? q.valid_until.toISOString().slice(0, 10) : String(q.valid_until);
  if (q.status === 'sent' && validUntil < todayIn(q.time_zone)) return { flag: 'quote_expired', detail: { quoteVersion: q.version, validUntil } };
  return undefined;
}

/**
 * Money arrived for a payment: paid (posted, on the timeline, the customer told), or flagged for
 * staff when it does not match what was asked or its quote no longer stands. A payment already
 * paid or flagged is left as it is: an event told twice is applied once.
 */
export async function confirmPayment(trx: Knex.Transaction, paymentId: string, arrived: ArrivedMoney, actor: BookingActor = SYSTEM): Promise<{ outcome: ConfirmOutcome; payment: PaymentRow }> {
  const p = (await lockPayment(trx, paymentId))!;
  if (p.status === 'paid' || p.status === 'flagged') return { outcome: 'already_applied', payment: p };
  if (p.status !== 'pending') return { outcome: 'not_payable', payment: p };
  const problem = await whyNotApplied(trx, p, arrived);
  const [row] = await trx('booking_payments')
    .where({ id: p.id })
    .update({
      status: problem ? 'flagged' : 'paid',
      paid_at: trx.fn.now(),
      method_detail: arrived.method,
      stripe_payment_intent: arrived.paymentIntent ?? p.stripe_payment_intent,
      // A mismatch keeps what was asked in its detail; the row says what arrived (what may be refunded).
      ...(problem ? { flag: problem.flag, flag_detail: JSON.stringify(problem.detail), amount_minor: arrived.amountMinor, currency: arrived.currency } : {}),
      decided_by_type: actor.type,
      decided_by_id: actor.id,
    })
    .returning('*');
  await post(trx, {
    orgId: p.org_id,
    currency: arrived.currency,
    kind: 'payment',
    sourceId: p.id,
    memo: problem ? `flagged: ${problem.flag}` : undefined,
    lines: [
      { account: heldIn(p), amountMinor: arrived.amountMinor },
      { account: 'deposits_held', amountMinor: -arrived.amountMinor },
    ],
  });
  const booking = { orgId: p.org_id, id: p.booking_id };
  const data = { paymentId: p.id, amountMinor: arrived.amountMinor, currency: arrived.currency, method: arrived.method };
  if (problem) {
    await addBookingEvent(trx, booking, 'payment_flagged', actor, { ...data, flag: problem.flag, ...problem.detail }, false);
    return { outcome: problem.flag, payment: row };
  }
  // A receipt is due: the documents subscribe to this event (docs/money.md).
  await addBookingEvent(trx, booking, 'payment_confirmed', actor, data, true);
  return { outcome: 'paid', payment: row };
}

/** A refund went through (Stripe said so, or a transfer paid back): posted and told, once. */
export async function refundSucceeded(trx: Knex.Transaction, refundId: string, stripeRefundId: string | null, actor: BookingActor = SYSTEM): Promise<boolean> {
  const r = await trx('payment_refunds').where({ id: refundId }).forUpdate().first();
  if (!r || r.status !== 'pending') return false;
  const p = await trx('booking_payments').where({ id: r.payment_id }).first();
  await trx('payment_refunds').where({ id: r.id }).update({ status: 'succeeded', succeeded_at: trx.fn.now(), ...(stripeRefundId ? { stripe_refund_id: stripeRefundId } : {}) });
  // Before the booking is completed the money was held for the customer; after, it was revenue.
  const earned = p.status === 'paid' && (await revenueRecognized(trx, r.org_id, p.booking_id, p.currency));
  await post(trx, {
    orgId: r.org_id,
    currency: p.currency,
    kind: 'refund',
    sourceId: r.id,
    lines: [
      { account: earned ? 'refunds' : 'deposits_held', amountMinor: Number(r.amount_minor) },
      { account: heldIn(p), amountMinor: -Number(r.amount_minor) },
    ],
  });
  await addBookingEvent(trx, { orgId: r.org_id, id: p.booking_id }, 'payment_refunded', actor, { paymentId: p.id, refundId: r.id, amountMinor: Number(r.amount_minor), currency: p.currency }, true);
  return true;
}

/**
 * Reserves a refund on a locked payment: refused (null) when it would give back more than was
 * paid and not yet refunded. The reservation is the payment's `refunded_minor`, so a second refund
 * racing this one reads it under the same lock; a failed refund gives it back (refundFailed).
 */
export async function reserveRefund(
  trx: Knex.Transaction,
  p: PaymentRow,
  r: { amountMinor: number; reason?: string; actor: BookingActor; stripeRefundId?: string },
): Promise<string | null> {
  if (Number(p.refunded_minor) + r.amountMinor > Number(p.amount_minor)) return null;
  await trx('booking_payments').where({ id: p.id }).update({ refunded_minor: trx.raw('refunded_minor + ?', [r.amountMinor]) });
  const [row] = await trx('payment_refunds')
    .insert({ org_id: p.org_id, payment_id: p.id, amount_minor: r.amountMinor, reason: r.reason ?? null, stripe_refund_id: r.stripeRefundId ?? null, created_by_type: r.actor.type, created_by_id: r.actor.id })
    .returning('id');
  return row.id;
}

/** Stripe refused or failed a refund: it is marked failed and its amount may be refunded again. */
export async function refundFailed(trx: Knex.Transaction, refundId: string, failure: string): Promise<void> {
  const r = await trx('payment_refunds').where({ id: refundId }).forUpdate().first();
  if (!r || r.status !== 'pending') return;
  await trx('payment_refunds').where({ id: r.id }).update({ status: 'failed', failure: failure.slice(0, 500) });
  await trx('booking_payments').where({ id: r.payment_id }).update({ refunded_minor: trx.raw('refunded_minor - ?', [r.amount_minor]) });
}
