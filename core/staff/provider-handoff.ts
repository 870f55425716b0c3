import type { Knex } from 'knex';
import type { StaffDeps } from './staff-desk.ts';
import type { ProviderHandoffJob } from './staff-jobs.ts';

/** A case now waiting on its provider: the details, to the provider's group. */
export async function handOffToProvider(_deps: StaffDeps, _trx: Knex.Transaction, _job: ProviderHandoffJob): Promise<{ posted: number }> {
  return { posted: 0 };
}
