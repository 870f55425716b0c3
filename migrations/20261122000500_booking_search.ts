import type { Knex } from 'knex';

/**
 * Staff search bookings by text at any size: the words of a booking's notes and of the notes on
 * its timeline and of its customer's name (PostgreSQL full text with the `simple` configuration:
 * no stemming, any language, matched by word prefix), the start of the customer's e-mail, and the
 * campaign, each through an index, so a search over a million bookings reads what matches.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE INDEX bookings_notes_words ON bookings
      USING gin (to_tsvector('simple'::regconfig, coalesce(notes, '') || ' ' || coalesce(details->>'notes', '')));
    CREATE INDEX bookings_campaign ON bookings (org_id, lower(utm->>'campaign'));
    CREATE INDEX booking_events_note_words ON booking_events
      USING gin (to_tsvector('simple'::regconfig, coalesce(data->>'text', ''))) WHERE type = 'note';
    -- Customers by the start of the words of their name, and by the start of their e-mail.
    CREATE INDEX contacts_name_words ON contacts USING gin (to_tsvector('simple'::regconfig, coalesce(display_name, '')));
    CREATE INDEX contacts_email_prefix ON contacts (org_id, lower(email) text_pattern_ops) WHERE email IS NOT NULL;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX IF EXISTS bookings_notes_words;
    DROP INDEX IF EXISTS bookings_campaign;
    DROP INDEX IF EXISTS booking_events_note_words;
    DROP INDEX IF EXISTS contacts_name_words;
    DROP INDEX IF EXISTS contacts_email_prefix;
  `);
}
