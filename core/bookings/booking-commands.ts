import type { Knex } from 'knex';
import { canStaff, staffActions, type StaffAction } from '../access/roles.ts';
import {
  addBookingEvent,
  confirmBooking,
  declineBooking,
  loadBooking,
  moveBooking,
  proposeTime,
  reopenForAnotherTime,
  takeBooking as takeBookingRow,
  type BookingActor,
  type BookingView,
  type DeskResult,
} from './booking-desk.ts';
import { bookingVisibleTo, customersBookingId } from './booking-queries.ts';
import { BOOKING_STAGES as BOOKING_STAGE_KEYS, FIRST_CONTACT_STAGES, stageFlags, type BookingStage } from './booking-stage.ts';
import { moveRefusal, orgPipeline } from './booking-stage-settings.ts';
import { startFollowUpClock } from './follow-up-clock.ts';
import type { findOrCreateContact } from '../contacts/contact-matching.ts';
import { recordIntakeMatch } from '../contacts/merge-contacts.ts';
import { nextNumber } from '../org-counters.ts';
import { todayIn } from '../time/org-time.ts';
import type { ActorType, BookingSource, Language, StaffRole } from '../vocabulary.ts';
import { assignByRules } from './booking-assignment.ts';
import { customerToldAfter, recordBookingEvent } from './booking-timeline.ts';
import { holdSeats } from './session-seats.ts';
import { holdSlot } from './service-slots.ts';
import { DomainError } from '../errors/index.ts';

/**
 * Every change to a booking, one command per change, whoever asks: making one (below, for the
 * chat, the forms, staff and integrations), the customer's answer to a proposed time, and what
 * staff and integrations do to it: a LINE tap
 * (bot/staff/booking-actions.ts), the REST API (api/admin/booking-routes.ts) and the LIFF desk
 * (api/liff/desk-api.ts). Each command takes a plain actor, holds the role, owner and stage
 * rules, writes through the booking's owner (booking-desk.ts) and answers with the booking or a
 * typed refusal; the doors only put a refusal into words or an HTTP error.
 *
 * The customer hears of a change from the timeline (booking-notifications.ts) and staff from
 * theirs (core/staff/timeline-reactions.ts): no command posts anything itself.
 */

/** Who gives the command. An integration is an API key (with the role it was given, and its staff member if it has one). */
export type BookingCommandActor =
  | { type: 'staff'; staffId: string; role: StaffRole }
  | { type: 'integration'; apiKeyId: string; role: string; staffId: string | null }
  | { type: 'customer'; contactId: string }
  | { type: 'system' };

/**
 * Why a command changed nothing:
 * `not_found` no such booking of the org, or one the actor may not see; `not_allowed` the actor's
 * role may not do this; `taken` someone else has the booking (support acts on unowned or own
 * bookings only); `already_yours` a take of one's own booking; `stage` its stage does not allow
 * it (`allowedMoves`); `unknown_stage` the org's pipeline has no such stage; `reason_required` the
 * move needs a reason; `stale_version` it changed since the version the actor saw, or meanwhile;
 * `unknown_staff` no active staff member of the org has that id; `no_time` / `past_time` a
 * proposal without a time, or for a day gone by; `replayed` the button was used already.
 */
export type BookingRefusal =
  | 'not_found'
  | 'not_allowed'
  | 'taken'
  | 'already_yours'
  | 'stage'
  | 'unknown_stage'
  | 'reason_required'
  | 'stale_version'
  | 'unknown_staff'
  | 'no_time'
  | 'past_time'
  | 'replayed';

export interface Refused {
  ok: false;
  refusal: BookingRefusal;
  /** The booking as it is now, when there is one to show. */
  booking?: BookingView;
  /** The stage asked for (stage moves). */
  to?: string;
  /** Where it may move instead (`stage` on a stage move). */
  allowedMoves?: readonly string[];
  /** The version the actor saw (`stale_version` on the API). */
  expectedVersion?: number;
}

export type CommandResult<T> = ({ ok: true } & T) | Refused;

const refuse = (refusal: BookingRefusal, more: Omit<Refused, 'ok' | 'refusal'> = {}): Refused => ({ ok: false, refusal, ...more });

/** How the actor is written on the timeline. */
export function timelineActor(a: BookingCommandActor): BookingActor {
  switch (a.type) {
    case 'staff':
      return { type: 'staff', id: a.staffId };
    case 'integration':
      return { type: 'api_key', id: a.apiKeyId };
    case 'customer':
      return { type: 'customer', id: a.contactId };
    case 'system':
      return { type: 'system', id: null };
  }
}

/** The booking by number, locked: two commands on one booking take turns, the version check then tells the second. */
export async function lockedBooking(trx: Knex.Transaction, orgId: string, number: string): Promise<BookingView | undefined> {
  const row = await trx('bookings').select('id').where({ org_id: orgId, number }).forUpdate().first();
  return row ? loadBooking(trx, row.id, orgId) : undefined;
}

/** Support sees their own bookings and those nobody has (a support key of a staff member too). */
export function mayView(a: BookingCommandActor, b: { assigneeStaffId: string | null }): boolean {
  if (a.type !== 'staff' && a.type !== 'integration') return true;
  return bookingVisibleTo({ role: a.role, staffId: a.staffId }, b.assigneeStaffId);
}

/** A change that lost a race, or that the booking's stage no longer allows. */
function refusedMove(r: Extract<DeskResult, { ok: false }>): Refused {
  return r.reason === 'stale' ? refuse('stale_version', { booking: r.booking }) : refuse('stage', { booking: r.booking, to: r.booking.stage, allowedMoves: stageFlags(r.booking.stage).next });
}

// ---------------------------------------------------------------------------------------------
// The pipeline: stage moves and assignment by number, with the version the actor saw (REST, LIFF).

/** Stages whose move needs a reason, and the field that keeps it. */
const REASON_NEEDED: Partial<Record<BookingStage, string>> = { lost: 'lost_reason', declined: 'decline_reason' };


export interface StageMove {
  orgId: string;
  number: string;
  /** A built-in stage or one the org added. */
  to: string;
  expectedVersion: number;
  reason?: string;
  note?: string;
  actor: BookingCommandActor;
}

export interface StageMoved {
  booking: BookingView;
  from: BookingStage;
  /** A confirmation or a decline reached the customer's chat. */
  customerTold: boolean;
}

/** Moves a booking along the org's pipeline; the customer hears of a confirmation or a decline (booking-notifications.ts). */
export async function moveBookingStage(trx: Knex.Transaction, m: StageMove): Promise<CommandResult<StageMoved>> {
  const b = await lockedBooking(trx, m.orgId, m.number);
  if (!b || !mayView(m.actor, b)) return refuse('not_found');
  if (b.version !== m.expectedVersion) return refuse('stale_version', { booking: b, expectedVersion: m.expectedVersion });
  // The org's pipeline decides the moves (the built-in one when it configured nothing).
  const pipeline = await orgPipeline(trx, m.orgId);
  const refused = moveRefusal(pipeline, b.stage, m.to);
  if (refused) return refuse(refused.refusal, { booking: b, to: m.to, ...(refused.refusal === 'stage' ? { allowedMoves: refused.allowedMoves } : {}) });
  const to = m.to as BookingStage;
  const reasonColumn = REASON_NEEDED[to];
  const reason = m.reason?.trim();
  if (reasonColumn && !reason) return refuse('reason_required', { to: m.to });
  const actor = timelineActor(m.actor);
  const firstContact = FIRST_CONTACT_STAGES.includes(to) || !(BOOKING_STAGE_KEYS as readonly string[]).includes(to) ? { first_responded_at: trx.raw('coalesce(first_responded_at, now())') } : {};
  let moved: DeskResult;
  if (to === 'confirmed') {
    moved = await confirmBooking(trx, b, actor, true);
  } else {
    const set: Record<string, unknown> = { ...firstContact };
    if (reasonColumn) set[reasonColumn] = reason;
    if (to === 'lost') set.lost_at = trx.fn.now();
    if (to === 'cancelled') set.cancelled_at = trx.fn.now();
    if (to === 'completed') set.completed_at = trx.fn.now();
    moved = await moveBooking(trx, b, to, actor, set, reason ? { reason } : {}, true);
  }
  if (!moved.ok) return refusedMove(moved);
  if (to === 'confirmed') await trx('bookings').where({ id: b.id }).update(firstContact);
  // Contacted: a quote is due next. Any other move stops the clock that ran.
  await startFollowUpClock(trx, b.id, to === 'contacted' ? 'quote' : null);
  if (m.note?.trim()) await addBookingEvent(trx, b, 'note', actor, { kind: 'note', text: m.note.trim() }, false);
  const customerTold = moved.event ? await customerToldAfter(trx, moved.event) : false;
  return { ok: true, booking: (await loadBooking(trx, b.id))!, from: b.stage, customerTold };
}

export interface AssignmentChange {
  orgId: string;
  number: string;
  /** Null: back to unassigned. */
  staffId: string | null;
  expectedVersion: number;
  actor: BookingCommandActor;
}

/** Hands a booking to an active staff member of the org (or back to nobody). */
export async function assignBooking(trx: Knex.Transaction, a: AssignmentChange): Promise<CommandResult<{ booking: BookingView }>> {
  const b = await lockedBooking(trx, a.orgId, a.number);
  if (!b) return refuse('not_found');
  if (b.version !== a.expectedVersion) return refuse('stale_version', { booking: b, expectedVersion: a.expectedVersion });
  if (a.staffId) {
    const staff = await trx('staff').select('id').where({ id: a.staffId, org_id: a.orgId, is_active: true }).first();
    if (!staff) return refuse('unknown_staff');
  }
  if (!stageFlags(b.stage).isOpen) return refuse('stage', { booking: b });
  if (b.assigneeStaffId === a.staffId) return { ok: true, booking: b };
  await trx('bookings').where({ id: b.id, version: b.version }).update({ assignee_staff_id: a.staffId, version: b.version + 1 });
  await addBookingEvent(trx, b, 'assignee_changed', timelineActor(a.actor), { from: b.assigneeStaffId, to: a.staffId }, false);
  return { ok: true, booking: (await loadBooking(trx, b.id))! };
}

// ---------------------------------------------------------------------------------------------
// The card's buttons: take, confirm, propose another time, decline, on the booking as it is now.

export interface BookingDecision {
  orgId: string;
  bookingId: string;
  actor: Extract<BookingCommandActor, { type: 'staff' }>;
  /** Spends the button right before the change; false: it was used already (`replayed`). */
  claim?: () => Promise<boolean>;
}

export interface Decided {
  booking: BookingView;
  /** The customer's chat had the news (booking-notifications.ts). */
  customerTold: boolean;
}

/** The booking as it is now, when the staff member may do this to it. */
async function decidable(trx: Knex.Transaction, d: BookingDecision, action: StaffAction): Promise<CommandResult<{ booking: BookingView }>> {
  const b = await loadBooking(trx, d.bookingId, d.orgId);
  if (!b) return refuse('not_found');
  if (!canStaff(d.actor.role, action, { ownerStaffId: b.assigneeStaffId, actorStaffId: d.actor.staffId })) {
    const roleMay = (staffActions[action].roles as readonly string[]).includes(d.actor.role);
    // Support may act on unowned bookings or their own: someone else's is "theirs", not "forbidden".
    return refuse(roleMay && b.assigneeName ? 'taken' : 'not_allowed', { booking: b });
  }
  return { ok: true, booking: b };
}

/** Spends the button; a replay is refused with the booking as it is now. */
async function claimed(trx: Knex.Transaction, d: BookingDecision, b: BookingView): Promise<Refused | undefined> {
  if (!d.claim || (await d.claim())) return undefined;
  return refuse('replayed', { booking: (await loadBooking(trx, b.id)) ?? b });
}

async function decided(trx: Knex.Transaction, r: DeskResult): Promise<CommandResult<Decided>> {
  if (!r.ok) return refusedMove(r);
  return { ok: true, booking: r.booking, customerTold: r.event ? await customerToldAfter(trx, r.event) : false };
}

/** A staff member takes the booking (a manager may take it over from someone). */
export async function takeBooking(trx: Knex.Transaction, d: BookingDecision): Promise<CommandResult<{ booking: BookingView }>> {
  const may = await decidable(trx, d, 'booking.take');
  if (!may.ok) return may;
  const b = may.booking;
  if (!stageFlags(b.stage).isOpen) return refuse('stage', { booking: b });
  if (b.assigneeStaffId === d.actor.staffId) return refuse('already_yours', { booking: b });
  const replay = await claimed(trx, d, b);
  if (replay) return replay;
  const r = await takeBookingRow(trx, b, d.actor.staffId);
  return r.ok ? { ok: true, booking: r.booking } : refusedMove(r);
}

/** Confirms the requested time, or the time proposed. */
export async function confirmRequest(trx: Knex.Transaction, d: BookingDecision): Promise<CommandResult<Decided>> {
  const may = await decidable(trx, d, 'booking.decide');
  if (!may.ok) return may;
  const b = may.booking;
  if (b.stage !== 'new' && b.stage !== 'proposed') return refuse('stage', { booking: b });
  const replay = await claimed(trx, d, b);
  if (replay) return replay;
  return decided(trx, await confirmBooking(trx, b, timelineActor(d.actor)));
}

/**
 * Proposes another time: the date picked, from today on where the business is, at the time picked
 * (a date alone keeps the time the customer asked for).
 */
export async function proposeAnotherTime(trx: Knex.Transaction, d: BookingDecision & { at: { date: string; time?: string } | undefined; now: Date }): Promise<CommandResult<Decided>> {
  const may = await decidable(trx, d, 'booking.decide');
  if (!may.ok) return may;
  const b = may.booking;
  const time = d.at?.time ?? b.requestedTime;
  if (!d.at || !time) return refuse('no_time', { booking: b });
  const at = { date: d.at.date, time };
  if (at.date < todayIn(b.timeZone, d.now)) return refuse('past_time', { booking: b });
  if (!['new', 'proposed', 'confirmed'].includes(b.stage)) return refuse('stage', { booking: b });
  const replay = await claimed(trx, d, b);
  if (replay) return replay;
  return decided(trx, await proposeTime(trx, b, timelineActor(d.actor), at));
}

/** Declines the request for a reason; without one, `reason_required` (and nothing is spent). */
export async function declineRequest(trx: Knex.Transaction, d: BookingDecision & { reason: string | undefined }): Promise<CommandResult<Decided>> {
  const may = await decidable(trx, d, 'booking.decide');
  if (!may.ok) return may;
  const b = may.booking;
  if (!stageFlags(b.stage).next.includes('declined')) return refuse('stage', { booking: b });
  if (!d.reason) return refuse('reason_required', { booking: b });
  const replay = await claimed(trx, d, b);
  if (replay) return replay;
  return decided(trx, await declineBooking(trx, b, timelineActor(d.actor), d.reason));
}

// ---------------------------------------------------------------------------------------------
// The customer's side.

/**
 * The customer answers a proposed time. Customer quick replies are not signed (they can only ask
 * for what they could type), so the booking must be this customer's and still `proposed`; a stale
 * or foreign answer changes nothing (`not_found`, `stage`). Accepting confirms the proposed time;
 * "another time" hands the request back to staff (`new`). The customer's answer and the groups'
 * news follow from the timeline (booking-notifications.ts, core/staff/booking-announcements.ts).
 */
export async function answerProposedTime(
  trx: Knex.Transaction,
  a: { orgId: string; contactId: string; number: string; accept: boolean; replyToEventId?: number },
): Promise<CommandResult<{ booking: BookingView }>> {
  const id = await customersBookingId(trx, a);
  const b = id ? await loadBooking(trx, id, a.orgId) : undefined;
  if (!b) return refuse('not_found');
  if (b.stage !== 'proposed') return refuse('stage', { booking: b });
  const actor: BookingActor = { type: 'customer', id: a.contactId };
  const context = { replyToEventId: a.replyToEventId };
  const r = a.accept ? await confirmBooking(trx, b, actor, false, context) : await reopenForAnotherTime(trx, b, actor, context);
  return r.ok ? { ok: true, booking: r.booking } : refusedMove(r);
}

// ---------------------------------------------------------------------------------------------
// Making a booking.

/**
 * Making a booking, whoever asks: the customer in the chat dialogue (request-booking.ts), the
 * website's form (booked by a worker) and the form inside LINE (form-booking.ts), a staff member or
 * a business's own system (staff-booking.ts). Each door checks what it was sent and finds the
 * customer; this writes the booking the same way for all of them.
 */

/** Who made the booking: the customer, a staff member, an API key, the system. */
export interface BookingCreator {
  type: ActorType;
  id: string | null;
}

/** The booking's customer: a contact, and how a form's details matched it when they did. */
export type BookingCustomer = { contactId: string } | Awaited<ReturnType<typeof findOrCreateContact>>;

export interface NewBooking {
  orgId: string;
  source: BookingSource;
  actor: BookingCreator;
  customer: BookingCustomer;
  /** The number a stored form was answered with; by default the org's next. */
  number?: string;
  serviceId: string | null;
  /** The service's key, as the `created` event tells it. */
  serviceKey: string | null;
  conversationId?: string | null;
  date: string | null;
  time: string | null;
  partySize: number | null;
  language: Language;
  /** What else the customer asked for (destination, budget, notes, ...). */
  details: Record<string, unknown>;
  /** Where a form came from (campaign, page, referrer, address). */
  utm?: Record<string, unknown>;
  notes?: string | null;
  idempotencyKey?: string;
  /** What the `created` event tells beyond the request itself (the sales groups' card reads it). */
  told?: Record<string, unknown>;
  /** What a match tells staff beyond who and how (the form's details the contact does not hold). */
  matched?: Record<string, unknown>;
  /** When the first-contact clock starts: when the customer sent the form; by default the booking's arrival. */
  at?: Date;
  /**
   * A session the booking holds seats of (session-seats.ts). `held`: the seats were taken already,
   * when the website's form was stored (intake-ledger.ts); otherwise they are taken here.
   */
  session?: { id: string; seats: number; held?: boolean; overbook?: boolean };
  /**
   * A service booked in slots (service-slots.ts): `required` (the default) refuses a full slot
   * (`slot_full`, the booking rolls back); `if_free` (a website form answered before it is booked)
   * books it anyway without the slot and says so on its timeline, for staff to propose another time.
   */
  slotHold?: 'required' | 'if_free';
}

/**
 * The booking row as `new`, its `created` event (the sales groups get its card:
 * core/staff/timeline-reactions.ts), a form's match to a contact on both timelines (the contact's,
 * where an admin can undo it), and its entry into the pipeline: the first-contact clock and the
 * org's assignment rules.
 */
export async function createBooking(trx: Knex.Transaction, b: NewBooking): Promise<{ id: string; number: string; overbooked?: boolean }> {
  const number = b.number ?? (await nextNumber(trx, b.orgId, 'booking'));
  const row = {
    org_id: b.orgId,
    number,
    contact_id: b.customer.contactId,
    stage: 'new',
    conversation_id: b.conversationId,
    service_id: b.serviceId,
    requested_date: b.date,
    requested_time: b.time,
    party_size: b.partySize,
    language: b.language,
    details: JSON.stringify(b.details),
    utm: b.utm && JSON.stringify(b.utm),
    notes: b.notes,
    source: b.source,
    idempotency_key: b.idempotencyKey,
    session_id: b.session?.id,
    session_seats: b.session?.seats,
  };
  // A column a door does not give keeps the table's default.
  const [inserted] = await trx('bookings')
    .insert(Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)))
    .returning('id');
  const id = inserted.id as string;
  await recordBookingEvent(trx, {
    orgId: b.orgId,
    bookingId: id,
    type: 'created',
    actor: b.actor,
    isPublic: true,
    data: { source: b.source, service: b.serviceKey, date: b.date, time: b.time, partySize: b.partySize, ...b.told },
  });
  const c = b.customer;
  if ('matchedBy' in c && c.matchedBy) {
    await recordBookingEvent(trx, { orgId: b.orgId, bookingId: id, type: 'contact_matched', actor: { type: 'system', id: null }, isPublic: false, data: { contactId: c.contactId, by: c.matchedBy, ...b.matched } });
    await recordIntakeMatch(trx, { orgId: b.orgId, contactId: c.contactId, by: c.matchedBy, bookingId: id, form: c.form, filled: c.filled });
  }
  await startFollowUpClock(trx, id, 'first_contact', b.at);
  await assignByRules(trx, id);
  // Last, so the session's row is locked only from here to the commit; a full session throws
  // `session_full` and the whole booking rolls back (DESIGN decision 18).
  const seats = b.session && !b.session.held ? await holdSeats(trx, { orgId: b.orgId, sessionId: b.session.id, seats: b.session.seats, now: b.at, overbook: b.session.overbook }) : undefined;
  if (!b.session && b.serviceId) await takeBookingSlot(trx, { ...b, serviceId: b.serviceId }, id);
  return seats?.overbooked ? { id, number, overbooked: true } : { id, number };
}

/** The slot of a booking of a service booked in slots (service-slots.ts), held in its transaction. */
async function takeBookingSlot(trx: Knex.Transaction, b: NewBooking & { serviceId: string }, id: string): Promise<void> {
  const ask = { orgId: b.orgId, serviceId: b.serviceId, date: b.date, time: b.time, units: b.partySize ?? 1 };
  if (b.slotHold !== 'if_free') {
    const slot = await holdSlot(trx, ask);
    if (slot) await trx('bookings').where({ id }).update({ slot_starts_at: slot.startsAt, slot_ends_at: slot.endsAt, slot_units: slot.units });
    return;
  }
  // In a savepoint: cells taken before a full one go back with it.
  const slot = await trx.transaction((sp) => holdSlot(sp, ask)).catch((err: unknown) => {
    if (err instanceof DomainError && (err.code === 'slot_full' || err.code === 'validation_failed')) return err;
    throw err;
  });
  if (slot instanceof DomainError) {
    await recordBookingEvent(trx, { orgId: b.orgId, bookingId: id, type: 'slot_unavailable', actor: { type: 'system', id: null }, isPublic: false, data: { date: b.date, time: b.time, why: slot.message } });
  } else if (slot) {
    await trx('bookings').where({ id }).update({ slot_starts_at: slot.startsAt, slot_ends_at: slot.endsAt, slot_units: slot.units });
  }
}
