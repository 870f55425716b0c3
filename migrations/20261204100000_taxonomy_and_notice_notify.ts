import type { Knex } from 'knex';

/**
 * The bot read, for every customer's message, a version of the org's case types, services and FAQ
 * entries (a count and a sum of row versions over the three tables: core/understanding/org-taxonomy.ts)
 * and its privacy notice's latest version: two statements a message for what only an admin changes.
 * Each process now keeps both with the org's settings and templates (core/db/org-cache.ts), and a
 * committed change to any of the four tables tells every process (NOTIFY org_changed with the org's
 * id), whoever wrote it: the admin API, a starter kit, a learned example, a hand in psql. The same
 * function as the templates' trigger (migration 20261202300000): it notifies for the row's org.
 */
const TABLES = ['case_types', 'services', 'faq_entries', 'privacy_notices'];

export async function up(knex: Knex): Promise<void> {
  for (const table of TABLES) {
    await knex.raw(`CREATE TRIGGER ${table}_org_changed AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION org_templates_changed_notify()`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of TABLES) await knex.raw(`DROP TRIGGER ${table}_org_changed ON ${table}`);
}
