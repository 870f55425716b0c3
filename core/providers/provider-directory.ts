import type { Knex } from 'knex';

/**
 * The org's providers as staff pick them in LINE: the list a quick reply offers (a case's
 * provider, a provider group's), and a picked key back to its provider.
 */
type Db = Knex | Knex.Transaction;

/** Active providers by name; `takingNewCases` leaves out the paused ones (core/providers/provider-pause.ts). */
export async function activeProviders(db: Db, orgId: string, o: { takingNewCases?: boolean; limit: number }): Promise<{ key: string; name: string }[]> {
  return db('providers')
    .select('key', 'name')
    .where({ org_id: orgId, is_active: true })
    .modify((q) => (o.takingNewCases ? q.whereNull('paused_at') : q))
    .orderBy('name')
    .limit(o.limit);
}

/** A provider of this org by its key; `activeOnly` finds none for a deactivated one. */
export async function providerIdOfKey(db: Db, orgId: string, key: string, o: { activeOnly: boolean }): Promise<string | undefined> {
  const row = await db('providers')
    .select('id')
    .where({ org_id: orgId, key })
    .modify((q) => (o.activeOnly ? q.where({ is_active: true }) : q))
    .first();
  return row?.id;
}
