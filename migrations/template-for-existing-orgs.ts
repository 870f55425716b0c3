import type { Knex } from 'knex';

/**
 * A customer-facing text added after orgs were set up: each org that has `presentKey` (so has its
 * templates already) gets it in Thai and English; new orgs get it from the demo seed. An org that
 * already has the key keeps its own text. Not a migration itself (no number in its name).
 */
export interface AddedTemplate {
  key: string;
  description: string;
  text: { th: string; en: string };
  /** A key every org with templates has. */
  presentKey: string;
}

export async function addTemplateForExistingOrgs(knex: Knex, t: AddedTemplate): Promise<void> {
  const orgs: { org_id: string }[] = await knex('templates').distinct('org_id').where({ key: t.presentKey });
  const rows = orgs.flatMap(({ org_id }) =>
    (['th', 'en'] as const).map((language) => ({ org_id, key: t.key, language, body: t.text[language], description: t.description })),
  );
  if (rows.length > 0) await knex('templates').insert(rows).onConflict(['org_id', 'key', 'language']).ignore();
}

export async function removeTemplate(knex: Knex, key: string): Promise<void> {
  await knex('templates').where({ key }).del();
}

/** Several texts added at once, each for the orgs that have `presentKey`. */
export async function addTemplatesForExistingOrgs(knex: Knex, templates: Omit<AddedTemplate, 'presentKey'>[], presentKey: string): Promise<void> {
  for (const t of templates) await addTemplateForExistingOrgs(knex, { ...t, presentKey });
}

export async function removeTemplates(knex: Knex, keys: string[]): Promise<void> {
  await knex('templates').whereIn('key', keys).del();
}
