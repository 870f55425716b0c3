import type { Knex } from 'knex';

/**
 * The lists of what arrived and could not be used (GET /api/v1/inbound-events/malformed and
 * /media-refused, docs/reliability.md): each reads a few rows of an org's newest, from partial
 * indexes that hold only those rows, so a table of millions of good messages is not scanned.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE INDEX inbound_events_malformed ON inbound_events (org_id, id DESC) WHERE event_type = 'malformed';
    CREATE INDEX messages_media_refused ON messages (org_id, created_at DESC, id DESC) WHERE (payload->>'mediaRefused') IS NOT NULL;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX messages_media_refused;
    DROP INDEX inbound_events_malformed;
  `);
}
