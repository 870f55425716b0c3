import type { Knex } from 'knex';

/**
 * Committed case events wake the live stream (LISTEN case_events) at once; the stream then reads
 * the new events from the timeline itself. The payload is only the org, so a missed notification
 * costs latency, never an event.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION case_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('case_events', NEW.org_id::text);
      RETURN NULL;
    END $$;
    CREATE TRIGGER case_events_notify AFTER INSERT ON case_events FOR EACH ROW EXECUTE FUNCTION case_events_notify();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER case_events_notify ON case_events; DROP FUNCTION case_events_notify();');
}
