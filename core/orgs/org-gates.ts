import type { Knex } from 'knex';
import { orgStatus } from '../db/org-cache.ts';

/**
 * What an org that is not active lets through. A platform's delivery (a LINE or WhatsApp
 * webhook) to a suspended or deleting org is answered 200, so the platform does not redeliver it
 * for ever, and stored nowhere: it is only counted on the org, for the operator to see. A job of
 * an org that is being deleted, or is gone, does nothing.
 */

/**
 * True, and counted, when the org takes no deliveries now. An active org (the org's cached row)
 * costs no statement; only a delivery to one that is not is written, and the count is taken on
 * the row as it is then, so an org reactivated meanwhile is not counted.
 */
export async function deliveryRefused(db: Knex, orgId: string): Promise<boolean> {
  if ((await orgStatus(db, orgId)) === 'active') return false;
  const refused = await db('orgs').where({ id: orgId }).whereNot({ status: 'active' }).increment('refused_deliveries', 1).returning('id');
  return refused.length > 0;
}

/** Whether the org's jobs may run: it exists and is not being deleted (the org's cached row). */
export class OrgJobGate {
  readonly #db: Knex;
  constructor(db: Knex) {
    this.#db = db;
  }
  async runs(orgId: string): Promise<boolean> {
    const status = await orgStatus(this.#db, orgId);
    return status !== undefined && status !== 'deleting';
  }
}
