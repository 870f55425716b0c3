import type { Knex } from 'knex';
import type { StaffDeps } from './staff-desk.ts';
import type { RelayToGroupsJob } from './staff-jobs.ts';

/** A customer's message or file on an open case, into the case's groups with its number. */
export async function relayToGroups(_deps: StaffDeps, _trx: Knex.Transaction, _job: RelayToGroupsJob): Promise<{ posted: number }> {
  return { posted: 0 };
}
