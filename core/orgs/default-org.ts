import type { Knex } from 'knex';

/**
 * One deployment can serve several businesses; the default org is the one that the bootstrap
 * variables (ADMIN_API_KEY, LINE_CHANNEL_*) and the demo seed speak of.
 */
export async function ensureDefaultOrg(db: Knex): Promise<{ id: string; created: boolean }> {
  const existing = await findDefaultOrgId(db);
  if (existing) return { id: existing, created: false };
  const { rows } = await db.raw<{ rows: { id: string }[] }>(
    `INSERT INTO orgs (slug, name, is_default, time_zone, default_language)
     VALUES ('demo', 'Demo Bangkok Services', true, 'Asia/Bangkok', 'th')
     ON CONFLICT (is_default) WHERE is_default DO NOTHING
     RETURNING id`,
  );
  if (rows.length) return { id: rows[0].id, created: true };
  // Another process created it at the same moment.
  return { id: (await findDefaultOrgId(db))!, created: false };
}

/** The default org's id; undefined before the first start has created it. */
export async function findDefaultOrgId(db: Knex): Promise<string | undefined> {
  const row = await db('orgs').select('id').where({ is_default: true }).first();
  return row?.id;
}
