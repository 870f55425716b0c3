import type { Knex } from 'knex';
import { queueMessages } from '../conversations/outgoing.ts';
import type { Action } from '../messaging/outbound-message.ts';
import type { ActorType, Language } from '../models/vocabulary.ts';
import { renderTemplate } from '../templates/render-template.ts';
import { BOOKING_STAGE, canTransitionBooking, type BookingStage } from './booking-stage.ts';

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
    conversationId: r.conversation_id,
    contactId: r.contact_id,
    contactName: r.contact_name,
    contactLanguage: r.contact_language === 'en' ? 'en' : 'th',
    timeZone: r.time_zone,
  };
}

/** `stage`: the booking's stage does not allow it; `stale`: someone changed it meanwhile. */
export type DeskResult = { ok: true; booking: BookingView } | { ok: false; reason: 'stage' | 'stale'; booking: BookingView };

/** A staff member takes the booking (or, a manager, takes it over). */
export async function takeBooking(trx: Knex.Transaction, b: BookingView, staffId: string): Promise<DeskResult> {
  if (!BOOKING_STAGE[b.stage].isOpen) return { ok: false, reason: 'stage', booking: b };
  const changed = await trx('bookings')
    .where({ id: b.id, version: b.version })
    .update({ assignee_staff_id: staffId, version: b.version + 1, first_responded_at: trx.raw('coalesce(first_responded_at, now())') });
  if (!changed) return { ok: false, reason: 'stale', booking: (await loadBooking(trx, b.id))! };
  await addBookingEvent(trx, b, 'assignee_changed', { type: 'staff', id: staffId }, { from: b.assigneeStaffId, to: staffId }, false);
  return { ok: true, booking: (await loadBooking(trx, b.id))! };
}

/** Confirms the requested time, or (from `proposed`) the time proposed. */
export function confirmBooking(trx: Knex.Transaction, b: BookingView, actor: BookingActor): Promise<DeskResult> {
  const agreed = b.stage === 'proposed' && b.proposedDate ? { requested_date: b.proposedDate, requested_time: b.proposedTime ?? b.requestedTime } : {};
  return moveBooking(trx, b, 'confirmed', actor, { ...agreed, proposed_date: null, proposed_time: null, confirmed_at: trx.fn.now() });
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
export function reopenForAnotherTime(trx: Knex.Transaction, b: BookingView, actor: BookingActor): Promise<DeskResult> {
  return moveBooking(trx, b, 'new', actor, { proposed_date: null, proposed_time: null }, { declinedProposal: { date: b.proposedDate, time: b.proposedTime } });
}

async function moveBooking(
  trx: Knex.Transaction,
  b: BookingView,
  to: BookingStage,
  actor: BookingActor,
  set: Record<string, unknown>,
  data: Record<string, unknown> = {},
): Promise<DeskResult> {
  if (!canTransitionBooking(b.stage, to)) return { ok: false, reason: 'stage', booking: b };
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
  await addBookingEvent(trx, b, 'stage_changed', actor, { from: b.stage, to, ...data }, true);
  return { ok: true, booking: (await loadBooking(trx, b.id))! };
}

async function addBookingEvent(trx: Knex.Transaction, b: BookingView, type: string, actor: BookingActor, data: Record<string, unknown>, isPublic: boolean): Promise<void> {
  await trx('booking_events').insert({ org_id: b.orgId, booking_id: b.id, type, actor_type: actor.type, actor_id: actor.id, is_public: isPublic, data: JSON.stringify(data) });
}

/** "Sat 17 Jan 2026" / "ส. 17 ม.ค. 2569": a booking's calendar date, as people read it. */
export function formatBookingDate(date: string | null, language: Language): string {
  if (!date) return '';
  return new Intl.DateTimeFormat(language === 'th' ? 'th-TH' : 'en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/**
 * Tells the customer about their booking on the conversation it came from, in their language,
 * from the org's templates (`booking_confirmed`, `booking_proposed_time`, `booking_declined`...).
 * False when there is nobody to tell (a booking from the web) or no such template.
 */
export async function tellBookingCustomer(
  trx: Knex.Transaction,
  b: BookingView,
  template: string,
  o: { quickReplies?: Action[]; replyToEventId?: number; actor?: BookingActor } = {},
): Promise<boolean> {
  if (!b.conversationId) return false;
  const language = b.contactLanguage;
  const proposal = template === 'booking_proposed_time';
  const text = await renderTemplate(trx, b.orgId, template, language, {
    booking_id: b.number,
    service: b.serviceName?.[language] ?? '',
    date: formatBookingDate(proposal ? b.proposedDate : b.requestedDate, language),
    time: (proposal ? b.proposedTime : b.requestedTime) ?? '',
    party_size: b.partySize,
  });
  if (!text) return false;
  await queueMessages(trx, {
    orgId: b.orgId,
    conversationId: b.conversationId,
    messages: [{ kind: 'text', text, ...(o.quickReplies?.length ? { quickReplies: o.quickReplies } : {}) }],
    senderType: 'system',
    bookingId: b.id,
    replyToEventId: o.replyToEventId,
  });
  await addBookingEvent(trx, b, 'notification_sent', o.actor ?? { type: 'system', id: null }, { template }, false);
  return true;
}
