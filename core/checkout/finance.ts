import type { Knex } from 'knex';
import { amountDue } from './amount-due.ts';

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
}

export async function financeView(db: Db, orgId: string, p: FinancePeriod) {
  const org = await db('orgs').where({ id: orgId }).first('time_zone');
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
  return {
    period: { ...p, timeZone: tz },
    cashIn: cashIn.map((r: any) => ({ day: r.day as string, method: r.method as string, currency: r.currency as string, flagged: r.status === 'flagged', payments: Number(r.payments), amountMinor: Number(r.amount) })),
    refunds: refunds.map((r: any) => ({ day: r.day as string, method: r.method as string, currency: r.currency as string, refunds: Number(r.refunds), amountMinor: Number(r.amount) })),
    outstanding,
  };
}
export type FinanceView = Awaited<ReturnType<typeof financeView>>;
