import type { Knex } from 'knex';
import { post } from '../ledger/ledger.ts';
import type { StripeClient } from './stripe-client.ts';

/**
 * Stripe payouts matched against payments (docs/money.md, "Payouts"). A payout is Stripe sending
 * the money it holds to the bank; its balance transactions are the charges and refunds it carries,
 * each gross, with Stripe's fee and the net. Matching a payout, once, whichever way it was found
 * (its `payout.paid` webhook or the reconciliation's list of payouts):
 *
 * - each line is matched to the payment whose payment intent it charged, or the refund it paid
 *   back; it keeps what our books say it should be, and is `matched`, `amount_differs`, or
 *   `unknown` (no payment or refund of ours: no org either);
 * - each org with lines in it posts its share: Dr bank (net) + Dr Stripe fees / Cr Stripe
 *   clearing (gross). What a line says beyond what our books hold (an amount that differs) is
 *   posted between Stripe clearing and deposits held, as flagged money is, so clearing moves by
 *   what our books put in it and never goes below zero.
 *
 * A line we do not know belongs to no org's books: it is kept on the payout and listed to every
 * org with lines in the same payout, in the finance view's mismatches.
 */
type Db = Knex | Knex.Transaction;

export interface StripePayout {
  id: string;
  amount: number;
  currency: string;
  /** Seconds since the epoch, as Stripe says. */
  arrival_date: number;
  status: string;
}

/** One balance transaction of a payout, as read with its source expanded. */
export interface PayoutLine {
  id: string;
  type: string;
  amount: number;
  fee: number;
  net: number;
  currency: string;
  /** The charge's payment intent, or the refund's id. */
  source: string | null;
  /** What the source is: a charge (money in) or a refund (money back). */
  sourceKind: 'charge' | 'refund' | 'other';
}

/** The lines of one payout, read from Stripe (`GET /v1/balance_transactions?payout=...`), all pages; the payout's own line left out. */
export async function readPayoutLines(stripe: StripeClient, payoutId: string): Promise<PayoutLine[]> {
  const lines: PayoutLine[] = [];
  for await (const t of stripe.balanceTransactions.list({ payout: payoutId, expand: ['data.source'], limit: 100 })) {
    if (t.type === 'payout') continue;
    const src = t.source as unknown as Record<string, any> | string | null;
    const object = typeof src === 'object' && src ? src : undefined;
    const sourceKind = object?.object === 'charge' ? 'charge' : object?.object === 'refund' ? 'refund' : 'other';
    lines.push({
      id: t.id,
      type: t.type,
      amount: t.amount,
      fee: t.fee,
      net: t.net,
      currency: t.currency.toUpperCase(),
      source: sourceKind === 'charge' ? String(object!.payment_intent ?? '') || null : sourceKind === 'refund' ? String(object!.id) : typeof src === 'string' ? src : (object?.id ?? null),
      sourceKind,
    });
  }
  return lines;
}

interface MatchedLine {
  line: PayoutLine;
  orgId: string | null;
  paymentId: string | null;
  refundId: string | null;
  expectedMinor: number | null;
  outcome: 'matched' | 'amount_differs' | 'unknown';
}

async function matchLine(trx: Knex.Transaction, line: PayoutLine): Promise<MatchedLine> {
  const unknown: MatchedLine = { line, orgId: null, paymentId: null, refundId: null, expectedMinor: null, outcome: 'unknown' };
  if (!line.source) return unknown;
  if (line.sourceKind === 'charge') {
    const p = await trx('booking_payments').where({ stripe_payment_intent: line.source }).whereIn('status', ['paid', 'flagged']).first('id', 'org_id', 'amount_minor', 'currency');
    if (!p) return unknown;
    const expected = Number(p.amount_minor);
    const same = expected === line.amount && p.currency === line.currency;
    return { line, orgId: p.org_id, paymentId: p.id, refundId: null, expectedMinor: expected, outcome: same ? 'matched' : 'amount_differs' };
  }
  if (line.sourceKind === 'refund') {
    const r = await trx('payment_refunds as r').join('booking_payments as p', 'p.id', 'r.payment_id').where({ 'r.stripe_refund_id': line.source, 'r.status': 'succeeded' }).first('r.id', 'r.org_id', 'r.amount_minor', 'p.currency');
    if (!r) return unknown;
    const expected = -Number(r.amount_minor);
    const same = expected === line.amount && r.currency === line.currency;
    return { line, orgId: r.org_id, paymentId: null, refundId: r.id, expectedMinor: expected, outcome: same ? 'matched' : 'amount_differs' };
  }
  return unknown;
}

export type PayoutMatch = { alreadyMatched: true } | { alreadyMatched: false; lines: number; matched: number; amountDiffers: number; unknown: number; orgs: number };

/**
 * Matches a payout and posts each org's share, in the caller's transaction; a payout matched
 * already (by the webhook or the reconciliation, even at the same moment) changes nothing.
 */
export async function matchPayout(trx: Knex.Transaction, payout: StripePayout, lines: PayoutLine[], foundBy: 'webhook' | 'reconciliation'): Promise<PayoutMatch> {
  const currency = payout.currency.toUpperCase();
  const { rows } = await trx.raw<{ rows: unknown[] }>(
    `INSERT INTO stripe_payouts (id, amount_minor, currency, arrival_at, found_by) VALUES (?, ?, ?, to_timestamp(?), ?) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [payout.id, payout.amount, currency, payout.arrival_date, foundBy],
  );
  if (rows.length === 0) return { alreadyMatched: true };
  const matched: MatchedLine[] = [];
  for (const line of lines) matched.push(await matchLine(trx, line));
  if (matched.length) {
    await trx('stripe_payout_lines').insert(
      matched.map((m) => ({
        id: m.line.id,
        payout_id: payout.id,
        type: m.line.type,
        amount_minor: m.line.amount,
        fee_minor: m.line.fee,
        net_minor: m.line.net,
        currency: m.line.currency,
        stripe_source: m.line.source,
        org_id: m.orgId,
        payment_id: m.paymentId,
        refund_id: m.refundId,
        expected_minor: m.expectedMinor,
        outcome: m.outcome,
      })),
    );
  }
  const orgs = [...new Set(matched.filter((m) => m.orgId).map((m) => m.orgId!))];
  for (const orgId of orgs) await postOrgShare(trx, orgId, payout.id, matched.filter((m) => m.orgId === orgId && m.line.currency === currency), currency);
  return {
    alreadyMatched: false,
    lines: matched.length,
    matched: matched.filter((m) => m.outcome === 'matched').length,
    amountDiffers: matched.filter((m) => m.outcome === 'amount_differs').length,
    unknown: matched.filter((m) => m.outcome === 'unknown').length,
    orgs: orgs.length,
  };
}

async function postOrgShare(trx: Knex.Transaction, orgId: string, payoutId: string, lines: MatchedLine[], currency: string): Promise<void> {
  const sum = (f: (m: MatchedLine) => number) => lines.reduce((s, m) => s + f(m), 0);
  const gross = sum((m) => m.line.amount);
  const fees = sum((m) => m.line.fee);
  const net = sum((m) => m.line.net);
  // What the lines say beyond what our books hold for them: held for staff to look into.
  const unexplained = gross - sum((m) => m.expectedMinor ?? 0);
  const difference = () =>
    post(trx, {
      orgId,
      currency,
      kind: 'payout_difference',
      sourceId: payoutId,
      memo: 'payout lines that differ from the payments they carry',
      lines: [
        { account: 'stripe_clearing', amountMinor: unexplained },
        { account: 'deposits_held', amountMinor: -unexplained },
      ],
    });
  // Into clearing before the payout takes it out; out of it after: clearing never dips below zero.
  if (unexplained > 0) await difference();
  const payoutLines = [
    { account: 'bank' as const, amountMinor: net },
    { account: 'stripe_fees' as const, amountMinor: fees },
    { account: 'stripe_clearing' as const, amountMinor: -gross },
  ].filter((l) => l.amountMinor !== 0);
  if (payoutLines.length >= 2) await post(trx, { orgId, currency, kind: 'payout', sourceId: payoutId, lines: payoutLines });
  if (unexplained < 0) await difference();
}

/** Whether a payout was matched already. */
export async function payoutMatched(db: Db, payoutId: string): Promise<boolean> {
  return Boolean(await db('stripe_payouts').where({ id: payoutId }).first('id'));
}

/** Reads a payout's lines from Stripe, then matches it: Stripe is never called inside a transaction. */
export async function matchPayoutFromStripe(knex: Knex, stripe: StripeClient, payout: StripePayout, foundBy: 'webhook' | 'reconciliation'): Promise<PayoutMatch> {
  if (await payoutMatched(knex, payout.id)) return { alreadyMatched: true };
  const lines = await readPayoutLines(stripe, payout.id);
  return knex.transaction((trx) => matchPayout(trx, payout, lines, foundBy));
}

/** The reconciliation's part: paid payouts since `gte` (seconds) not matched yet, matched now. */
export async function reconcilePayouts(knex: Knex, stripe: StripeClient, gte: number): Promise<{ listed: number; matched: number }> {
  let listed = 0;
  let matched = 0;
  for await (const p of stripe.payouts.list({ created: { gte }, status: 'paid', limit: 100 })) {
    listed++;
    const r = await matchPayoutFromStripe(knex, stripe, p as unknown as StripePayout, 'reconciliation');
    if (!r.alreadyMatched) matched++;
  }
  return { listed, matched };
}
