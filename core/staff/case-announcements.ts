import type { Knex } from 'knex';
import type { StaffDeps } from './staff-desk.ts';
import type { AnnounceCaseJob } from './staff-jobs.ts';

/** A new case's card, posted to every group routed for it (core/staff/routing.ts). */
export async function announceCase(_deps: StaffDeps, _trx: Knex.Transaction, _job: AnnounceCaseJob): Promise<{ posted: number }> {
  return { posted: 0 };
}
