import type { Knex } from 'knex';
import { addToOutbox } from '../outbox/outbox.ts';
import { addBookingEvent, loadBooking, type BookingView } from './booking-desk.ts';
import { customerToldAfter, type BookingEventSubscriber } from './booking-timeline.ts';

/**
 * The customer's reminder the day before a confirmed booking, from the `booking_day_before`
 * template, at 10:00 where the business is. Scheduled when the booking is confirmed (a delayed job
 * through the outbox, in the confirmation's transaction: `remindDayBefore`, subscribed in bin/system.ts); when it runs, the booking is read again:
 * a booking no longer confirmed, moved to another date, or already reminded gets nothing.
 */
export const REMINDER_QUEUE = 'booking-reminders';
export const DAY_BEFORE_JOB = 'day-before';
const REMIND_AT_HOUR = 10;

/** The instant it is `hour`:00 on `date` (YYYY-MM-DD) in `timeZone`. */
export function localInstant(date: string, hour: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d, hour, 0, 0);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(guess))
      .map((p) => [p.type, p.value]),
  );
  const asLocal = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return new Date(guess - (asLocal - guess));
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Schedules the day-before reminder of a confirmed booking with a date still ahead. */
export async function scheduleDayBeforeReminder(trx: Knex.Transaction, b: BookingView, now: Date = new Date()): Promise<Date | null> {
  // Scheduled whether or not the customer has a chat yet: they may write before the day comes.
  if (b.stage !== 'confirmed' || !b.requestedDate) return null;
  const at = localInstant(dayBefore(b.requestedDate), REMIND_AT_HOUR, b.timeZone);
  if (at.getTime() <= now.getTime()) return null;
  await addToOutbox(trx, { orgId: b.orgId, queue: REMINDER_QUEUE, jobName: DAY_BEFORE_JOB, payload: { bookingId: b.id, date: b.requestedDate }, availableAt: at });
  return at;
}

/** A booking confirmed, however (a tap, the desk, the API, the customer accepting a time or a quote): its reminder is scheduled, in the confirmation's transaction. */
export const remindDayBefore: BookingEventSubscriber = async (trx, e) => {
  if (e.type !== 'stage_changed' || e.data?.to !== 'confirmed') return;
  const b = await loadBooking(trx, e.bookingId);
  if (b) await scheduleDayBeforeReminder(trx, b);
};

/** Sends the reminder if the booking is still confirmed for that date and nobody was reminded of it. */
export async function sendDayBeforeReminder(trx: Knex.Transaction, job: { bookingId: string; date: string }): Promise<boolean> {
  await trx('bookings').select('id').where({ id: job.bookingId }).forUpdate().first();
  const b = await loadBooking(trx, job.bookingId);
  if (!b || b.stage !== 'confirmed' || b.requestedDate !== job.date) return false;
  const sent = await trx('booking_events')
    .where({ booking_id: b.id })
    // Reminders recorded before `reminder_due` existed have only their notice.
    .where((q) => q.where({ type: 'reminder_due' }).orWhere((n) => n.whereIn('type', ['notification_sent', 'notification_undelivered']).whereRaw(`data->>'template' = 'booking_day_before'`)))
    .whereRaw(`data->>'date' = ?`, [job.date])
    .first('id');
  if (sent) return false;
  // The customer hears it from the timeline (core/bookings/booking-notifications.ts).
  const due = await addBookingEvent(trx, b, 'reminder_due', { type: 'system', id: null }, { date: job.date }, false);
  return customerToldAfter(trx, due);
}
