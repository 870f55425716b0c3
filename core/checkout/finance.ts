import type { Knex } from 'knex';
import { amountDue } from './amount-due.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * The finance view (docs/money.md; the accountant's role): money in by day and how it was paid,
 * refunds by day, and what customers still owe on bookings they were asked to pay. Days are the
 * org's calendar days; amounts integer minor units. Flagged money is listed apart: it arrived and
 * is not the booking's until staff decide.
 */
type Db = Knex | Knex.Transaction;

export interface FinancePeriod {
  /** YYYY-MM-DD, in the org's time zone, both included. */
  from: string;
  to: string;
  /** A Stripe payment not in any payout this many days after it was paid is a mismatch (7 unless said). */
  payoutWithinDays?: number;
}

/** Stripe pays out a Thai account's card money within a few days; a week without it is worth a look. */
export const DEFAULT_PAYOUT_WITHIN_DAYS = 7;

export async function financeView(db: Db, orgId: string, p: FinancePeriod) {
  const org = (await orgSettingsRow(db, orgId))!;
  const tz: string = org.time_zone;
  const day = (column: string) => db.raw(`to_char(${column} AT TIME ZONE ?, 'YYYY-MM-DD')`, [tz]);
  const inPeriod = (column: string) => (q: Knex.QueryBuilder) =>
    q.whereRaw(`(${column} AT TIME ZONE ?)::date BETWEEN ?::date AND ?::date`, [tz, p.from, p.to]);
  const cashIn = await db('booking_payments as p')
    .select({ day: day('p.paid_at') }, db.raw(`coalesce(p.method_detail, p.method) AS method`), 'p.currency', 'p.status')
    .count({ payments: '*' })
    .sum({ amount: 'p.amount_minor' })
    .where('p.org_id', orgId)
    .whereIn('p.status', ['paid', 'flagged'])
    .modify(inPeriod('p.paid_at'))
    .groupByRaw('1, 2, 3, 4')
    .orderByRaw('1, 2, 3, 4');
  const refunds = await db('payment_refunds as r')
    .join('booking_payments as p', 'p.id', 'r.payment_id')
    .select({ day: day('r.succeeded_at') }, db.raw(`coalesce(p.method_detail, p.method) AS method`), 'p.currency')
    .count({ refunds: '*' })
    .sum({ amount: 'r.amount_minor' })
    .where({ 'r.org_id': orgId, 'r.status': 'succeeded' })
    .modify(inPeriod('r.succeeded_at'))
    .groupByRaw('1, 2, 3')
    .orderByRaw('1, 2, 3');
  // Bookings asked to pay (a link or a slip) and still open: what each still owes.
  const asked = await db('bookings as b')
    .whereIn('b.id', db('booking_payments').select('booking_id').where({ org_id: orgId }))
    .whereNotIn('b.stage', ['declined', 'cancelled', 'lost'])
    .select('b.id', 'b.number')
    .orderBy('b.number')
    .limit(1000);
  const outstanding = [];
  for (const b of asked) {
    const due = await amountDue(db, b.id);
    if (due && due.dueMinor > 0) outstanding.push({ bookingNumber: b.number as string, currency: due.currency, totalMinor: due.totalMinor, paidMinor: due.paidMinor, dueMinor: due.dueMinor });
  }
  const { payouts, payoutMismatches } = await payoutsView(db, orgId, p, tz);
  const margins = await marginsView(db, orgId, p, tz);
  return {
    period: { from: p.from, to: p.to, timeZone: tz },
    cashIn: cashIn.map((r: any) => ({ day: r.day as string, method: r.method as string, currency: r.currency as string, flagged: r.status === 'flagged', payments: Number(r.payments), amountMinor: Number(r.amount) })),
    refunds: refunds.map((r: any) => ({ day: r.day as string, method: r.method as string, currency: r.currency as string, refunds: Number(r.refunds), amountMinor: Number(r.amount) })),
    outstanding,
    payouts,
    payoutMismatches,
    margins,
  };
}

/**
 * The org's share of each Stripe payout that arrived in the period, and what does not match: a
 * line whose amount differs from the payment or refund it carries, a line we do not know (in a
 * payout that carries this org's money too), and a Stripe payment paid in the period that no
 * payout carried `payoutWithinDays` days after.
 */
async function payoutsView(db: Db, orgId: string, p: FinancePeriod, tz: string) {
  const arrivedInPeriod = db.raw(`(po.arrival_at AT TIME ZONE ?)::date BETWEEN ?::date AND ?::date`, [tz, p.from, p.to]);
  const ours = db('stripe_payout_lines').select('payout_id').where({ org_id: orgId });
  const payouts = await db('stripe_payouts as po')
    .join('stripe_payout_lines as l', 'l.payout_id', 'po.id')
    .whereIn('po.id', ours)
    .whereRaw(arrivedInPeriod)
    .where((w) => w.where('l.org_id', orgId).orWhereNull('l.org_id'))
    .select('po.id', db.raw(`to_char(po.arrival_at AT TIME ZONE ?, 'YYYY-MM-DD') AS day`, [tz]), 'po.currency')
    .select(db.raw(`count(*) FILTER (WHERE l.org_id IS NOT NULL)::int AS lines`))
    .select(db.raw(`coalesce(sum(l.amount_minor) FILTER (WHERE l.org_id IS NOT NULL), 0)::bigint AS gross`))
    .select(db.raw(`coalesce(sum(l.fee_minor) FILTER (WHERE l.org_id IS NOT NULL), 0)::bigint AS fees`))
    .select(db.raw(`coalesce(sum(l.net_minor) FILTER (WHERE l.org_id IS NOT NULL), 0)::bigint AS net`))
    .select(db.raw(`count(*) FILTER (WHERE l.outcome <> 'matched')::int AS mismatches`))
    .groupBy('po.id')
    .orderBy([{ column: 'day' }, { column: 'po.id' }]);
  const lines = await db('stripe_payout_lines as l')
    .join('stripe_payouts as po', 'po.id', 'l.payout_id')
    .leftJoin('booking_payments as bp', 'bp.id', 'l.payment_id')
    .leftJoin('payment_refunds as r', 'r.id', 'l.refund_id')
    .leftJoin('booking_payments as rp', 'rp.id', 'r.payment_id')
    .leftJoin('bookings as b', 'b.id', db.raw('coalesce(bp.booking_id, rp.booking_id)'))
    .whereIn('l.payout_id', ours)
    .whereRaw(arrivedInPeriod)
    .whereNot('l.outcome', 'matched')
    .where((w) => w.where('l.org_id', orgId).orWhereNull('l.org_id'))
    .select('l.id', 'l.payout_id', 'l.outcome', 'l.type', 'l.currency', 'l.amount_minor', 'l.expected_minor', 'l.payment_id', 'l.refund_id', 'b.number as booking_number', db.raw(`to_char(po.arrival_at AT TIME ZONE ?, 'YYYY-MM-DD') AS day`, [tz]))
    .orderBy(['day', 'l.payout_id', 'l.id']);
  const within = p.payoutWithinDays ?? DEFAULT_PAYOUT_WITHIN_DAYS;
  const notPaidOut = await db('booking_payments as bp')
    .join('bookings as b', 'b.id', 'bp.booking_id')
    .where({ 'bp.org_id': orgId, 'bp.method': 'stripe' })
    .whereIn('bp.status', ['paid', 'flagged'])
    .whereRaw(`(bp.paid_at AT TIME ZONE ?)::date BETWEEN ?::date AND ?::date`, [tz, p.from, p.to])
    .whereRaw(`bp.paid_at < now() - make_interval(days => ?)`, [within])
    .whereNotExists(db('stripe_payout_lines as l').whereRaw('l.payment_id = bp.id').select(db.raw('1')))
    .select('bp.id', 'bp.currency', 'bp.amount_minor', 'b.number', db.raw(`to_char(bp.paid_at AT TIME ZONE ?, 'YYYY-MM-DD') AS day`, [tz]))
    .orderBy(['day', 'b.number'])
    .limit(1000);
  return {
    payouts: payouts.map((r: any) => ({ payoutId: r.id as string, day: r.day as string, currency: r.currency as string, lines: r.lines as number, grossMinor: Number(r.gross), feeMinor: Number(r.fees), netMinor: Number(r.net), mismatches: r.mismatches as number })),
    payoutMismatches: [
      ...lines.map((r: any) => ({
        kind: r.outcome as 'amount_differs' | 'unknown',
        day: r.day as string,
        payoutId: r.payout_id as string,
        lineId: r.id as string,
        bookingNumber: (r.booking_number as string | null) ?? null,
        paymentId: (r.payment_id as string | null) ?? null,
        currency: r.currency as string,
        expectedMinor: r.expected_minor === null ? null : Number(r.expected_minor),
        paidOutMinor: Number(r.amount_minor) as number | null,
      })),
      ...notPaidOut.map((r: any) => ({
        kind: 'not_paid_out' as const,
        day: r.day as string,
        payoutId: null,
        lineId: null,
        bookingNumber: r.number as string,
        paymentId: r.id as string,
        currency: r.currency as string,
        expectedMinor: Number(r.amount_minor),
        paidOutMinor: null,
      })),
    ],
  };
}

/**
 * Margin per booking where a cost is known (on the booking, or its service's per person times the
 * party): what was paid on it (flagged money is not the booking's) less what went back, less the
 * cost. Bookings of the period by their date, or the day they were made when they have none.
 */
async function marginsView(db: Db, orgId: string, p: FinancePeriod, tz: string) {
  const { rows } = await db.raw<{ rows: any[] }>(
    `SELECT b.number, b.stage, coalesce(
         (SELECT p.currency FROM booking_payments p WHERE p.booking_id = b.id AND p.status = 'paid' LIMIT 1), s.currency, 'THB') AS currency,
       coalesce(b.cost_minor, s.cost_minor * greatest(1, coalesce(b.party_size, 1)))::bigint AS cost,
       (b.cost_minor IS NOT NULL) AS cost_on_booking,
       (SELECT coalesce(sum(p.amount_minor), 0) FROM booking_payments p WHERE p.booking_id = b.id AND p.status = 'paid')::bigint AS paid,
       (SELECT coalesce(sum(r.amount_minor), 0) FROM payment_refunds r JOIN booking_payments p ON p.id = r.payment_id
         WHERE p.booking_id = b.id AND p.status = 'paid' AND r.status = 'succeeded')::bigint AS refunded
     FROM bookings b LEFT JOIN services s ON s.id = b.service_id
     WHERE b.org_id = ? AND (b.cost_minor IS NOT NULL OR s.cost_minor IS NOT NULL)
       AND coalesce(b.requested_date, (b.created_at AT TIME ZONE ?)::date) BETWEEN ?::date AND ?::date
     ORDER BY b.number LIMIT 1000`,
    [orgId, tz, p.from, p.to],
  );
  return rows.map((r) => {
    const paid = Number(r.paid);
    const refunded = Number(r.refunded);
    const cost = Number(r.cost);
    return { bookingNumber: r.number as string, stage: r.stage as string, currency: r.currency as string, paidMinor: paid, refundedMinor: refunded, costMinor: cost, costFrom: r.cost_on_booking ? ('booking' as const) : ('service' as const), marginMinor: paid - refunded - cost };
  });
}
export type FinanceView = Awaited<ReturnType<typeof financeView>>;
