import type { Knex } from 'knex';
import type { BookingForm } from '../contracts/bookings.ts';
import { DomainError } from '../errors/index.ts';
import { reserveNumbers } from '../org-counters.ts';
import { addToOutbox } from '../outbox/outbox.ts';
import { releaseSeats, takeSeats, type SeatRefusal } from './service-sessions.ts';

/**
 * The ledger of booking forms by their `Idempotency-Key` (`booking_intakes`): the hash of the
 * first body and the answer it got, so that the same key again gets that answer and creates
 * nothing, and the same key with another body is refused. A website form waits here, with its
 * number, until a worker books it (waiting-forms.ts). Only this file writes the table.
 */

export interface IntakeAnswer {
  booking_id: string | null;
  status: string;
  next_step_message: string | null;
}

export interface IntakeResult {
  answer: IntakeAnswer;
  /** The key was seen with this body: this is the first answer. */
  replayed: boolean;
  /** The honeypot was filled: the answer looks like an acceptance and nothing was stored. */
  dropped: boolean;
}

/** What the ledger keeps of a website form until it is booked. */
export interface StoredForm {
  form: BookingForm;
  serviceId: string | null;
  ipAddress: string | null;
  /** The session whose seats the form holds from the moment it is stored (its booking keeps them). */
  session?: { id: string; seats: number };
}

/** Where the workers learn of stored website forms (an outbox row per batch). */
export const INTAKE_QUEUE = 'booking-intake';
export const BOOK_FORMS_JOB = 'book-forms';

export type LedgerRow = { org_id: string; idempotency_key: string; form_hash: string; answer: IntakeAnswer };

/** A key seen before: its first answer when the body is the same, a 422 naming the key when not. */
export function replayOf(seen: Pick<LedgerRow, 'form_hash' | 'answer'>, hash: string): IntakeResult {
  if (seen.form_hash !== hash) {
    throw new DomainError('validation_failed', 'This Idempotency-Key was already used with a different form', [
      { path: 'Idempotency-Key', message: 'Already used with another body: use a new key for a new submission' },
    ]);
  }
  return { answer: seen.answer, replayed: true, dropped: false };
}

/** A key of an org, as one string. */
export const ledgerId = (orgId: string, key: string) => `${orgId}\n${key}`;

/** A checked website form to store under its key. */
export interface FormToStore {
  orgId: string;
  key: string;
  hash: string;
  answerFor: (number: string) => IntakeAnswer;
  stored: StoredForm;
}

/** A form the batch stored, or one whose session had too few seats (stored nothing). */
export type StoredOrRefused = { answer: IntakeAnswer } | { refused: SeatRefusal; seats: number };

/**
 * One transaction for forms of distinct keys: the keys already in the ledger are left out, the
 * others get their numbers (one statement per org), take their session's seats when they name one
 * (service-sessions.ts: one statement each, in the order of the sessions' ids, after the numbers
 * as a booking's own transaction takes them, so that two never wait on each other), and are
 * inserted; keys that another process stored meanwhile are left out by the insert itself (a number
 * reserved for one of them is skipped, and its seats are given back). An outbox row per org wakes
 * the workers. Returns, by `ledgerId`, the answers stored and the forms refused for want of seats.
 */
export async function storeForms(knex: Knex, forms: FormToStore[]): Promise<Map<string, StoredOrRefused>> {
  return knex.transaction(async (trx) => {
    const pairs = forms.map((p) => [p.orgId, p.key]);
    const seen = new Set((await trx('booking_intakes').select('org_id', 'idempotency_key').whereIn(['org_id', 'idempotency_key'], pairs)).map((s) => ledgerId(s.org_id, s.idempotency_key)));
    const fresh = forms.filter((p) => !seen.has(ledgerId(p.orgId, p.key)));
    const numbered: { p: FormToStore; number: string }[] = [];
    for (const orgId of new Set(fresh.map((p) => p.orgId))) {
      const ofOrg = fresh.filter((p) => p.orgId === orgId);
      const numbers = await reserveNumbers(trx, orgId, 'booking', ofOrg.length);
      ofOrg.forEach((p, i) => numbered.push({ p, number: numbers[i] }));
    }
    const out = new Map<string, StoredOrRefused>();
    const bySession = numbered.filter((n) => n.p.stored.session).sort((a, b) => a.p.stored.session!.id.localeCompare(b.p.stored.session!.id));
    for (const { p } of bySession) {
      const { id, seats } = p.stored.session!;
      const taken = await takeSeats(trx, { orgId: p.orgId, sessionId: id, seats });
      if (!taken.ok) out.set(ledgerId(p.orgId, p.key), { refused: taken, seats });
    }
    const rows = numbered
      .filter(({ p }) => !out.has(ledgerId(p.orgId, p.key)))
      .map(({ p, number }) => ({ org_id: p.orgId, idempotency_key: p.key, form_hash: p.hash, number, answer: JSON.stringify(p.answerFor(number)), form: JSON.stringify(p.stored) }));
    const inserted: { org_id: string; idempotency_key: string; answer: IntakeAnswer }[] = rows.length
      ? await trx('booking_intakes').insert(rows).onConflict(['org_id', 'idempotency_key']).ignore().returning(['org_id', 'idempotency_key', 'answer'])
      : [];
    for (const i of inserted) out.set(ledgerId(i.org_id, i.idempotency_key), { answer: i.answer });
    // Seats taken for a key another request stored meanwhile go back: that request holds its own.
    for (const { p } of bySession) if (!out.has(ledgerId(p.orgId, p.key))) await releaseSeats(trx, p.stored.session!.id, p.stored.session!.seats);
    const orgs = new Set(inserted.map((i) => i.org_id));
    if (orgs.size) await addToOutbox(trx, [...orgs].map((orgId) => ({ orgId, queue: INTAKE_QUEUE, jobName: BOOK_FORMS_JOB, payload: {} })));
    return out;
  });
}

/** The ledger's rows of these keys, by `ledgerId`. */
export async function ledgerRows(knex: Knex, keys: { orgId: string; key: string }[]): Promise<Map<string, LedgerRow>> {
  const rows: LedgerRow[] = await knex('booking_intakes')
    .select('org_id', 'idempotency_key', 'form_hash', 'answer')
    .whereIn(['org_id', 'idempotency_key'], keys.map((p) => [p.orgId, p.key]));
  return new Map(rows.map((row) => [ledgerId(row.org_id, row.idempotency_key), row]));
}

/**
 * A form booked in its request (the form inside LINE) claims its key, as booked, in the booking's
 * transaction: a resubmission waits for it and then gets its answer. The claimed row's id, or the
 * row seen when the key was claimed before.
 */
export async function claimKey(
  trx: Knex.Transaction,
  c: { orgId: string; key: string; hash: string; number: string; answer: IntakeAnswer },
): Promise<{ claimed: string } | { seen: Pick<LedgerRow, 'form_hash' | 'answer'> & { booking_id: string | null } }> {
  const [claimed] = await trx('booking_intakes')
    .insert({ org_id: c.orgId, idempotency_key: c.key, form_hash: c.hash, number: c.number, answer: JSON.stringify(c.answer), booked_at: trx.fn.now() })
    .onConflict(['org_id', 'idempotency_key'])
    .ignore()
    .returning('id');
  if (claimed) return { claimed: claimed.id };
  return { seen: await trx('booking_intakes').select('form_hash', 'answer', 'booking_id').where({ org_id: c.orgId, idempotency_key: c.key }).first() };
}

/** The booking a claimed key made. */
export async function recordClaimBooked(trx: Knex.Transaction, intakeId: string, bookingId: string): Promise<void> {
  await trx('booking_intakes').where({ id: intakeId }).update({ booking_id: bookingId });
}

export type WaitingForm = { id: string; org_id: string; idempotency_key: string; number: string; form: StoredForm; created_at: Date };

/** The stored website forms not booked yet (the caller orders, limits and locks). */
export const waitingForms = (trx: Knex.Transaction) => trx('booking_intakes').select('id', 'org_id', 'idempotency_key', 'number', 'form', 'created_at').whereNull('booked_at');

/** A stored form is booked: the booking holds the form from now on. */
export async function recordFormBooked(trx: Knex.Transaction, intakeId: string, bookingId: string): Promise<void> {
  await trx('booking_intakes').where({ id: intakeId }).update({ booking_id: bookingId, booked_at: trx.fn.now(), form: null });
}

/** PDPA erasure: the answers given to a contact's forms lose their personal text (the key, hash and number stay). */
export async function eraseIntakeAnswers(trx: Knex.Transaction, bookingIds: string[], strip: (v: unknown) => string): Promise<number> {
  if (!bookingIds.length) return 0;
  const rows = await trx('booking_intakes').select('id', 'answer').whereIn('booking_id', bookingIds);
  for (const r of rows) await trx('booking_intakes').where({ id: r.id }).update({ answer: strip(r.answer) });
  return rows.length;
}
