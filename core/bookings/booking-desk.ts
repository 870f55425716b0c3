import type { Knex } from 'knex';
import type { ActorType, Language } from '../vocabulary.ts';
import { renderTemplate, type TemplateVars } from '../templates/render-template.ts';
import { stageFlags, canTransitionBooking, type BookingStage } from './booking-stage.ts';
import { notFound } from '../errors/index.ts';
import { recordBookingEvent, type BookingEventContext, type BookingEventType, type RecordedBookingEvent } from './booking-timeline.ts';
import { ERASED, redactPersonalData } from '../contacts/personal-data.ts';
import { redactBookingEvents } from './booking-timeline.ts';
import { eraseIntakeAnswers } from './intake-ledger.ts';
import { releaseSeats } from './service-sessions.ts';
import { releaseSlot } from './service-slots.ts';
import { emailConversationFor } from '../conversations/email-conversations.ts';
import { smsConversationFor } from '../conversations/address-threads.ts';
import { chatNotOptedOut } from '../contacts/channel-opt-outs.ts';

/**
 * Decisions on a booking request, by staff (take, confirm, propose another time, decline) or by
 * the customer answering a proposal. Each change names the version it read (optimistic
 * concurrency: a change made meanwhile wins, and the loser is told what the booking is now),
 * moves the stage only along the edges of booking-stage.ts, and leaves a booking event.
 *
 * Once a booking is confirmed, `requested_date`/`requested_time` hold the agreed time (a proposal
 * the customer accepted replaces them; the timeline keeps what was asked first).
 */
type Db = Knex | Knex.Transaction;

export interface BookingView {
  id: string;
  orgId: string;
  number: string;
  stage: BookingStage;
  version: number;
  assigneeStaffId: string | null;
  assigneeName: string | null;
  serviceKey: string | null;
  serviceName: { th: string; en: string } | null;
  requestedDate: string | null;
  requestedTime: string | null;
  proposedDate: string | null;
  proposedTime: string | null;
  partySize: number | null;
  details: Record<string, unknown>;
  declineReason: string | null;
  lostReason: string | null;
  conversationId: string | null;
  contactId: string;
  contactName: string | null;
  contactLanguage: Language;
  timeZone: string;
}

export interface BookingActor {
  type: ActorType;
  id: string | null;
}

/** A booking's id by its number; not found when it is not this org's. */
export async function bookingIdByNumber(db: Db, orgId: string, number: string): Promise<string> {
  const row = await db('bookings').select('id').where({ org_id: orgId, number }).first();
  if (!row) throw notFound('Booking', { number });
  return row.id;
}

/** The booking as staff and customers see it; undefined when it is not this org's. */
export async function loadBooking(db: Db, bookingId: string, orgId?: string): Promise<BookingView | undefined> {
  const q = db('bookings as b')
    .join('orgs as o', 'o.id', 'b.org_id')
    .join('contacts as c', 'c.id', 'b.contact_id')
    .leftJoin('services as s', 's.id', 'b.service_id')
    .leftJoin('staff as st', 'st.id', 'b.assignee_staff_id')
    .select(
      'b.*',
      'o.time_zone',
      'c.display_name as contact_name',
      'c.language as contact_language',
      's.key as service_key',
      's.name_th',
      's.name_en',
      'st.display_name as assignee_name',
    )
    .where('b.id', bookingId);
  if (orgId) q.andWhere('b.org_id', orgId);
  const r = await q.first();
  if (!r) return undefined;
  const hhmm = (t: string | null) => (t ? String(t).slice(0, 5) : null);
  return {
    id: r.id,
    orgId: r.org_id,
    number: r.number,
    stage: r.stage,
    version: r.version,
    assigneeStaffId: r.assignee_staff_id,
    assigneeName: r.assignee_name ?? null,
    serviceKey: r.service_key ?? null,
    serviceName: r.service_key ? { th: r.name_th, en: r.name_en } : null,
    requestedDate: r.requested_date,
    requestedTime: hhmm(r.requested_time),
    proposedDate: r.proposed_date,
    proposedTime: hhmm(r.proposed_time),
    partySize: r.party_size,
    details: r.details ?? {},
    declineReason: r.decline_reason,
    lostReason: r.lost_reason ?? null,
    conversationId: r.conversation_id,
    contactId: r.contact_id,
    contactName: r.contact_name,
    contactLanguage: r.contact_language === 'en' ? 'en' : 'th',
    timeZone: r.time_zone,
  };
}

/**
 * `stage`: the booking's stage does not allow it; `stale`: someone changed it meanwhile. A move
 * names its `stage_changed` event: whether the customer was told of it is on the timeline after it.
 */
export type DeskResult = { ok: true; booking: BookingView; event?: RecordedBookingEvent } | { ok: false; reason: 'stage' | 'stale'; booking: BookingView };

/** A staff member takes the booking (or, a manager, takes it over). */
export async function takeBooking(trx: Knex.Transaction, b: BookingView, staffId: string): Promise<DeskResult> {
  if (!stageFlags(b.stage).isOpen) return { ok: false, reason: 'stage', booking: b };
  const changed = await trx('bookings')
    .where({ id: b.id, version: b.version })
    .update({ assignee_staff_id: staffId, version: b.version + 1, first_responded_at: trx.raw('coalesce(first_responded_at, now())') });
  if (!changed) return { ok: false, reason: 'stale', booking: (await loadBooking(trx, b.id))! };
  await addBookingEvent(trx, b, 'assignee_changed', { type: 'staff', id: staffId }, { from: b.assigneeStaffId, to: staffId }, false);
  return { ok: true, booking: (await loadBooking(trx, b.id))! };
}

/** Confirms the requested time, or (from `proposed`) the time proposed. */
/** `edgeChecked`: the caller checked the move against the org's pipeline (booking-stage-settings.ts). */
export function confirmBooking(trx: Knex.Transaction, b: BookingView, actor: BookingActor, edgeChecked = false, context: BookingEventContext = {}): Promise<DeskResult> {
  const agreed = b.stage === 'proposed' && b.proposedDate ? { requested_date: b.proposedDate, requested_time: b.proposedTime ?? b.requestedTime } : {};
  // The customer hears from us again the day before: booking-reminders.ts schedules it from the timeline.
  return moveBooking(trx, b, 'confirmed', actor, { ...agreed, proposed_date: null, proposed_time: null, confirmed_at: trx.fn.now() }, {}, edgeChecked, context);
}

export async function proposeTime(trx: Knex.Transaction, b: BookingView, actor: BookingActor, at: { date: string; time: string }): Promise<DeskResult> {
  const moved = await moveBooking(trx, b, 'proposed', actor, { proposed_date: at.date, proposed_time: at.time }, { proposed: at });
  if (moved.ok) await addBookingEvent(trx, b, 'time_proposed', actor, { date: at.date, time: at.time }, true);
  return moved;
}

export function declineBooking(trx: Knex.Transaction, b: BookingView, actor: BookingActor, reason: string): Promise<DeskResult> {
  return moveBooking(trx, b, 'declined', actor, { decline_reason: reason }, { reason });
}

/** The customer turns down a proposed time: the request goes back to staff (`new`) to look again. */
export function reopenForAnotherTime(trx: Knex.Transaction, b: BookingView, actor: BookingActor, context: BookingEventContext = {}): Promise<DeskResult> {
  return moveBooking(trx, b, 'new', actor, { proposed_date: null, proposed_time: null }, { declinedProposal: { date: b.proposedDate, time: b.proposedTime } }, false, context);
}

export async function moveBooking(
  trx: Knex.Transaction,
  b: BookingView,
  to: BookingStage,
  actor: BookingActor,
  set: Record<string, unknown>,
  data: Record<string, unknown> = {},
  /** The caller checked the move against the org's pipeline (booking-stage-settings.ts). */
  edgeChecked = false,
  context: BookingEventContext = {},
): Promise<DeskResult> {
  if (!edgeChecked && !canTransitionBooking(b.stage, to)) return { ok: false, reason: 'stage', booking: b };
  const staffDecides = actor.type === 'staff' && actor.id;
  const changed = await trx('bookings')
    .where({ id: b.id, version: b.version })
    .update({
      ...set,
      stage: to,
      version: b.version + 1,
      // Deciding on an unassigned request makes it yours, and is the first response.
      ...(staffDecides ? { assignee_staff_id: b.assigneeStaffId ?? actor.id, first_responded_at: trx.raw('coalesce(first_responded_at, now())') } : {}),
    });
  if (!changed) return { ok: false, reason: 'stale', booking: (await loadBooking(trx, b.id))! };
  if (!stageFlags(to).isOpen && to !== 'completed') await giveSeatsBack(trx, b.id);
  const event = await addBookingEvent(trx, b, 'stage_changed', actor, { from: b.stage, to, ...data }, true, context);
  return { ok: true, booking: (await loadBooking(trx, b.id))!, event };
}

/**
 * A booking that will not happen (cancelled, declined, lost) gives its session's seats back. The
 * booking's row is locked by the move that called this, so its seats are read and zeroed once.
 */
async function giveSeatsBack(trx: Knex.Transaction, bookingId: string): Promise<void> {
  const held = await trx('bookings').select('session_id', 'session_seats', 'service_id', 'slot_starts_at', 'slot_ends_at', 'slot_units').where({ id: bookingId }).first();
  if (held?.slot_units) {
    // A slot of a service booked in slots (service-slots.ts) goes back the same way.
    await trx('bookings').where({ id: bookingId }).update({ slot_units: 0 });
    await releaseSlot(trx, { serviceId: held.service_id, startsAt: held.slot_starts_at, endsAt: held.slot_ends_at, units: held.slot_units });
  }
  if (!held?.session_id || !held.session_seats) return;
  await trx('bookings').where({ id: bookingId }).update({ session_seats: 0 });
  await releaseSeats(trx, held.session_id, held.session_seats);
}

export function addBookingEvent(
  trx: Knex.Transaction,
  b: Pick<BookingView, 'orgId' | 'id'>,
  type: BookingEventType,
  actor: BookingActor,
  data: Record<string, unknown>,
  isPublic: boolean,
  context: BookingEventContext = {},
) {
  return recordBookingEvent(trx, { orgId: b.orgId, bookingId: b.id, type, actor, isPublic, data }, context);
}

/** "Sat 17 Jan 2026" / "ส. 17 ม.ค. 2569": a booking's calendar date, as people read it. */
export function formatBookingDate(date: string | null, language: Language): string {
  if (!date) return '';
  return new Intl.DateTimeFormat(language === 'th' ? 'th-TH' : 'en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** A template about this booking in the customer's language, with the booking's variables (and `vars`). */
export function renderBookingText(db: Db, b: BookingView, template: string, vars: TemplateVars = {}): Promise<string | undefined> {
  return renderTemplate(db, b.orgId, template, b.contactLanguage, bookingTemplateVars(b, template, vars));
}

/** The variables of a template about this booking, in the customer's language: the booking's own, then `vars`. */
export function bookingTemplateVars(b: BookingView, template: string, vars: TemplateVars = {}): TemplateVars {
  const language = b.contactLanguage;
  const proposal = template === 'booking_proposed_time';
  return {
    booking_id: b.number,
    service: b.serviceName?.[language] ?? (typeof b.details.destination === 'string' ? b.details.destination : ''),
    date: formatBookingDate(proposal ? b.proposedDate : b.requestedDate, language),
    time: (proposal ? b.proposedTime : b.requestedTime) ?? '',
    party_size: b.partySize,
    name: b.contactName ?? '',
    ...vars,
  };
}

/**
 * The chat where the customer hears about a booking (docs/channels.md, "Which channel a notice
 * goes out on"): the conversation it came from; else the contact's one-to-one chat on an active
 * channel of the org that they last wrote on; among chats they never wrote on, LINE, then
 * WhatsApp, then SMS, then e-mail. A chat whose address left its channel (an SMS STOP, an
 * e-mail unsubscribe) or bounced for good is no chat. A customer with no chat at all gets an SMS
 * thread when they gave a phone number and the org has an SMS number, else an e-mail thread when
 * they gave an address and the org has an e-mail channel, and otherwise has no chat.
 */
export async function customerChatOf(db: Db, b: Pick<BookingView, 'orgId' | 'contactId' | 'conversationId'>): Promise<string | null> {
  if (b.conversationId) return b.conversationId;
  const chat = await db('conversations as cv')
    .join('channels as ch', 'ch.id', 'cv.channel_id')
    .select('cv.id')
    .where({ 'cv.org_id': b.orgId, 'cv.contact_id': b.contactId, 'cv.kind': 'direct', 'ch.is_active': true })
    .whereIn('ch.kind', NOTICE_CHANNEL_ORDER)
    // Erased conversations keep their row but lose the chat's address.
    .whereNot('cv.external_id', 'like', 'erased:%')
    // An e-mail address that bounced for good is no chat (core/contacts markEmailUndeliverable).
    .whereNotExists((q) => q.select(db.raw('1')).from('contacts as c').whereRaw('c.id = cv.contact_id').where('ch.kind', 'email').whereNotNull('c.email_undeliverable_at'))
    .modify(chatNotOptedOut(db))
    .orderByRaw(
      `cv.last_inbound_at DESC NULLS LAST, array_position(ARRAY[${NOTICE_CHANNEL_ORDER.map(() => '?').join(', ')}]::text[], ch.kind::text), cv.last_message_at DESC NULLS LAST, cv.created_at DESC`,
      [...NOTICE_CHANNEL_ORDER],
    )
    .first();
  if (chat) return chat.id;
  // No chat: a website lead hears from us by SMS or by e-mail, when the org has such a channel.
  return (await smsConversationFor(db, { orgId: b.orgId, contactId: b.contactId })) ?? emailConversationFor(db, { orgId: b.orgId, contactId: b.contactId });
}

/** Among chats the customer never wrote on, the one a notice takes first. */
export const NOTICE_CHANNEL_ORDER = ['line', 'whatsapp', 'sms', 'email'] as const;

/** One person known twice became one contact: their bookings follow (core/contacts/merge-contacts.ts). */
export async function moveBookingsToContact(trx: Knex.Transaction, m: { orgId: string; keepId: string; mergeId: string; only?: string[] }): Promise<string[]> {
  // On a merge every row of the merged contact; on its undo only the rows the merge moved (`only`).
  const q = trx('bookings').where({ org_id: m.orgId, contact_id: m.mergeId });
  if (m.only) q.whereIn('id', m.only);
  return (await q.update({ contact_id: m.keepId }).returning('id')).map((r: { id: string }) => r.id);
}

/**
 * PDPA erasure of a contact: their bookings keep number, stage, service, dates, party size,
 * source, campaign, assignee and times, and their quotes' lines and amounts; notes, free text in
 * the details, the caller's address and pages, reasons, the intake's answer text, quote notes and
 * the timeline's free text go.
 */
export async function eraseContactBookings(trx: Knex.Transaction, e: { orgId: string; contactId: string }): Promise<Record<string, number>> {
  const bookings = await trx('bookings').select('id', 'details', 'utm', 'decline_reason', 'lost_reason').where({ org_id: e.orgId, contact_id: e.contactId });
  const strip = (v: unknown) => {
    const { redacted: _r, ...rest } = redactPersonalData((v ?? {}) as Record<string, unknown>);
    return JSON.stringify(rest);
  };
  for (const b of bookings) {
    await trx('bookings')
      .where({ id: b.id })
      .update({
        details: strip(b.details),
        utm: strip(b.utm),
        notes: null,
        decline_reason: b.decline_reason ? ERASED : null,
        lost_reason: b.lost_reason ? ERASED : null,
      });
  }
  const ids = bookings.map((b) => b.id as string);
  const intakeAnswers = await eraseIntakeAnswers(trx, ids, strip);
  const quotes = ids.length ? await trx('booking_quotes').whereIn('booking_id', ids).update({ note: null, decline_reason: trx.raw('CASE WHEN decline_reason IS NULL THEN NULL ELSE ? END', [ERASED]) }) : 0;
  const bookingEvents = await redactBookingEvents(trx, ids);
  return { bookings: bookings.length, intakeAnswers, quotes, bookingEvents };
}
