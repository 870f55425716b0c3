import type { Knex } from 'knex';
import { bookForm, lockCustomer } from './form-booking.ts';
import { recordFormBooked, waitingForms, type WaitingForm } from './intake-ledger.ts';

/**
 * The worker's part of the website's form: a stored form (booking-intake.ts) becomes its booking,
 * woken by the outbox row its batch wrote, and by a sweep.
 */

/** A queue of its own: on the embedded database a worker whose queue holds a delayed job sleeps until it is due. */
export const INTAKE_SWEEP_QUEUE = 'booking-intake-sweep';
export const INTAKE_SWEEP_JOB = 'sweep';

/** Forms a worker books in one transaction: a backlog commits a batch at a time, not a form at a time. */
const BOOKING_BATCH = 20;

/** Books stored forms in the worker's transaction, and marks them booked; the booking holds each form from now on. */
async function bookStoredForms(trx: Knex.Transaction, rows: WaitingForm[]): Promise<void> {
  for (const row of rows) {
    await lockCustomer(trx, row.org_id, row.form.form);
    const bookingId = await bookForm(trx, { orgId: row.org_id, number: row.number, key: row.idempotency_key, stored: row.form, seatsHeld: true, at: row.created_at });
    await recordFormBooked(trx, row.id, bookingId);
  }
}

/**
 * The workers' job: books every stored website form waiting, the oldest first, up to 20 in a
 * transaction. Exactly once: a form's row stays locked until its booking commits with `booked_at`,
 * and other workers skip it (so several workers share a backlog out). A batch that fails (a deadlock
 * between two customers' locks, a form the database refuses) is booked again one form per
 * transaction, so that one form cannot hold the others back; a form that fails alone fails the job
 * once the others are booked, and the job is retried.
 */
export async function bookWaitingForms(knex: Knex): Promise<number> {
  let booked = 0;
  for (;;) {
    let ids: string[] = [];
    try {
      const n = await knex.transaction(async (trx) => {
        const rows: WaitingForm[] = await waitingForms(trx).orderBy('id').limit(BOOKING_BATCH).forUpdate().skipLocked();
        ids = rows.map((r) => r.id);
        await bookStoredForms(trx, rows);
        return rows.length;
      });
      if (n === 0) return booked;
      booked += n;
    } catch (err) {
      if (ids.length <= 1) throw err;
      let failure: unknown;
      for (const id of ids) {
        try {
          booked += await knex.transaction(async (trx) => {
            const rows: WaitingForm[] = await waitingForms(trx).where({ id }).forUpdate().skipLocked();
            await bookStoredForms(trx, rows);
            return rows.length;
          });
        } catch (e) {
          failure ??= e;
        }
      }
      if (failure) throw failure;
    }
  }
}

/**
 * A website form's booking made now if it is still waiting (staff asked for it by its number before
 * a worker booked it); waits for a worker that holds it. False when none waits.
 */
export async function bookWaitingForm(knex: Knex, orgId: string, number: string): Promise<boolean> {
  return knex.transaction(async (trx) => {
    const rows: WaitingForm[] = await waitingForms(trx).where({ org_id: orgId, number }).forUpdate();
    await bookStoredForms(trx, rows);
    return rows.length > 0;
  });
}

/**
 * The website forms stored for a session and not booked yet, booked now in the caller's
 * transaction (a session being cancelled cancels their bookings with the others'). Waits for a
 * worker that holds one.
 */
export async function bookWaitingFormsOfSession(trx: Knex.Transaction, sessionId: string): Promise<number> {
  const rows: WaitingForm[] = await waitingForms(trx).whereRaw(`form->'session'->>'id' = ?`, [sessionId]).orderBy('id').forUpdate();
  await bookStoredForms(trx, rows);
  return rows.length;
}
