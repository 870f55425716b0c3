import type { Knex } from 'knex';

/**
 * One deployment can serve several businesses; the default org is the one that the bootstrap
 * variables (ADMIN_API_KEY, LINE_CHANNEL_*) and the demo seed speak of.
 */
export async function ensureDefaultOrg(db: Knex): Promise<{ id: string; created: boolean }> {
  const existing = await db('orgs').select('id').where({ is_default: true }).first();
  if (existing) return { id: existing.id, created: false };
  const { rows } = await db.raw<{ rows: { id: string }[] }>(
    `INSERT INTO orgs (slug, name, is_default, time_zone, default_language)
     VALUES ('demo', 'Demo Bangkok Services', true, 'Asia/Bangkok', 'th')
     ON CONFLICT (is_default) WHERE is_default DO NOTHING
     RETURNING id`,
  );
  if (rows.length) return { id: rows[0].id, created: true };
  // Another process created it at the same moment.
  const row = await db('orgs').select('id').where({ is_default: true }).first();
  return { id: row.id, created: false };
}
