import type { Knex } from 'knex';
import { notFound } from '../errors/index.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

/** An org as its API keys see it: who they belong to and the time zone its clocks run on. */
export interface Org {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  /** The org this deployment's LINE mini-apps (LIFF) serve. */
  isDefault: boolean;
}

export async function getOrg(db: Knex, orgId: string): Promise<Org> {
  const row = await orgSettingsRow(db, orgId);
  if (!row) throw notFound('Org');
  return { id: row.id, slug: row.slug, name: row.name, timeZone: row.time_zone, isDefault: Boolean(row.is_default) };
}
