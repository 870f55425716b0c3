import type { Knex } from 'knex';

/**
 * Processed platform events are pruned after the org's retention period (core/inbound/inbound-events.ts
 * `pruneProcessedEvents`): the message made from an event keeps its text and loses only the link to
 * the raw event. An index finds the processed events by when they were processed.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE messages DROP CONSTRAINT messages_inbound_event_id_foreign;
    ALTER TABLE messages ADD CONSTRAINT messages_inbound_event_id_foreign FOREIGN KEY (inbound_event_id) REFERENCES inbound_events (id) ON DELETE SET NULL;
    CREATE INDEX messages_inbound_event ON messages (inbound_event_id) WHERE inbound_event_id IS NOT NULL;
    CREATE INDEX inbound_events_processed ON inbound_events (processed_at) WHERE processed_at IS NOT NULL;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX inbound_events_processed;
    DROP INDEX messages_inbound_event;
    ALTER TABLE messages DROP CONSTRAINT messages_inbound_event_id_foreign;
    ALTER TABLE messages ADD CONSTRAINT messages_inbound_event_id_foreign FOREIGN KEY (inbound_event_id) REFERENCES inbound_events (id);
  `);
}
