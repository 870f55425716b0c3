import type { Knex } from 'knex';
import { nextNumber } from '../org-counters.ts';
import { checkForm, type IntakeRequest } from './booking-form-checks.ts';
import { bookForm, lockCustomer } from './form-booking.ts';
import { claimKey, recordClaimBooked, replayOf, type IntakeAnswer, type IntakeResult } from './intake-ledger.ts';

/**
 * The booking form inside LINE (`POST /liff-api/v1/bookings`) is booked in the request, since the
 * confirmation in the customer's chat belongs to the booking's transaction.
 */
export interface LineIntakeRequest extends IntakeRequest {
  /** The customer's LINE user id, only as LINE vouched for it (a LIFF ID token; DESIGN 4.11). */
  verifiedLineUserId: string;
  /**
   * Runs in the booking's transaction once the form is known to make a new booking, before the
   * customer is matched: makes the customer known on their chat and gives the conversation the
   * booking belongs to. A refused or replayed form never gets here, so it writes nothing.
   */
  chat: (trx: Knex.Transaction) => Promise<string | undefined>;
  /** Runs in the booking's transaction once it is stored (never for a replay), so what it writes commits with it. */
  onCreated: (trx: Knex.Transaction, created: { bookingId: string; answer: IntakeAnswer }) => Promise<void>;
}

/**
 * The key is claimed in the ledger first (a resubmission waits for the first and gets its answer),
 * then the customer is tied to their chat and matched, the booking made and the confirmation
 * queued, all in one transaction.
 */
export async function takeLineForm(knex: Knex, r: LineIntakeRequest): Promise<IntakeResult & { bookingId: string | null }> {
  const checked = await checkForm(knex, r);
  if ('dropped' in checked) return { ...checked.dropped, bookingId: null };
  const orgId = checked.org.id;
  // Taken in a statement of its own: the org's counter row stays locked for that statement only
  // (website batches draw from it too). A resubmission's number is skipped.
  const number = await nextNumber(knex, orgId, 'booking');
  const answer = checked.answerFor(number);
  return knex.transaction(async (trx) => {
    const claim = await claimKey(trx, { orgId, key: r.idempotencyKey, hash: checked.hash, number, answer });
    if ('seen' in claim) return { ...replayOf(claim.seen, checked.hash), bookingId: claim.seen.booking_id };
    await lockCustomer(trx, orgId, r.form, r.verifiedLineUserId);
    const conversationId = await r.chat(trx);
    const stored = { form: checked.form, serviceId: checked.service?.id ?? null, ipAddress: r.ipAddress ?? null, ...(checked.session ? { session: checked.session } : {}) };
    // Booked in this transaction: the session's seats are taken with the booking (seatsHeld: false).
    const bookingId = await bookForm(trx, { orgId, number, key: r.idempotencyKey, stored, seatsHeld: false, lineUserId: r.verifiedLineUserId, conversationId, at: r.now });
    await recordClaimBooked(trx, claim.claimed, bookingId);
    await r.onCreated(trx, { bookingId, answer });
    return { answer, replayed: false, dropped: false, bookingId };
  });
}
