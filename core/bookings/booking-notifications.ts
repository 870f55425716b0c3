import type { Knex } from 'knex';
import { queueMessages } from '../conversations/outgoing.ts';
import type { Action } from '../messaging/outbound-message.ts';
import { formatMinorUnits, formatMoney } from '../templates/format-money.ts';
import type { TemplateVars } from '../templates/render-template.ts';
import type { Language } from '../vocabulary.ts';
import { addBookingEvent, bookingTemplateVars, customerChatOf, formatBookingDate, loadBooking, renderBookingText, type BookingActor, type BookingView } from './booking-desk.ts';
import type { BookingEventSubscriber, RecordedBookingEvent } from './booking-timeline.ts';

/**
 * How a customer hears about their booking: one subscriber of the booking timeline
 * (core/bookings/booking-timeline.ts), in the transaction of the event that caused the notice,
 * so whoever changed the booking (a LINE tap, the REST API, the LIFF desk, the customer's own
 * answer, a worker) tells the customer the same way, and a change rolled back says nothing.
 *
 * | event | notice (template) |
 * |---|---|
 * | `stage_changed` to confirmed | `booking_confirmed` |
 * | `stage_changed` to declined | `booking_declined` |
 * | `stage_changed` to cancelled, its session cancelled (session-commands.ts) | `booking_session_cancelled` |
 * | `stage_changed` back to new, the customer turning down a proposed time | `booking_proposal_declined` |
 * | `time_proposed` | `booking_proposed_time`, with the customer's answers as quick replies |
 * | `quote_sent` | `quote_sent`, with the quote's link |
 * | `quote_reminded` | `quote_reminder` |
 * | `reminder_due` | `booking_day_before` |
 * | `payment_link_created` | `payment_link`, with the link; `balance_reminder` when it is the balance reminder (`reminderFor`) |
 * | `balance_reminder_due` | `balance_reminder_transfer` (no Stripe: no link) |
 * | `payment_confirmed` | `payment_received`, with the receipt's link |
 * | `payment_refunded` | `payment_refunded` |
 *
 * Each notice leaves `notification_sent` (or `notification_undelivered`) on the timeline after
 * its cause, with the cause's actor: customerToldAfter() reads it back.
 */
export interface BookingNoticeDeps {
  /** The quick replies a customer answers a proposed time with (the dialogue's, bot/staff/booking-actions.ts). */
  proposalReplies: (trx: Knex.Transaction, b: BookingView) => Promise<Action[]>;
}

interface Notice {
  template: string;
  vars?: (b: BookingView) => TemplateVars;
  /** Kept on the notice's timeline event (the day-before reminder's date: it is sent once per date). */
  eventData?: Record<string, unknown>;
  proposal?: boolean;
}

/** The notice an event calls for, if any: decided from the event alone. */
export function noticeFor(e: RecordedBookingEvent): Notice | undefined {
  const d = e.data ?? {};
  switch (e.type) {
    case 'stage_changed':
      if (d.to === 'confirmed') return { template: 'booking_confirmed' };
      if (d.to === 'declined') return { template: 'booking_declined' };
      if (d.to === 'cancelled' && d.sessionCancelled) return { template: 'booking_session_cancelled' };
      if (d.to === 'new' && d.declinedProposal) return { template: 'booking_proposal_declined' };
      return undefined;
    case 'time_proposed':
      return { template: 'booking_proposed_time', proposal: true };
    case 'quote_sent':
      return { template: 'quote_sent', vars: quoteVars(e) };
    case 'quote_reminded':
      return { template: 'quote_reminder', vars: quoteVars(e) };
    case 'reminder_due':
      return { template: 'booking_day_before', eventData: { date: d.date } };
    case 'payment_link_created':
      return { template: d.reminderFor ? 'balance_reminder' : 'payment_link', vars: (b) => ({ ...moneyVars(d, b.contactLanguage), payment_url: e.context.paymentUrl ?? '' }) };
    case 'balance_reminder_due':
      return { template: 'balance_reminder_transfer', vars: (b) => moneyVars(d, b.contactLanguage) };
    case 'payment_confirmed':
      return { template: 'payment_received', vars: (b) => ({ ...moneyVars(d, b.contactLanguage), receipt_url: e.context.receiptUrl ?? '' }) };
    case 'payment_refunded':
      return { template: 'payment_refunded', vars: (b) => moneyVars(d, b.contactLanguage) };
    default:
      return undefined;
  }
}

export interface QuoteFigures {
  total: number;
  currency: string;
  /** YYYY-MM-DD. */
  validUntil: string;
}

/** A quote message's variables: its amount, link and last day, as the customer reads them. */
export function quoteNoticeVars(q: QuoteFigures, url: string, language: Language): TemplateVars {
  return { amount: formatMoney(q.total, q.currency, language), quote_url: url, valid_until: formatBookingDate(q.validUntil, language) };
}

/** A money event's amount as the customer reads it, from its minor units. */
function moneyVars(d: Record<string, unknown>, language: Language): TemplateVars {
  return { amount: formatMinorUnits(Number(d.amountMinor), String(d.currency), language) };
}

/** From a quote event: its figures in the data, its link in the context. */
function quoteVars(e: RecordedBookingEvent): (b: BookingView) => TemplateVars {
  return (b) => quoteNoticeVars(e.data as unknown as QuoteFigures, e.context.quoteUrl ?? '', b.contactLanguage);
}

export function bookingCustomerNotices(deps: BookingNoticeDeps): BookingEventSubscriber {
  return async (trx, e) => {
    const notice = noticeFor(e);
    if (!notice) return;
    const b = await loadBooking(trx, e.bookingId);
    if (!b) return;
    await tellBookingCustomer(trx, b, notice.template, {
      actor: e.actor,
      replyToEventId: e.context.replyToEventId,
      vars: notice.vars?.(b),
      eventData: notice.eventData,
      quickReplies: notice.proposal ? await deps.proposalReplies(trx, b) : undefined,
    });
  };
}

/**
 * Whether a notice would reach the customer now: there is text for it and a chat to send it on
 * (a cause that records the answer on its own event asks before the notice goes).
 */
export async function customerReachable(trx: Knex.Transaction, b: BookingView, template: string, vars?: TemplateVars): Promise<boolean> {
  return Boolean((await renderBookingText(trx, b, template, vars)) && (await customerChatOf(trx, b)));
}

/**
 * Tells the customer about their booking in their chat (customerChatOf), in their language, from
 * the org's templates. Nothing when there is no such template; a customer with no chat (a website
 * form's e-mail or phone only) gets it recorded on the timeline as `notification_undelivered`, so
 * staff see that the message must go by e-mail or phone; the website showed them the next step.
 */
async function tellBookingCustomer(
  trx: Knex.Transaction,
  b: BookingView,
  template: string,
  o: { quickReplies?: Action[]; replyToEventId?: number; actor: BookingActor; vars?: TemplateVars; eventData?: Record<string, unknown> },
): Promise<void> {
  const text = await renderBookingText(trx, b, template, o.vars);
  if (!text) return;
  const conversationId = await customerChatOf(trx, b);
  if (!conversationId) {
    await addBookingEvent(trx, b, 'notification_undelivered', o.actor, { template, reason: 'no_chat', ...o.eventData }, false);
    return;
  }
  await queueMessages(trx, {
    orgId: b.orgId,
    conversationId,
    // The template goes along, so an e-mail is sent in the template's e-mail form.
    messages: [{ kind: 'text', text, template: { key: template, vars: bookingTemplateVars(b, template, o.vars) }, ...(o.quickReplies?.length ? { quickReplies: o.quickReplies } : {}) }],
    senderType: 'system',
    bookingId: b.id,
    // A reply token belongs to the conversation the booking came from only.
    replyToEventId: conversationId === b.conversationId ? o.replyToEventId : undefined,
  });
  await addBookingEvent(trx, b, 'notification_sent', o.actor, { template, ...(conversationId === b.conversationId ? {} : { conversationId }), ...o.eventData }, false);
}
