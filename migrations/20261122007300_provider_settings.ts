import type { Knex } from 'knex';

/**
 * A provider's settings (seed 004 section 4.4.1), kept by core/providers/provider-settings.ts:
 * the case types it handles (empty: any), how long it is given to answer a case that waits on
 * it, and how it is told: `line_group` (a case waiting on it is handed to its LINE group, as
 * before) or `none` (staff reach it themselves through its contact channel).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('providers', (t) => {
    t.jsonb('case_type_keys').notNullable().defaultTo('[]');
    t.integer('default_sla_minutes');
    t.text('notify_by').notNullable().defaultTo('line_group');
  });
  await knex.raw(`
    ALTER TABLE providers ADD CONSTRAINT providers_notify_by CHECK (notify_by IN ('line_group', 'none'));
    ALTER TABLE providers ADD CONSTRAINT providers_default_sla_minutes CHECK (default_sla_minutes IS NULL OR default_sla_minutes > 0);
    ALTER TABLE providers ADD CONSTRAINT providers_case_type_keys CHECK (jsonb_typeof(case_type_keys) = 'array');
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('providers', (t) => {
    t.dropColumn('case_type_keys');
    t.dropColumn('default_sla_minutes');
    t.dropColumn('notify_by');
  });
}
