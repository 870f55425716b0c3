import type { Knex } from 'knex';
import { LRUCache } from 'lru-cache';

/**
 * What an org that is not active lets through. A platform's delivery (a LINE or WhatsApp
 * webhook) to a suspended or deleting org is answered 200, so the platform does not redeliver it
 * for ever, and stored nowhere: it is only counted on the org, for the operator to see. A job of
 * an org that is being deleted, or is gone, does nothing.
 */

/** True, and counted, when the org takes no deliveries now: one statement, which writes only then. */
export async function deliveryRefused(db: Knex, orgId: string): Promise<boolean> {
  const refused = await db('orgs').where({ id: orgId }).whereNot({ status: 'active' }).increment('refused_deliveries', 1).returning('id');
  return refused.length > 0;
}

/** Whether the org's jobs may run: it exists and is not being deleted. Known for a second at a time. */
export class OrgJobGate {
  readonly #db: Knex;
  readonly #known = new LRUCache<string, { runs: boolean }>({ max: 10_000, ttl: 1_000 });
  constructor(db: Knex) {
    this.#db = db;
  }
  async runs(orgId: string): Promise<boolean> {
    const hit = this.#known.get(orgId);
    if (hit) return hit.runs;
    const row = await this.#db('orgs').where({ id: orgId }).first('status');
    const runs = Boolean(row) && row.status !== 'deleting';
    this.#known.set(orgId, { runs });
    return runs;
  }
}
