import type { Knex } from 'knex';
import { addBookingEvent, loadBooking, type BookingView } from '../bookings/booking-desk.ts';
import { localInstant } from '../bookings/booking-reminders.ts';
import { customerToldAfter, type BookingEventSubscriber } from '../bookings/booking-timeline.ts';
import { stageFlags } from '../bookings/booking-stage.ts';
import { balanceReminderDaysOf } from '../contracts/org-settings.ts';
import { DomainError } from '../errors/index.ts';
import { addToOutbox } from '../outbox/outbox.ts';
import { amountDue } from './amount-due.ts';
import { createPaymentLink } from './payment-links.ts';
import type { StripeClient } from './stripe-client.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * The reminder before a balance falls due (docs/money.md): a customer who paid a deposit and still
 * owes the rest hears it once, `balanceReminderDays` (3 unless the org sets it) before the
 * booking's date, at 10:00 where the business is. Scheduled when a payment is confirmed and leaves
 * a balance (a delayed job through the outbox, in the payment's transaction, as the day-before
 * reminder is); a booking sooner than that gets none. When the job runs the booking is read again:
 * closed, moved to another date, paid in full meanwhile, or reminded already: nothing is sent. A
 * booking moved to a new date is scheduled again for that date.
 *
 * With Stripe set up the reminder carries a fresh link for the balance: it is the link's own
 * message (`payment_link_created` with `reminderFor`, template `balance_reminder`), so the customer
 * gets one message, and the older pending links are closed as any newer link closes them. Without
 * Stripe: `balance_reminder_due` on the timeline, template `balance_reminder_transfer`.
 */
export const BALANCE_REMINDER_QUEUE = 'balance-reminders';
export const BALANCE_DUE_JOB = 'balance-due';
const REMIND_AT_HOUR = 10;

export interface BalanceReminderJob {
  bookingId: string;
  /** The booking's date the reminder was scheduled for (YYYY-MM-DD). */
  date: string;
}

function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** What is left to pay, if a deposit was paid and a balance is owed on an open booking with a date. */
async function balanceOwed(db: Knex | Knex.Transaction, b: BookingView | undefined) {
  if (!b || !b.requestedDate || !stageFlags(b.stage).isOpen) return null;
  const due = await amountDue(db, b.id);
  return due && due.paidMinor > 0 && due.dueMinor > 0 ? due : null;
}

/** Schedules the balance reminder of a booking that owes a balance after a payment; null when none is due (no date, too soon, nothing owed). */
export async function scheduleBalanceReminder(trx: Knex.Transaction, bookingId: string, now: Date = new Date()): Promise<Date | null> {
  const b = await loadBooking(trx, bookingId);
  if (!b || !(await balanceOwed(trx, b))) return null;
  const org = await orgSettingsRow(trx, b.orgId);
  const at = localInstant(daysBefore(b.requestedDate!, balanceReminderDaysOf(org?.settings)), REMIND_AT_HOUR, b.timeZone);
  if (at.getTime() <= now.getTime()) return null;
  const job: BalanceReminderJob = { bookingId: b.id, date: b.requestedDate! };
  // Two payments before the date (two slips) schedule it once.
  const waiting = await trx('outbox')
    .where({ queue: BALANCE_REMINDER_QUEUE, job_name: BALANCE_DUE_JOB })
    .whereIn('status', ['pending', 'enqueued'])
    .whereRaw(`payload->>'bookingId' = ? AND payload->>'date' = ?`, [job.bookingId, job.date])
    .first('id');
  if (waiting) return at;
  await addToOutbox(trx, { orgId: b.orgId, queue: BALANCE_REMINDER_QUEUE, jobName: BALANCE_DUE_JOB, payload: { ...job }, availableAt: at });
  return at;
}

/**
 * A payment confirmed (Stripe or a slip) that leaves a balance: its reminder is scheduled. A
 * booking moved to another date (another session, or a proposed time agreed) gets a reminder for
 * its new date, in the move's transaction; the old date's job finds the booking moved and sends
 * nothing.
 */
export const remindBalanceDue: BookingEventSubscriber = async (trx, e) => {
  const moved = e.type === 'session_changed' || (e.type === 'stage_changed' && e.data?.to === 'confirmed');
  if (e.type !== 'payment_confirmed' && !moved) return;
  await scheduleBalanceReminder(trx, e.bookingId);
};

/** Whether this booking's customer was reminded of its balance for that date already. */
async function remindedAlready(db: Knex | Knex.Transaction, bookingId: string, date: string): Promise<boolean> {
  const row = await db('booking_events')
    .where({ booking_id: bookingId })
    .where((q) => q.where((l) => l.where({ type: 'payment_link_created' }).whereRaw(`data->>'reminderFor' = ?`, [date])).orWhere((r) => r.where({ type: 'balance_reminder_due' }).whereRaw(`data->>'date' = ?`, [date])))
    .first('id');
  return Boolean(row);
}

/** Still due: the booking still on that date, still open, still owing a balance, not reminded yet. */
async function stillDue(db: Knex | Knex.Transaction, job: BalanceReminderJob) {
  const b = await loadBooking(db, job.bookingId);
  if (!b || b.requestedDate !== job.date) return null;
  const due = await balanceOwed(db, b);
  if (!due || (await remindedAlready(db, b.id, job.date))) return null;
  return { b, due };
}

/**
 * The job: reminds the customer if the balance is still due; true when they were told. Stripe
 * unreachable for the fresh link throws, so the job is tried again later (nothing was written).
 */
export async function sendBalanceReminder(knex: Knex, stripe: StripeClient | undefined, job: BalanceReminderJob, o: { baseUrl: string }): Promise<boolean> {
  const found = await stillDue(knex, job);
  if (!found) return false;
  if (stripe) {
    try {
      const link = await createPaymentLink(knex, stripe, { orgId: found.b.orgId, number: found.b.number, part: 'balance', actor: { type: 'system', id: null }, baseUrl: o.baseUrl, reminderFor: job.date });
      return link.customerTold;
    } catch (err) {
      // Closed or paid between the check and the link (the link's own checks): nothing to remind of.
      if (err instanceof DomainError && err.code === 'conflict') return false;
      throw err;
    }
  }
  return knex.transaction(async (trx) => {
    await trx('bookings').where({ id: job.bookingId }).forUpdate().first('id');
    const again = await stillDue(trx, job);
    if (!again) return false;
    const event = await addBookingEvent(trx, again.b, 'balance_reminder_due', { type: 'system', id: null }, { date: job.date, amountMinor: again.due.dueMinor, currency: again.due.currency }, false);
    return customerToldAfter(trx, event);
  });
}
