import type { Knex } from 'knex';
import { Subscribers } from '../subscribers.ts';
import type { ActorType } from '../vocabulary.ts';
import { redactPersonalData, withTimelineRedaction } from '../contacts/personal-data.ts';

/**
 * The booking timeline: the one place that writes `booking_events` (append-only, like the case
 * timeline in core/cases/case-timeline.ts). Modules that react to bookings (the staff desk's
 * sales cards, later analytics) subscribe in the composition root and run inside the transaction
 * that records the event.
 */
export const BOOKING_EVENT_TYPES = [
  'created', 'stage_changed', 'assignee_changed', 'time_proposed', 'notification_sent', 'notification_undelivered', 'note', 'contact_matched', 'follow_up_warning', 'follow_up_missed', 'staff_alerted',
  'quote_created', 'quote_sent', 'quote_viewed', 'quote_accepted', 'quote_declined', 'quote_reminded', 'reminder_due',
  'attendance_recorded', 'session_changed', 'slot_unavailable',
  'payment_link_created', 'payment_confirmed', 'payment_flagged', 'payment_refunded', 'slip_received', 'slip_rejected',
  'balance_reminder_due',
] as const;
/**
 * `note`: a note, a task or a call log by staff (`data.kind`); `notification_undelivered`: a
 * message for the customer had no chat to go to (`data.template`, `data.reason`); `contact_matched`: a website form found
 * its customer among the contacts; `follow_up_warning`/`follow_up_missed`: a follow-up clock
 * (`data.clock`: first_contact, quote) is about to run out / ran out; `staff_alerted`: the staff
 * desk told someone of an event (`data.bookingEventId`), once; `reminder_due`: the day before a
 * confirmed booking came (`data.date`), the customer's reminder is due (core/bookings/booking-reminders.ts);
 * `attendance_recorded`: the desk marked the customer come or not (`data.attendance`: attended, no_show);
 * `session_changed`: the booking moved to another session (`data.from`, `data.to`, `data.overbooked`
 * with the manager's reason when it went past the capacity) (core/bookings/session-desk.ts);
 * `slot_unavailable`: a website form for a slot that filled up before it was booked (`data.why`):
 * booked without the slot, for staff to propose another time (core/bookings/service-slots.ts).
 * Money (core/checkout/, docs/money.md), each with `data.paymentId`, `amountMinor`, `currency`:
 * `payment_link_created` (`part`); `payment_confirmed` (`method`: card, promptpay or transfer: a
 * receipt is due); `payment_flagged`: money arrived and was not applied (`flag`: amount_mismatch,
 * quote_superseded, quote_expired), for staff; `payment_refunded` (`refundId`); `slip_received` /
 * `slip_rejected`: a bank-transfer slip awaiting staff, or turned down; `balance_reminder_due`: the
 * balance reminder with no payment link (no Stripe), `data.date` (core/checkout/balance-reminders.ts;
 * with Stripe it is `payment_link_created` with `reminderFor`).
 */
export type BookingEventType = (typeof BOOKING_EVENT_TYPES)[number];

export interface BookingEventInput {
  orgId: string;
  bookingId: string;
  type: BookingEventType;
  actor: { type: ActorType; id: string | null };
  isPublic: boolean;
  data?: Record<string, unknown>;
}

/** What the event's cause knows and the timeline does not keep: for its subscribers only. */
export interface BookingEventContext {
  /** The inbound event a customer-facing answer may reply to (LINE reply token). */
  replyToEventId?: number;
  /** The quote's link for the customer: it holds the quote's token, which the timeline never shows. */
  quoteUrl?: string;
  /** A payment link (Stripe Checkout) for the customer. */
  paymentUrl?: string;
  /** A confirmed payment's receipt, for the customer: set by the receipts subscriber (core/checkout/receipts.ts). */
  receiptUrl?: string;
}

export interface RecordedBookingEvent extends BookingEventInput {
  id: string;
  context: BookingEventContext;
}

export type BookingEventSubscriber = (trx: Knex.Transaction, event: RecordedBookingEvent) => Promise<void>;

const subscribers = new Subscribers<RecordedBookingEvent>();

/** Adds a reaction to booking events, by name. */
export function subscribeToBookingEvents(name: string, subscriber: BookingEventSubscriber): void {
  subscribers.subscribe(name, subscriber);
}

export async function recordBookingEvent(trx: Knex.Transaction, e: BookingEventInput, context: BookingEventContext = {}): Promise<RecordedBookingEvent> {
  const [row] = await trx('booking_events')
    .insert({
      org_id: e.orgId,
      booking_id: e.bookingId,
      type: e.type,
      actor_type: e.actor.type,
      actor_id: e.actor.id,
      is_public: e.isPublic,
      data: JSON.stringify(e.data ?? {}),
    })
    .returning('id');
  const event = { ...e, id: String(row.id), context };
  await subscribers.publish(trx, event);
  return event;
}

/**
 * A follow-up warning or miss, recorded at most once per booking, clock and due time (a unique
 * index decides when workers race); null when it was already recorded.
 */
export async function recordFollowUpEventOnce(
  trx: Knex.Transaction,
  e: { orgId: string; bookingId: string; type: 'follow_up_warning' | 'follow_up_missed'; data: { clock: string; dueAt: string } & Record<string, unknown> },
): Promise<RecordedBookingEvent | null> {
  const { rows } = await trx.raw<{ rows: { id: string }[] }>(
    `INSERT INTO booking_events (org_id, booking_id, type, actor_type, data, is_public)
     VALUES (?, ?, ?, 'system', ?::jsonb, false)
     ON CONFLICT (booking_id, type, (data->>'clock'), (data->>'dueAt')) WHERE type IN ('follow_up_warning', 'follow_up_missed') DO NOTHING
     RETURNING id`,
    [e.orgId, e.bookingId, e.type, JSON.stringify(e.data)],
  );
  if (rows.length === 0) return null;
  const event: RecordedBookingEvent = { ...e, actor: { type: 'system', id: null }, isPublic: false, id: String(rows[0].id), context: {} };
  await subscribers.publish(trx, event);
  return event;
}

/**
 * Whether the customer was told in answer to this event: a notice on the booking's timeline after
 * it (the customer notices, core/bookings/booking-notifications.ts, run in the event's transaction).
 */
export async function customerToldAfter(trx: Knex.Transaction, e: Pick<RecordedBookingEvent, 'bookingId' | 'id'>): Promise<boolean> {
  const told = await trx('booking_events').where({ booking_id: e.bookingId, type: 'notification_sent' }).andWhere('id', '>', e.id).first('id');
  return Boolean(told);
}

/**
 * PDPA erasure: the events of these bookings keep their type, actor, time and figures, and lose
 * the free text (notes, reasons, names) through the timeline's one allowed rewrite (migration
 * 20261122003400). Returns how many events were redacted.
 */
export async function redactBookingEvents(trx: Knex.Transaction, bookingIds: string[]): Promise<number> {
  if (!bookingIds.length) return 0;
  const rows = await trx('booking_events').select('id', 'data').whereIn('booking_id', bookingIds);
  return withTimelineRedaction(trx, async () => {
    for (const r of rows) await trx('booking_events').where({ id: r.id }).update({ data: JSON.stringify(redactPersonalData(r.data ?? {})) });
    return rows.length;
  });
}
