import type { Knex } from 'knex';
import { DomainError, staleVersion, validationFailed } from '../errors/index.ts';
import { addBookingEvent, confirmBooking, loadBooking, moveBooking, type BookingActor, type BookingView, type DeskResult } from './booking-desk.ts';
import { customerToldAfter } from './booking-timeline.ts';
import { bookingIdByNumber } from './booking-queries.ts';
import { BOOKING_STAGES as BOOKING_STAGE_KEYS, stageFlags, type BookingStage } from './booking-stage.ts';
import { checkMove, orgPipeline } from './booking-stage-settings.ts';
import { startFollowUpClock } from './follow-up-clock.ts';

/**
 * The booking as a pipeline worked through the API: stage moves along the allowed edges, hand it
 * to someone, notes, tasks and call logs. Each change names the version the caller saw: a
 * different version is a 409 and nothing is written. Every change is on the booking's timeline.
 */

/** Stages whose move needs a reason, and the field that keeps it. */
const REASON_NEEDED: Partial<Record<BookingStage, string>> = { lost: 'lost_reason', declined: 'decline_reason' };

/** Moving here (or to a stage the org added) means someone has spoken to the customer: the first-contact clock stops. */
const FIRST_CONTACT: readonly BookingStage[] = ['contacted', 'quoted', 'proposed', 'confirmed'];

async function lockedBooking(trx: Knex.Transaction, orgId: string, number: string): Promise<BookingView> {
  const id = await bookingIdByNumber(trx, orgId, number);
  // Two requests on one booking take turns; the version check then tells the second what changed.
  await trx('bookings').select('id').where({ id }).forUpdate();
  return (await loadBooking(trx, id, orgId))!;
}

function checkVersion(b: BookingView, expectedVersion: number): void {
  if (b.version !== expectedVersion) throw staleVersion(`Booking ${b.number}`, { number: b.number, expectedVersion, currentVersion: b.version, stage: b.stage });
}

function result(r: DeskResult): BookingView {
  if (r.ok) return r.booking;
  if (r.reason === 'stale') throw staleVersion(`Booking ${r.booking.number}`, { number: r.booking.number, currentVersion: r.booking.version });
  throw notAllowed(r.booking, r.booking.stage);
}

function notAllowed(b: BookingView, to: BookingStage): DomainError {
  return new DomainError('conflict', `Booking ${b.number} is ${b.stage}: it cannot move to ${to}`, {
    number: b.number,
    stage: b.stage,
    to,
    allowedMoves: stageFlags(b.stage).next,
  });
}

export interface StageMove {
  orgId: string;
  number: string;
  /** A built-in stage or one the org added. */
  to: string;
  expectedVersion: number;
  reason?: string;
  note?: string;
  actor: BookingActor;
}

/** Moves a booking to another stage; the customer hears of a confirmation or a decline from the templates. */
export async function changeBookingStage(trx: Knex.Transaction, m: StageMove): Promise<{ booking: BookingView; from: BookingStage; customerTold: boolean }> {
  const b = await lockedBooking(trx, m.orgId, m.number);
  checkVersion(b, m.expectedVersion);
  // The org's pipeline decides the moves (the built-in one when it configured nothing).
  const pipeline = await orgPipeline(trx, m.orgId);
  checkMove(pipeline, b.number, b.stage, m.to);
  const to = m.to as BookingStage;
  const reasonColumn = REASON_NEEDED[to];
  const reason = m.reason?.trim();
  if (reasonColumn && !reason) throw validationFailed(`Moving to ${m.to} needs a reason`, [{ path: 'reason', message: `Required when moving to ${m.to}` }]);
  const firstContact = FIRST_CONTACT.includes(to) || !(BOOKING_STAGE_KEYS as readonly string[]).includes(to) ? { first_responded_at: trx.raw('coalesce(first_responded_at, now())') } : {};
  let moved: DeskResult;
  if (m.to === 'confirmed') {
    moved = await confirmBooking(trx, b, m.actor, true);
  } else {
    const set: Record<string, unknown> = { ...firstContact };
    if (reasonColumn) set[reasonColumn] = reason;
    if (m.to === 'lost') set.lost_at = trx.fn.now();
    if (m.to === 'cancelled') set.cancelled_at = trx.fn.now();
    if (m.to === 'completed') set.completed_at = trx.fn.now();
    moved = await moveBooking(trx, b, to, m.actor, set, reason ? { reason } : {}, true);
  }
  let booking = result(moved);
  if (m.to === 'confirmed') await trx('bookings').where({ id: b.id }).update(firstContact);
  // Contacted: a quote is due next. Any other move stops the clock that ran.
  await startFollowUpClock(trx, b.id, m.to === 'contacted' ? 'quote' : null);
  if (m.note?.trim()) await addBookingEvent(trx, booking, 'note', m.actor, { kind: 'note', text: m.note.trim() }, false);
  // A confirmation or a decline was told to the customer from the timeline (booking-notifications.ts).
  const customerTold = moved.ok && moved.event ? await customerToldAfter(trx, moved.event) : false;
  booking = (await loadBooking(trx, b.id))!;
  return { booking, from: b.stage, customerTold };
}

export interface AssignmentChange {
  orgId: string;
  number: string;
  /** Null: back to unassigned. */
  staffId: string | null;
  expectedVersion: number;
  actor: BookingActor;
}

/** Hands a booking to an active staff member of the org (or back to nobody). */
export async function assignBooking(trx: Knex.Transaction, a: AssignmentChange): Promise<BookingView> {
  const b = await lockedBooking(trx, a.orgId, a.number);
  checkVersion(b, a.expectedVersion);
  if (a.staffId) {
    const staff = await trx('staff').select('id').where({ id: a.staffId, org_id: a.orgId, is_active: true }).first();
    if (!staff) throw new DomainError('invalid_reference', 'No active staff member of this org has that id', [{ path: 'staffId', message: 'Unknown or inactive staff member' }]);
  }
  if (!stageFlags(b.stage).isOpen) throw new DomainError('conflict', `Booking ${b.number} is ${b.stage}: it can no longer be assigned`, { number: b.number, stage: b.stage });
  if (b.assigneeStaffId === a.staffId) return b;
  await trx('bookings').where({ id: b.id, version: b.version }).update({ assignee_staff_id: a.staffId, version: b.version + 1 });
  await addBookingEvent(trx, b, 'assignee_changed', a.actor, { from: b.assigneeStaffId, to: a.staffId }, false);
  return (await loadBooking(trx, b.id))!;
}

export const NOTE_KINDS = ['note', 'task', 'call'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export interface BookingNote {
  orgId: string;
  number: string;
  kind: NoteKind;
  text: string;
  /** A task's due time (ISO). */
  dueAt?: string;
  /** A call's length in minutes. */
  minutes?: number;
  actor: BookingActor;
}

/** A note, a task or a call log on the booking's timeline (staff only; the customer never sees it). */
export async function addBookingNote(trx: Knex.Transaction, n: BookingNote): Promise<{ id: string; number: string }> {
  const id = await bookingIdByNumber(trx, n.orgId, n.number);
  const data: Record<string, unknown> = { kind: n.kind, text: n.text };
  if (n.dueAt) data.dueAt = n.dueAt;
  if (n.minutes !== undefined) data.minutes = n.minutes;
  const e = await addBookingEvent(trx, { id, orgId: n.orgId } as BookingView, 'note', n.actor, data, false);
  return { id: e.id, number: n.number };
}
