import type { Knex } from 'knex';
import type { StaffDeps } from './staff-desk.ts';
import type { CaseAlertJob } from './staff-jobs.ts';

/** An SLA warning (to the owner, or the case's groups when unowned), an escalation (to the managers' groups) or a payment alert (to the case's groups). */
export async function sendCaseAlert(_deps: StaffDeps, _trx: Knex.Transaction, _job: CaseAlertJob): Promise<{ posted: number }> {
  return { posted: 0 };
}
