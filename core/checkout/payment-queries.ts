import type { Knex } from 'knex';
import { iso } from '../time/iso.ts';

/** Customers' payments on bookings as staff, the accountant and integrations read them (amounts in minor units). */
type Db = Knex | Knex.Transaction;

export function paymentView(r: Record<string, any>) {
  return {
    id: r.id as string,
    bookingNumber: r.booking_number as string,
    part: r.part as 'deposit' | 'full' | 'balance',
    method: r.method as 'stripe' | 'transfer',
    /** card or promptpay once Stripe says how it was paid; transfer for a slip. */
    paidWith: (r.method_detail ?? (r.method === 'transfer' ? 'transfer' : null)) as string | null,
    status: r.status as 'pending' | 'paid' | 'flagged' | 'expired' | 'rejected',
    currency: r.currency as string,
    amountMinor: Number(r.amount_minor),
    refundedMinor: Number(r.refunded_minor),
    checkoutUrl: (r.status === 'pending' ? r.checkout_url : null) as string | null,
    flag: (r.flag ?? null) as string | null,
    flagDetail: (r.flag_detail ?? null) as Record<string, unknown> | null,
    quoteVersion: (r.quote_version ?? null) as number | null,
    paidAt: iso(r.paid_at),
    createdAt: iso(r.created_at as Date),
  };
}
export type PaymentView = ReturnType<typeof paymentView>;

const withBooking = (db: Db) =>
  db('booking_payments as p').join('bookings as b', 'b.id', 'p.booking_id').leftJoin('booking_quotes as q', 'q.id', 'p.quote_id').select('p.*', 'b.number as booking_number', 'q.version as quote_version');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function paymentById(db: Db, orgId: string, id: string): Promise<PaymentView | undefined> {
  if (!UUID.test(id)) return undefined;
  const r = await withBooking(db).where({ 'p.org_id': orgId, 'p.id': id }).first();
  return r ? paymentView(r) : undefined;
}

export interface PaymentFilter {
  bookingNumber?: string;
  status?: PaymentView['status'];
  limit: number;
  /** Created before this payment (the previous page's last). */
  before?: string;
}

/** The org's payments, newest first. */
export async function listPayments(db: Db, orgId: string, f: PaymentFilter): Promise<PaymentView[]> {
  const q = withBooking(db).where('p.org_id', orgId).orderBy([{ column: 'p.created_at', order: 'desc' }, { column: 'p.id', order: 'desc' }]).limit(f.limit);
  if (f.bookingNumber) q.andWhere('b.number', f.bookingNumber);
  if (f.status) q.andWhere('p.status', f.status);
  if (f.before && UUID.test(f.before)) {
    q.andWhereRaw('(p.created_at, p.id) < (SELECT created_at, id FROM booking_payments WHERE id = ? AND org_id = ?)', [f.before, orgId]);
  }
  return (await q).map(paymentView);
}

/**
 * The Stripe links still waiting to be paid, newest first per booking: what a customer's pages
 * show as their "Pay" button. By booking number, for one customer of an org.
 */
export async function payLinksOfCustomer(db: Db, who: { orgId: string; contactId: string }): Promise<Map<string, string>> {
  const rows = await db('booking_payments as p')
    .join('bookings as b', 'b.id', 'p.booking_id')
    .where({ 'p.org_id': who.orgId, 'b.contact_id': who.contactId, 'p.status': 'pending', 'p.method': 'stripe' })
    .orderBy('p.created_at', 'asc')
    .select('b.number', 'p.checkout_url');
  return new Map(rows.map((r) => [r.number as string, r.checkout_url as string]));
}

/** The Stripe link waiting to be paid for this quote version (by its token), if any. */
export async function payLinkOfQuote(db: Db, token: string): Promise<string | null> {
  const row = await db('booking_payments as p')
    .join('booking_quotes as q', 'q.id', 'p.quote_id')
    .where({ 'q.token': token, 'p.status': 'pending', 'p.method': 'stripe' })
    .orderBy('p.created_at', 'desc')
    .first('p.checkout_url');
  return row?.checkout_url ?? null;
}
