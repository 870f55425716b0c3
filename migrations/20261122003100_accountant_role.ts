import type { Knex } from 'knex';

/**
 * The accountant (seed 002): reads every booking and may only move stages. A role of staff and of
 * API keys, so both CHECKs learn it. The lists are spelled out, as in the first migrations.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE staff DROP CONSTRAINT staff_role;
    ALTER TABLE staff ADD CONSTRAINT staff_role CHECK (role IN ('support', 'manager', 'admin', 'ceo', 'accountant'));
    ALTER TABLE api_keys DROP CONSTRAINT api_keys_role;
    ALTER TABLE api_keys ADD CONSTRAINT api_keys_role CHECK (role IN ('admin', 'manager', 'support', 'ceo', 'accountant', 'integration'));
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE staff DROP CONSTRAINT staff_role;
    ALTER TABLE staff ADD CONSTRAINT staff_role CHECK (role IN ('support', 'manager', 'admin', 'ceo'));
    ALTER TABLE api_keys DROP CONSTRAINT api_keys_role;
    ALTER TABLE api_keys ADD CONSTRAINT api_keys_role CHECK (role IN ('admin', 'manager', 'support', 'ceo', 'integration'));
  `);
}
