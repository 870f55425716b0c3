import type { Knex } from 'knex';

/**
 * Committed outbox rows wake the relays at once (LISTEN outbox_pending) instead of waiting for
 * their next poll. One notification per inserting statement; PostgreSQL folds duplicates within a
 * transaction and delivers them at commit, so a relay never wakes for rows it cannot see yet.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('outbox_pending', '');
      RETURN NULL;
    END $$;
    CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER outbox_notify ON outbox; DROP FUNCTION outbox_notify();');
}
