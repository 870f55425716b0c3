import type { Knex } from 'knex';

/**
 * The corporate client's usage link (docs/members.md "The client reads its own seats"): a token,
 * made like a case's tracking token (32 random hex characters, unique), that shows the client's
 * contact person their seats' usage with no sign-in. One live link per client: a new one ends the
 * old, and revoking empties it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE corporate_clients ADD COLUMN usage_token text CHECK (usage_token ~ '^[0-9a-f]{32}$'), ADD COLUMN usage_link_made_at timestamptz;
    CREATE UNIQUE INDEX corporate_clients_usage_token ON corporate_clients (usage_token) WHERE usage_token IS NOT NULL;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX corporate_clients_usage_token; ALTER TABLE corporate_clients DROP COLUMN usage_token, DROP COLUMN usage_link_made_at;');
}
