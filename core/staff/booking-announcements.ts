import type { Knex } from 'knex';
import type { StaffDeps } from './staff-desk.ts';
import type { AnnounceBookingJob } from './staff-jobs.ts';

/** A booking request's card, posted to the groups that take bookings for its service. */
export async function announceBooking(_deps: StaffDeps, _trx: Knex.Transaction, _job: AnnounceBookingJob): Promise<{ posted: number }> {
  return { posted: 0 };
}
