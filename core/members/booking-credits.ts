import type { Knex } from 'knex';
import { amountDue } from '../checkout/amount-due.ts';
import type { RecordedBookingEvent } from '../bookings/booking-timeline.ts';
import { membershipOf } from '../contracts/org-settings.ts';
import { DomainError } from '../errors/index.ts';
import { lockedBalances, post } from '../ledger/ledger.ts';
import { CREDITS, earnPoints, pointsFor, postMemberMovement, walletOf, WALLET_CURRENCY } from './member-ledger.ts';
import { memberMoved } from './member-events.ts';
import { memberById, memberOfContact, type Member } from './members.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * A member's booking paid with a credit of a package, or from the wallet, in the booking's own
 * transaction (a subscriber of its `created` event, bin/system.ts): a refusal here rolls the
 * booking and its seats back, so nothing is half-booked. The one writer of `member_booking_payments`.
 *
 * Credits: one per seat, all from one package sold that covers the service, is open, and is
 * still valid when the session starts; of those, the one that runs out first. The packages'
 * credit accounts are locked before one is chosen, so two bookings racing for the last credit
 * take turns: the second reads 0 and is refused (409 `no_credit`); the ledger's CHECK refuses
 * it too, should anything skip the lock.
 *
 * Cancelled at least `cancelCreditHours` before the session (org setting): the credit or the
 * money comes back. Later, or a no-show: it stays spent. Declined or lost by staff: it comes back.
 */
type PayWith = 'credits' | 'wallet';

interface BookingToPay {
  id: string;
  org_id: string;
  contact_id: string;
  service_id: string | null;
  session_id: string | null;
  session_seats: number | null;
  number: string;
}

export const PAY_WITH = ['credits', 'wallet'] as const;

async function memberOf(trx: Knex.Transaction, b: BookingToPay): Promise<Member> {
  const m = await memberOfContact(trx, b.org_id, b.contact_id);
  if (!m) throw new DomainError('no_credit', 'The customer is not a member: only members pay with credits or the wallet', { reason: 'not_member' });
  return m;
}

async function startsAt(trx: Knex.Transaction, sessionId: string | null): Promise<Date | null> {
  if (!sessionId) return null;
  const s = await trx('service_sessions').where({ id: sessionId }).first('starts_at');
  return s ? new Date(s.starts_at) : null;
}

/** Pays the new booking as its `created` event asks (`data.payWith`); nothing when it asks nothing. */
export async function payNewBooking(trx: Knex.Transaction, e: RecordedBookingEvent): Promise<void> {
  if (e.type !== 'created') return;
  const payWith = e.data?.payWith as PayWith | undefined;
  if (payWith !== 'credits' && payWith !== 'wallet') return;
  const b: BookingToPay = await trx('bookings').where({ id: e.bookingId }).first('id', 'org_id', 'contact_id', 'service_id', 'session_id', 'session_seats', 'number', 'party_size');
  const member = await memberOf(trx, b);
  if (payWith === 'credits') await payWithCredit(trx, member, b);
  else await payFromWallet(trx, member, b);
}

/**
 * A class attended (or missed: a no-show consumes it too, issue #47) by a member whose booking was
 * not paid with a credit, the wallet or money: one credit of a package that covers the class is
 * marked used now, as a booking with credits would have spent it (a subscriber of the booking's
 * `attendance_recorded` event, bin/system.ts). Recorded twice, or attended then no-show: spent
 * once (the booking's one `member_booking_payments` row). No credit for it: nothing is taken, the
 * attendance stands, and staff settle it as for anyone else.
 */
export async function spendCreditOnAttendance(trx: Knex.Transaction, e: RecordedBookingEvent): Promise<void> {
  if (e.type !== 'attendance_recorded' || !['attended', 'no_show'].includes(e.data?.attendance as string)) return;
  if (await trx('member_booking_payments').where({ booking_id: e.bookingId }).first('booking_id')) return;
  const b: BookingToPay = await trx('bookings').where({ id: e.bookingId }).forUpdate().first('id', 'org_id', 'contact_id', 'service_id', 'session_id', 'session_seats', 'number');
  if (!b?.service_id) return;
  const member = await memberOfContact(trx, b.org_id, b.contact_id);
  if (!member) return;
  const paid = await trx('booking_payments').where({ booking_id: b.id, status: 'paid' }).first('id');
  if (paid) return;
  await payWithCredit(trx, member, b, { orNothing: true });
}

async function payWithCredit(trx: Knex.Transaction, member: Member, b: BookingToPay, o: { orNothing?: boolean } = {}): Promise<void> {
  if (!b.service_id) throw new DomainError('no_credit', 'A booking paid with credits names a service', { reason: 'no_service' });
  const seats = Math.max(1, b.session_seats ?? 1);
  const validAt = (await startsAt(trx, b.session_id)) ?? new Date();
  const open = await trx('member_package_sales').where({ org_id: member.orgId, member_id: member.id, status: 'active' }).select('id', 'service_ids', 'expires_at', 'currency').orderBy([{ column: 'expires_at' }, { column: 'sold_at' }, { column: 'id' }]);
  const covering = open.filter((s) => (s.service_ids as string[]).includes(b.service_id!));
  const valid = covering.filter((s) => new Date(s.expires_at) >= validAt);
  const left = await lockedBalances(trx, member.orgId, 'member_credits', CREDITS, valid.map((s) => s.id));
  const sale = valid.find((s) => (left.get(s.id) ?? 0) >= seats);
  if (!sale && o.orNothing) return;
  if (!sale) {
    const all = await lockedBalances(trx, member.orgId, 'member_credits', CREDITS, open.map((s) => s.id));
    const held = (ids: { id: string }[]) => ids.reduce((n, s) => n + (all.get(s.id) ?? 0), 0);
    const reason = held(valid) > 0 ? 'too_few' : held(covering) > 0 ? 'expired' : held(open) > 0 ? 'not_covered' : 'none_left';
    const why = {
      too_few: `No package holds ${seats} credits for this booking`,
      expired: 'The credits for this service run out before the session',
      not_covered: "The member's packages do not cover this service",
      none_left: 'No credit is left',
    }[reason];
    throw new DomainError('no_credit', why, { reason, creditsAsked: seats, creditsForService: held(valid) });
  }
  const before = left.get(sale.id)!;
  // The credit's share of what is unearned: what is left divided by the credits left; the last takes the rest.
  const unearned = (await lockedBalances(trx, member.orgId, 'packages_unearned', sale.currency, [sale.id])).get(sale.id) ?? 0;
  const earned = before === seats ? unearned : Math.floor((unearned * seats) / before);
  await postMemberMovement(
    trx,
    { orgId: member.orgId, currency: CREDITS, kind: 'credit_spent', sourceId: b.id, memo: b.number, lines: [{ account: 'member_credits', holder: sale.id, amountMinor: seats }, { account: 'credits_issued', amountMinor: -seats }] },
    async () => new DomainError('no_credit', 'No credit is left', { reason: 'none_left', creditsAsked: seats }),
  );
  if (earned > 0) {
    await post(trx, { orgId: member.orgId, currency: sale.currency, kind: 'credit_earned', sourceId: b.id, memo: b.number, lines: [{ account: 'packages_unearned', holder: sale.id, amountMinor: earned }, { account: 'revenue', amountMinor: -earned }] });
  }
  await trx('member_booking_payments').insert({ booking_id: b.id, org_id: member.orgId, member_id: member.id, paid_with: 'credits', sale_id: sale.id, credits: seats, amount_minor: earned, currency: sale.currency });
  await memberMoved(trx, { member, kind: 'debited', what: 'credits', amount: seats, unit: CREDITS, cause: 'booking', sourceId: b.id });
}

async function payFromWallet(trx: Knex.Transaction, member: Member, b: BookingToPay): Promise<void> {
  const due = await amountDue(trx, b.id);
  if (!due || due.totalMinor <= 0) throw new DomainError('conflict', 'The booking has no price to pay from the wallet', { reason: 'no_price' });
  if (due.currency !== WALLET_CURRENCY) throw new DomainError('conflict', `The wallet holds ${WALLET_CURRENCY}, the booking is in ${due.currency}`, { reason: 'currency' });
  const amount = due.totalMinor;
  await postMemberMovement(
    trx,
    { orgId: member.orgId, currency: WALLET_CURRENCY, kind: 'wallet_spent', sourceId: b.id, memo: b.number, lines: [{ account: 'member_wallet', holder: member.id, amountMinor: amount }, { account: 'revenue', amountMinor: -amount }] },
    async () => new DomainError('insufficient_balance', 'The wallet holds less than the booking costs', { reason: 'wallet', balanceMinor: await walletOf(trx, member.orgId, member.id), priceMinor: amount, currency: WALLET_CURRENCY }),
  );
  await trx('member_booking_payments').insert({ booking_id: b.id, org_id: member.orgId, member_id: member.id, paid_with: 'wallet', amount_minor: amount, currency: WALLET_CURRENCY });
  await memberMoved(trx, { member, kind: 'debited', what: 'wallet', amount, unit: WALLET_CURRENCY, cause: 'booking', sourceId: b.id });
  const org = await orgSettingsRow(trx, member.orgId);
  await earnPoints(trx, member, pointsFor(amount, membershipOf(org?.settings).pointsPerBaht), `booking:${b.id}`, b.number);
}

/**
 * A booking paid with a credit that moves to another session keeps its credit only if the credit
 * still pays for it there: the package covers the session's service and is still valid when the
 * session starts (the rule a booking with credits is paid by). Otherwise the move is refused
 * (409 `no_credit`, `details.reason` `expired` or `not_covered`, as a booking is refused), and,
 * this being a subscriber of the move's `session_changed` event in its transaction, nothing of it
 * is kept: the booking, both sessions' seats and the credits stay as they were. A credit given
 * back (cancelled in time) is not the booking's any more: nothing to check.
 */
export async function keepCreditOnMove(trx: Knex.Transaction, e: RecordedBookingEvent): Promise<void> {
  if (e.type !== 'session_changed') return;
  const paid = await trx('member_booking_payments as p')
    .join('member_package_sales as s', 's.id', 'p.sale_id')
    .where({ 'p.booking_id': e.bookingId, 'p.paid_with': 'credits' })
    .whereNull('p.returned_at')
    .first('s.id', 's.service_ids', 's.expires_at', 's.name_en');
  if (!paid) return;
  const b = await trx('bookings').where({ id: e.bookingId }).first('service_id', 'session_id', 'number');
  const start = await startsAt(trx, b.session_id);
  const details = { saleId: paid.id, package: paid.name_en, sessionId: b.session_id, startsAt: start?.toISOString() ?? null, expiresAt: new Date(paid.expires_at).toISOString() };
  if (!(paid.service_ids as string[]).includes(b.service_id)) {
    throw new DomainError('no_credit', `The package that paid for ${b.number} does not cover this session's service: ${b.number} stays where it is`, { reason: 'not_covered', ...details });
  }
  if (start && new Date(paid.expires_at) < start) {
    throw new DomainError('no_credit', `The credit that paid for ${b.number} runs out before this session: ${b.number} stays where it is`, { reason: 'expired', ...details });
  }
}

/** A booking that will not happen gives its credit or money back, by the org's rule (see the top). */
export async function returnOnCancel(trx: Knex.Transaction, e: RecordedBookingEvent): Promise<void> {
  if (e.type !== 'stage_changed' || !['cancelled', 'declined', 'lost'].includes(e.data?.to as string)) return;
  const paid = await trx('member_booking_payments').where({ booking_id: e.bookingId }).whereNull('returned_at').forUpdate().first();
  if (!paid) return;
  if (e.data?.to === 'cancelled') {
    const b = await trx('bookings').where({ id: e.bookingId }).first('session_id', 'org_id');
    const start = await startsAt(trx, b.session_id);
    const org = await orgSettingsRow(trx, paid.org_id);
    const hours = membershipOf(org?.settings).cancelCreditHours;
    if (start && start.getTime() - Date.now() < hours * 3_600_000) return;
  }
  const member = await memberById(trx, paid.org_id, paid.member_id);
  const amount = Number(paid.amount_minor);
  if (paid.paid_with === 'credits') {
    await post(trx, { orgId: paid.org_id, currency: CREDITS, kind: 'credit_returned', sourceId: e.bookingId, lines: [{ account: 'credits_issued', amountMinor: paid.credits }, { account: 'member_credits', holder: paid.sale_id, amountMinor: -paid.credits }] });
    if (amount > 0) await post(trx, { orgId: paid.org_id, currency: paid.currency, kind: 'credit_unearned', sourceId: e.bookingId, lines: [{ account: 'revenue', amountMinor: amount }, { account: 'packages_unearned', holder: paid.sale_id, amountMinor: -amount }] });
    await memberMoved(trx, { member, kind: 'credited', what: 'credits', amount: paid.credits, unit: CREDITS, cause: 'booking_returned', sourceId: e.bookingId });
  } else {
    await post(trx, { orgId: paid.org_id, currency: paid.currency, kind: 'wallet_returned', sourceId: e.bookingId, lines: [{ account: 'revenue', amountMinor: amount }, { account: 'member_wallet', holder: paid.member_id, amountMinor: -amount }] });
    await memberMoved(trx, { member, kind: 'credited', what: 'wallet', amount, unit: paid.currency, cause: 'booking_returned', sourceId: e.bookingId });
  }
  await trx('member_booking_payments').where({ booking_id: e.bookingId }).update({ returned_at: trx.fn.now() });
}

/** How a booking was paid by a member, for its page (null: not by a member). */
export async function memberPaymentOf(db: Knex | Knex.Transaction, bookingId: string) {
  const p = await db('member_booking_payments as p').leftJoin('member_package_sales as s', 's.id', 'p.sale_id').where('p.booking_id', bookingId).first('p.*', 's.name_th', 's.name_en');
  if (!p) return null;
  return { paidWith: p.paid_with as PayWith, credits: p.credits as number, amountMinor: Number(p.amount_minor), package: p.sale_id ? { saleId: p.sale_id, nameTh: p.name_th, nameEn: p.name_en } : null, returned: Boolean(p.returned_at) };
}
