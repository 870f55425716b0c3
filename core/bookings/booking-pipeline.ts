import type { Knex } from 'knex';
import { addBookingEvent, bookingIdByNumber, type BookingActor, type BookingView } from './booking-desk.ts';

/**
 * Notes, tasks and call logs on a booking worked as a pipeline through the API. Its stage moves
 * and assignment are commands (booking-commands.ts).
 */

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
