import type { Knex } from 'knex';

/**
 * API keys can expire; the hash becomes an HMAC keyed with a server secret (derived from
 * APP_ENCRYPTION_KEY), so that a copy of the database alone cannot test guesses; the stored prefix
 * becomes short and fixed; the ADMIN_API_KEY key is marked, so that a new value revokes the old.
 *
 * The HMAC key is not available here, so existing rows keep their SHA-256 (`hash_version` 1) and
 * are rewritten on their first successful use (core/api-keys/api-key-service.ts); the bootstrap
 * key is rewritten at start-up. Nothing stops working.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('api_keys', (t) => {
    t.timestamp('expires_at', { useTz: true });
    t.smallint('hash_version').notNullable().defaultTo(1);
    t.boolean('is_bootstrap').notNullable().defaultTo(false);
  });
  await knex.raw(`
    UPDATE api_keys SET is_bootstrap = true WHERE name = 'bootstrap admin (ADMIN_API_KEY)';
    -- The old prefix was the first 12 characters: for a short key, most of it.
    UPDATE api_keys SET key_prefix = CASE WHEN key_prefix LIKE 'odk\\_%' THEN left(key_prefix, 8) ELSE left(key_prefix, 4) END;
    ALTER TABLE api_keys ADD CONSTRAINT api_keys_hash_version CHECK (hash_version IN (1, 2));
    ALTER TABLE api_keys ALTER COLUMN hash_version SET DEFAULT 2;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE api_keys DROP CONSTRAINT api_keys_hash_version`);
  await knex.schema.alterTable('api_keys', (t) => {
    t.dropColumn('expires_at');
    t.dropColumn('hash_version');
    t.dropColumn('is_bootstrap');
  });
}
