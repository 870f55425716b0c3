import type { Knex } from 'knex';
import { BOOK_FORMS_JOB, INTAKE_QUEUE } from '../../core/bookings/intake-ledger.ts';
import { bookWaitingForms, INTAKE_SWEEP_JOB, INTAKE_SWEEP_QUEUE } from '../../core/bookings/waiting-forms.ts';
import type { ProcessorTable } from '../job-runner.ts';
import type { QueueBackend } from '../queue-backend.ts';

/**
 * Website booking forms stored by the api become bookings here: a job per stored batch (its
 * outbox row), and a sweep every 30 s for forms whose job ran out of retries (the database was
 * away longer than they last). Each job books every form waiting, so any one of them will do.
 */
export function bookingIntakeProcessors(deps: { knex: Knex }): ProcessorTable {
  const book = async () => ({ booked: await bookWaitingForms(deps.knex) });
  return { [INTAKE_QUEUE]: { [BOOK_FORMS_JOB]: book }, [INTAKE_SWEEP_QUEUE]: { [INTAKE_SWEEP_JOB]: book } };
}

export async function scheduleBookingIntakeSweep(queues: QueueBackend): Promise<void> {
  await queues.queue(INTAKE_SWEEP_QUEUE).upsertJobScheduler('booking-intake-sweep', { every: 30_000 }, { name: INTAKE_SWEEP_JOB });
}
