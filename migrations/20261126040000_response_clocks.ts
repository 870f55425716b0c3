import type { Knex } from 'knex';

/**
 * Response clocks of the inbox (docs/inbox.md "Response times"): while a customer waits for a
 * person's answer, `response_clock` says which clock runs (`first_response` or `next_response`),
 * from `response_started_at`, with its warning and due times on the org's business calendar. The
 * timers are delayed jobs that read these columns again when they run.
 *
 * The timeline gains `response_due` (a clock started), `response_warning` and `response_breached`;
 * a unique index makes each warning and breach of one clock (its due time) recorded once, however
 * many workers race, as for the case SLA events.
 */
// As migration 20261126020000 left them (released, undeliverable).
const EVENT_TYPES = ['waiting', 'taken', 'assigned', 'replied', 'note', 'resolved', 'snoozed', 'woke', 'returned_to_bot', 'released', 'undeliverable'];
const NEW_TYPES = ['response_due', 'response_warning', 'response_breached'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('conversations', (t) => {
    t.text('response_clock');
    t.timestamp('response_started_at', { useTz: true });
    t.timestamp('response_warn_at', { useTz: true });
    t.timestamp('response_due_at', { useTz: true });
  });
  await knex.raw(`
    ALTER TABLE conversations ADD CONSTRAINT conversations_response_clock CHECK (response_clock IS NULL OR response_clock IN ('first_response', 'next_response'));
    CREATE INDEX conversations_response_due ON conversations (response_due_at) WHERE response_clock IS NOT NULL;
    CREATE INDEX conversations_snooze_ends ON conversations (snoozed_until) WHERE inbox_status = 'snoozed';
    ALTER TABLE conversation_events DROP CONSTRAINT conversation_events_type;
    ALTER TABLE conversation_events ADD CONSTRAINT conversation_events_type CHECK (type IN (${list([...EVENT_TYPES, ...NEW_TYPES])}));
    CREATE UNIQUE INDEX conversation_events_response_once ON conversation_events (conversation_id, type, (data->>'dueAt'))
      WHERE type IN ('response_warning', 'response_breached');
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX conversation_events_response_once;
    ALTER TABLE conversation_events DROP CONSTRAINT conversation_events_type;
    ALTER TABLE conversation_events ADD CONSTRAINT conversation_events_type CHECK (type IN (${list(EVENT_TYPES)}));
    DROP INDEX conversations_snooze_ends;
    DROP INDEX conversations_response_due;
    ALTER TABLE conversations DROP CONSTRAINT conversations_response_clock;
  `);
  await knex.schema.alterTable('conversations', (t) => {
    t.dropColumn('response_clock');
    t.dropColumn('response_started_at');
    t.dropColumn('response_warn_at');
    t.dropColumn('response_due_at');
  });
}
