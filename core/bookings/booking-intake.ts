import type { Knex } from 'knex';
import { checkForm, type IntakeRequest } from './booking-form-checks.ts';
import type { IntakeResult } from './intake-ledger.ts';
import { storeWebForm } from './web-form-batches.ts';

/**
 * Booking forms: the business's website form (`POST /public/v1/bookings`) and the form inside LINE
 * (`POST /liff-api/v1/bookings`, line-form-intake.ts). Each is sent with an `Idempotency-Key`;
 * `booking_intakes` is the ledger of keys (intake-ledger.ts).
 *
 * **The website's form is answered once it is stored, and booked by a worker.** A form is checked
 * without writing (booking-form-checks.ts: the contract, the honeypot, dates, the service's fields
 * and hours), given its booking number, and stored in the ledger with the forms of other requests
 * arriving at the same moment, in one transaction (web-form-batches.ts: one commit for all of them,
 * a burst of forms does not wait on a disk flush each). The answer goes out once that commits; a
 * worker (waiting-forms.ts `bookWaitingForms`, woken by the outbox row the batch writes, and by a
 * sweep) then makes each booking (form-booking.ts): the customer matched to a contact, the booking
 * entering the pipeline as `new` (booking-commands.ts), its assignee and the sales groups told
 * (through the booking timeline's subscribers). Staff asking for a booking by its number before its
 * worker ran get it booked on the spot (`bookWaitingForm`).
 */

/** Takes a website booking form: checked, stored, answered; booked by a worker (see above). */
export async function takeWebForm(knex: Knex, r: IntakeRequest): Promise<IntakeResult> {
  const checked = await checkForm(knex, r);
  if ('dropped' in checked) return checked.dropped;
  return storeWebForm(knex, {
    orgId: checked.org.id,
    key: r.idempotencyKey,
    hash: checked.hash,
    answerFor: checked.answerFor,
    stored: { form: checked.form, serviceId: checked.service?.id ?? null, ipAddress: r.ipAddress ?? null, ...(checked.session ? { session: checked.session } : {}) },
  });
}
