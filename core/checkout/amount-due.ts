import type { Knex } from 'knex';
import { paymentRuleOf, type PaymentRule } from '../contracts/org-settings.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * What a customer owes on a booking, in minor units (satang), never through a float:
 *
 * - an accepted quote: its total; else the quote the customer has open (sent, not expired): its
 *   total, and paying it is paying that version;
 * - else the booked service's price (services.price, decimal(12,2), read as text) times the
 *   party size (1 when not said): the services' prices are per person (docs/money.md);
 * - nothing to go on: no amount due.
 *
 * Paid is what the booking's paid payments brought in, less what was refunded of them, and what a
 * member paid for it from their wallet, or the whole of it when they paid with a credit
 * (`member_booking_payments`, core/members/booking-credits.ts), until that is given back. A member's
 * payment is not a `booking_payments` row: no money came in with it (the wallet's came in when it
 * was topped up), so the cash taken, payouts and reconciliation are not told of it twice.
 */
type Db = Knex | Knex.Transaction;

export interface AmountDue {
  currency: string;
  totalMinor: number;
  paidMinor: number;
  dueMinor: number;
  /** The quote version the total comes from, if any. */
  quoteId: string | null;
  basis: 'accepted_quote' | 'open_quote' | 'service_price';
}

/** "1500.5" / "1500.50" / "1500" (a numeric's text) in minor units, exactly. */
export function decimalToMinor(text: string): number {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw new Error(`not an amount with at most two decimals: ${text}`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export async function amountDue(db: Db, bookingId: string): Promise<AmountDue | null> {
  const b = await db('bookings as b')
    .leftJoin('services as s', 's.id', 'b.service_id')
    .where('b.id', bookingId)
    .first('b.party_size', db.raw('s.price::text AS price'), 's.currency');
  if (!b) return null;
  const quote = await db('booking_quotes as q')
    .join('bookings as b', 'b.id', 'q.booking_id')
    .join('orgs as o', 'o.id', 'q.org_id')
    .where('q.booking_id', bookingId)
    .andWhere((w) => w.where('q.status', 'accepted').orWhere((o) => o.where('q.status', 'sent').andWhereRaw(`q.valid_until >= (now() AT TIME ZONE o.time_zone)::date`)))
    .orderByRaw(`q.status = 'accepted' DESC, q.version DESC`)
    .first('q.id', 'q.status', 'q.currency', 'q.total_minor');
  let total: Omit<AmountDue, 'paidMinor' | 'dueMinor'>;
  if (quote) total = { currency: quote.currency, totalMinor: Number(quote.total_minor), quoteId: quote.id, basis: quote.status === 'accepted' ? 'accepted_quote' : 'open_quote' };
  else if (b.price !== null && b.price !== undefined) total = { currency: b.currency, totalMinor: decimalToMinor(b.price) * Math.max(1, b.party_size ?? 1), quoteId: null, basis: 'service_price' };
  else return null;
  const paid = await db('booking_payments')
    .where({ booking_id: bookingId, status: 'paid', currency: total.currency })
    .first(db.raw('coalesce(sum(amount_minor - refunded_minor), 0)::bigint AS net'));
  const member = await db('member_booking_payments').where({ booking_id: bookingId }).whereNull('returned_at').first('paid_with', 'amount_minor', 'currency');
  const byMember = !member ? 0 : member.paid_with === 'credits' ? total.totalMinor : member.currency === total.currency ? Number(member.amount_minor) : 0;
  const paidMinor = Number(paid?.net ?? 0) + byMember;
  return { ...total, paidMinor, dueMinor: Math.max(0, total.totalMinor - paidMinor) };
}

export type PaymentPart = 'deposit' | 'full' | 'balance';

/**
 * How much the next link asks for. Nothing paid yet: the org's rule (a deposit, or the whole
 * amount), or what the caller asked for; something paid: the balance.
 */
export function nextPayment(due: AmountDue, rule: PaymentRule, asked?: PaymentPart): { part: PaymentPart; amountMinor: number } {
  if (due.paidMinor > 0 || asked === 'balance') return { part: due.paidMinor > 0 ? 'balance' : 'full', amountMinor: due.dueMinor };
  const part = asked ?? (rule.kind === 'full' ? 'full' : 'deposit');
  if (part === 'full') return { part, amountMinor: due.dueMinor };
  const deposit = rule.kind === 'deposit_fixed' ? rule.amountMinor : rule.kind === 'deposit_percent' ? Math.round((due.totalMinor * rule.percent) / 100) : due.dueMinor;
  return { part: deposit >= due.dueMinor ? 'full' : 'deposit', amountMinor: Math.min(deposit, due.dueMinor) };
}

export async function paymentRule(db: Db, orgId: string): Promise<PaymentRule> {
  const org = await orgSettingsRow(db, orgId);
  return paymentRuleOf(org?.settings);
}
