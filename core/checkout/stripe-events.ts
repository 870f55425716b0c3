import type { Knex } from 'knex';
import { addToOutbox } from '../outbox/outbox.ts';
import { confirmPayment, refundSucceeded, reserveRefund } from './payment-outcomes.ts';
import { matchPayout, payoutMatched, readPayoutLines, type PayoutLine, type StripePayout } from './payouts.ts';
import { requireStripe, type StripeClient } from './stripe-client.ts';

/**
 * Stripe's events (docs/money.md): stored once by event id, whether the webhook brought them or the
 * reconciliation found them in Stripe's list, each with its outbox row in the same statement; the
 * `checkout` worker applies each once (`applyStripeEvent`), in one transaction with everything it
 * changes.
 *
 * | event | applied |
 * |---|---|
 * | `checkout.session.completed` (paid), `checkout.session.async_payment_succeeded`, `payment_intent.succeeded` | the payment is paid (or flagged), posted, told |
 * | `refund.created`, `refund.updated` (succeeded) | a refund we asked for is done; one made in Stripe's dashboard is recorded |
 * | `payout.paid` | the payout matched against payments and posted (core/checkout/payouts.ts), once with the reconciliation |
 * | anything else | ignored (kept, with why) |
 *
 * A refund whose payment was not seen paid yet waits (`waiting`, by payment intent) and is applied
 * as soon as that payment is.
 */
export const CHECKOUT_QUEUE = 'checkout';
export const APPLY_STRIPE_EVENT_JOB = 'apply-stripe-event';
export const RECONCILE_STRIPE_JOB = 'reconcile-stripe';

/** The fields of a Stripe event this module reads; the rest is kept as it came. */
export interface StripeEventPayload {
  id: string;
  type: string;
  created: number;
  data: { object: Record<string, any> };
}

/** Stores events not seen before, each with its job; returns how many were new. */
export async function storeStripeEvents(db: Knex | Knex.Transaction, events: StripeEventPayload[], source: 'webhook' | 'reconciliation'): Promise<number> {
  if (events.length === 0) return 0;
  const values = events.map(() => '(?, ?, ?::jsonb, ?, to_timestamp(?))').join(', ');
  const { rows } = await db.raw<{ rows: { stored: number }[] }>(
    `WITH arrived AS (
       INSERT INTO stripe_events (id, type, payload, source, stripe_created_at) VALUES ${values}
       ON CONFLICT (id) DO NOTHING RETURNING id
     ), queued AS (
       INSERT INTO outbox (org_id, queue, job_name, payload)
       SELECT NULL, '${CHECKOUT_QUEUE}', '${APPLY_STRIPE_EVENT_JOB}', jsonb_build_object('stripeEventId', id) FROM arrived RETURNING 1
     )
     SELECT count(*)::int AS stored FROM queued`,
    events.flatMap((e) => [e.id, e.type, JSON.stringify(e), source, e.created]),
  );
  return rows[0].stored;
}

type Applied = { status: 'applied' | 'waiting' | 'ignored'; outcome: string; paymentIntent?: string | null; paidIntent?: string };

/**
 * Applies one stored event, once however often its job runs; undefined when it was done already.
 * A payout's lines are read from Stripe first, outside the transaction: no row stays locked while
 * Stripe is asked (Stripe unreachable: the job fails and is tried again, nothing written).
 */
export async function applyStripeEvent(knex: Knex, eventId: string, attempt = 1, stripe?: StripeClient): Promise<Applied | undefined> {
  const before = await knex('stripe_events').where({ id: eventId }).first('type', 'payload', 'status');
  let payoutLines: PayoutLine[] | undefined;
  if (before?.type === 'payout.paid' && (before.status === 'received' || before.status === 'waiting')) {
    const payoutId = String(before.payload?.data?.object?.id);
    if (!(await payoutMatched(knex, payoutId))) payoutLines = await readPayoutLines(requireStripe(stripe), payoutId);
  }
  return knex.transaction(async (trx) => {
    const row = await trx('stripe_events').where({ id: eventId }).forUpdate().first();
    if (!row || row.status === 'applied' || row.status === 'ignored') return undefined;
    const result = await applyEvent(trx, row.payload as StripeEventPayload, payoutLines);
    await trx('stripe_events')
      .where({ id: eventId })
      .update({ status: result.status, outcome: result.outcome, payment_intent: result.paymentIntent ?? null, attempts: attempt, error: null, applied_at: result.status === 'waiting' ? null : trx.fn.now() });
    // A payment now paid: the events that waited for it go again.
    if (result.paidIntent) {
      const waiting = await trx('stripe_events').where({ status: 'waiting', payment_intent: result.paidIntent }).select('id');
      await addToOutbox(trx, waiting.map((w) => ({ orgId: null, queue: CHECKOUT_QUEUE, jobName: APPLY_STRIPE_EVENT_JOB, payload: { stripeEventId: w.id } })));
    }
    return result;
  });
}

async function applyEvent(trx: Knex.Transaction, e: StripeEventPayload, payoutLines: PayoutLine[] | undefined): Promise<Applied> {
  const o = e.data?.object ?? {};
  switch (e.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      // PromptPay completes the session first and pays a moment later (async_payment_succeeded).
      if (o.payment_status !== 'paid') return { status: 'applied', outcome: 'awaiting_payment' };
      const payment = await findPayment(trx, { sessionId: o.id, paymentId: o.metadata?.payment_id ?? o.client_reference_id });
      if (!payment) return { status: 'ignored', outcome: 'unknown_session' };
      return confirmed(trx, payment.id, { amountMinor: Number(o.amount_total), currency: String(o.currency).toUpperCase(), method: o.payment_method_types?.[0] ?? 'card', paymentIntent: o.payment_intent });
    }
    case 'payment_intent.succeeded': {
      const payment = await findPayment(trx, { paymentIntent: o.id, paymentId: o.metadata?.payment_id });
      if (!payment) return { status: 'ignored', outcome: 'unknown_payment_intent' };
      return confirmed(trx, payment.id, { amountMinor: Number(o.amount_received ?? o.amount), currency: String(o.currency).toUpperCase(), method: o.payment_method_types?.[0] ?? 'card', paymentIntent: o.id });
    }
    case 'refund.created':
    case 'refund.updated':
      return applyRefund(trx, o);
    case 'payout.paid': {
      // No lines read: the reconciliation matched it before this event was applied.
      if (!payoutLines) return { status: 'applied', outcome: 'payout_matched_already' };
      const m = await matchPayout(trx, o as StripePayout, payoutLines, 'webhook');
      return { status: 'applied', outcome: m.alreadyMatched ? 'payout_matched_already' : 'payout_matched' };
    }
    default:
      return { status: 'ignored', outcome: 'not_used' };
  }
}

async function confirmed(trx: Knex.Transaction, paymentId: string, arrived: Parameters<typeof confirmPayment>[2]): Promise<Applied> {
  const { outcome, payment } = await confirmPayment(trx, paymentId, arrived);
  return { status: 'applied', outcome, paymentIntent: arrived.paymentIntent, paidIntent: payment.stripe_payment_intent ?? undefined };
}

async function findPayment(trx: Knex.Transaction, by: { sessionId?: string; paymentIntent?: string; paymentId?: string }) {
  const q = trx('booking_payments').where((w) => {
    if (by.sessionId) w.orWhere('stripe_session_id', by.sessionId);
    if (by.paymentIntent) w.orWhere('stripe_payment_intent', by.paymentIntent);
    if (by.paymentId && /^[0-9a-f-]{36}$/i.test(by.paymentId)) w.orWhere('id', by.paymentId);
  });
  return q.first('id');
}

/** A refund Stripe tells of: ours (by its metadata or id) is marked done; one made at Stripe is recorded, once its payment is paid. */
async function applyRefund(trx: Knex.Transaction, o: Record<string, any>): Promise<Applied> {
  if (o.status !== 'succeeded') return { status: 'applied', outcome: `refund_${o.status}`, paymentIntent: o.payment_intent };
  const ours = await trx('payment_refunds')
    .where('stripe_refund_id', o.id)
    .orWhere((w) => (o.metadata?.refund_id && /^[0-9a-f-]{36}$/i.test(o.metadata.refund_id) ? w.where('id', o.metadata.refund_id) : w.whereRaw('false')))
    .first('id', 'status');
  if (ours) {
    const done = await refundSucceeded(trx, ours.id, o.id);
    return { status: 'applied', outcome: done ? 'refund_succeeded' : 'already_applied', paymentIntent: o.payment_intent };
  }
  const payment = await trx('booking_payments').where({ stripe_payment_intent: o.payment_intent }).whereIn('status', ['paid', 'flagged']).forUpdate().first();
  if (!payment) return { status: 'waiting', outcome: 'payment_not_seen', paymentIntent: o.payment_intent };
  const refundId = await reserveRefund(trx, payment, { amountMinor: Number(o.amount), reason: 'made in Stripe', actor: { type: 'system', id: null }, stripeRefundId: o.id });
  if (!refundId) return { status: 'ignored', outcome: 'refund_beyond_paid', paymentIntent: o.payment_intent };
  await refundSucceeded(trx, refundId, o.id);
  return { status: 'applied', outcome: 'refund_recorded', paymentIntent: o.payment_intent };
}

/** Why an attempt failed, kept on the event until one succeeds. */
export async function recordStripeEventError(db: Knex, eventId: string, error: string, attempt: number): Promise<void> {
  await db('stripe_events').where({ id: eventId }).whereIn('status', ['received', 'waiting']).update({ error: error.slice(0, 2000), attempts: attempt });
}
