import type { Knex } from 'knex';

/**
 * Erasing a customer (PDPA; core/contacts/contact-erasure.ts). The contact row stays, stripped of
 * personal fields and marked `erased_at`, so that its bookings and cases (numbers, amounts,
 * stages, times) still count in reports.
 *
 * The case and booking timelines stay append-only, with one narrow exception: an erasure may
 * rewrite an event's `data` (and nothing else of the row) to a redacted copy marked
 * `"redacted": true`, and only inside a transaction that announced it with
 * `set_config('opsdesk.redaction', 'erasure', true)`. No delete, no other column, no other time.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('contacts', (t) => {
    t.timestamp('erased_at', { useTz: true });
  });
  await knex.raw(`
    CREATE FUNCTION timeline_redaction_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE'
         AND current_setting('opsdesk.redaction', true) = 'erasure'
         AND (to_jsonb(NEW) - 'data') = (to_jsonb(OLD) - 'data')
         AND NEW.data ->> 'redacted' = 'true' THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'P0001';
    END $$;
    DROP TRIGGER case_events_append_only ON case_events;
    CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
      FOR EACH ROW EXECUTE FUNCTION timeline_redaction_guard();
    DROP TRIGGER booking_events_append_only ON booking_events;
    CREATE TRIGGER booking_events_append_only BEFORE UPDATE OR DELETE ON booking_events
      FOR EACH ROW EXECUTE FUNCTION timeline_redaction_guard();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TRIGGER case_events_append_only ON case_events;
    CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
      FOR EACH ROW EXECUTE FUNCTION forbid_change();
    DROP TRIGGER booking_events_append_only ON booking_events;
    CREATE TRIGGER booking_events_append_only BEFORE UPDATE OR DELETE ON booking_events
      FOR EACH ROW EXECUTE FUNCTION forbid_change();
    DROP FUNCTION timeline_redaction_guard();
  `);
  await knex.schema.alterTable('contacts', (t) => {
    t.dropColumn('erased_at');
  });
}
