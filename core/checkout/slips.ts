import type { Knex } from 'knex';
import { addBookingEvent, type BookingActor } from '../bookings/booking-desk.ts';
import { DomainError, notFound } from '../errors/index.ts';
import { amountDue, nextPayment, paymentRule } from './amount-due.ts';
import { confirmPayment, lockPayment } from './payment-outcomes.ts';

/**
 * Bank-transfer slips (docs/money.md): in Thailand many customers pay by transfer and send the
 * slip's picture in the chat. An image from a customer with an open booking that still owes money
 * lands on that booking as a transfer payment awaiting staff (`slip_received` on its timeline);
 * staff confirm it (paid, posted to the bank account, the customer told, a receipt due) or reject
 * it with a reason. Confirming twice is refused: the second finds it paid.
 */
type Db = Knex | Knex.Transaction;

/** The customer's latest open booking that still owes money, if any. */
export async function bookingAwaitingPayment(db: Db, contactId: string): Promise<{ id: string; number: string } | undefined> {
  const open = await db('bookings').where({ contact_id: contactId }).whereNotIn('stage', ['declined', 'cancelled', 'lost', 'completed']).orderBy('created_at', 'desc').limit(5).select('id', 'number');
  for (const b of open) {
    const due = await amountDue(db, b.id);
    if (due && due.dueMinor > 0) return b;
  }
  return undefined;
}

/** Records the customer's slip on the booking, once per message; the payment's id. */
export async function receiveSlip(trx: Knex.Transaction, s: { orgId: string; bookingId: string; messageId: string; contactId: string }): Promise<string | undefined> {
  const seen = await trx('booking_payments').where({ booking_id: s.bookingId, slip_message_id: s.messageId }).first('id');
  if (seen) return seen.id;
  const due = await amountDue(trx, s.bookingId);
  if (!due || due.dueMinor <= 0) return undefined;
  const next = nextPayment(due, await paymentRule(trx, s.orgId));
  const actor: BookingActor = { type: 'customer', id: s.contactId };
  const [row] = await trx('booking_payments')
    .insert({ org_id: s.orgId, booking_id: s.bookingId, quote_id: due.quoteId, part: next.part, method: 'transfer', currency: due.currency, amount_minor: next.amountMinor, slip_message_id: s.messageId, created_by_type: actor.type, created_by_id: actor.id })
    .returning('id');
  await addBookingEvent(trx, { orgId: s.orgId, id: s.bookingId }, 'slip_received', actor, { paymentId: row.id, amountMinor: next.amountMinor, currency: due.currency, messageId: s.messageId }, false);
  return row.id;
}

async function lockSlip(trx: Knex.Transaction, orgId: string, paymentId: string) {
  const p = await lockPayment(trx, paymentId);
  if (!p || p.org_id !== orgId || p.method !== 'transfer') throw notFound('Transfer slip', { id: paymentId });
  if (p.status !== 'pending') {
    throw new DomainError('conflict', `This slip was ${p.status === 'paid' ? 'confirmed' : p.status} already`, { id: p.id, status: p.status });
  }
  return p;
}

/** Staff saw the money arrive: the slip's payment is paid (for `amountMinor` when the slip says another amount). */
export async function confirmSlip(knex: Knex, c: { orgId: string; paymentId: string; amountMinor?: number; actor: BookingActor }) {
  return knex.transaction(async (trx) => {
    const p = await lockSlip(trx, c.orgId, c.paymentId);
    const amountMinor = c.amountMinor ?? Number(p.amount_minor);
    if (amountMinor !== Number(p.amount_minor)) await trx('booking_payments').where({ id: p.id }).update({ amount_minor: amountMinor });
    return confirmPayment(trx, p.id, { amountMinor, currency: p.currency, method: 'transfer' }, c.actor);
  });
}

/** The slip is not a payment (another picture, money not arrived): rejected, with why. */
export async function rejectSlip(knex: Knex, c: { orgId: string; paymentId: string; reason: string; actor: BookingActor }) {
  return knex.transaction(async (trx) => {
    const p = await lockSlip(trx, c.orgId, c.paymentId);
    await trx('booking_payments').where({ id: p.id }).update({ status: 'rejected', flag_detail: JSON.stringify({ reason: c.reason }), decided_by_type: c.actor.type, decided_by_id: c.actor.id });
    await addBookingEvent(trx, { orgId: c.orgId, id: p.booking_id }, 'slip_rejected', c.actor, { paymentId: p.id, amountMinor: Number(p.amount_minor), currency: p.currency, reason: c.reason }, false);
  });
}
