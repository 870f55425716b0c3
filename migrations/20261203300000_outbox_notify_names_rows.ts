import type { Knex } from 'knex';

/**
 * The outbox's commit notification says what was committed: the queue and job of each kind of row,
 * and whether it is for later (`available_at` in the future). Each process's relay and e-mail drain
 * used to wake for every commit, and the drain's two lanes looked for e-mails four times on a LINE
 * customer's message that had none: about 15 statements per customer (docs/benchmarks.md, "Where a
 * customer's processor time goes"). Now each wakes only for rows it would take (workers/outbox-wakeup.ts).
 * A payload too long for NOTIFY is sent empty, which wakes everyone as before.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      what text;
    BEGIN
      SELECT json_agg(DISTINCT jsonb_build_object('queue', queue, 'job', job_name, 'later', available_at > now()))::text
        INTO what FROM committed_rows;
      IF what IS NULL THEN RETURN NULL; END IF;
      PERFORM pg_notify('outbox_pending', CASE WHEN octet_length(what) > 7900 THEN '' ELSE what END);
      RETURN NULL;
    END $$;
    DROP TRIGGER outbox_notify ON outbox;
    CREATE TRIGGER outbox_notify AFTER INSERT ON outbox REFERENCING NEW TABLE AS committed_rows
      FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('outbox_pending', '');
      RETURN NULL;
    END $$;
    DROP TRIGGER outbox_notify ON outbox;
    CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
  `);
}
